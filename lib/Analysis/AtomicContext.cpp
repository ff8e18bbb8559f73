//===-- AtomicContext.cpp - May the code sleep here? ----------------------===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Analysis/AtomicContext.h"
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

#include <functional>
#include <optional>
#include <set>
#include <tuple>

using namespace clang;

namespace gfp {

AtomicContextHandler::~AtomicContextHandler() = default;

ContextModelImpl::ContextModelImpl(KernelModel &M, FunctionIndex &Index,
                                   const AtomicContextOptions &Opts)
    : M(M), Index(Index), Opts(Opts), Ctx(M.getASTContext()) {
#define GFP_LOCK(Name, Delta) Locks[#Name] = Delta;
#define GFP_TRYLOCK(Name) Trylocks.insert(#Name);
#define GFP_GUARD(Name) Guards.insert(#Name);
#define GFP_SLEEPER(Name) Sleepers.insert(#Name);
#define GFP_CONTEXT_QUERY(Name) ContextQueries.insert(#Name);
#define GFP_ROLE_CALL(Name, Arg, Role, What)                                   \
  RoleCalls[#Name].push_back(                                                  \
      {Arg, ContextKind::Role, {tree::RoleSource::Kind::Call, #Name, #Arg}});
#define GFP_ROLE_CALL_FIELD(Name, Arg, Field, Role, What)                      \
  RoleCallFields[#Name].push_back(                                             \
      {Arg,                                                                    \
       #Field,                                                                 \
       ContextKind::Role,                                                      \
       {tree::RoleSource::Kind::Call, #Name, #Arg}});
#define GFP_ROLE_FIELD(Struct, Field, Role)                                    \
  RoleFields.push_back({#Struct, #Field, ContextKind::Role});
#include "Analysis/KernelApi.def"
  for (const std::string &N : Opts.LockFunctions)
    Locks[N] = 1;
  for (const std::string &N : Opts.UnlockFunctions)
    Locks[N] = -1;
  for (const std::string &N : Opts.SleepFunctions)
    Sleepers.insert(N);
  auto AddCallbacks = [&](const std::vector<std::string> &List, ContextKind K) {
    for (llvm::StringRef Spec : List) {
      auto [Name, ArgText] = Spec.split(':');
      unsigned Arg = 0;
      if (Name.empty() || ArgText.getAsInteger(10, Arg))
        continue;
      RoleCalls[Name].push_back(
          {Arg,
           K,
           {tree::RoleSource::Kind::Call, Name.str(), std::to_string(Arg)}});
    }
  };
  AddCallbacks(Opts.AtomicCallbacks, ContextKind::Atomic);
  AddCallbacks(Opts.SleepableCallbacks, ContextKind::Sleepable);
}

bool ContextModelImpl::sleepsOnlyByAllocating(const FunctionDecl &FD) {
  std::vector<Evidence> Why;
  if (functionContext(FD, &Why) != ContextKind::Sleepable || Why.size() != 1 ||
      Why.front().K != Evidence::Kind::Sleeps)
    return false;
  const FunctionLocks &L = locksOf(FD);
  return !L.Sleepers.empty() && llvm::all_of(L.Sleepers, [&](const auto &S) {
    return M.lookupAllocator(S.first->getDirectCallee()) != nullptr;
  });
}

uint32_t ContextModelImpl::zeroArguments(const CallExpr &Call) const {
  uint32_t Mask = 0;
  for (unsigned I = 0; I < Call.getNumArgs() && I < 32; ++I)
    if (Call.getArg(I)->isNullPointerConstant(
            Ctx, Expr::NPC_ValueDependentIsNotNull) != Expr::NPCK_NotNull)
      Mask |= 1U << I;
  return Mask;
}

bool ContextModelImpl::onlyZeroGuardedCallers(const FunctionDecl &FD,
                                              const AllocationSite &A) {
  const FunctionDecl *Def = FD.getDefinition();
  const FunctionDecl *Key = canon(&FD);
  if (!Def || Roles.count(Key))
    return false;
  auto It = Callers.find(Key);
  if (It == Callers.end() || It->second.empty())
    return false;
  uint32_t Guards = parameterGuards(*Def, A.Call);
  if (!Guards)
    return false;
  return llvm::all_of(It->second, [&](const CallSite &CS) {
    return (zeroArguments(*CS.Call) & Guards) != 0;
  });
}

bool ContextModelImpl::calledInAtomicContext(const FunctionDecl *FD) {
  auto It = Callers.find(FD);
  if (It == Callers.end())
    return false;
  const std::vector<CallSite> Sites = It->second;
  for (const CallSite &CS : Sites) {
    const Depth *D = depthAt(*CS.Caller, CS.Call);
    if (D && D->Min > 0)
      return true;
    if (D && D->Max == 0 && !locksOf(*CS.Caller).ReleasesCallerLock &&
        functionContext(*CS.Caller, nullptr) == ContextKind::Atomic)
      return true;
  }
  return false;
}

ContextKind ContextModelImpl::functionContext(const FunctionDecl &FDIn,
                                              std::vector<Evidence> *Why) {
  const FunctionDecl *FD = canon(&FDIn);
  auto Found = ContextCache.find(FD);
  if (Found != ContextCache.end()) {
    if (Why)
      *Why = Found->second.Why;
    return Found->second.K;
  }
  if (!InProgress.insert(FD).second)
    return ContextKind::Unknown; // A cycle of calls: no answer.
  scan();
  Cached Result;
  const FunctionDecl *Def = FD->getDefinition();
  // A role decides; then the callers of a static function (a helper that
  // sleeps but is called under a lock is atomic: the sleep is the bug);
  // then the function's own sleeping calls.
  auto Role = Roles.find(FD);
  if (Role != Roles.end()) {
    Result = Role->second;
    if (Result.K == ContextKind::Unknown)
      Result.Why.clear();
    // A sleepable role does not make the function sleepable when the unit
    // also calls it in atomic context (starfire's ndo_tx_timeout, atomic,
    // calls its ndo_open routine): then nothing is proven.
    if (Result.K == ContextKind::Sleepable && calledInAtomicContext(FD)) {
      Result.K = ContextKind::Unknown;
      Result.Why.clear();
    }
  } else if (Def && !Def->isExternallyVisible() && !Escaped.count(FD) &&
             Callers.count(FD)) {
    const std::vector<CallSite> Sites = Callers.find(FD)->second;
    std::optional<ContextKind> Joined;
    std::vector<Evidence> Inner;
    std::vector<Evidence> Calls;
    for (const CallSite &CS : Sites) {
      ContextKind K = ContextKind::Unknown;
      const Depth *D = depthAt(*CS.Caller, CS.Call);
      std::vector<Evidence> Sub;
      if (D && D->Min > 0) {
        K = ContextKind::Atomic;
        Sub.push_back(
            Evidence{Evidence::Kind::Section, D->Loc, D->What, CS.Caller});
      } else if (D && D->Max == 0) {
        K = functionContext(*CS.Caller, &Sub);
        // A caller that drops the lock it was called with
        // (`spin_unlock_irq(&l); helper(); spin_lock_irq(&l);`) does not
        // pass its atomic entry on.
        if (K == ContextKind::Atomic && locksOf(*CS.Caller).ReleasesCallerLock)
          K = ContextKind::Unknown;
      }
      if (!Joined)
        Joined = K;
      else if (*Joined != K)
        Joined = ContextKind::Unknown;
      if (*Joined == ContextKind::Unknown)
        break;
      if (Inner.empty())
        Inner = std::move(Sub);
      Calls.push_back(Evidence{
          Evidence::Kind::Caller,
          Ctx.getSourceManager().getExpansionLoc(CS.Call->getBeginLoc()), "",
          FD});
    }
    if (Joined && *Joined != ContextKind::Unknown) {
      Result.K = *Joined;
      Result.Why = std::move(Inner);
      Result.Why.insert(Result.Why.end(), Calls.begin(), Calls.end());
    }
  }
  if (Result.K == ContextKind::Unknown && Def && locksOf(*Def).Sleeper &&
      (Role == Roles.end())) {
    FunctionLocks &L = locksOf(*Def);
    Result.K = ContextKind::Sleepable;
    Result.Why.clear();
    Result.Why.push_back(Evidence{
        Evidence::Kind::Sleeps,
        Ctx.getSourceManager().getExpansionLoc(L.Sleeper->getBeginLoc()),
        L.SleeperName, Def});
  }
  InProgress.erase(FD);
  ContextCache[FD] = Result;
  if (Why)
    *Why = Result.Why;
  return Result.K;
}

void ContextModelImpl::analyseFunction(const FunctionDecl &FD,
                                       AtomicContextHandler &H) {
  if (!FD.hasBody())
    return;
  std::vector<AllocationSite> Sites = M.collectAllocationSites(FD.getBody());
  for (const AllocationSite &A : Sites) {
    // A wrapper of this unit that fixes its own flags is judged inside, in
    // the join of its callers' contexts: one finding, not one per call.
    if (A.Info.Wrapper && A.Info.FixedGfp)
      continue;
    bool MaySleep = A.Flags.Sleep == SleepKind::MaySleep;
    bool NoSleep = A.Flags.Sleep == SleepKind::NoSleep;
    if (!MaySleep && !NoSleep)
      continue;
    if (A.Info.Forwards && !forwardsPlainly(A, NoSleep))
      continue;
    const Depth *D = depthAt(FD, A.Call);
    if (!D)
      continue;
    if (MaySleep) {
      if (D->Min > 0) {
        Evidence E{Evidence::Kind::Section, D->Loc, D->What, &FD};
        H.handleSleepingAllocInAtomic(A, E);
        continue;
      }
      // A function that releases its caller's lock (mm/hugetlb.c's
      // allocate_file_region_entries) may allocate in between.
      if (locksOf(FD).ReleasesCallerLock)
        continue;
      // `if (!p && gfpflags_allow_blocking(gfp)) p = vmalloc(n);`: the
      // code asks where it runs before it sleeps; its callers' context
      // is no proof against that.
      if (askedAtRunTime(FD, A))
        continue;
      std::vector<Evidence> Why;
      ContextKind K = functionContext(FD, &Why);
      if (K == ContextKind::Atomic && onlyZeroGuardedCallers(FD, A))
        continue;
      if (K == ContextKind::Atomic)
        H.handleSleepingAllocInAtomic(A, Why);
      else if (D->Max == 0 &&
               (K == ContextKind::Unknown || sleepsOnlyByAllocating(FD)))
        H.handleSleepingAllocUndecided(A, FD);
      continue;
    }
    if (D->Max != 0)
      continue;
    // The kernel's own helpers that fix GFP_ATOMIC (netdev_alloc_skb() in
    // include/linux/skbuff.h) are meant for atomic callers; a line in
    // include/ is no place for the advice, and is nobody's to change.
    if (inKernelInclude(FD))
      continue;
    std::vector<Evidence> Why;
    ContextKind K = functionContext(FD, &Why);
    const FunctionLocks &L = locksOf(FD);
    std::optional<FailureView> View;
    auto ViewOf = [&]() -> const FailureView & {
      if (!View)
        View = failureView(FD, A);
      return *View;
    };
    // `p = kmalloc(n, GFP_ATOMIC); if (!p) p = kmalloc(n, GFP_KERNEL);`:
    // the code knows it may sleep and tries the reserves first on purpose
    // (habanalabs' latency-sensitive submission path).
    if (K == ContextKind::Atomic ||
        (mayFallBack(L, A) && hasSleepingFallback(ViewOf(), A)))
      continue;
    // "This is called from interrupt handler." (roccat_report_event(), whose
    // mutex_lock() after the allocation is the bug, not its GFP_ATOMIC): the
    // author's word against the body's, silence.
    if (documentsAtomicContext(FD))
      continue;
    if (K == ContextKind::Unknown && !L.Chosen.empty())
      if (const auto *S = dominatingChosenSleeper(ViewOf(), L, A)) {
        // `if (slow) return ...; msleep(2); p = kmalloc(n, GFP_ATOMIC);`:
        // the code chose to sleep on every path to the allocation.
        H.handleAtomicAllocInSleepable(
            A, FD,
            {Evidence{
                Evidence::Kind::Sleeps,
                Ctx.getSourceManager().getExpansionLoc(S->first->getBeginLoc()),
                S->second, FD.getDefinition()}});
        continue;
      }
    if (K == ContextKind::Unknown)
      H.handleAtomicAllocUndecided(A, FD);
    if (K != ContextKind::Sleepable)
      continue;
    // Evidence from the function's own body must lie on a path to the
    // allocation: a GFP_KERNEL call in another switch arm, or in the other
    // branch of a `nofail` flag, proves nothing about this one.
    if (!Why.empty() && Why.front().K == Evidence::Kind::Sleeps &&
        Why.front().Function == FD.getDefinition()) {
      const std::pair<const CallExpr *, std::string> *Reaching =
          reachingSleeper(ViewOf(), L, A);
      if (!Reaching)
        continue;
      Why.front().Loc = Ctx.getSourceManager().getExpansionLoc(
          Reaching->first->getBeginLoc());
      Why.front().What = Reaching->second;
    }
    H.handleAtomicAllocInSleepable(A, FD, Why);
  }
}

ContextModelImpl::FailureView
ContextModelImpl::failureView(const FunctionDecl &FD, const AllocationSite &A) {
  FailureView V;
  const FunctionDecl *Def = FD.getDefinition();
  if (!Def || !Def->hasBody())
    return V;
  V.Cfg = buildKernelCfg(*Def, Ctx);
  if (V.Cfg)
    V.Pruned = failureEdges(*V.Cfg, A);
  return V;
}

const std::pair<const CallExpr *, std::string> *
ContextModelImpl::reachingSleeper(const FailureView &V, const FunctionLocks &L,
                                  const AllocationSite &A) {
  if (!V.Cfg || L.Sleepers.empty())
    return nullptr;
  // Before the allocation on some path, or after it: either way the two
  // lie on one path, with nothing held between them. A sleeper the
  // function reaches only through the allocation's failure branch does
  // not count, even when that branch loops back to the allocation.
  for (const auto &S : L.Sleepers)
    if (reaches(*V.Cfg, nullptr, S.first, V.Pruned) &&
        (reaches(*V.Cfg, S.first, A.Call, V.Pruned) ||
         reaches(*V.Cfg, A.Call, S.first, V.Pruned)))
      return &S;
  return nullptr;
}

const std::pair<const CallExpr *, std::string> *
ContextModelImpl::dominatingChosenSleeper(const FailureView &V,
                                          const FunctionLocks &L,
                                          const AllocationSite &A) {
  if (!V.Cfg || !reaches(*V.Cfg, nullptr, A.Call, V.Pruned))
    return nullptr;
  for (const auto &S : L.Chosen) {
    // Where the sleep is, and whether the allocation follows it there.
    const CFGBlock *SleepBlock = nullptr;
    bool SameBlockBefore = false;
    for (const CFGBlock *B : *V.Cfg) {
      bool SeenSleep = false;
      for (const CFGElement &E : *B)
        if (std::optional<CFGStmt> CS = E.getAs<CFGStmt>()) {
          if (CS->getStmt() == S.first) {
            SleepBlock = B;
            SeenSleep = true;
          } else if (CS->getStmt() == A.Call && SeenSleep) {
            SameBlockBefore = true;
          }
        }
      if (SleepBlock)
        break;
    }
    if (!SleepBlock)
      continue;
    if (SameBlockBefore)
      return &S;
    EdgeSet Cut = V.Pruned;
    for (unsigned I = 0; I < SleepBlock->succ_size(); ++I)
      Cut.insert({SleepBlock, I});
    if (!reaches(*V.Cfg, nullptr, A.Call, Cut))
      return &S;
  }
  return nullptr;
}

bool ContextModelImpl::mayFallBack(const FunctionLocks &L,
                                   const AllocationSite &A) {
  // A fallback chosen at run time (`if (!p && can_sleep) p = kmalloc(n,
  // GFP_KERNEL);`) is a fallback all the same.
  auto IsFallback = [&](const auto &S) {
    return S.first != A.Call &&
           M.lookupAllocator(S.first->getDirectCallee()) != nullptr;
  };
  return llvm::any_of(L.Sleepers, IsFallback) ||
         llvm::any_of(L.Chosen, IsFallback);
}

void ContextModelImpl::successorsOutside(
    const CFGBlock &B, const EdgeSet &Pruned,
    llvm::SmallVectorImpl<const CFGBlock *> &Out) {
  unsigned Index = 0;
  for (const CFGBlock::AdjacentBlock &Succ : B.succs()) {
    unsigned This = Index++;
    if (const CFGBlock *SB = Succ.getReachableBlock();
        SB && !Pruned.contains({&B, This}))
      Out.push_back(SB);
  }
}

ContextModelImpl::BlockSet
ContextModelImpl::closure(llvm::ArrayRef<const CFGBlock *> Starts,
                          const EdgeSet &Pruned, const BlockSet *Skip) {
  BlockSet Seen;
  llvm::SmallVector<const CFGBlock *, 16> Work(Starts.begin(), Starts.end());
  while (!Work.empty()) {
    const CFGBlock *B = Work.pop_back_val();
    if ((Skip && Skip->contains(B)) || !Seen.insert(B).second)
      continue;
    successorsOutside(*B, Pruned, Work);
  }
  return Seen;
}

bool ContextModelImpl::hasSleepingFallback(const FailureView &V,
                                           const AllocationSite &A) {
  if (!V.Cfg || V.Pruned.empty())
    return false;
  // The blocks a failure edge leads to and no other path does: not code
  // that never runs (`if (0)`, after BUG()), which no walk reaches.
  const BlockSet Live = closure({&V.Cfg->getEntry()}, V.Pruned);
  llvm::SmallVector<const CFGBlock *, 4> Targets;
  for (const auto &[From, Index] : V.Pruned)
    if (const CFGBlock *To = (From->succ_begin() + Index)->getReachableBlock())
      Targets.push_back(To);
  for (const CFGBlock *B : closure(Targets, {}, &Live)) {
    for (const CFGElement &E : *B) {
      std::optional<CFGStmt> CS = E.getAs<CFGStmt>();
      const auto *Call = CS ? dyn_cast<CallExpr>(CS->getStmt()) : nullptr;
      if (!Call || Call == A.Call ||
          !M.lookupAllocator(Call->getDirectCallee()))
        continue;
      if (std::optional<AllocationSite> Again = M.getAllocation(Call);
          Again && Again->Flags.Sleep == SleepKind::MaySleep)
        return true;
    }
  }
  return false;
}

namespace {

/// On which value of \p Cond the storage named \p Key is NULL: true, false,
/// or none when \p Cond does not test it alone.
std::optional<bool> nullWhen(const Expr *Cond, StringRef Key, ASTContext &Ctx) {
  for (unsigned Depth = 0; Cond && Depth < 8; ++Depth) {
    Cond = Cond->IgnoreParenCasts();
    if (const auto *UO = dyn_cast<UnaryOperator>(Cond);
        UO && UO->getOpcode() == UO_LNot) {
      std::optional<bool> Inner = nullWhen(UO->getSubExpr(), Key, Ctx);
      if (Inner)
        return !*Inner;
      return std::nullopt;
    }
    if (const auto *Call = dyn_cast<CallExpr>(Cond)) {
      // unlikely(!p): the value of __builtin_expect's first argument.
      if (Call->getBuiltinCallee() != Builtin::BI__builtin_expect ||
          Call->getNumArgs() == 0)
        return std::nullopt;
      Cond = Call->getArg(0);
      continue;
    }
    if (const auto *BO = dyn_cast<BinaryOperator>(Cond)) {
      if (BO->getOpcode() == BO_Assign) {
        // `if (!(p = kmalloc(...)))` tests what was stored.
        Cond = BO->getLHS();
        continue;
      }
      const Expr *Tested = nullComparedOperand(*BO, Ctx);
      if (!Tested || storageKey(Tested) != Key)
        return std::nullopt;
      return BO->getOpcode() == BO_EQ;
    }
    if (Cond->getType()->isPointerType() && storageKey(Cond) == Key)
      return false;
    return std::nullopt;
  }
  return std::nullopt;
}

} // namespace

ContextModelImpl::EdgeSet
ContextModelImpl::failureEdges(const CFG &Cfg, const AllocationSite &A) const {
  EdgeSet Edges;
  // Where the result is stored: `p = alloc(...)` or `T *p = alloc(...)`.
  // The whole site only: 6.12's alloc_hooks() stores the call in a local
  // of its own (`typeof(_do_alloc) _res = _do_alloc;`).
  const Expr *Result = A.E ? A.E : A.Call;
  auto IsResult = [&](const Expr *E) {
    return E && E->IgnoreParenCasts() == Result->IgnoreParenCasts();
  };
  std::string Key;
  const CFGBlock *AllocBlock = nullptr;
  for (const CFGBlock *B : Cfg) {
    for (const CFGElement &E : *B) {
      std::optional<CFGStmt> CS = E.getAs<CFGStmt>();
      if (!CS)
        continue;
      if (CS->getStmt() == A.Call)
        AllocBlock = B;
      if (const auto *BO = dyn_cast<BinaryOperator>(CS->getStmt());
          BO && BO->getOpcode() == BO_Assign && IsResult(BO->getRHS()))
        Key = storageKey(BO->getLHS());
      else if (const auto *DS = dyn_cast<DeclStmt>(CS->getStmt());
               DS && DS->isSingleDecl())
        if (const auto *VD = dyn_cast<VarDecl>(DS->getSingleDecl());
            VD && IsResult(VD->getInit()))
          Key = storageKeyOf(*VD);
      if (!Key.empty()) {
        if (!AllocBlock)
          AllocBlock = B;
        break;
      }
    }
    if (!Key.empty())
      break;
  }
  if (Key.empty() || !AllocBlock)
    return Edges;
  // Only tests the allocation reaches: its own block and those after it.
  for (const CFGBlock *B : closure({AllocBlock}, {})) {
    if (B->succ_size() != 2 ||
        isa_and_nonnull<SwitchStmt>(B->getTerminatorStmt()))
      continue;
    const auto *Cond = dyn_cast_or_null<Expr>(B->getTerminatorCondition());
    if (!Cond)
      continue;
    if (std::optional<bool> NullOn = nullWhen(Cond, Key, Ctx))
      Edges.insert({B, *NullOn ? 0U : 1U});
  }
  return Edges;
}

bool ContextModelImpl::reaches(const CFG &Cfg, const Stmt *From, const Stmt *To,
                               const EdgeSet &Pruned) {
  // Where each statement is: its block and its index there.
  const CFGBlock *FromBlock = From ? nullptr : &Cfg.getEntry();
  const CFGBlock *ToBlock = nullptr;
  unsigned FromIndex = 0, ToIndex = 0;
  for (const CFGBlock *B : Cfg) {
    unsigned Index = 0;
    for (const CFGElement &E : *B) {
      if (std::optional<CFGStmt> CS = E.getAs<CFGStmt>()) {
        if (From && CS->getStmt() == From && !FromBlock) {
          FromBlock = B;
          FromIndex = Index;
        }
        if (CS->getStmt() == To && !ToBlock) {
          ToBlock = B;
          ToIndex = Index;
        }
      }
      ++Index;
    }
  }
  if (!FromBlock || !ToBlock)
    return false;
  if (FromBlock == ToBlock && (!From || FromIndex < ToIndex))
    return true;
  // Over the successors the From block leaves by, the From block itself
  // included when a loop leads back to it.
  llvm::SmallVector<const CFGBlock *, 2> Next;
  successorsOutside(*FromBlock, Pruned, Next);
  return closure(Next, Pruned).contains(ToBlock);
}

// A parameter that says how the caller runs: a bool (`atomic`, `can_sleep`)
// or an integer named for it. Other integers (`bind`, `slow`) choose what to
// do, not where the code runs.
static bool isContextFlagParam(const ParmVarDecl &P) {
  if (P.getType()->isBooleanType())
    return true;
  std::string Name = P.getName().lower();
  return llvm::any_of(
      llvm::ArrayRef<llvm::StringRef>{"atomic", "sleep", "block", "wait", "irq",
                                      "intr", "interrupt", "poll", "locked",
                                      "can_", "may_"},
      [&](llvm::StringRef W) { return llvm::StringRef(Name).contains(W); });
}

bool ContextModelImpl::isContextCondition(const Stmt *Cond,
                                          const FunctionDecl &FD,
                                          bool ParamsToo) const {
  bool Found = false;
  const SourceManager &SM = Ctx.getSourceManager();
  // in_interrupt() and irqs_disabled() are macros; what is left of them
  // depends on the architecture and the configuration.
  auto FromQueryMacro = [&](SourceLocation Loc) {
    return llvm::any_of(
        macroChain(Loc, SM, Ctx.getLangOpts()),
        [&](const MacroFrame &F) { return ContextQueries.contains(F.Name); });
  };
  // `gfp & __GFP_DIRECT_RECLAIM`, `gfp == GFP_ATOMIC`: the caller's flags
  // tested. Flags handed to another call (`if (sg_alloc_table(&t, n,
  // gfp))`) are not a question, and neither is what that call returns.
  std::function<void(const Stmt &)> Visit = [&](const Stmt &X) {
    if (Found || isa<UnaryExprOrTypeTraitExpr>(X))
      return;
    if (const auto *Call = dyn_cast<CallExpr>(&X)) {
      Found |= ContextQueries.contains(normalizeName(calleeName(*Call))) ||
               FromQueryMacro(Call->getBeginLoc());
      return;
    }
    if (const auto *DRE = dyn_cast<DeclRefExpr>(&X); DRE && ParamsToo)
      if (const auto *P = dyn_cast<ParmVarDecl>(DRE->getDecl()))
        Found |= P->getDeclContext() == &FD && isGfpType(P->getType());
    for (const Stmt *C : X.children())
      if (C)
        Visit(*C);
  };
  if (Cond)
    Visit(*Cond);
  if (Found || !ParamsToo)
    return Found;
  // A flag the caller passes, tested for truth: `if (atomic)`, `if (!wait
  // && ...)`, or a local set from one (`bool can_sleep = !atomic;`).
  // Comparisons (`i < n`) are counts, not flags.
  std::function<bool(const Expr *, unsigned)> IsFlag = [&](const Expr *E,
                                                           unsigned Level) {
    if (!E || Level > 4)
      return false;
    E = E->IgnoreParenCasts();
    if (const auto *UO = dyn_cast<UnaryOperator>(E))
      return UO->getOpcode() == UO_LNot && IsFlag(UO->getSubExpr(), Level);
    if (const auto *BO = dyn_cast<BinaryOperator>(E))
      return BO->isLogicalOp() &&
             (IsFlag(BO->getLHS(), Level) || IsFlag(BO->getRHS(), Level));
    if (const auto *Call = dyn_cast<CallExpr>(E))
      return Call->getBuiltinCallee() == Builtin::BI__builtin_expect &&
             Call->getNumArgs() > 0 && IsFlag(Call->getArg(0), Level);
    const auto *DRE = dyn_cast<DeclRefExpr>(E);
    const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    if (!VD || !VD->getType()->isIntegralOrEnumerationType())
      return false;
    if (const auto *P = dyn_cast<ParmVarDecl>(VD))
      return P->getDeclContext() == &FD && isContextFlagParam(*P);
    return VD->hasLocalStorage() && VD->getInit() &&
           (isContextCondition(VD->getInit(), FD, false) ||
            IsFlag(VD->getInit(), Level + 1));
  };
  return IsFlag(dyn_cast<Expr>(Cond), 0);
}

llvm::SmallVector<const CFGBlock *, 4>
ContextModelImpl::contextBranches(const CFG &Cfg, const FunctionDecl &FD,
                                  bool ParamsToo) const {
  llvm::SmallVector<const CFGBlock *, 4> Out;
  for (const CFGBlock *B : Cfg) {
    // Loops run a count of times, not by how the code was called.
    if (B->succ_size() != 2 ||
        isa_and_nonnull<SwitchStmt, ForStmt, WhileStmt, DoStmt>(
            B->getTerminatorStmt()))
      continue;
    const auto *Cond = dyn_cast_or_null<Expr>(B->getTerminatorCondition());
    // The last block of `a && b` branches on b.
    if (const auto *BO = dyn_cast_or_null<BinaryOperator>(
            Cond ? Cond->IgnoreParens() : nullptr);
        BO && BO->isLogicalOp())
      Cond = B->getLastCondition();
    if (Cond && isContextCondition(Cond, FD, ParamsToo))
      Out.push_back(B);
  }
  return Out;
}

bool ContextModelImpl::chosenAtRunTime(
    const CFG &Cfg, llvm::ArrayRef<const CFGBlock *> Branches, const Stmt *S) {
  if (Branches.empty() || !reaches(Cfg, nullptr, S, EdgeSet()))
    return false;
  for (const CFGBlock *B : Branches)
    for (unsigned Edge = 0; Edge < 2; ++Edge)
      if (!reaches(Cfg, nullptr, S, EdgeSet{{B, Edge}}))
        return true;
  return false;
}

bool ContextModelImpl::forwardsPlainly(const AllocationSite &A, bool Reserves,
                                       unsigned Level) {
  const FunctionDecl *F = A.Info.Wrapper;
  if (!F || !F->hasBody() || A.Info.GfpArg < 0 || Level > 3)
    return false;
  // A helper that asks where it runs chooses for itself.
  if (asksContext(*F))
    return false;
  if (!Reserves)
    return true;
  // GFP_ATOMIC passed from sleepable code is right when the helper takes a
  // spinlock around the allocation it passes the flags to.
  for (const AllocationSite &Inner : M.collectAllocationSites(F->getBody())) {
    if (Inner.Info.GfpArg < 0 ||
        static_cast<unsigned>(Inner.Info.GfpArg) >= Inner.Call->getNumArgs() ||
        forwardedParam(Inner.Call->getArg(Inner.Info.GfpArg), *F, Ctx) !=
            A.Info.GfpArg)
      continue;
    const Depth *D = depthAt(*F, Inner.Call);
    if (!D || D->Max != 0)
      return false;
    // A helper of a helper: its own sections count too.
    if (Inner.Info.Forwards && !forwardsPlainly(Inner, Reserves, Level + 1))
      return false;
  }
  return true;
}

bool ContextModelImpl::asksContext(const FunctionDecl &Def) {
  auto [It, New] = AsksContext.try_emplace(&Def, false);
  if (New)
    It->second = isContextCondition(Def.getBody(), Def, false);
  return It->second;
}

bool ContextModelImpl::askedAtRunTime(const FunctionDecl &FD,
                                      const AllocationSite &A) {
  const FunctionDecl *Def = FD.getDefinition();
  if (!Def || !Def->hasBody())
    return false;
  if (!asksContext(*Def))
    return false;
  std::unique_ptr<CFG> Cfg = buildKernelCfg(*Def, Ctx);
  return Cfg &&
         chosenAtRunTime(*Cfg, contextBranches(*Cfg, *Def, false), A.Call);
}

// The key of the function \p Call calls, or of the struct field it calls
// through (\p Member set), or "" for a call the facts do not keep.
// Calls worth a fact: to functions some unit may define (not the lock,
// sleeper and builtin tables, not a header's static inline), and through
// struct fields.
std::string ContextModelImpl::factCallee(const CallExpr &Call, bool &Member,
                                         ContextModel::PlaceFn PlaceOf) {
  Member = false;
  if (const FunctionDecl *Callee = Call.getDirectCallee()) {
    if (Callee->getBuiltinID() || !Callee->getIdentifier())
      return {};
    llvm::StringRef Norm = normalizeName(Callee->getName());
    if (Locks.count(Norm) || Trylocks.count(Norm) || Sleepers.count(Norm) ||
        Callee->getName().starts_with("class_"))
      return {};
    if (!Callee->isExternallyVisible()) {
      const FunctionDecl *Def = Callee->getDefinition();
      if (!Def || !inMainFile(*Def))
        return {};
    }
    return ContextModel::functionKey(*Callee, PlaceOf);
  }
  const auto *ME =
      dyn_cast<MemberExpr>(Call.getCallee()->IgnoreParenImpCasts());
  if (!ME)
    return {};
  const auto *Field = dyn_cast<FieldDecl>(ME->getMemberDecl());
  if (!Field || !Field->getIdentifier() || !Field->getParent() ||
      !Field->getParent()->getIdentifier())
    return {};
  Member = true;
  return tree::memberKey(Field->getParent()->getName(), Field->getName());
}

/// The calls of \p FD the facts keep, with the sections held at each (from
/// \p L): one per callee and kind of depth (all held, none held, some).
std::vector<tree::Call>
ContextModelImpl::factCalls(const FunctionDecl &FD, const FunctionLocks &L,
                            ContextModel::PlaceFn PlaceOf) {
  const SourceManager &SM = Ctx.getSourceManager();
  std::set<std::tuple<std::string, int, uint32_t>> Seen;
  std::vector<tree::Call> Calls;
  for (const Stmt *S : Index.scanNodes(FD)) {
    const auto *Call = dyn_cast<CallExpr>(S);
    if (!Call)
      continue;
    auto DepthIt = L.At.find(Call);
    if (DepthIt == L.At.end())
      continue; // Unreachable.
    bool Member = false;
    std::string Callee = factCallee(*Call, Member, PlaceOf);
    if (Callee.empty())
      continue;
    const Depth &Dp = DepthIt->second;
    int Kind = Dp.Min > 0 ? 2 : Dp.Max == 0 ? 0 : 1;
    uint32_t ZeroArgs = zeroArguments(*Call);
    if (!Seen.insert({Callee, Kind, ZeroArgs}).second)
      continue;
    tree::Call C;
    C.ZeroArgs = ZeroArgs;
    C.Callee = std::move(Callee);
    C.Member = Member;
    C.Min = static_cast<uint8_t>(Dp.Min);
    C.Max = static_cast<uint8_t>(Dp.Max);
    if (Dp.Min > 0) {
      C.Lock = Dp.What;
      C.LockAt = PlaceOf(Dp.Loc);
    }
    C.At = PlaceOf(SM.getExpansionLoc(Call->getBeginLoc()));
    Calls.push_back(std::move(C));
  }
  return Calls;
}

void ContextModelImpl::extractFacts(tree::UnitFacts &Out,
                                    ContextModel::PlaceFn PlaceOf,
                                    bool InModule) {
  scan();
  const SourceManager &SM = Ctx.getSourceManager();
  auto At = [&](SourceLocation L) { return PlaceOf(SM.getExpansionLoc(L)); };
  auto KeyOf = [&](const FunctionDecl &FD) {
    return ContextModel::functionKey(FD, PlaceOf);
  };
  llvm::DenseMap<const FunctionDecl *, size_t> Slot;
  std::vector<tree::Function> Records;
  auto Record = [&](const FunctionDecl *FD) -> tree::Function & {
    auto [It, Inserted] = Slot.try_emplace(canon(FD), Records.size());
    if (Inserted) {
      Records.emplace_back();
      Records.back().Key = KeyOf(*FD);
      Records.back().Name = FD->getNameAsString();
    }
    return Records[It->second];
  };
  for (const Decl *D : Ctx.getTranslationUnitDecl()->decls()) {
    const auto *FD = dyn_cast<FunctionDecl>(D);
    if (!FD || !FD->doesThisDeclarationHaveABody() || !FD->getIdentifier())
      continue;
    if (!inMainFile(*FD)) {
      // A header's inline function that the unit uses: the global
      // functions it calls have a caller the facts do not follow.
      if (!FD->isReferenced())
        continue;
      for (const Stmt *S : Index.scanNodes(*FD)) {
        const auto *Call = dyn_cast<CallExpr>(S);
        const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
        if (Callee && Callee->getIdentifier() && !Callee->getBuiltinID() &&
            Callee->isExternallyVisible() && !Callee->hasBody())
          Record(Callee).HeaderCaller = true;
      }
      continue;
    }
    tree::Function &R = Record(FD);
    R.Defined = true;
    R.At = At(FD->getLocation());
    R.Static = !FD->isExternallyVisible();
    R.InModule = InModule;
    const FunctionLocks &L = locksOf(*FD);
    R.ReleasesCallerLock = L.ReleasesCallerLock;
    if (L.Sleeper) {
      // The first sleeper that is not an allocation, if any: allocations
      // are what the checks question, mutex_lock() or msleep() is proof.
      const std::pair<const CallExpr *, std::string> *Strong = nullptr;
      for (const auto &S : L.Sleepers)
        if (!M.lookupAllocator(S.first->getDirectCallee())) {
          Strong = &S;
          break;
        }
      R.Sleeps = Strong ? Strong->second : L.SleeperName;
      R.SleepsAt =
          At(Strong ? Strong->first->getBeginLoc() : L.Sleeper->getBeginLoc());
      R.SleepsByAllocation = !Strong;
    }
    Record(FD).Calls = factCalls(*FD, L, PlaceOf);
  }
  for (const auto &[FD, C] : Roles) {
    tree::Function &R = Record(FD);
    if (C.K == ContextKind::Unknown) {
      R.RoleConflict = true;
      continue;
    }
    for (const Evidence &E : C.Why)
      R.Roles.push_back({C.K == ContextKind::Atomic, E.What, PlaceOf(E.Loc)});
  }
  for (const FunctionDecl *FD : Escaped)
    Record(FD).Escapes = true;
  for (const StoreRecord &S : Stores)
    Out.Stores.push_back({S.Member, KeyOf(*S.Function), At(S.Loc)});
  // Deterministic order, whatever the maps' hashing did.
  llvm::sort(Records, [](const tree::Function &A, const tree::Function &B) {
    return A.Key < B.Key;
  });
  for (tree::Function &F : Records)
    llvm::sort(F.Roles, [](const tree::Role &A, const tree::Role &B) {
      return std::tie(A.At.File, A.At.Line, A.At.Column, A.What) <
             std::tie(B.At.File, B.At.Line, B.At.Column, B.What);
    });
  Out.Functions = std::move(Records);
}

std::string ContextModel::functionKey(const FunctionDecl &FD, PlaceFn PlaceOf) {
  std::string Name = FD.getNameAsString();
  if (FD.isExternallyVisible())
    return Name;
  const FunctionDecl *Def = FD.getDefinition();
  const SourceManager &SM = FD.getASTContext().getSourceManager();
  return Name + "@" +
         PlaceOf(SM.getExpansionLoc((Def ? Def : &FD)->getLocation())).File;
}

void ContextModel::extractFacts(tree::UnitFacts &Out, PlaceFn PlaceOf,
                                bool InModule) {
  Impl->extractFacts(Out, PlaceOf, InModule);
}

void ContextModel::setLockAnnotations(std::vector<LockAnnotation> A) {
  Impl->setAnnotations(std::move(A));
}

ContextModel::ContextModel(KernelModel &M, FunctionIndex &Index,
                           const AtomicContextOptions &Opts)
    : Impl(std::make_unique<ContextModelImpl>(M, Index, Opts)) {}

ContextModel::~ContextModel() = default;

void ContextModel::analyseFunction(const FunctionDecl &FD,
                                   AtomicContextHandler &H) {
  Impl->analyseFunction(FD, H);
}

ContextKind ContextModel::functionContext(const FunctionDecl &FD,
                                          std::vector<Evidence> *Why) {
  return Impl->functionContext(FD, Why);
}

} // namespace gfp
