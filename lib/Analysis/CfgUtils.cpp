//===-- CfgUtils.cpp - CFGs built the way gfp-tidy needs them -------------===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Analysis/CfgUtils.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "llvm/ADT/PostOrderIterator.h"

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
  Position.assign(Cfg.getNumBlockIDs(), ~0U);
  for (const CFGBlock *B : llvm::ReversePostOrderTraversal<const CFG *>(&Cfg)) {
    Position[B->getBlockID()] = Order.size();
    Order.push_back(B);
  }
  Pending.resize(Order.size());
}

void RpoWorklist::enqueue(const CFGBlock *B) {
  if (!B || Position[B->getBlockID()] == ~0U)
    return;
  Pending.set(Position[B->getBlockID()]);
}

void RpoWorklist::enqueueSuccessors(const CFGBlock *B) {
  for (const CFGBlock *S : B->succs())
    enqueue(S);
}

const CFGBlock *RpoWorklist::dequeue() {
  int I = Pending.find_first();
  if (I < 0)
    return nullptr;
  Pending.reset(I);
  return Order[I];
}

} // namespace gfp
