//===-- LockDepth.cpp - The lock-depth dataflow
//-----------------------------===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The atomic sections held at each call of one function (spinning locks,
// RCU, preempt and irq sections, guard()s and trylocks, over all paths),
// the sleeping calls made with none held, and what a lock wrapper leaves
// held for its caller.
//
//===----------------------------------------------------------------------===//

#include "Analysis/ContextModelImpl.h"

#include "Analysis/CfgUtils.h"
#include "Analysis/FunctionIndex.h"
#include "Analysis/StmtUtils.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/CharInfo.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringMap.h"

#include <optional>
#include <set>
#include <tuple>

using namespace clang;

namespace gfp {

std::optional<int> ContextModelImpl::annotatedEffect(const FunctionDecl &FD) {
  auto Spinning = [](const Expr *E) {
    return E && isSpinningLock(E->getType());
  };
  for (const FunctionDecl *R : FD.redecls()) {
    for (const auto *A : R->specific_attrs<AcquireCapabilityAttr>())
      if (llvm::any_of(A->args(), Spinning))
        return 1;
    for (const auto *A : R->specific_attrs<ReleaseCapabilityAttr>())
      if (llvm::any_of(A->args(), Spinning))
        return -1;
    for (const LockAnnotation &A : Annotations) {
      if ((A.Macro != "__acquires" && A.Macro != "__releases") ||
          !annotates(*R, A.Loc))
        continue;
      const Type *T = annotatedLockType(*R, A.Arg);
      if (T && isSpinningLock(QualType(T, 0)))
        return A.Macro == "__acquires" ? 1 : -1;
    }
  }
  return std::nullopt;
}

std::string ContextModelImpl::writtenName(const CallExpr &Call) const {
  std::string Name = calleeName(Call).str();
  const SourceManager &SM = Ctx.getSourceManager();
  for (const MacroFrame &F :
       macroChain(Call.getBeginLoc(), SM, Ctx.getLangOpts()))
    if (Locks.count(normalizeName(F.Name)) ||
        Trylocks.count(normalizeName(F.Name)))
      Name = F.Name;
  return Name;
}

std::string ContextModelImpl::sleeperMacro(const CallExpr &Call) const {
  if (!Call.getBeginLoc().isMacroID())
    return {};
  std::string Found;
  for (const MacroFrame &F : macroChain(
           Call.getBeginLoc(), Ctx.getSourceManager(), Ctx.getLangOpts()))
    if (Sleepers.count(normalizeName(F.Name)))
      Found = F.Name;
  return Found;
}

void ContextModelImpl::enter(Depth &D, const CallExpr &Call,
                             std::string What) const {
  if (D.Min == 0) {
    D.Loc = Ctx.getSourceManager().getExpansionLoc(Call.getBeginLoc());
    D.What = std::move(What);
  }
  D.Min = std::min(D.Min + 1, MaxDepth);
  D.Max = std::min(D.Max + 1, MaxDepth);
}

std::string ContextModelImpl::lockText(const CallExpr &Call) const {
  if (Call.getNumArgs() == 0)
    return {};
  const SourceManager &SM = Ctx.getSourceManager();
  CharSourceRange R = SM.getExpansionRange(
      Call.getArg(0)->IgnoreParenImpCasts()->getSourceRange());
  return Lexer::getSourceText(R, SM, Ctx.getLangOpts()).str();
}

llvm::StringSet<> ContextModelImpl::callerLocks(const Stmt *Body) const {
  const SourceManager &SM = Ctx.getSourceManager();
  llvm::StringMap<std::pair<SourceLocation, SourceLocation>> First;
  walkEvaluated(Body, [&](const Stmt &S) {
    const auto *Call = dyn_cast<CallExpr>(&S);
    if (!Call)
      return;
    auto It = Locks.find(normalizeName(calleeName(*Call)));
    if (It == Locks.end())
      return;
    std::string Text = lockText(*Call);
    if (Text.empty())
      return;
    SourceLocation L = SM.getExpansionLoc(Call->getBeginLoc());
    auto &[Lock, Unlock] = First[Text];
    SourceLocation &Slot = It->second > 0 ? Lock : Unlock;
    if (Slot.isInvalid() || SM.isBeforeInTranslationUnit(L, Slot))
      Slot = L;
  });
  llvm::StringSet<> Out;
  for (const auto &E : First) {
    auto [Lock, Unlock] = E.second;
    if (Unlock.isValid() &&
        (Lock.isInvalid() || SM.isBeforeInTranslationUnit(Unlock, Lock)))
      Out.insert(E.first());
  }
  return Out;
}

void ContextModelImpl::leave(Depth &D, FunctionLocks *Out,
                             const CallExpr *Call) {
  // Nothing of its own held on any path, or a lock it unlocks before it
  // ever takes it: the lock left is the caller's. (`if (x) spin_lock();
  // ... if (x) spin_unlock();` holds its own on some paths, and is no
  // such function.)
  if (D.Min == 0 && (D.Max == 0 || (Call && Out &&
                                    Out->CallerLocks.count(lockText(*Call))))) {
    if (Out)
      Out->ReleasesCallerLock = true;
    D.Released = std::min(D.Released + 1, MaxDepth);
  }
  D.Min = std::max(D.Min - 1, 0);
  D.Max = std::max(D.Max - 1, 0);
}

bool ContextModelImpl::isSpinLockWrapperName(llvm::StringRef Name) const {
  if (Sleepers.count(normalizeName(Name)))
    return false;
  llvm::SmallVector<llvm::StringRef, 6> Words;
  Name.split(Words, '_', -1, /*KeepEmpty=*/false);
  bool Locking = false;
  for (llvm::StringRef W : Words) {
    if (W == "mutex" || W == "rwsem" || W == "sem" || W == "sock")
      return false;
    // Questions and set-up, not sections: rcu_read_lock_held(),
    // spin_is_locked(), lockdep_assert_held(), spin_lock_init().
    if (W == "held" || W == "is" || W == "init" || W == "assert" ||
        W == "owner" || W == "owned")
      return false;
    Locking |= W == "lock" || W == "unlock" || W == "trylock";
  }
  return Locking;
}

std::optional<int> ContextModelImpl::netEffect(const FunctionDecl *FD) {
  if (!FD)
    return 0;
  const FunctionDecl *Def = FD->getDefinition();
  if (!Def || !Def->hasBody() || Def->hasSkippedBody()) {
    if (std::optional<int> Stated = annotatedEffect(*FD))
      return Stated;
    if (FD->getIdentifier() && isSpinLockWrapperName(FD->getName()))
      return std::nullopt;
    return 0;
  }
  if (Def->isVariadic())
    return 0;
  auto Known = NetEffect.find(Def);
  if (Known != NetEffect.end())
    return Known->second;
  NetEffect[Def] = 0; // Recursion: no effect.
  // Only functions that call a lock function directly are worth a CFG.
  bool CallsLock = llvm::any_of(Index.scanNodes(*Def), [&](const Stmt *S) {
    const auto *Call = dyn_cast<CallExpr>(S);
    return Call && Locks.count(normalizeName(calleeName(*Call)));
  });
  std::optional<int> Effect = 0;
  if (CallsLock && NetDepthLevel < 2) {
    ++NetDepthLevel;
    FunctionLocks &L = locksOf(*Def);
    --NetDepthLevel;
    // The sections entered on every path; netif_tx_lock_bh() enters at
    // least its local_bh_disable(), whatever netif_tx_lock() (in another
    // file) does.
    if (L.Exit && L.Exit->Min > 0) {
      Effect = L.Exit->Min;
    } else if (L.Exit && L.Exit->Max == 0 && L.ReleasesCallerLock) {
      // As many of the caller's sections as it leaves: spin_unlock_bh()
      // ends the lock and the bottom halves off; `spin_unlock();
      // local_irq_restore();` ends both halves of a spin_lock_irqsave().
      Effect = -std::max(L.Exit->Released, 1);
    }
  }
  NetEffect[Def] = Effect;
  return Effect;
}

void ContextModelImpl::transfer(const CFGElement &E, Depth &D,
                                FunctionLocks *Out) {
  if (std::optional<CFGCleanupFunction> CF = E.getAs<CFGCleanupFunction>()) {
    if (const FunctionDecl *Fn = CF->getFunctionDecl())
      if (Fn->getIdentifier() && !guardOf(Fn->getName(), "_destructor").empty())
        leave(D, Out);
    return;
  }
  std::optional<CFGStmt> CS = E.getAs<CFGStmt>();
  if (!CS)
    return;
  const Stmt *S = CS->getStmt();
  if (isa<StmtExpr>(S) && Out)
    Out->At[S] = D;
  const auto *Call = dyn_cast<CallExpr>(S);
  if (!Call)
    return;
  if (Out)
    Out->At[Call] = D;
  llvm::StringRef Name = calleeName(*Call);
  if (Name.empty())
    return;
  llvm::StringRef Norm = normalizeName(Name);
  if (llvm::StringRef G = guardOf(Name, "_constructor"); !G.empty()) {
    enter(D, *Call, ("guard(" + G + ")").str());
    return;
  }
  auto It = Locks.find(Norm);
  if (It != Locks.end()) {
    for (int I = 0; I < It->second; ++I)
      enter(D, *Call, writtenName(*Call));
    for (int I = 0; I > It->second; --I)
      leave(D, Out, Call);
    return;
  }
  // A wrapper of the driver or the kernel: netif_addr_lock_bh(). When
  // its effect cannot be known, both ends of the depth become unknown.
  std::optional<int> Net = netEffect(Call->getDirectCallee());
  if (!Net) {
    // A lock wrapper may enter a section. One that unlocks may leave one,
    // the caller's when the function holds none of its own
    // (netif_tx_unlock_bh(): netif_tx_unlock() from another file, then
    // local_bh_enable()): it undoes what its lock wrapper entered.
    if (Name.contains("unlock")) {
      if (D.Max == 0) {
        if (Out)
          Out->ReleasesCallerLock = true;
        D.Released = std::min(D.Released + 1, MaxDepth);
      }
      D.Min = std::max(D.Min - 1, 0);
      return;
    }
    D.Max = std::min(D.Max + 1, MaxDepth);
    return;
  }
  if (*Net) {
    for (int I = 0; I < std::min(*Net, 2); ++I)
      enter(D, *Call, Name.str());
    for (int I = 0; I > std::max(*Net, -2); --I)
      leave(D, Out);
    return;
  }
  if (!Out || D.Max != 0)
    return;
  std::string Sleeps;
  if (Sleepers.count(Norm)) {
    Sleeps = Name.str();
  } else if (std::string Macro = sleeperMacro(*Call); !Macro.empty()) {
    // might_sleep() and friends are macros in the kernel's headers; what
    // is left of them depends on the configuration (__might_sleep(),
    // __cond_resched(), a static call).
    Sleeps = std::move(Macro);
  } else if (M.lookupAllocator(Call->getDirectCallee())) {
    // An allocation that may sleep, made with nothing held, is evidence
    // too.
    std::optional<AllocationSite> A = M.getAllocation(Call);
    if (A && A->Flags.Sleep == SleepKind::MaySleep)
      Sleeps = A->describe();
  }
  if (Sleeps.empty())
    return;
  if (!Out->Sleeper) {
    Out->Sleeper = Call;
    Out->SleeperName = Sleeps;
  }
  Out->Sleepers.emplace_back(Call, std::move(Sleeps));
}

/// \p C without the `!`s and `__builtin_expect()`s (likely(), unlikely())
/// around what it tests, each `!` flipping \p SuccessOnTrue.
static const Expr *testedValue(const Expr *C, bool &SuccessOnTrue) {
  SuccessOnTrue = true;
  for (unsigned Guard = 0; C && Guard < 8; ++Guard) {
    C = C->IgnoreParenCasts();
    if (const auto *UO = dyn_cast<UnaryOperator>(C);
        UO && UO->getOpcode() == UO_LNot) {
      SuccessOnTrue = !SuccessOnTrue;
      C = UO->getSubExpr();
      continue;
    }
    const auto *Call = dyn_cast<CallExpr>(C);
    if (!Call || Call->getBuiltinCallee() != Builtin::BI__builtin_expect ||
        Call->getNumArgs() == 0)
      return C;
    C = Call->getArg(0);
  }
  return nullptr;
}

const CallExpr *ContextModelImpl::trylockOf(const Expr *C,
                                            bool &SuccessOnTrue) const {
  const auto *Call = dyn_cast_or_null<CallExpr>(testedValue(C, SuccessOnTrue));
  return Call && Trylocks.count(normalizeName(calleeName(*Call))) ? Call
                                                                  : nullptr;
}

int ContextModelImpl::trylockBump(const CallExpr &Try) {
  if (Locks.count(normalizeName(calleeName(Try))))
    return 0;
  return netEffect(Try.getDirectCallee()) ? 0 : 1;
}

std::optional<MacroFrame>
ContextModelImpl::joinedTrylockOf(const Expr *C, bool &SuccessOnTrue,
                                  const CallExpr *&Inner) const {
  Inner = nullptr;
  C = testedValue(C, SuccessOnTrue);
  if (!C || !isa<StmtExpr>(C) || !C->getBeginLoc().isMacroID())
    return std::nullopt;
  const SourceManager &SM = Ctx.getSourceManager();
  // The whole expression comes from one expansion, of a trylock macro.
  if (SM.getExpansionLoc(C->getEndLoc()) !=
      SM.getExpansionLoc(C->getBeginLoc()))
    return std::nullopt;
  std::optional<MacroFrame> Found;
  for (MacroFrame &F : macroChain(C->getBeginLoc(), SM, Ctx.getLangOpts())) {
    llvm::StringRef Name = normalizeName(F.Name);
    if ((Name.ends_with("_irqsave") || Name.ends_with("_irq")) &&
        Trylocks.count(Name))
      Found = std::move(F); // The outermost.
  }
  if (Found)
    walkEvaluated(C, [&](const Stmt &S) {
      if (const auto *Call = dyn_cast<CallExpr>(&S);
          Call && !Inner && Trylocks.count(normalizeName(calleeName(*Call))))
        Inner = Call;
    });
  return Found;
}

ContextModelImpl::TrylockBranch
ContextModelImpl::trylockBranch(const CFGBlock &B) {
  TrylockBranch T;
  if (B.succ_size() != 2)
    return T;
  const auto *Cond = dyn_cast_or_null<Expr>(B.getTerminatorCondition());
  if (!Cond)
    return T;
  T.Try = trylockOf(Cond, T.SuccessOnTrue);
  const CallExpr *Inner = T.Try;
  if (!T.Try)
    T.Joined = joinedTrylockOf(Cond, T.SuccessOnTrue, Inner);
  T.Bump = Inner ? trylockBump(*Inner) : 0;
  return T;
}

void ContextModelImpl::takeEdge(Depth &Edge, const TrylockBranch &T,
                                bool IsTrue) const {
  bool Success = IsTrue == T.SuccessOnTrue;
  if (T.Try && Success) {
    // spin_trylock_irq() and spin_trylock_bh(): as their locks.
    llvm::StringRef N = normalizeName(calleeName(*T.Try));
    int Sections =
        N.ends_with("_irq") || N.ends_with("_irqsave") || N.ends_with("_bh")
            ? 2
            : 1;
    for (int I = 0; I < Sections; ++I)
      enter(Edge, *T.Try, writtenName(*T.Try));
  } else if (T.Try) {
    Edge.Max = std::max(Edge.Min, Edge.Max - T.Bump);
  } else if (T.Joined) {
    // The join holds the success path's two sections in Max only: the
    // success edge holds them on every path, the failure edge on none.
    // Never above what some path holds: a build whose macro enters fewer
    // sections (PREEMPT_RT has no irq section) joins lower.
    constexpr int Sections = 2;
    if (Success) {
      if (Edge.Min == 0) {
        Edge.Loc = T.Joined->ExpansionLoc;
        Edge.What = T.Joined->Name;
      }
      Edge.Min = std::min({Edge.Min + Sections, Edge.Max, MaxDepth});
    } else {
      Edge.Max = std::max(Edge.Min, Edge.Max - Sections - T.Bump);
    }
  }
}

FunctionLocks &ContextModelImpl::locksOf(const FunctionDecl &FD) {
  const FunctionDecl *Def = FD.getDefinition();
  std::unique_ptr<FunctionLocks> &Entry = LockCache[canon(&FD)];
  if (Entry)
    return *Entry;
  Entry = std::make_unique<FunctionLocks>();
  // The transfer function reads the lock wrappers this function calls
  // (netEffect), which adds their entries to LockCache and may grow it:
  // keep the result, not the slot, which a rehash moves.
  FunctionLocks &Result = *Entry;
  if (!Def || !Def->hasBody())
    return Result;
  std::unique_ptr<CFG> Cfg = buildKernelCfg(*Def, Ctx);
  if (!Cfg)
    return Result;
  Result.CallerLocks = callerLocks(Def->getBody());
  RpoWorklist WL(*Cfg);
  std::vector<std::optional<Depth>> In(Cfg->getNumBlockIDs());
  In[Cfg->getEntry().getBlockID()] = Depth();
  WL.enqueue(&Cfg->getEntry());
  unsigned Budget = 64 * (Cfg->getNumBlockIDs() + 1);
  while (const CFGBlock *B = WL.dequeue()) {
    if (--Budget == 0)
      return Result; // No answer rather than a wrong one.
    const std::optional<Depth> &Here = In[B->getBlockID()];
    if (!Here)
      continue;
    Depth D = *Here;
    for (const CFGElement &E : *B)
      transfer(E, D, nullptr);
    TrylockBranch T = trylockBranch(*B);
    unsigned Index = 0;
    for (const CFGBlock::AdjacentBlock &Succ : B->succs()) {
      bool IsTrue = Index++ == 0;
      const CFGBlock *SB = Succ.getReachableBlock();
      if (!SB)
        continue;
      Depth Edge = D;
      takeEdge(Edge, T, IsTrue);
      std::optional<Depth> &Target = In[SB->getBlockID()];
      Depth New = Target ? join(*Target, Edge, Ctx.getSourceManager()) : Edge;
      if (!Target || !(New == *Target)) {
        Target = New;
        WL.enqueue(SB);
      }
    }
  }
  for (const CFGBlock *B : WL.order()) {
    const std::optional<Depth> &Here = In[B->getBlockID()];
    if (!Here)
      continue;
    Depth D = *Here;
    for (const CFGElement &E : *B)
      transfer(E, D, &Result);
  }
  // `might_sleep_if(gfpflags_allow_blocking(gfp))`, `if (atomic)
  // udelay(10); else usleep_range(10, 20);`: a sleep the code chooses at
  // run time by how it was called says nothing of its context.
  if (!Result.Sleepers.empty()) {
    llvm::SmallVector<const CFGBlock *, 4> Branches =
        contextBranches(*Cfg, *Def, true);
    llvm::erase_if(Result.Sleepers, [&](auto &S) {
      if (!chosenAtRunTime(*Cfg, Branches, S.first))
        return false;
      Result.Chosen.push_back(S);
      return true;
    });
  }
  // The blocks come in one reverse post-order of several; the sleepers
  // kept are the first 16 in the order of the source, whichever that was
  // (two in one macro expansion by where they are spelled).
  const SourceManager &SM = Ctx.getSourceManager();
  llvm::stable_sort(Result.Sleepers, [&](const auto &A, const auto &B) {
    SourceLocation LA = A.first->getBeginLoc(), LB = B.first->getBeginLoc();
    SourceLocation EA = SM.getExpansionLoc(LA), EB = SM.getExpansionLoc(LB);
    if (EA != EB)
      return SM.isBeforeInTranslationUnit(EA, EB);
    return SM.isBeforeInTranslationUnit(SM.getSpellingLoc(LA),
                                        SM.getSpellingLoc(LB));
  });
  if (Result.Sleepers.size() > 16)
    Result.Sleepers.resize(16);
  Result.Sleeper = nullptr;
  Result.SleeperName.clear();
  if (!Result.Sleepers.empty()) {
    Result.Sleeper = Result.Sleepers.front().first;
    Result.SleeperName = Result.Sleepers.front().second;
  }
  Result.Exit = In[Cfg->getExit().getBlockID()];
  return Result;
}

} // namespace gfp
