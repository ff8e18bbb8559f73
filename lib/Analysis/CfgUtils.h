//===-- CfgUtils.h - CFGs built the way gfp-tidy needs them -----*- C++ -*-===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Every CFG of gfp-tidy is built with every subexpression as an element (in
// evaluation order, so that a transfer function sees each node once) and
// with implicit destructors on, so that the cleanup functions of the
// kernel's guard() appear as CFGCleanupFunction elements. The dataflow
// analyses visit blocks in reverse post-order through Clang's worklist.
//
//===----------------------------------------------------------------------===//

#ifndef GFP_TIDY_LIB_ANALYSIS_CFGUTILS_H
#define GFP_TIDY_LIB_ANALYSIS_CFGUTILS_H

#include "clang/Analysis/Analyses/PostOrderCFGView.h"
#include "clang/Analysis/CFG.h"
#include "clang/Analysis/FlowSensitive/DataflowWorklist.h"
#include "llvm/ADT/BitVector.h"

#include <memory>
#include <vector>

namespace clang {
class ASTContext;
class FunctionDecl;
} // namespace clang

namespace gfp {

/// Builds the CFG of \p FD's body, or null when it cannot be built.
std::unique_ptr<clang::CFG> buildKernelCfg(const clang::FunctionDecl &FD,
                                           clang::ASTContext &Ctx);

/// Clang's forward dataflow worklist over a CFG, with the post-order view
/// it orders the blocks by: the pending block earliest in reverse
/// post-order comes out first. Both step over pruned edges (`if (0)`, a
/// null successor), and only blocks reached from the entry are queued.
class RpoWorklist {
public:
  explicit RpoWorklist(const clang::CFG &Cfg);
  RpoWorklist(const RpoWorklist &) = delete;
  RpoWorklist &operator=(const RpoWorklist &) = delete;
  /// Queues \p B unless it is queued already (or null, or unreached).
  void enqueue(const clang::CFGBlock *B) {
    if (B && Reached.test(B->getBlockID()))
      Queue.enqueueBlock(B);
  }
  /// The next block, or null when none is pending.
  const clang::CFGBlock *dequeue() { return Queue.dequeue(); }
  /// The reached blocks, iterated in reverse post-order.
  const clang::PostOrderCFGView &order() const { return View; }

private:
  clang::PostOrderCFGView View;
  clang::ForwardDataflowWorklist Queue;
  llvm::BitVector Reached;
};

} // namespace gfp

#endif // GFP_TIDY_LIB_ANALYSIS_CFGUTILS_H
