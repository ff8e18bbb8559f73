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
// kernel's guard() appear as CFGCleanupFunction elements. A forward
// worklist visits blocks in reverse post-order.
//
//===----------------------------------------------------------------------===//

#ifndef GFP_TIDY_LIB_ANALYSIS_CFGUTILS_H
#define GFP_TIDY_LIB_ANALYSIS_CFGUTILS_H

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

/// A forward worklist over a CFG's blocks that hands out the pending block
/// earliest in reverse post-order.
class RpoWorklist {
public:
  explicit RpoWorklist(const clang::CFG &Cfg);
  /// Queues \p B unless it is queued already.
  void enqueue(const clang::CFGBlock *B);
  /// The next block, or null when none is pending.
  const clang::CFGBlock *dequeue();
  /// The blocks in reverse post-order (unreachable ones excluded).
  const std::vector<const clang::CFGBlock *> &order() const { return Order; }

private:
  std::vector<const clang::CFGBlock *> Order;
  std::vector<unsigned> Position; // block ID -> index in Order
  llvm::BitVector Pending;
};

} // namespace gfp

#endif // GFP_TIDY_LIB_ANALYSIS_CFGUTILS_H
