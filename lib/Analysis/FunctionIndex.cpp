//===-- FunctionIndex.cpp - What each function contains, cheaply ----------===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Analysis/FunctionIndex.h"

#include "Analysis/PageFree.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"

using namespace clang;

namespace gfp {

const FunctionFacts &FunctionIndex::facts(const FunctionDecl &FD) {
  auto [It, Inserted] = Cache.try_emplace(&FD);
  if (!Inserted || !FD.hasBody())
    return It->second;
  FunctionFacts F;
  std::vector<const Stmt *> Scan;
  walkEvaluated(FD.getBody(), [&](const Stmt &S) {
    if (const auto *Ref = dyn_cast<DeclRefExpr>(&S)) {
      if (isa<FunctionDecl>(Ref->getDecl()))
        Scan.push_back(&S);
      return;
    }
    if (isa<InitListExpr>(&S)) {
      Scan.push_back(&S);
      return;
    }
    if (const auto *B = dyn_cast<BinaryOperator>(&S)) {
      if (B->getOpcode() == BO_Assign)
        Scan.push_back(&S);
      return;
    }
    if (const auto *C = dyn_cast<CastExpr>(&S)) {
      if (!F.PageConversion &&
          (C->getCastKind() == CK_BitCast ||
           C->getCastKind() == CK_PointerToIntegral) &&
          isPageDescriptorPointer(C->getSubExpr()->getType()))
        F.PageConversion = true;
      return;
    }
    const auto *Call = dyn_cast<CallExpr>(&S);
    if (!Call)
      return;
    Scan.push_back(&S);
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee || !Callee->getIdentifier())
      return;
    if (!F.Free && lookupFree(Callee->getName()))
      F.Free = true;
    if (!F.Allocation && M.lookupAllocator(Callee))
      F.Allocation = true;
  });
  // The walk may have added entries (wrapper inference does not, but be
  // safe about the reference): look the slot up again.
  FunctionFacts &Slot = Cache[&FD];
  Slot = F;
  Nodes[&FD] = std::move(Scan);
  return Slot;
}

llvm::ArrayRef<const Stmt *> FunctionIndex::scanNodes(const FunctionDecl &FD) {
  facts(FD);
  auto It = Nodes.find(&FD);
  if (It == Nodes.end())
    return {};
  return It->second;
}

} // namespace gfp
