//===-- Worker.h - One translation unit, in its own process -----*- C++ -*-===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef GFP_TIDY_TOOLS_GFP_AUDIT_WORKER_H
#define GFP_TIDY_TOOLS_GFP_AUDIT_WORKER_H

#include "llvm/ADT/StringRef.h"

namespace gfp::audit {

/// Runs the gfp checks over the unit that \p RequestPath (a JSON request
/// written by the driver) names and writes the unit's audit where the
/// request says. Returns the process's exit code.
int runWorker(llvm::StringRef RequestPath);

} // namespace gfp::audit

#endif // GFP_TIDY_TOOLS_GFP_AUDIT_WORKER_H
