//===-- CfgUtils.cpp - CFGs built the way gfp-tidy needs them -------------===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Analysis/CfgUtils.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"

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

RpoWorklist::RpoWorklist(const CFG &Cfg)
    : View(&Cfg), Position(Cfg.getNumBlockIDs(), ~0U) {
  for (const CFGBlock *B : View) {
    Position[B->getBlockID()] = Order.size();
    Order.push_back(B);
  }
  Pending.resize(Order.size());
}

} // namespace gfp
