//===-- AtomicContext.cpp - May the code sleep here? ----------------------===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Analysis/AtomicContext.h"

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

AtomicContextHandler::~AtomicContextHandler() = default;

namespace {

/// `_raw_spin_lock_irqsave` and `__rcu_read_lock` are the kernel's inner
/// names of spin_lock_irqsave and rcu_read_lock.
llvm::StringRef normalizeName(llvm::StringRef N) {
  N = N.ltrim('_');
  N.consume_front("raw_");
  return N;
}

/// Atomic sections held, over all paths: [Min, Max], and where the first
/// section of the innermost path began.
struct Depth {
  int Min = 0;
  int Max = 0;
  SourceLocation Loc;
  std::string What;
  bool operator==(const Depth &O) const {
    return Min == O.Min && Max == O.Max && Loc == O.Loc;
  }
};

constexpr int MaxDepth = 8;

Depth join(const Depth &A, const Depth &B) {
  Depth R;
  R.Min = std::min(A.Min, B.Min);
  R.Max = std::max(A.Max, B.Max);
  const Depth &Src = A.Min > 0 ? A : B;
  R.Loc = Src.Loc;
  R.What = Src.What;
  return R;
}

/// The result of the section analysis of one function.
struct FunctionLocks {
  /// The depth just before each call and statement expression.
  llvm::DenseMap<const Stmt *, Depth> At;
  /// The first sleeping call made with no section held on any path.
  const CallExpr *Sleeper = nullptr;
  std::string SleeperName;
  /// Every such call (at most 16), with the name shown for it.
  std::vector<std::pair<const CallExpr *, std::string>> Sleepers;
  /// The depth at the function's exit: a lock wrapper such as
  /// netif_addr_lock_bh() leaves one section entered.
  std::optional<Depth> Exit;
  /// True when the function leaves a section it did not enter: it releases
  /// (and maybe retakes) a lock its caller holds.
  bool ReleasesCallerLock = false;
  /// The locks (as written) it unlocks before it first takes them.
  llvm::StringSet<> CallerLocks;
};

/// The reference to the callback a registration argument or field
/// initializer names (`fn`, `&fn`, through casts).
const DeclRefExpr *callbackRef(const Expr *E) {
  if (!E)
    return nullptr;
  E = E->IgnoreParenCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    if (UO->getOpcode() == UO_AddrOf)
      E = UO->getSubExpr()->IgnoreParenCasts();
  return dyn_cast<DeclRefExpr>(E);
}

/// The callback itself.
const FunctionDecl *callbackOf(const Expr *E) {
  const DeclRefExpr *Ref = callbackRef(E);
  return Ref ? dyn_cast<FunctionDecl>(Ref->getDecl()) : nullptr;
}

} // namespace

class ContextModelImpl {
public:
  ContextModelImpl(KernelModel &M, FunctionIndex &Index,
                   const AtomicContextOptions &Opts)
      : M(M), Index(Index), Opts(Opts), Ctx(M.getASTContext()) {
#define GFP_LOCK(Name, Delta) Locks[#Name] = Delta;
#define GFP_TRYLOCK(Name) Trylocks.insert(#Name);
#define GFP_GUARD(Name) Guards.insert(#Name);
#define GFP_SLEEPER(Name) Sleepers.insert(#Name);
#define GFP_ROLE_CALL(Name, Arg, Role, What)                                   \
  RoleCalls[#Name].push_back({Arg, ContextKind::Role, What});
#define GFP_ROLE_CALL_FIELD(Name, Arg, Field, Role, What)                      \
  RoleCallFields[#Name].push_back({Arg, #Field, ContextKind::Role, What});
#define GFP_ROLE_FIELD(Struct, Field, Role)                                    \
  RoleFields.push_back({#Struct, #Field, ContextKind::Role});
#include "Analysis/KernelApi.def"
    for (const std::string &N : Opts.LockFunctions)
      Locks[N] = 1;
    for (const std::string &N : Opts.UnlockFunctions)
      Locks[N] = -1;
    for (const std::string &N : Opts.SleepFunctions)
      Sleepers.insert(N);
    auto AddCallbacks = [&](const std::vector<std::string> &List,
                            ContextKind K) {
      for (llvm::StringRef Spec : List) {
        auto [Name, ArgText] = Spec.split(':');
        unsigned Arg = 0;
        if (Name.empty() || ArgText.getAsInteger(10, Arg))
          continue;
        RoleCalls[Name].push_back(
            {Arg, K, ("callback registered with " + Name).str()});
      }
    };
    AddCallbacks(Opts.AtomicCallbacks, ContextKind::Atomic);
    AddCallbacks(Opts.SleepableCallbacks, ContextKind::Sleepable);
  }

  void analyseFunction(const FunctionDecl &FD, AtomicContextHandler &H);
  ContextKind functionContext(const FunctionDecl &FD,
                              std::vector<Evidence> *Why);
  std::vector<LockAnnotation> Annotations;
  void setAnnotations(std::vector<LockAnnotation> A) {
    Annotations = std::move(A);
    MustHold.clear();
    MustHoldIndexed = false;
  }
  void extractFacts(tree::UnitFacts &Out, ContextModel::PlaceFn PlaceOf,
                    bool InModule);
  /// True when \p FD is defined (expanded) in the unit's main file.
  bool inMainFile(const FunctionDecl &FD) const {
    const SourceManager &SM = Ctx.getSourceManager();
    return SM.isInMainFile(SM.getExpansionLoc(FD.getLocation()));
  }
  std::string factCallee(const CallExpr &Call, bool &Member,
                         ContextModel::PlaceFn PlaceOf);
  std::vector<tree::Call> factCalls(const FunctionDecl &FD,
                                    const FunctionLocks &L,
                                    ContextModel::PlaceFn PlaceOf);

private:
  /// True when \p FD's only evidence of sleeping is that it allocates
  /// with sleeping flags: that is what is in question, not a proof.
  bool sleepsOnlyByAllocating(const FunctionDecl &FD) {
    std::vector<Evidence> Why;
    if (functionContext(FD, &Why) != ContextKind::Sleepable ||
        Why.size() != 1 || Why.front().K != Evidence::Kind::Sleeps)
      return false;
    const FunctionLocks &L = locksOf(FD);
    return !L.Sleepers.empty() && llvm::all_of(L.Sleepers, [&](const auto &S) {
      return M.lookupAllocator(S.first->getDirectCallee()) != nullptr;
    });
  }
  /// True when a call site of \p FD in the unit is in atomic context.
  bool calledInAtomicContext(const FunctionDecl *FD);
  /// The first of \p L's sleepers that lies on one path of \p FD's CFG
  /// with \p A's call (before or after it), or null. The branch taken when
  /// \p A's result is NULL is not such a path: a sleeping fallback there
  /// (`kmalloc(GFP_ATOMIC | __GFP_NOWARN)`, then `GFP_NOFS` on failure)
  /// says the first attempt is meant to fail fast.
  /// CFG edges, as (block, successor index).
  using EdgeSet = llvm::DenseSet<std::pair<const clang::CFGBlock *, unsigned>>;
  using BlockSet = llvm::DenseSet<const clang::CFGBlock *>;
  /// An allocating function's CFG (null without one) and the edges taken
  /// when the allocation failed: built once per allocation, for both
  /// questions below.
  struct FailureView {
    std::unique_ptr<clang::CFG> Cfg;
    EdgeSet Pruned;
  };
  FailureView failureView(const FunctionDecl &FD, const AllocationSite &A);
  const std::pair<const CallExpr *, std::string> *
  reachingSleeper(const FailureView &V, const FunctionLocks &L,
                  const AllocationSite &A);
  /// Cheap first: a fallback is a sleeping allocation made with nothing
  /// held, which the lock walk already lists among \p L's sleepers.
  bool mayFallBack(const FunctionLocks &L, const AllocationSite &A);
  /// True when the branch taken when \p A failed allocates again, with
  /// flags that may sleep.
  bool hasSleepingFallback(const FailureView &V, const AllocationSite &A);
  /// The edges of \p Cfg taken when the storage \p A's result was stored
  /// in is NULL.
  EdgeSet failureEdges(const clang::CFG &Cfg, const AllocationSite &A) const;
  /// Adds to \p Out the successors of \p B over edges not in \p Pruned.
  static void
  successorsOutside(const clang::CFGBlock &B, const EdgeSet &Pruned,
                    llvm::SmallVectorImpl<const clang::CFGBlock *> &Out);
  /// The blocks reached from \p Starts (themselves included) without
  /// taking \p Pruned and without entering \p Skip.
  static BlockSet closure(llvm::ArrayRef<const clang::CFGBlock *> Starts,
                          const EdgeSet &Pruned,
                          const BlockSet *Skip = nullptr);
  /// True when some path of \p Cfg that takes none of \p Pruned goes from
  /// \p From to \p To (from the entry when \p From is null).
  static bool reaches(const clang::CFG &Cfg, const clang::Stmt *From,
                      const clang::Stmt *To, const EdgeSet &Pruned);
  struct RoleCall {
    unsigned Arg;
    ContextKind K;
    std::string What;
  };
  struct RoleField {
    std::string Struct;
    std::string Field;
    ContextKind K;
  };
  struct RoleCallField {
    unsigned Arg;
    std::string Field;
    ContextKind K;
    std::string What;
  };
  struct CallSite {
    const FunctionDecl *Caller;
    const CallExpr *Call;
  };
  struct Cached {
    ContextKind K = ContextKind::Unknown;
    std::vector<Evidence> Why;
  };

  KernelModel &M;
  FunctionIndex &Index;
  const AtomicContextOptions &Opts;
  ASTContext &Ctx;
  llvm::StringMap<int> Locks;
  llvm::StringSet<> Trylocks;
  llvm::StringSet<> Guards;
  llvm::StringSet<> Sleepers;
  llvm::StringMap<std::vector<RoleCall>> RoleCalls;
  llvm::StringMap<std::vector<RoleCallField>> RoleCallFields;
  std::vector<RoleField> RoleFields;

  bool Scanned = false;
  llvm::DenseMap<const FunctionDecl *, Cached> Roles;
  llvm::DenseMap<const FunctionDecl *, std::vector<CallSite>> Callers;
  llvm::DenseSet<const FunctionDecl *> Escaped;
  struct StoreRecord {
    std::string Member;
    const FunctionDecl *Function;
    SourceLocation Loc;
  };
  std::vector<StoreRecord> Stores;
  llvm::DenseMap<const FunctionDecl *, std::unique_ptr<FunctionLocks>>
      LockCache;
  llvm::DenseMap<const FunctionDecl *, Cached> ContextCache;
  llvm::DenseMap<const FunctionDecl *, int> NetEffect;
  unsigned NetDepthLevel = 0;
  llvm::DenseSet<const FunctionDecl *> InProgress;

  static const FunctionDecl *canon(const FunctionDecl *FD) {
    return FD ? FD->getCanonicalDecl() : nullptr;
  }

  void addRole(const FunctionDecl *FD, ContextKind K, SourceLocation Loc,
               std::string What) {
    if (!FD)
      return;
    Cached &C = Roles[canon(FD)];
    if (C.Why.empty())
      C.K = K;
    else if (C.K != K)
      C.K = ContextKind::Unknown; // Two registrations disagree.
    C.Why.push_back(Evidence{Evidence::Kind::Role, Loc, std::move(What), FD});
  }

  bool structMatches(const RoleField &F, llvm::StringRef Name) const {
    llvm::StringRef Pattern(F.Struct);
    if (Pattern.consume_front("*"))
      return Name.ends_with(Pattern);
    return Name == Pattern;
  }

  /// Registers the function stored into \p Field of struct \p RD.
  bool fieldRole(const RecordDecl *RD, const FieldDecl *Field,
                 const Expr *Value,
                 llvm::DenseSet<const DeclRefExpr *> &OkRefs) {
    if (!RD || !RD->getIdentifier() || !Field || !Field->getIdentifier())
      return false;
    // Every function stored in a struct's field: a call through that
    // field elsewhere in the tree reaches it.
    if (const FunctionDecl *Stored = callbackOf(Value))
      Stores.push_back({tree::memberKey(RD->getName(), Field->getName()),
                        Stored, Value->getBeginLoc()});
    for (const RoleField &F : RoleFields) {
      if (F.Field != Field->getName() || !structMatches(F, RD->getName()))
        continue;
      const FunctionDecl *CB = callbackOf(Value);
      if (!CB)
        return false;
      if (const DeclRefExpr *Ref = callbackRef(Value))
        OkRefs.insert(Ref);
      addRole(CB, F.K,
              Ctx.getSourceManager().getExpansionLoc(Value->getBeginLoc()),
              "registered as '" + F.Field + "' of 'struct " +
                  RD->getName().str() + "'");
      return true;
    }
    return false;
  }

  /// Calls \p Visit with each field of a struct initializer and the value
  /// it gets (unions and unnamed forms are skipped).
  static void
  forEachFieldInit(const InitListExpr *ILE,
                   llvm::function_ref<void(const RecordDecl *,
                                           const FieldDecl *, const Expr *)>
                       Visit) {
    const InitListExpr *Sem =
        ILE->isSemanticForm() ? ILE : ILE->getSemanticForm();
    const RecordDecl *RD = Sem ? Sem->getType()->getAsRecordDecl() : nullptr;
    if (!RD || RD->isUnion())
      return;
    unsigned I = 0;
    for (const FieldDecl *F : RD->fields()) {
      if (I >= Sem->getNumInits())
        break;
      Visit(RD, F, Sem->getInit(I));
      ++I;
    }
  }

  void scanInitList(const InitListExpr *ILE,
                    llvm::DenseSet<const DeclRefExpr *> &OkRefs) {
    forEachFieldInit(
        ILE, [&](const RecordDecl *RD, const FieldDecl *F, const Expr *Value) {
          fieldRole(RD, F, Value, OkRefs);
        });
  }

  /// Reads the roles, calls and escaping addresses of \p Body (a global's
  /// initializer; function bodies come from the index).
  void scanStmt(const Stmt *Body, llvm::DenseSet<const DeclRefExpr *> &OkRefs) {
    walkEvaluated(Body, [&](const Stmt &S) { scanNode(nullptr, S, OkRefs); });
  }

  /// One node of a walk of \p Caller's body (null: a global's initializer).
  void scanNode(const FunctionDecl *Caller, const Stmt &S,
                llvm::DenseSet<const DeclRefExpr *> &OkRefs) {
    if (const auto *Call = dyn_cast<CallExpr>(&S)) {
      if (const DeclRefExpr *Ref = callbackRef(Call->getCallee()))
        OkRefs.insert(Ref);
      const FunctionDecl *Callee = Call->getDirectCallee();
      if (!Callee)
        return;
      if (Caller && Callee->hasBody())
        Callers[canon(Callee)].push_back({Caller, Call});
      scanRoleCallFields(Caller, *Call);
      auto It = RoleCalls.find(calleeName(*Call));
      if (It == RoleCalls.end())
        return;
      for (const RoleCall &R : It->second) {
        if (R.Arg >= Call->getNumArgs())
          continue;
        const Expr *Arg = Call->getArg(R.Arg);
        if (const DeclRefExpr *Ref = callbackRef(Arg))
          OkRefs.insert(Ref);
        addRole(callbackOf(Arg), R.K,
                Ctx.getSourceManager().getExpansionLoc(Call->getBeginLoc()),
                R.What);
      }
    } else if (const auto *BO = dyn_cast<BinaryOperator>(&S)) {
      if (BO->getOpcode() != BO_Assign)
        return;
      const auto *ME =
          dyn_cast<MemberExpr>(BO->getLHS()->IgnoreParenImpCasts());
      if (!ME)
        return;
      const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl());
      fieldRole(FD ? FD->getParent() : nullptr, FD, BO->getRHS(), OkRefs);
    } else if (const auto *ILE = dyn_cast<InitListExpr>(&S)) {
      scanInitList(ILE, OkRefs);
    } else if (const auto *DRE = dyn_cast<DeclRefExpr>(&S)) {
      const auto *FD = dyn_cast<FunctionDecl>(DRE->getDecl());
      if (FD && !OkRefs.count(DRE))
        Escaped.insert(canon(FD));
    }
  }

  /// `atomic_notifier_chain_register(&chain, &my_nb)`: the callback the
  /// initializer of `my_nb` stores in the role's field, or, in the function
  /// that registers it, an assignment to that field of the same struct
  /// (`nb->notifier_call = handler; register_netdevice_notifier(nb);`, as
  /// ice's LAG handler is registered).
  void scanRoleCallFields(const FunctionDecl *Caller, const CallExpr &Call) {
    auto It = RoleCallFields.find(calleeName(Call));
    if (It == RoleCallFields.end())
      return;
    for (const RoleCallField &R : It->second) {
      if (R.Arg >= Call.getNumArgs())
        continue;
      const auto *UO =
          dyn_cast<UnaryOperator>(Call.getArg(R.Arg)->IgnoreParenCasts());
      const auto *Ref =
          UO && UO->getOpcode() == UO_AddrOf
              ? dyn_cast<DeclRefExpr>(UO->getSubExpr()->IgnoreParenCasts())
              : nullptr;
      const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
      const auto *ILE =
          VD ? dyn_cast_or_null<InitListExpr>(VD->getAnyInitializer())
             : nullptr;
      if (!ILE) {
        assignedRoleField(Caller, Call, R);
        continue;
      }
      forEachFieldInit(ILE, [&](const RecordDecl *, const FieldDecl *F,
                                const Expr *Value) {
        if (F->getIdentifier() && F->getName() == R.Field)
          addRole(callbackOf(Value), R.K,
                  Ctx.getSourceManager().getExpansionLoc(Call.getBeginLoc()),
                  R.What);
      });
    }
  }

  /// The role of \p R for a function the registering function \p Caller
  /// assigns to the registered struct's field: `&x.nb` registers what
  /// `x.nb.F = fn` stored, `p` what `p->F = fn` stored (the struct as
  /// written, in the same function).
  void assignedRoleField(const FunctionDecl *Caller, const CallExpr &Call,
                         const RoleCallField &R) {
    if (!Caller || !Caller->getBody())
      return;
    const SourceManager &SM = Ctx.getSourceManager();
    const LangOptions &LO = Ctx.getLangOpts();
    auto Compact = [&](const Expr *E) {
      std::string Out;
      for (char C : spelledText(E->getSourceRange(), SM, LO))
        if (!isWhitespace(C))
          Out += C;
      return Out;
    };
    const Expr *Arg = Call.getArg(R.Arg)->IgnoreParenCasts();
    bool Arrow = true;
    if (const auto *UO = dyn_cast<UnaryOperator>(Arg);
        UO && UO->getOpcode() == UO_AddrOf) {
      Arg = UO->getSubExpr()->IgnoreParenCasts();
      Arrow = false;
    }
    std::string Struct = Compact(Arg);
    if (Struct.empty())
      return;
    walkEvaluated(Caller->getBody(), [&](const Stmt &S) {
      const auto *B = dyn_cast<BinaryOperator>(&S);
      if (!B || B->getOpcode() != BO_Assign)
        return;
      const auto *ME = dyn_cast<MemberExpr>(B->getLHS()->IgnoreParenCasts());
      if (!ME || ME->isArrow() != Arrow ||
          !ME->getMemberDecl()->getIdentifier() ||
          ME->getMemberDecl()->getName() != R.Field ||
          Compact(ME->getBase()->IgnoreParenCasts()) != Struct)
        return;
      addRole(callbackOf(B->getRHS()), R.K,
              SM.getExpansionLoc(Call.getBeginLoc()), R.What);
    });
  }

  /// The arguments of \p Call (a bit each, the first 32) written as 0,
  /// false or NULL.
  uint32_t zeroArguments(const CallExpr &Call) const {
    uint32_t Mask = 0;
    for (unsigned I = 0; I < Call.getNumArgs() && I < 32; ++I)
      if (Call.getArg(I)->isNullPointerConstant(
              Ctx, Expr::NPC_ValueDependentIsNotNull) != Expr::NPCK_NotNull)
        Mask |= 1U << I;
    return Mask;
  }

  /// True when \p FD is atomic only through its callers in the unit, and
  /// each of them passes 0, false or NULL for a parameter the allocation
  /// \p A needs set (`if (display) buf = kmalloc(...)` called as
  /// `dump(dev, false)` from an interrupt handler): no call reaches it.
  bool onlyZeroGuardedCallers(const FunctionDecl &FD, const AllocationSite &A) {
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

  /// One walk over the unit: roles, call sites, escaping addresses.
  void scan() {
    if (Scanned)
      return;
    Scanned = true;
    llvm::DenseSet<const DeclRefExpr *> OkRefs;
    for (const Decl *D : Ctx.getTranslationUnitDecl()->decls()) {
      if (const auto *FD = dyn_cast<FunctionDecl>(D)) {
        if (!FD->doesThisDeclarationHaveABody())
          continue;
        if (const auto *SA = FD->getAttr<SectionAttr>())
          if (SA->getName() == ".init.text")
            addRole(FD, ContextKind::Sleepable, FD->getLocation(),
                    "an '__init' function");
        for (const Stmt *S : Index.scanNodes(*FD))
          scanNode(FD, *S, OkRefs);
        scanAssertions(*FD);
        scanAnnotations(*FD);
      } else if (const auto *VD = dyn_cast<VarDecl>(D)) {
        if (VD->getInit())
          scanStmt(VD->getInit(), OkRefs);
      }
    }
  }

  /// True for the kernel's spinning lock types (not a mutex).
  static bool isSpinningLock(QualType T) {
    if (T->isPointerType())
      T = T->getPointeeType();
    for (unsigned Guard = 0; Guard < 4; ++Guard) {
      const auto *TT = T->getAs<TypedefType>();
      if (!TT)
        return false;
      llvm::StringRef N = TT->getDecl()->getName();
      if (N == "spinlock_t" || N == "raw_spinlock_t" || N == "rwlock_t")
        return true;
      T = TT->getDecl()->getUnderlyingType();
    }
    return false;
  }

  /// The type of a lock named as in an annotation (`&priv->lock`,
  /// `&busdevs_lock`, `lock`): a parameter of \p FD or a global, then
  /// fields. Null when any step is not found.
  const Type *annotatedLockType(const FunctionDecl &FD, llvm::StringRef Arg) {
    Arg = Arg.trim();
    while (Arg.consume_front("&") || Arg.consume_front("("))
      Arg = Arg.trim();
    while (Arg.consume_back(")"))
      Arg = Arg.trim();
    llvm::SmallVector<llvm::StringRef, 4> Parts;
    std::string Norm = Arg.str();
    for (size_t Pos; (Pos = Norm.find("->")) != std::string::npos;)
      Norm.replace(Pos, 2, ".");
    llvm::StringRef(Norm).split(Parts, '.');
    if (Parts.empty())
      return nullptr;
    auto IsIdent = [](llvm::StringRef S) {
      return !S.empty() && llvm::all_of(S, [](char C) {
        return isAsciiIdentifierContinue(C);
      });
    };
    QualType T;
    llvm::StringRef Base = Parts.front().trim();
    if (!IsIdent(Base))
      return nullptr;
    for (const ParmVarDecl *P : FD.parameters())
      if (P->getName() == Base)
        T = P->getType();
    if (T.isNull())
      for (const NamedDecl *D :
           Ctx.getTranslationUnitDecl()->lookup(&Ctx.Idents.get(Base)))
        if (const auto *VD = dyn_cast<VarDecl>(D))
          T = VD->getType();
    if (T.isNull())
      return nullptr;
    for (size_t I = 1; I < Parts.size(); ++I) {
      llvm::StringRef Field = Parts[I].trim();
      if (!IsIdent(Field))
        return nullptr;
      if (T->isPointerType())
        T = T->getPointeeType();
      const RecordDecl *RD = T->getAsRecordDecl();
      if (!RD || !RD->getDefinition())
        return nullptr;
      QualType Next;
      for (const FieldDecl *F : RD->getDefinition()->fields())
        if (F->getIdentifier() && F->getName() == Field)
          Next = F->getType();
      if (Next.isNull())
        return nullptr;
      T = Next;
    }
    return T.getTypePtr();
  }

  /// `void f(struct dev *d) __must_hold(&d->lock)`: sparse's annotation
  /// (empty outside sparse, so read from the preprocessor's record) or
  /// Clang's capability attribute (Linux 7.0's context analysis). A
  /// spinning lock held on entry makes the function atomic.
  void scanAnnotations(const FunctionDecl &FD) {
    const SourceManager &SM = Ctx.getSourceManager();
    for (const auto *A : FD.specific_attrs<RequiresCapabilityAttr>())
      for (const Expr *Arg : A->args())
        if (Arg && isSpinningLock(Arg->getType())) {
          addRole(&FD, ContextKind::Atomic,
                  SM.getExpansionLoc(A->getLocation()),
                  "it requires a spinning lock held (__must_hold)");
          return;
        }
    if (!FD.getBody())
      return;
    if (!MustHoldIndexed) {
      // Once per unit: the unit walk asks this of every function, the
      // headers' too, and few of them carry an annotation.
      MustHoldIndexed = true;
      for (const LockAnnotation &A : Annotations)
        if (A.Macro == "__must_hold") {
          SourceLocation L = SM.getExpansionLoc(A.Loc);
          MustHold[SM.getFileID(L)].push_back({L, &A});
        }
    }
    if (MustHold.empty())
      return;
    SourceLocation Begin = SM.getExpansionLoc(FD.getBeginLoc());
    auto InFile = MustHold.find(SM.getFileID(Begin));
    if (InFile == MustHold.end())
      return;
    SourceLocation End = SM.getExpansionLoc(FD.getBody()->getBeginLoc());
    for (const auto &[L, A] : InFile->second) {
      if (SM.isBeforeInTranslationUnit(L, Begin) ||
          !SM.isBeforeInTranslationUnit(L, End))
        continue;
      const Type *T = annotatedLockType(FD, A->Arg);
      if (T && isSpinningLock(QualType(T, 0))) {
        addRole(&FD, ContextKind::Atomic, L,
                "it is annotated __must_hold(" + A->Arg + ")");
        return;
      }
    }
  }

  /// True when the comment just before a declaration of \p FD (kernel-doc's
  /// `/**` or a plain `/*` block) says it runs where it cannot sleep:
  /// "called from interrupt handler", "in atomic context", "must not
  /// sleep"... Read only to stay silent about GFP_ATOMIC: a sentence that
  /// denies it ("must not be called from interrupt context") silences too.
  bool documentsAtomicContext(const FunctionDecl &FD) {
    static constexpr llvm::StringLiteral Phrases[] = {
        "interrupt handler", "interrupt context", "atomic context",
        "irq context",       "hardirq",           "softirq context",
        "in interrupt",      "from interrupt",    "interrupts disabled",
        "irqs disabled",     "must not sleep",    "cannot sleep",
        "can't sleep",       "may not sleep",     "can not sleep"};
    for (const FunctionDecl *R : FD.redecls()) {
      std::string Text = commentBefore(*R);
      for (llvm::StringRef P : Phrases)
        if (llvm::StringRef(Text).contains(P))
          return true;
    }
    return false;
  }

  /// The `/* ... */` comment that ends just before \p D (blank space
  /// between) and starts its own line, lowercase, with whitespace and the `*`
  /// of its lines collapsed; "" when there is none. Clang keeps only
  /// documentation comments, and the kernel writes many as plain blocks.
  std::string commentBefore(const Decl &D) const {
    const SourceManager &SM = Ctx.getSourceManager();
    SourceLocation Begin = SM.getExpansionLoc(D.getBeginLoc());
    if (Begin.isInvalid())
      return "";
    auto [File, Offset] = SM.getDecomposedLoc(Begin);
    bool Invalid = false;
    llvm::StringRef Buffer = SM.getBufferData(File, &Invalid);
    if (Invalid || Offset > Buffer.size())
      return "";
    llvm::StringRef Before = Buffer.take_front(Offset).rtrim();
    if (!Before.ends_with("*/"))
      return "";
    size_t Open = Before.rfind("/*");
    if (Open == llvm::StringRef::npos)
      return "";
    // A comment of its own, not one trailing the previous line's code
    // (`static int hits; /* bumped in interrupt context */`).
    size_t LineStart = Before.rfind('\n', Open);
    LineStart = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
    if (!Before.slice(LineStart, Open).trim().empty())
      return "";
    std::string Text;
    bool Space = false;
    for (char C : Before.substr(Open + 2).drop_back(2)) {
      if (isWhitespace(C) || C == '*') {
        Space = !Text.empty();
        continue;
      }
      if (Space)
        Text += ' ';
      Space = false;
      Text += toLowercase(C);
    }
    return Text;
  }

  /// The `__must_hold()` annotations by the file they are expanded in.
  llvm::DenseMap<FileID,
                 std::vector<std::pair<SourceLocation, const LockAnnotation *>>>
      MustHold;
  bool MustHoldIndexed = false;

  /// True when the sparse annotation at \p L belongs to the declaration
  /// \p R: between its start and its body, or, for a prototype, just after
  /// its parameter list with only other annotations in between.
  bool annotates(const FunctionDecl &R, SourceLocation L) const {
    const SourceManager &SM = Ctx.getSourceManager();
    L = SM.getExpansionLoc(L);
    SourceLocation Begin = SM.getExpansionLoc(R.getBeginLoc());
    if (SM.getFileID(L) != SM.getFileID(Begin) ||
        SM.isBeforeInTranslationUnit(L, Begin))
      return false;
    if (R.doesThisDeclarationHaveABody())
      return SM.isBeforeInTranslationUnit(
          L, SM.getExpansionLoc(R.getBody()->getBeginLoc()));
    SourceLocation End = SM.getExpansionLoc(R.getEndLoc());
    if (SM.isBeforeInTranslationUnit(L, End))
      return true;
    auto [EndFile, EndOff] = SM.getDecomposedLoc(End);
    auto [LFile, LOff] = SM.getDecomposedLoc(L);
    if (LOff - EndOff > 256)
      return false;
    llvm::StringRef Between =
        SM.getBufferData(EndFile).substr(EndOff, LOff - EndOff);
    return Between.find_first_of(";{}=") == llvm::StringRef::npos;
  }

  /// What a function's declarations say it does to a spinning lock:
  /// `__acquires(&r->lock)` returns with it held (+1), `__releases(...)`
  /// returns with it dropped (-1), in sparse's spelling (recorded by the
  /// preprocessor) or as Clang's capability attributes. Nothing when they
  /// say nothing about a spinning lock (`__acquires(RCU)`, a mutex).
  std::optional<int> annotatedEffect(const FunctionDecl &FD) {
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

  /// The kernel's own statements of a function's context, at the top
  /// level of its body: `lockdep_assert_held(&lock)` of a spinning lock
  /// (spinlock_t, raw_spinlock_t, rwlock_t; not a mutex),
  /// `lockdep_assert_irqs_disabled()`, `lockdep_assert_in_softirq()`,
  /// `lockdep_assert_preemption_disabled()`. They are macros whose
  /// expansion depends on CONFIG_LOCKDEP, down to `do { (void)(l); } while
  /// (0)`, so they are read by the macro's name.
  void scanAssertions(const FunctionDecl &FD) {
    const auto *Body = dyn_cast_or_null<CompoundStmt>(FD.getBody());
    if (!Body)
      return;
    const SourceManager &SM = Ctx.getSourceManager();
    for (const Stmt *S : Body->body()) {
      SourceLocation Loc = S->getBeginLoc();
      if (!Loc.isMacroID())
        continue;
      std::string Macro;
      for (const MacroFrame &F : macroChain(Loc, SM, Ctx.getLangOpts()))
        Macro = F.Name;
      if (Macro == "WARN_ON" || Macro == "WARN_ON_ONCE") {
        // `WARN_ON(!irqs_disabled())`: the author states that interrupts
        // are off. Read as written: irqs_disabled() is a macro too.
        StringRef Text = Lexer::getSourceText(
            SM.getExpansionRange(S->getSourceRange()), SM, Ctx.getLangOpts());
        std::string Compact;
        for (char C : Text)
          if (!isWhitespace(C))
            Compact += C;
        StringRef Arg(Compact);
        if (Arg.consume_front(Macro) &&
            (Arg == "(!irqs_disabled())" || Arg == "(!raw_irqs_disabled())"))
          addRole(&FD, ContextKind::Atomic, SM.getExpansionLoc(Loc),
                  "it asserts that interrupts are off (" + Macro + ")");
        continue;
      }
      if (Macro == "lockdep_assert_irqs_disabled" ||
          Macro == "lockdep_assert_in_softirq" ||
          Macro == "lockdep_assert_in_irq" ||
          Macro == "lockdep_assert_preemption_disabled") {
        addRole(&FD, ContextKind::Atomic, SM.getExpansionLoc(Loc),
                "it asserts so (" + Macro + ")");
        continue;
      }
      if (Macro != "lockdep_assert_held" &&
          Macro != "lockdep_assert_held_write" &&
          Macro != "lockdep_assert_held_read")
        continue;
      // The lock named in the expansion: the first expression of a lock
      // type, or a pointer to one.
      bool Spinning = false;
      walkEvaluated(S, [&](const Stmt &Sub) {
        const auto *E = dyn_cast<Expr>(&Sub);
        if (!E || Spinning)
          return;
        QualType T = E->getType();
        if (T->isPointerType())
          T = T->getPointeeType();
        if (const auto *TT = T->getAs<TypedefType>()) {
          llvm::StringRef N = TT->getDecl()->getName();
          Spinning =
              N == "spinlock_t" || N == "raw_spinlock_t" || N == "rwlock_t";
        }
      });
      if (Spinning)
        addRole(&FD, ContextKind::Atomic, SM.getExpansionLoc(Loc),
                "it asserts that a spinning lock is held (" + Macro + ")");
    }
  }

  /// The name the user wrote for a lock call: the outermost macro
  /// (`spin_lock_irqsave`) or the function.
  std::string writtenName(const CallExpr &Call) const {
    std::string Name = calleeName(Call).str();
    const SourceManager &SM = Ctx.getSourceManager();
    for (const MacroFrame &F :
         macroChain(Call.getBeginLoc(), SM, Ctx.getLangOpts()))
      if (Locks.count(normalizeName(F.Name)) ||
          Trylocks.count(normalizeName(F.Name)))
        Name = F.Name;
    return Name;
  }

  /// The outermost sleeper macro (might_sleep, wait_event, ...) that
  /// \p Call was written through, or "".
  std::string sleeperMacro(const CallExpr &Call) const {
    if (!Call.getBeginLoc().isMacroID())
      return {};
    std::string Found;
    for (const MacroFrame &F : macroChain(
             Call.getBeginLoc(), Ctx.getSourceManager(), Ctx.getLangOpts()))
      if (Sleepers.count(normalizeName(F.Name)))
        Found = F.Name;
    return Found;
  }

  /// The guard class a constructor or destructor belongs to, or "".
  llvm::StringRef guardOf(llvm::StringRef Fn, llvm::StringRef Suffix) const {
    if (!Fn.consume_front("class_") || !Fn.consume_back(Suffix))
      return "";
    return Guards.count(Fn) ? Fn : "";
  }

  void enter(Depth &D, const CallExpr &Call, std::string What) const {
    if (D.Min == 0) {
      D.Loc = Ctx.getSourceManager().getExpansionLoc(Call.getBeginLoc());
      D.What = std::move(What);
    }
    D.Min = std::min(D.Min + 1, MaxDepth);
    D.Max = std::min(D.Max + 1, MaxDepth);
  }

  /// The lock a lock or unlock call names, as written (`&resv->lock`).
  std::string lockText(const CallExpr &Call) const {
    if (Call.getNumArgs() == 0)
      return {};
    const SourceManager &SM = Ctx.getSourceManager();
    CharSourceRange R = SM.getExpansionRange(
        Call.getArg(0)->IgnoreParenImpCasts()->getSourceRange());
    return Lexer::getSourceText(R, SM, Ctx.getLangOpts()).str();
  }

  /// The locks \p Body unlocks before (in the source) it first locks them,
  /// or never locks: its caller's. `spin_unlock(&l); kmalloc(...);
  /// spin_lock(&l);` in a loop is such a function; `if (x) spin_lock(&l);
  /// ... if (x) spin_unlock(&l);` is not.
  llvm::StringSet<> callerLocks(const Stmt *Body) const {
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

  void leave(Depth &D, FunctionLocks *Out, const CallExpr *Call = nullptr) {
    // Nothing of its own held on any path, or a lock it unlocks before it
    // ever takes it: the lock left is the caller's. (`if (x) spin_lock();
    // ... if (x) spin_unlock();` holds its own on some paths, and is no
    // such function.)
    if (Out && D.Min == 0 &&
        (D.Max == 0 || (Call && Out->CallerLocks.count(lockText(*Call)))))
      Out->ReleasesCallerLock = true;
    D.Min = std::max(D.Min - 1, 0);
    D.Max = std::max(D.Max - 1, 0);
  }

  /// True for a name like a spinning lock or unlock wrapper's
  /// (`netif_addr_lock_bh`, `foo_unlock`). Sleeping locks (mutexes,
  /// semaphores, lock_sock) and the sleepers table are not atomic sections.
  bool isSpinLockWrapperName(llvm::StringRef Name) const {
    if (Sleepers.count(normalizeName(Name)))
      return false;
    llvm::SmallVector<llvm::StringRef, 6> Words;
    Name.split(Words, '_', -1, /*KeepEmpty=*/false);
    bool Locking = false;
    for (llvm::StringRef W : Words) {
      if (W == "mutex" || W == "rwsem" || W == "sem" || W == "sock")
        return false;
      Locking |= W == "lock" || W == "unlock" || W == "trylock";
    }
    return Locking;
  }

  /// The net number of sections a call of \p FD enters (+1 for a lock
  /// wrapper, -1 for an unlock wrapper), when all its paths agree. Nothing
  /// when it cannot be known: a lock or unlock wrapper whose body cannot be
  /// read (defined in another file, or in a header of clangd's preamble,
  /// which skips function bodies) may enter or leave a section.
  std::optional<int> netEffect(const FunctionDecl *FD) {
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
    int Effect = 0;
    if (CallsLock && NetDepthLevel < 2) {
      ++NetDepthLevel;
      FunctionLocks &L = locksOf(*Def);
      --NetDepthLevel;
      if (L.Exit && L.Exit->Min == L.Exit->Max && L.Exit->Min != 0)
        Effect = L.Exit->Min;
      else if (L.Exit && L.Exit->Max == 0 && L.ReleasesCallerLock)
        Effect = -1;
    }
    NetEffect[Def] = Effect;
    return Effect;
  }

  void transfer(const CFGElement &E, Depth &D, FunctionLocks *Out) {
    if (std::optional<CFGCleanupFunction> CF = E.getAs<CFGCleanupFunction>()) {
      if (const FunctionDecl *Fn = CF->getFunctionDecl())
        if (Fn->getIdentifier() &&
            !guardOf(Fn->getName(), "_destructor").empty())
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
      if (It->second > 0)
        enter(D, *Call, writtenName(*Call));
      else
        leave(D, Out, Call);
      return;
    }
    // A wrapper of the driver or the kernel: netif_addr_lock_bh(). When
    // its effect cannot be known, both ends of the depth become unknown.
    std::optional<int> Net = netEffect(Call->getDirectCallee());
    if (!Net) {
      D.Min = 0;
      D.Max = std::min(D.Max + 1, MaxDepth);
      return;
    }
    if (*Net) {
      if (*Net > 0)
        enter(D, *Call, Name.str());
      else
        leave(D, Out);
      return;
    }
    if (!Out || D.Max != 0 || Out->Sleepers.size() >= 16)
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

  /// The trylock a branch condition tests, and whether its true edge is
  /// the success edge.
  const CallExpr *trylockOf(const Expr *C, bool &SuccessOnTrue) const {
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
      if (!Call)
        return nullptr;
      if (Call->getBuiltinCallee() == Builtin::BI__builtin_expect &&
          Call->getNumArgs() > 0) {
        C = Call->getArg(0);
        continue;
      }
      return Trylocks.count(normalizeName(calleeName(*Call))) ? Call : nullptr;
    }
    return nullptr;
  }

  FunctionLocks &locksOf(const FunctionDecl &FD) {
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
      if (!In[B->getBlockID()])
        continue;
      Depth D = *In[B->getBlockID()];
      for (const CFGElement &E : *B)
        transfer(E, D, nullptr);
      bool SuccessOnTrue = true;
      const CallExpr *Try = nullptr;
      if (B->succ_size() == 2)
        if (const auto *Cond =
                dyn_cast_or_null<Expr>(B->getTerminatorCondition()))
          Try = trylockOf(Cond, SuccessOnTrue);
      unsigned Index = 0;
      for (const CFGBlock::AdjacentBlock &Succ : B->succs()) {
        bool IsTrue = Index++ == 0;
        const CFGBlock *SB = Succ.getReachableBlock();
        if (!SB)
          continue;
        Depth Edge = D;
        if (Try && IsTrue == SuccessOnTrue)
          enter(Edge, *Try, writtenName(*Try));
        std::optional<Depth> &Target = In[SB->getBlockID()];
        Depth New = Target ? join(*Target, Edge) : Edge;
        if (!Target || !(New == *Target)) {
          Target = New;
          WL.enqueue(SB);
        }
      }
    }
    for (const CFGBlock *B : WL.order()) {
      if (!In[B->getBlockID()])
        continue;
      Depth D = *In[B->getBlockID()];
      for (const CFGElement &E : *B)
        transfer(E, D, &Result);
    }
    Result.Exit = In[Cfg->getExit().getBlockID()];
    return Result;
  }

  const Depth *depthAt(const FunctionDecl &FD, const Stmt *S) {
    FunctionLocks &L = locksOf(FD);
    auto It = L.At.find(S);
    return It == L.At.end() ? nullptr : &It->second;
  }
};

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

bool ContextModelImpl::mayFallBack(const FunctionLocks &L,
                                   const AllocationSite &A) {
  return llvm::any_of(L.Sleepers, [&](const auto &S) {
    return S.first != A.Call &&
           M.lookupAllocator(S.first->getDirectCallee()) != nullptr;
  });
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
