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

/// A forward worklist over a CFG's blocks in the order of Clang's
/// post-order view: the pending block earliest in reverse post-order comes
/// out first. The view steps over pruned edges (`if (0)`, a null
/// successor), and only the blocks it reaches from the entry are queued.
/// The queue is a bit per block of that order (Clang's
/// ForwardDataflowWorklist, a priority queue comparing blocks through the
/// view's map, executes more for the same answer).
class RpoWorklist {
public:
  explicit RpoWorklist(const clang::CFG &Cfg);
  RpoWorklist(const RpoWorklist &) = delete;
  RpoWorklist &operator=(const RpoWorklist &) = delete;
  /// Queues \p B unless it is queued already (or null, or unreached).
  void enqueue(const clang::CFGBlock *B) {
    if (B && Position[B->getBlockID()] != ~0U)
      Pending.set(Position[B->getBlockID()]);
  }
  /// The next block, or null when none is pending.
  const clang::CFGBlock *dequeue() {
    int I = Pending.find_first();
    if (I < 0)
      return nullptr;
    Pending.reset(I);
    return Order[I];
  }
  /// The reached blocks, iterated in reverse post-order.
  const clang::PostOrderCFGView &order() const { return View; }

private:
  clang::PostOrderCFGView View;
  std::vector<const clang::CFGBlock *> Order;
  std::vector<unsigned> Position; // block ID -> index in Order
  llvm::BitVector Pending;
};

} // namespace gfp

#endif // GFP_TIDY_LIB_ANALYSIS_CFGUTILS_H
