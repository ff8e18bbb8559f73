//===-- TreeContext.h - gfp-audit's whole-tree context ----------*- C++ -*-===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// What the driver does with the facts its workers write: it solves them
// after the last unit (or `merge` after the last shard) and turns the
// conditional findings the tree decides into findings with their witness;
// with --context-db it reuses the results of the units whose inputs did not
// change and keeps the facts and contexts for the next run, the plugin and
// gfp-clangd.
//
//===----------------------------------------------------------------------===//

#ifndef GFP_TIDY_TOOLS_GFP_AUDIT_TREECONTEXT_H
#define GFP_TIDY_TOOLS_GFP_AUDIT_TREECONTEXT_H

#include "Analysis/ContextDatabase.h"
#include "Analysis/ContextSolver.h"
#include "Report/Audit.h"

#include <map>
#include <string>
#include <vector>

namespace gfp::audit {

/// Moves the conditional findings of \p A that \p Solved decides into its
/// findings, with the witness as notes; the others are dropped. Returns
/// how many became findings.
unsigned resolveConditional(report::Audit &A,
                            const tree::ContextSolver &Solved);

/// A digest of what decides a unit's results besides its files: the
/// command, the checks, their options, and this build's analyses.
std::string commandDigest(llvm::StringRef Directory, llvm::StringRef File,
                          llvm::ArrayRef<std::string> Arguments,
                          llvm::StringRef Checks, llvm::StringRef Options);

/// Tells whether the files a stored unit read are unchanged: same size and
/// time, or the same contents. Each file is looked at once per run.
class InputChecker {
public:
  /// \p InputsJSON: [[path, size, mtime, hash], ...].
  bool unchanged(llvm::StringRef InputsJSON);

private:
  bool same(const std::string &Path, int64_t Size, int64_t Time,
            llvm::StringRef Hash);
  std::map<std::string, bool> Known;
};

} // namespace gfp::audit

#endif // GFP_TIDY_TOOLS_GFP_AUDIT_TREECONTEXT_H
