//===-- PageFlow.cpp - Following page values through a function ----------===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Analysis/PageFlow.h"

#include "Analysis/PageNullness.h"
#include "Analysis/StmtUtils.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ParentMap.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace gfp::flow {

namespace {

/// The site number of the pseudo-value that carries the path guards.
constexpr unsigned PathSite = ~0U;

/// What holds on the paths of \p A and on those of \p B.
Guards commonGuards(const Guards &A, const Guards &B) {
  Guards R;
  for (const Guard &G : A) {
    const auto *It =
        llvm::find_if(B, [&](const Guard &X) { return X.Var == G.Var; });
    if (It != B.end() && (G.Signs | It->Signs) != AnySign)
      R.push_back(Guard{G.Var, static_cast<uint8_t>(G.Signs | It->Signs)});
  }
  return R;
}

Fact joinFact(const Fact &A, const Fact &B) {
  Fact R;
  R.Site = std::min(A.Site, B.Site);
  R.Mixed = A.Mixed || B.Mixed || A.Site != B.Site;
  R.Partial = A.Partial || B.Partial;
  R.N = A.N == B.N ? A.N : Nullness::MaybeNull;
  // A path where the value is not NULL says nothing of its NULL paths.
  bool Path = A.Site == PathSite;
  if (!Path && A.N == Nullness::NonNull)
    R.When = B.When;
  else if (!Path && B.N == Nullness::NonNull)
    R.When = A.When;
  else
    R.When = commonGuards(A.When, B.When);
  return R;
}

/// Sets the signs of \p V in \p G, replacing what was known of it; the
/// oldest guard goes when there are too many (knowing less is safe).
void setGuard(Guards &G, const VarDecl *V, uint8_t Signs) {
  llvm::erase_if(G, [&](const Guard &X) { return X.Var == V; });
  if (Signs == AnySign)
    return;
  if (G.size() >= 4)
    G.erase(G.begin());
  G.push_back(Guard{V, Signs});
}

/// The sign of the constant \p E, if it is one.
std::optional<uint8_t> signOf(const Expr *E, const ASTContext &Ctx) {
  Expr::EvalResult R;
  if (!E || E->isValueDependent() || !E->EvaluateAsInt(R, Ctx))
    return std::nullopt;
  const llvm::APSInt &V = R.Val.getInt();
  if (V.isZero())
    return Zero;
  return V.isSigned() && V.isNegative() ? Negative : Positive;
}

/// Joins \p From into \p Into. A value tracked on one path only stays
/// tracked when it may be NULL there: that path reaches the join unchecked.
bool joinInto(State &Into, const State &From) {
  bool Changed = false;
  llvm::SmallVector<unsigned, 4> Drop;
  for (auto &[Key, F] : Into) {
    auto It = From.find(Key);
    if (It == From.end()) {
      if (F.N != Nullness::MaybeNull)
        Drop.push_back(Key);
      else if (!F.Partial) {
        F.Partial = true;
        Changed = true;
      }
      continue;
    }
    Fact J = joinFact(F, It->second);
    if (J != F) {
      F = J;
      Changed = true;
    }
  }
  for (unsigned Key : Drop)
    Into.erase(Key);
  Changed |= !Drop.empty();
  for (const auto &[Key, F] : From) {
    if (F.N != Nullness::MaybeNull || Into.count(Key))
      continue;
    Fact P = F;
    P.Partial = true;
    Into.insert({Key, P});
    Changed = true;
  }
  return Changed;
}

/// Looks through parentheses and every cast: `(void *)page` names page.
const Expr *stripCasts(const Expr *E) {
  return E ? E->IgnoreParenCasts() : nullptr;
}

} // namespace

void Analyzer::setSites(std::vector<AllocationSite> Tracked) {
  Sites = std::move(Tracked);
  for (unsigned I = 0; I < Sites.size(); ++I) {
    SiteByExpr[Sites[I].E] = I;
    SiteByExpr[Sites[I].Call] = I;
  }
}

bool Analyzer::solve() {
  Cfg = buildKernelCfg(FD, M.getASTContext());
  if (!Cfg)
    return false;
  PM = std::make_unique<ParentMap>(FD.getBody());
  countDefinitions();
  WL = std::make_unique<RpoWorklist>(*Cfg);
  In.assign(Cfg->getNumBlockIDs(), std::nullopt);
  State Entry;
  PathKey = keyId("path");
  Entry[PathKey] = Fact{Nullness::NonNull, PathSite};
  if (TrackedParam) {
    const ParmVarDecl *P = FD.getParamDecl(*TrackedParam);
    Entry[keyId(storageKeyOf(*P))] = Fact{Nullness::MaybeNull, 0};
  }
  In[Cfg->getEntry().getBlockID()] = Entry;
  WL->enqueue(&Cfg->getEntry());
  // Each value's fact only moves up the lattice or out of the state, so
  // this terminates; the cap guards against a mistake of ours.
  unsigned Budget = 64 * (Cfg->getNumBlockIDs() + 1);
  while (const CFGBlock *B = WL->dequeue()) {
    if (--Budget == 0)
      return false;
    const std::optional<State> &BlockIn = In[B->getBlockID()];
    if (!BlockIn)
      continue;
    State St = *BlockIn;
    transferBlock(*B, St, nullptr);
    propagate(*B, St, *WL);
  }
  return true;
}

void Analyzer::collectUses(std::vector<Use> &Uses) {
  std::vector<Use> All;
  for (const CFGBlock *B : WL->order()) {
    const std::optional<State> &BlockIn = In[B->getBlockID()];
    if (!BlockIn)
      continue;
    State St = *BlockIn;
    std::vector<Use> Found;
    transferBlock(*B, St, &Found);
    for (Use &U : Found) {
      U.Block = B;
      All.push_back(U);
    }
  }
  // The blocks come in one reverse post-order of several: the use shown
  // for an allocation is its first in the source, whichever that was.
  const SourceManager &SM = M.getASTContext().getSourceManager();
  auto LocOf = [&](const Use &U) {
    return U.UseExpr ? SM.getExpansionLoc(U.UseExpr->getBeginLoc())
                     : SourceLocation();
  };
  llvm::stable_sort(All, [&](const Use &A, const Use &B) {
    SourceLocation LA = LocOf(A), LB = LocOf(B);
    if (LA.isInvalid() || LB.isInvalid())
      return LA.isValid() && LB.isInvalid();
    return SM.isBeforeInTranslationUnit(LA, LB);
  });
  std::vector<bool> Reported(Sites.size() + 1, false);
  for (Use &U : All) {
    if (ReportAll || !Reported[U.Site]) {
      Reported[U.Site] = true;
      Uses.push_back(U);
    }
  }
}

void Analyzer::replay(
    llvm::function_ref<void(const Stmt &, const State &)> Visit) {
  for (const CFGBlock *B : WL->order()) {
    const std::optional<State> &BlockIn = In[B->getBlockID()];
    if (!BlockIn)
      continue;
    State St = *BlockIn;
    for (const CFGElement &E : *B)
      if (std::optional<CFGStmt> CS = E.getAs<CFGStmt>()) {
        Visit(*CS->getStmt(), St);
        transferStmt(*CS->getStmt(), St, nullptr);
      }
  }
}

const Fact *Analyzer::lookup(const Expr *E, const State &St) const {
  std::optional<unsigned> Id = knownKey(stripCasts(E));
  if (!Id)
    return nullptr;
  auto It = St.find(*Id);
  return It == St.end() ? nullptr : &It->second;
}

bool Analyzer::run(std::vector<Use> &Uses) {
  if (!solve())
    return false;
  collectUses(Uses);
  return true;
}

unsigned Analyzer::keyId(const std::string &Key) {
  auto [It, Inserted] = KeyIds.try_emplace(Key, Keys.size());
  if (Inserted)
    Keys.push_back(Key);
  return It->second;
}

std::optional<unsigned> Analyzer::knownKey(const Expr *E) const {
  std::string Key = storageKey(E);
  if (Key.empty())
    return std::nullopt;
  auto It = KeyIds.find(Key);
  if (It == KeyIds.end())
    return std::nullopt;
  return It->second;
}

std::optional<unsigned> Analyzer::siteOf(const Expr *E) const {
  auto It = SiteByExpr.find(stripCasts(E));
  if (It == SiteByExpr.end())
    return std::nullopt;
  return It->second;
}

void Analyzer::countDefinitions() {
  walkEvaluated(FD.getBody(), [&](const Stmt &St) {
    if (const auto *DS = dyn_cast<DeclStmt>(&St)) {
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D))
          if (VD->getInit())
            ++Definitions[VD];
    } else if (const auto *BO = dyn_cast<BinaryOperator>(&St)) {
      if (BO->isAssignmentOp())
        if (const auto *DRE = dyn_cast<DeclRefExpr>(stripValue(BO->getLHS())))
          if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
            ++Definitions[VD];
    } else if (const auto *UO = dyn_cast<UnaryOperator>(&St)) {
      if (UO->isIncrementDecrementOp() || UO->getOpcode() == UO_AddrOf)
        if (const auto *DRE =
                dyn_cast<DeclRefExpr>(stripValue(UO->getSubExpr())))
          if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl())) {
            Definitions[VD] += 2;
            if (UO->getOpcode() == UO_AddrOf)
              Escaped.insert(VD);
          }
    }
  });
}

void Analyzer::invalidate(State &St, unsigned Key) {
  llvm::StringRef K = Keys[Key];
  llvm::SmallVector<unsigned, 4> Drop;
  for (const auto &[Id, F] : St)
    if (Id == Key || keyMentions(Keys[Id], K))
      Drop.push_back(Id);
  for (unsigned Id : Drop)
    St.erase(Id);
}

void Analyzer::assign(State &St, const Expr *LHS, const Expr *RHS) {
  std::string Key = storageKey(LHS);
  if (Key.empty())
    return;
  unsigned Id = keyId(Key);
  std::optional<Fact> New = RHS ? factOf(St, RHS) : std::nullopt;
  invalidate(St, Id);
  if (New)
    St[Id] = *New;
}

std::optional<Fact> Analyzer::factOf(const State &St, const Expr *RHS) const {
  if (std::optional<unsigned> Site = siteOf(RHS)) {
    Fact F{Nullness::MaybeNull, *Site};
    // The allocation may fail on every path that reaches it.
    if (auto It = St.find(PathKey); It != St.end())
      F.When = It->second.When;
    return F;
  }
  if (std::optional<unsigned> From = knownKey(stripCasts(RHS))) {
    auto It = St.find(*From);
    if (It != St.end())
      return It->second;
    return std::nullopt;
  }
  // An address computed from the page (page_to_virt(page) and the like,
  // macros over pointer arithmetic in the kernel's headers) is as
  // unchecked as the page: a NULL page gives a bogus address.
  if (std::optional<unsigned> From = derivedFrom(RHS, St))
    return St.find(*From)->second;
  return std::nullopt;
}

std::optional<unsigned> Analyzer::derivedFrom(const Expr *E,
                                              const State &St) const {
  std::optional<unsigned> Found;
  bool Ok = true;
  std::function<void(const Expr *, unsigned)> Walk = [&](const Expr *X,
                                                         unsigned L) {
    if (!Ok || !X || L > 24) {
      Ok = false;
      return;
    }
    X = X->IgnoreParens();
    if (const auto *CE = dyn_cast<CastExpr>(X))
      return Walk(CE->getSubExpr(), L + 1);
    if (isa<IntegerLiteral>(X) || isa<UnaryExprOrTypeTraitExpr>(X))
      return;
    if (const auto *BO = dyn_cast<BinaryOperator>(X)) {
      if (!BO->isAdditiveOp() && !BO->isShiftOp() && !BO->isBitwiseOp() &&
          !BO->isMultiplicativeOp()) {
        Ok = false;
        return;
      }
      Walk(BO->getLHS(), L + 1);
      Walk(BO->getRHS(), L + 1);
      return;
    }
    if (const auto *Call = dyn_cast<CallExpr>(X)) {
      if (!isDeriveFunction(calleeName(*Call)) || Call->getNumArgs() != 1) {
        Ok = false;
        return;
      }
      return Walk(Call->getArg(0), L + 1);
    }
    if (isa<DeclRefExpr>(X) || isa<MemberExpr>(X)) {
      // Globals such as vmemmap or the memory map's base are operands
      // of the arithmetic too: only a tracked value (the page, or an
      // address or frame number already derived from it) counts.
      std::optional<unsigned> Id = knownKey(X);
      if (!Id || !St.count(*Id))
        return;
      if (Found && *Found != *Id)
        Ok = false;
      Found = Id;
      return;
    }
    Ok = false;
  };
  Walk(E, 0);
  if (!Ok || !Found)
    return std::nullopt;
  // A bare copy of the descriptor is an assignment, not a derivation.
  if (isPageDescriptorPointer(stripCasts(E)->getType()))
    return std::nullopt;
  return Found;
}

bool Analyzer::isDeriveFunction(llvm::StringRef Name) {
  const PageConverterInfo *C = lookupPageConverter(Name);
  return C && C->KeepsNullness;
}

void Analyzer::refineValue(State &St, const Expr *E, Nullness N) {
  std::optional<unsigned> Id = knownKey(stripCasts(E));
  if (!Id)
    return;
  auto It = St.find(*Id);
  if (It == St.end())
    return;
  unsigned Site = It->second.Site;
  for (auto &[Key, F] : St)
    if (F.Site == Site) {
      F.N = N;
      if (N == Nullness::NonNull)
        F.When.clear();
    }
}

const VarDecl *Analyzer::flagOf(const Expr *E) const {
  const auto *DRE = dyn_cast_or_null<DeclRefExpr>(stripValue(E));
  if (!DRE)
    return nullptr;
  const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
  if (!VD || !VD->hasLocalStorage() || Escaped.count(VD))
    return nullptr;
  QualType T = VD->getType();
  if (!T->isIntegralOrEnumerationType() || T.isVolatileQualified())
    return nullptr;
  return VD;
}

void Analyzer::applyGuard(State &St, const VarDecl *V, uint8_t Signs) {
  for (auto &[Key, F] : St) {
    if (F.Site != PathSite && F.N == Nullness::NonNull)
      continue;
    auto *It =
        llvm::find_if(F.When, [&](const Guard &G) { return G.Var == V; });
    uint8_t Known = It == F.When.end() ? AnySign : It->Signs;
    if (F.Site != PathSite && (Known & Signs) == 0) {
      // Every path where the value may be NULL takes the other edge.
      F.N = Nullness::NonNull;
      F.When.clear();
      continue;
    }
    // On a path the edge rules out, anything holds: keep the edge's word.
    setGuard(F.When, V, (Known & Signs) ? (Known & Signs) : Signs);
  }
}

void Analyzer::assignFlag(State &St, const VarDecl *V, const Expr *Value) {
  uint8_t Signs = signOf(Value, M.getASTContext()).value_or(AnySign);
  // `flags = -1` leaves an unsigned flag positive.
  if (Signs == Negative && V->getType()->isUnsignedIntegerOrEnumerationType())
    Signs = Positive;
  for (auto &[Key, F] : St)
    if (F.Site == PathSite || F.N != Nullness::NonNull)
      setGuard(F.When, V, Signs);
}

bool Analyzer::isNullPredicate(const FunctionDecl &Callee, unsigned I) {
  const FunctionDecl *Def = nullptr;
  if (!Callee.hasBody(Def) || !Def || I >= Def->getNumParams() ||
      !Def->getReturnType()->isIntegralOrEnumerationType())
    return false;
  auto [It, New] = Predicates.try_emplace({Def, I}, false);
  if (!New)
    return It->second;
  const ParmVarDecl *P = Def->getParamDecl(I);
  auto IsParam = [&](const Expr *E) {
    const auto *DRE = dyn_cast_or_null<DeclRefExpr>(stripValue(E));
    return DRE && DRE->getDecl() == P;
  };
  bool Tests = false;
  walkEvaluated(Def->getBody(), [&](const Stmt &X) {
    if (const auto *ICE = dyn_cast<ImplicitCastExpr>(&X))
      Tests |= ICE->getCastKind() == CK_PointerToBoolean &&
               IsParam(ICE->getSubExpr());
    else if (const auto *UO = dyn_cast<UnaryOperator>(&X))
      Tests |= UO->getOpcode() == UO_LNot && IsParam(UO->getSubExpr());
    else if (const auto *BO = dyn_cast<BinaryOperator>(&X))
      Tests |= IsParam(nullComparedOperand(*BO, M.getASTContext()));
  });
  Predicates[{Def, I}] = Tests;
  return Tests;
}

void Analyzer::applyCondition(State &St, const Expr *C, bool Value,
                              unsigned Level) {
  if (!C || Level > 8)
    return;
  C = C->IgnoreParenCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(C);
      UO && UO->getOpcode() != UO_Deref) {
    if (UO->getOpcode() == UO_LNot)
      applyCondition(St, UO->getSubExpr(), !Value, Level + 1);
    return;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(C)) {
    switch (BO->getOpcode()) {
    case BO_LAnd:
      if (Value) {
        applyCondition(St, BO->getLHS(), true, Level + 1);
        applyCondition(St, BO->getRHS(), true, Level + 1);
      }
      return;
    case BO_LOr:
      if (!Value) {
        applyCondition(St, BO->getLHS(), false, Level + 1);
        applyCondition(St, BO->getRHS(), false, Level + 1);
      }
      return;
    case BO_LT:
    case BO_GT:
    case BO_LE:
    case BO_GE: {
      // `err < 0`, `ret > 0`: a flag compared with zero.
      const VarDecl *V = flagOf(BO->getLHS());
      if (!V || signOf(BO->getRHS(), M.getASTContext()) != Zero)
        return;
      uint8_t Holds = 0;
      switch (BO->getOpcode()) {
      case BO_LT:
        Holds = Negative;
        break;
      case BO_GT:
        Holds = Positive;
        break;
      case BO_LE:
        Holds = Negative | Zero;
        break;
      default:
        Holds = Positive | Zero;
        break;
      }
      applyGuard(St, V, Value ? Holds : static_cast<uint8_t>(AnySign & ~Holds));
      return;
    }
    case BO_EQ:
    case BO_NE: {
      const Expr *Tested = nullComparedOperand(*BO, M.getASTContext());
      if (!Tested)
        return;
      bool NonNull = (BO->getOpcode() == BO_NE) == Value;
      applyCondition(St, Tested, NonNull, Level + 1);
      return;
    }
    case BO_Assign:
      // `if ((page = alloc_page(...)))` tests what was assigned.
      refineValue(St, BO->getLHS(), Value ? Nullness::NonNull : Nullness::Null);
      if (const VarDecl *V = flagOf(BO->getLHS()))
        applyGuard(St, V, Value ? NonZero : Zero);
      return;
    default:
      return;
    }
  }
  if (const auto *Call = dyn_cast<CallExpr>(C)) {
    if (Call->getBuiltinCallee() == Builtin::BI__builtin_expect &&
        Call->getNumArgs() > 0) {
      applyCondition(St, Call->getArg(0), Value, Level + 1);
      return;
    }
    // IS_ERR_OR_NULL(p) false: p is a valid pointer.
    if (calleeName(*Call) == "IS_ERR_OR_NULL" && Call->getNumArgs() == 1 &&
        !Value) {
      refineValue(St, Call->getArg(0), Nullness::NonNull);
      return;
    }
    // A predicate of the unit that tests its argument against NULL: which
    // of its answers means NULL is not worked out, so the value counts as
    // checked on both edges (silence rather than a guess).
    if (const FunctionDecl *Callee = Call->getDirectCallee())
      for (unsigned I = 0; I < Call->getNumArgs(); ++I)
        if (const Fact *F = lookup(Call->getArg(I), St);
            F && F->N != Nullness::NonNull && isNullPredicate(*Callee, I))
          refineValue(St, Call->getArg(I), Nullness::NonNull);
    return;
  }
  if (const auto *SE = dyn_cast<StmtExpr>(C)) {
    // WARN_ON(cond) and friends: the value of the statement expression.
    if (!SE->getSubStmt()->body_empty())
      if (const auto *Last = dyn_cast<Expr>(SE->getSubStmt()->body_back()))
        applyCondition(St, Last, Value, Level + 1);
    return;
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(C)) {
    if (const VarDecl *Flag = flagOf(DRE))
      applyGuard(St, Flag, Value ? NonZero : Zero);
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    std::optional<unsigned> Id = knownKey(C);
    bool Tracked = Id && St.count(*Id);
    if (VD && !Tracked && !VD->getType()->isPointerType() &&
        VD->isLocalVarDecl() && VD->getInit() && Definitions.lookup(VD) == 1) {
      // The temporary of WARN_ON(): `int __ret_warn_on = !!(cond);`.
      applyCondition(St, VD->getInit(), Value, Level + 1);
      return;
    }
  }
  if (C->getType()->isPointerType() || C->getType()->isIntegerType())
    refineValue(St, C, Value ? Nullness::NonNull : Nullness::Null);
}

void Analyzer::propagate(const CFGBlock &B, const State &Out, RpoWorklist &WL) {
  // Two-way branches only: a switch's successors are its cases.
  const Expr *Cond = nullptr;
  if (B.succ_size() == 2 && !isa_and_nonnull<SwitchStmt>(B.getTerminatorStmt()))
    Cond = dyn_cast_or_null<Expr>(B.getTerminatorCondition());
  // The block that ends `if (bounce && !bp)` branches on `!bp` alone: its
  // false edge says bp is set, which the whole condition's does not.
  if (const auto *BO = dyn_cast_or_null<BinaryOperator>(
          Cond ? Cond->IgnoreParens() : nullptr);
      BO && BO->isLogicalOp())
    if (const Expr *Last = B.getLastCondition())
      Cond = Last;
  unsigned Index = 0;
  for (const CFGBlock::AdjacentBlock &Succ : B.succs()) {
    unsigned This = Index++;
    const CFGBlock *SB = Succ.getReachableBlock();
    if (!SB)
      continue;
    State Edge = Out;
    if (Cond)
      applyCondition(Edge, Cond, This == 0, 0);
    std::optional<State> &Target = In[SB->getBlockID()];
    if (!Target) {
      Target = std::move(Edge);
      WL.enqueue(SB);
    } else if (joinInto(*Target, Edge)) {
      WL.enqueue(SB);
    }
  }
}

bool Analyzer::isAddressOnly(const Expr *E) const {
  const Stmt *P = PM->getParent(E);
  while (P) {
    if (const auto *ME = dyn_cast<MemberExpr>(P); ME && !ME->isArrow()) {
      P = PM->getParent(P);
      continue;
    }
    if (const auto *ICE = dyn_cast<ImplicitCastExpr>(P);
        ICE && ICE->getCastKind() == CK_ArrayToPointerDecay) {
      P = PM->getParent(P);
      continue;
    }
    if (isa<ParenExpr, ArraySubscriptExpr>(P)) {
      P = PM->getParent(P);
      continue;
    }
    break;
  }
  const auto *UO = dyn_cast_or_null<UnaryOperator>(P);
  return UO && UO->getOpcode() == UO_AddrOf;
}

const CallExpr *Analyzer::writesThroughMember(const MemberExpr *ME) const {
  // The address of a member, as an argument of a list function that links
  // it: `&p->lru` is never NULL-checked by the callee.
  const Stmt *P = PM->getParent(ME);
  auto Through = [](const Stmt *X) {
    if (const auto *UO = dyn_cast<UnaryOperator>(X))
      return UO->getOpcode() == UO_AddrOf;
    if (const auto *M = dyn_cast<MemberExpr>(X))
      return !M->isArrow(); // struct page's anonymous unions
    return isa<ParenExpr, ImplicitCastExpr>(X);
  };
  while (P && Through(P))
    P = PM->getParent(P);
  const auto *Call = dyn_cast_or_null<CallExpr>(P);
  if (!Call)
    return nullptr;
  llvm::StringRef Name = calleeName(*Call);
  bool Links = Name == "list_add" || Name == "list_add_tail" ||
               Name == "list_del" || Name == "list_del_init" ||
               Name == "list_move" || Name == "list_move_tail" ||
               Name == "INIT_LIST_HEAD" || Name == "hlist_add_head";
  return Links ? Call : nullptr;
}

void Analyzer::use(State &St, const Expr *Value, const Expr *UseExpr,
                   const FunctionDecl *Callee, const Expr *CalleeDeref,
                   std::vector<Use> *Out) {
  std::optional<unsigned> Id = knownKey(stripCasts(Value));
  if (!Id)
    return;
  auto It = St.find(*Id);
  if (It == St.end() || It->second.N == Nullness::NonNull)
    return;
  if (Out)
    Out->push_back(Use{UseExpr, Value, It->second.Site, Callee, CalleeDeref,
                       It->second.N == Nullness::Null, nullptr});
  // Past a use the value is taken as valid: one report per allocation.
  refineValue(St, Value, Nullness::NonNull);
}

const Expr *Analyzer::derefsArgument(const CallExpr &Call, unsigned I) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee)
    return nullptr;
  llvm::StringRef Name = calleeName(Call);
  Name.consume_front("__builtin_");
  if (!S)
    return nullptr;
  if (S->isDerefFunction(Name))
    return &Call;
  if (Depth >= 3)
    return nullptr;
  return S->unconditionalDeref(*Callee, I);
}

void Analyzer::transferStmt(const Stmt &St, State &State,
                            std::vector<Use> *Out) {
  if (const auto *BO = dyn_cast<BinaryOperator>(&St)) {
    if (BO->isAssignmentOp()) {
      const Expr *RHS = BO->getOpcode() == BO_Assign ? BO->getRHS() : nullptr;
      if (const VarDecl *V = flagOf(BO->getLHS()))
        assignFlag(State, V, RHS);
      assign(State, BO->getLHS(), RHS);
    }
    return;
  }
  if (const auto *DS = dyn_cast<DeclStmt>(&St)) {
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D)) {
        if (VD->hasLocalStorage() && !Escaped.count(VD) &&
            VD->getType()->isIntegralOrEnumerationType())
          assignFlag(State, VD, VD->getInit());
        unsigned Id = keyId(storageKeyOf(*VD));
        invalidate(State, Id);
        if (const Expr *Init = VD->getInit())
          if (std::optional<Fact> New = factOf(State, Init))
            State[Id] = *New;
      }
    return;
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(&St)) {
    if (UO->getOpcode() == UO_Deref) {
      use(State, UO->getSubExpr(), UO, nullptr, nullptr, Out);
    } else if (UO->isIncrementDecrementOp()) {
      if (const VarDecl *V = flagOf(UO->getSubExpr()))
        assignFlag(State, V, nullptr);
      assign(State, UO->getSubExpr(), nullptr);
    } else if (UO->getOpcode() == UO_AddrOf) {
      // An escaped variable may change behind our back.
      if (std::optional<unsigned> Id = knownKey(UO->getSubExpr()))
        invalidate(State, *Id);
    }
    return;
  }
  if (const auto *ME = dyn_cast<MemberExpr>(&St)) {
    if (!ME->isArrow())
      return;
    if (!isAddressOnly(ME))
      use(State, ME->getBase(), ME, nullptr, nullptr, Out);
    else if (const CallExpr *Call = writesThroughMember(ME))
      // `list_add(&page->lru, &pool)` writes into the descriptor.
      use(State, ME->getBase(), Call, Call->getDirectCallee(), nullptr, Out);
    return;
  }
  if (const auto *ASE = dyn_cast<ArraySubscriptExpr>(&St)) {
    if (ASE->getBase()->getType()->isPointerType() && !isAddressOnly(ASE))
      use(State, ASE->getBase(), ASE, nullptr, nullptr, Out);
    return;
  }
  if (const auto *Call = dyn_cast<CallExpr>(&St)) {
    for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
      // The allocation itself as the argument:
      // memset((struct hdr *)alloc_page(GFP_ATOMIC), 0, n).
      if (std::optional<unsigned> Site = siteOf(Call->getArg(I))) {
        if (const Expr *Deref = derefsArgument(*Call, I); Deref && Out)
          Out->push_back(Use{Call, Call->getArg(I), *Site,
                             Call->getDirectCallee(),
                             Deref == Call ? nullptr : Deref, false, nullptr});
        continue;
      }
      std::optional<unsigned> Id = knownKey(stripCasts(Call->getArg(I)));
      if (!Id)
        continue;
      auto It = State.find(*Id);
      if (It == State.end() || It->second.N == Nullness::NonNull)
        continue;
      if (const Expr *Deref = derefsArgument(*Call, I))
        use(State, Call->getArg(I), Call, Call->getDirectCallee(),
            Deref == Call ? nullptr : Deref, Out);
    }
  }
}

void Analyzer::transferBlock(const CFGBlock &B, State &St,
                             std::vector<Use> *Out) {
  for (const CFGElement &E : B)
    if (std::optional<CFGStmt> CS = E.getAs<CFGStmt>())
      transferStmt(*CS->getStmt(), St, Out);
}

} // namespace gfp::flow
