//===-- PageNullness.cpp - Unchecked uses of atomic page allocations ------===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Analysis/PageNullness.h"

#include "Analysis/CfgUtils.h"
#include "Analysis/PageFlow.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/Stmt.h"
#include "clang/Analysis/Analyses/Dominators.h"
#include "llvm/ADT/SmallPtrSet.h"

#include <memory>
#include <optional>

using namespace clang;

namespace gfp {

PageNullnessHandler::~PageNullnessHandler() = default;

namespace {

using flow::Analyzer;

/// True when \p E's value is thrown away: a statement of its own.
bool isDiscarded(const Expr *E, const ParentMap &PM) {
  const Stmt *Child = E;
  const Stmt *P = PM.getParent(E);
  // `(void)labyrinth;` discards the result through two casts.
  while (isa_and_nonnull<ParenExpr, CastExpr>(P)) {
    Child = P;
    P = PM.getParent(P);
  }
  if (!P)
    return false;
  if (isa<CompoundStmt, LabelStmt, CaseStmt, DefaultStmt>(P))
    return true;
  if (const auto *If = dyn_cast<IfStmt>(P))
    return If->getCond() != Child;
  if (const auto *For = dyn_cast<ForStmt>(P))
    return For->getCond() != Child;
  if (const auto *While = dyn_cast<WhileStmt>(P))
    return While->getBody() == Child;
  if (const auto *Do = dyn_cast<DoStmt>(P))
    return Do->getBody() == Child;
  return false;
}

} // namespace

DerefSummaries::DerefSummaries(KernelModel &M, const PageNullnessOptions &Opts)
    : M(M), Opts(Opts) {
#define GFP_DEREF_FUNCTION(Name) Table.insert(#Name);
#include "Analysis/KernelApi.def"
  for (const std::string &N : Opts.DerefFunctions)
    Table.insert(N);
}

bool DerefSummaries::isDerefFunction(llvm::StringRef Name) const {
  return Table.contains(Name);
}

const Expr *DerefSummaries::unconditionalDeref(const FunctionDecl &FD,
                                               unsigned Param) {
  const FunctionDecl *Def = FD.getDefinition();
  if (!Def || !Def->hasBody() || Param >= Def->getNumParams() ||
      !Def->getParamDecl(Param)->getType()->isPointerType())
    return nullptr;
  auto Key = std::make_pair(Def, Param);
  auto It = Cache.find(Key);
  if (It != Cache.end())
    return It->second;
  if (!InProgress.insert(Def).second)
    return nullptr; // Recursion: assume it does not.
  Analyzer A(*Def, M, this, /*Depth=*/InProgress.size());
  A.setParameter(Param);
  std::vector<Analyzer::Use> Uses;
  const Expr *Result = nullptr;
  if (A.run(Uses) && !Uses.empty()) {
    CFGPostDomTree PDT(A.cfg());
    for (const Analyzer::Use &U : Uses)
      if (PDT.dominates(U.Block, &A.cfg()->getEntry())) {
        Result = U.CalleeDeref ? U.CalleeDeref : U.UseExpr;
        break;
      }
  }
  InProgress.erase(Def);
  Cache[Key] = Result;
  return Result;
}

void runPageNullnessAnalysis(const FunctionDecl &FD, KernelModel &M,
                             PageNullnessHandler &H, DerefSummaries &S,
                             const PageNullnessOptions &Opts) {
  if (!FD.hasBody())
    return;
  std::vector<AllocationSite> Tracked;
  for (AllocationSite &Site : M.collectAllocationSites(FD.getBody()))
    if (Site.Info.Result != AllocResult::Slab &&
        (Opts.AllAllocations || Site.Flags.Sleep == SleepKind::NoSleep ||
         !Site.Flags.NoSleepChoice.empty()))
      Tracked.push_back(std::move(Site));
  if (Tracked.empty())
    return;

  ParentMap PM(FD.getBody());
  for (const AllocationSite &Site : Tracked)
    if (isDiscarded(Site.E, PM))
      H.handleDiscardedAllocation(Site);

  Analyzer A(FD, M, &S, 0);
  A.setSites(std::move(Tracked));
  std::vector<Analyzer::Use> Uses;
  if (!A.run(Uses))
    return;
  for (const Analyzer::Use &U : Uses) {
    UncheckedUse R;
    R.Use = U.UseExpr;
    R.Value = U.Value;
    R.Alloc = &A.sites()[U.Site];
    R.Callee = U.Callee;
    R.CalleeDeref = U.CalleeDeref;
    R.DefinitelyNull = U.DefinitelyNull;
    H.handleUncheckedUse(R);
  }
}

} // namespace gfp
