//===-- CompileFlags.h - Commands from a gcc build, made clang's -*- C++
//-*-===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef GFP_TIDY_TOOLS_GFP_AUDIT_COMPILEFLAGS_H
#define GFP_TIDY_TOOLS_GFP_AUDIT_COMPILEFLAGS_H

#include "llvm/ADT/ArrayRef.h"

#include <map>
#include <string>
#include <vector>

namespace gfp::audit {

/// Removes from \p Args (a compile command, the compiler first) the flags
/// clang's driver does not know, and the gcc-only ones it would reject
/// (`-mrecord-mcount` on x86, gcc plugins), as clangd does with the
/// commands of a gcc build. Each flag dropped is counted in \p Dropped.
std::vector<std::string>
dropUnknownFlags(llvm::ArrayRef<std::string> Args,
                 std::map<std::string, unsigned> &Dropped);

} // namespace gfp::audit

#endif // GFP_TIDY_TOOLS_GFP_AUDIT_COMPILEFLAGS_H
