//===-- GfpTidyForceLinker.h - Keeps the gfp module linked in ---*- C++ -*-===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The gfp module registers itself from a static initialiser in
// GfpTidyModule.cpp, which nothing else references: a program or plugin
// linking lib/Checks from a static archive would drop that object file, and
// the checks with it. Including this header in one source file of each
// front end (the clang-tidy plugin, the compiler plugin, gfp-audit,
// gfp-clangd, the fuzzer) keeps it, as clang-tidy's ClangTidyForceLinker.h
// does for its own modules.
//
//===----------------------------------------------------------------------===//

#ifndef GFP_TIDY_LIB_CHECKS_GFPTIDYFORCELINKER_H
#define GFP_TIDY_LIB_CHECKS_GFPTIDYFORCELINKER_H

namespace clang::tidy {
// NOLINTBEGIN(readability-identifier-naming,cppcoreguidelines-avoid-non-const-global-variables)
extern volatile int GfpTidyModuleAnchorSource;
[[maybe_unused]] static int GfpTidyModuleAnchorDestination =
    GfpTidyModuleAnchorSource;
// NOLINTEND(readability-identifier-naming,cppcoreguidelines-avoid-non-const-global-variables)
} // namespace clang::tidy

#endif // GFP_TIDY_LIB_CHECKS_GFPTIDYFORCELINKER_H
