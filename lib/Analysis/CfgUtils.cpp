//===-- CfgUtils.cpp - CFGs built the way gfp-tidy needs them -------------===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Analysis/CfgUtils.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include <algorithm>

using namespace clang;

namespace gfp {

std::unique_ptr<CFG> buildKernelCfg(const FunctionDecl &FD, ASTContext &Ctx) {
  Stmt *Body = FD.getBody();
  if (!Body)
    return nullptr;
  CFG::BuildOptions Opts;
  Opts.AddImplicitDtors = true;
  Opts.AddInitializers = true;
  Opts.setAllAlwaysAdd();
  return CFG::buildCFG(&FD, Body, &Ctx, Opts);
}

RpoWorklist::RpoWorklist(const CFG &Cfg) {
  // An iterative depth-first post-order. llvm::ReversePostOrderTraversal
  // cannot be used: a pruned edge (`if (0)`) is a null successor.
  Position.assign(Cfg.getNumBlockIDs(), ~0U);
  llvm::BitVector Visited(Cfg.getNumBlockIDs());
  std::vector<std::pair<const CFGBlock *, CFGBlock::const_succ_iterator>> Stack;
  const CFGBlock *Entry = &Cfg.getEntry();
  Visited.set(Entry->getBlockID());
  Stack.emplace_back(Entry, Entry->succ_begin());
  while (!Stack.empty()) {
    auto &[B, It] = Stack.back();
    if (It == B->succ_end()) {
      Order.push_back(B);
      Stack.pop_back();
      continue;
    }
    const CFGBlock *Next = It->getReachableBlock();
    ++It;
    if (Next && !Visited.test(Next->getBlockID())) {
      Visited.set(Next->getBlockID());
      Stack.emplace_back(Next, Next->succ_begin());
    }
  }
  std::reverse(Order.begin(), Order.end());
  for (unsigned I = 0; I < Order.size(); ++I)
    Position[Order[I]->getBlockID()] = I;
  Pending.resize(Order.size());
}

void RpoWorklist::enqueue(const CFGBlock *B) {
  if (!B || Position[B->getBlockID()] == ~0U)
    return;
  Pending.set(Position[B->getBlockID()]);
}

const CFGBlock *RpoWorklist::dequeue() {
  int I = Pending.find_first();
  if (I < 0)
    return nullptr;
  Pending.reset(I);
  return Order[I];
}

} // namespace gfp
