//===-- ContextModelImpl.h - The parts of the context model -----*- C++ -*-===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Private to the context model (AtomicContext.h), which is built from three
// parts, one file each:
//
//   ContextRoles.cpp     the registration scanner: one walk of the unit for
//                        the roles its registrations, ops tables, __init,
//                        lock annotations and lockdep assertions give its
//                        functions, the call sites of each function, and
//                        the callbacks stored in struct fields;
//   LockDepth.cpp        the lock-depth dataflow of one function: the
//                        atomic sections held at each call, the sleeping
//                        calls made with none held, the net effect of lock
//                        wrappers;
//   AtomicContext.cpp    the caller join: a function's context from its
//                        roles and, failing those, from all its callers;
//                        the failure branches of an allocation; the facts
//                        for the whole tree.
//
//===----------------------------------------------------------------------===//

#ifndef GFP_TIDY_LIB_ANALYSIS_CONTEXTMODELIMPL_H
#define GFP_TIDY_LIB_ANALYSIS_CONTEXTMODELIMPL_H

#include "Analysis/AtomicContext.h"
#include "Analysis/FunctionIndex.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringMap.h"

#include <optional>

namespace gfp {

/// `_raw_spin_lock_irqsave` and `__rcu_read_lock` are the kernel's inner
/// names of spin_lock_irqsave and rcu_read_lock.
inline llvm::StringRef normalizeName(llvm::StringRef N) {
  N = N.ltrim('_');
  N.consume_front("raw_");
  return N;
}

/// Atomic sections held, over all paths: [Min, Max], and where the first
/// section of the innermost path began.
struct Depth {
  int Min = 0;
  int Max = 0;
  /// Sections of the caller left on the way (an unlock with nothing of
  /// the function's own held), at most, over the paths.
  int Released = 0;
  clang::SourceLocation Loc;
  std::string What;
  bool operator==(const Depth &O) const {
    return Min == O.Min && Max == O.Max && Released == O.Released &&
           Loc == O.Loc;
  }
};

inline constexpr int MaxDepth = 8;

inline Depth join(const Depth &A, const Depth &B,
                  const clang::SourceManager &SM) {
  Depth R;
  R.Min = std::min(A.Min, B.Min);
  R.Max = std::max(A.Max, B.Max);
  R.Released = std::max(A.Released, B.Released);
  // The side with a section on every path (only then is the place shown);
  // between two such sides, the section begun first in the source, so
  // that the note does not depend on the order the paths were walked in.
  const Depth *Src = A.Min > 0 ? &A : &B;
  if (A.Min > 0 && B.Min > 0 && B.Loc.isValid() &&
      (A.Loc.isInvalid() || SM.isBeforeInTranslationUnit(B.Loc, A.Loc)))
    Src = &B;
  R.Loc = Src->Loc;
  R.What = Src->What;
  return R;
}

/// The result of the section analysis of one function.
struct FunctionLocks {
  /// The depth just before each call and statement expression.
  llvm::DenseMap<const clang::Stmt *, Depth> At;
  /// The first sleeping call (in the source) made with no section held on
  /// any path.
  const clang::CallExpr *Sleeper = nullptr;
  std::string SleeperName;
  /// Every such call (the first 16 in the source), with the name shown for
  /// it, in the order of the source.
  std::vector<std::pair<const clang::CallExpr *, std::string>> Sleepers;
  /// The sleeping calls the code reaches only on one edge of a branch on
  /// how it was called (`if (atomic) udelay(10); else usleep_range(...)`):
  /// not evidence for the function, only for what lies on their paths.
  std::vector<std::pair<const clang::CallExpr *, std::string>> Chosen;
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
inline const clang::DeclRefExpr *callbackRef(const clang::Expr *E) {
  if (!E)
    return nullptr;
  E = E->IgnoreParenCasts();
  // pm_sleep_ptr(fn) and pm_ptr(fn): `IS_ENABLED(CONFIG_PM_SLEEP) ? (fn) :
  // NULL`, the callback or nothing.
  if (const auto *CO = llvm::dyn_cast<clang::ConditionalOperator>(E)) {
    auto IsNull = [](const clang::Expr *Arm) {
      Arm = Arm->IgnoreParenCasts();
      if (const auto *IL = llvm::dyn_cast<clang::IntegerLiteral>(Arm))
        return IL->getValue() == 0;
      return llvm::isa<clang::GNUNullExpr>(Arm);
    };
    if (IsNull(CO->getFalseExpr()))
      E = CO->getTrueExpr()->IgnoreParenCasts();
    else if (IsNull(CO->getTrueExpr()))
      E = CO->getFalseExpr()->IgnoreParenCasts();
    else
      return nullptr;
  }
  if (const auto *UO = llvm::dyn_cast<clang::UnaryOperator>(E))
    if (UO->getOpcode() == clang::UO_AddrOf)
      E = UO->getSubExpr()->IgnoreParenCasts();
  return llvm::dyn_cast<clang::DeclRefExpr>(E);
}

/// The callback itself.
inline const clang::FunctionDecl *callbackOf(const clang::Expr *E) {
  const clang::DeclRefExpr *Ref = callbackRef(E);
  return Ref ? llvm::dyn_cast<clang::FunctionDecl>(Ref->getDecl()) : nullptr;
}

/// The context model of one unit. Its members are defined in the file of
/// their part (see above); the tables of KernelApi.def and the options are
/// read by the constructor, in AtomicContext.cpp.
class ContextModelImpl {
public:
  ContextModelImpl(KernelModel &M, FunctionIndex &Index,
                   const AtomicContextOptions &Opts);

  void analyseFunction(const clang::FunctionDecl &FD, AtomicContextHandler &H);
  ContextKind functionContext(const clang::FunctionDecl &FD,
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
  bool inMainFile(const clang::FunctionDecl &FD) const {
    const clang::SourceManager &SM = Ctx.getSourceManager();
    return SM.isInMainFile(SM.getExpansionLoc(FD.getLocation()));
  }
  /// True when \p FD is defined in a header of an `include/` directory or
  /// a system header (the kernel's API, not the driver's own headers).
  bool inKernelInclude(const clang::FunctionDecl &FD) const {
    const clang::SourceManager &SM = Ctx.getSourceManager();
    clang::SourceLocation L = SM.getExpansionLoc(FD.getLocation());
    if (SM.isInMainFile(L))
      return false;
    llvm::StringRef Path = SM.getFilename(L);
    return SM.isInSystemHeader(L) || Path.starts_with("include/") ||
           Path.contains("/include/");
  }
  std::string factCallee(const clang::CallExpr &Call, bool &Member,
                         ContextModel::PlaceFn PlaceOf);
  std::vector<tree::Call> factCalls(const clang::FunctionDecl &FD,
                                    const FunctionLocks &L,
                                    ContextModel::PlaceFn PlaceOf);

private:
  /// True when \p FD's only evidence of sleeping is that it allocates
  /// with sleeping flags: that is what is in question, not a proof.
  bool sleepsOnlyByAllocating(const clang::FunctionDecl &FD);
  /// True when a call site of \p FD in the unit is in atomic context.
  bool calledInAtomicContext(const clang::FunctionDecl *FD);
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
  FailureView failureView(const clang::FunctionDecl &FD,
                          const AllocationSite &A);
  /// The first of \p L's sleepers that lies on one path of \p FD's CFG
  /// with \p A's call (before or after it), or null. The branch taken when
  /// \p A's result is NULL is not such a path: a sleeping fallback there
  /// (`kmalloc(GFP_ATOMIC | __GFP_NOWARN)`, then `GFP_NOFS` on failure)
  /// says the first attempt is meant to fail fast.
  const std::pair<const clang::CallExpr *, std::string> *
  reachingSleeper(const FailureView &V, const FunctionLocks &L,
                  const AllocationSite &A);
  /// The first of \p L's chosen sleepers that lies on every path from the
  /// entry to \p A's call (the failure branch taken out), or null.
  const std::pair<const clang::CallExpr *, std::string> *
  dominatingChosenSleeper(const FailureView &V, const FunctionLocks &L,
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
  /// True when \p Cond asks how the code runs: it calls a context query
  /// (in_interrupt(), gfpflags_allow_blocking(gfp)) or, with \p ParamsToo,
  /// reads a scalar parameter of \p FD (`atomic`, `gfp`) or a local
  /// initialised from one.
  bool isContextCondition(const clang::Stmt *Cond,
                          const clang::FunctionDecl &FD, bool ParamsToo) const;
  /// The blocks of \p Cfg that branch on such a condition.
  llvm::SmallVector<const clang::CFGBlock *, 4>
  contextBranches(const clang::CFG &Cfg, const clang::FunctionDecl &FD,
                  bool ParamsToo) const;
  /// True when every path of \p Cfg from the entry to \p S takes one given
  /// edge of one of \p Branches: the code chose at run time to get there
  /// (`might_sleep_if(gfpflags_allow_blocking(gfp))`, `if (in_interrupt())
  /// return;` before an allocation).
  static bool chosenAtRunTime(const clang::CFG &Cfg,
                              llvm::ArrayRef<const clang::CFGBlock *> Branches,
                              const clang::Stmt *S);
  /// chosenAtRunTime() for \p A's call in \p FD, on context queries only;
  /// the CFG is built only for a function that makes one.
  bool askedAtRunTime(const clang::FunctionDecl &FD, const AllocationSite &A);
  /// For a call of a helper that allocates with the flags passed to it:
  /// true when the helper does not ask where it runs and, for flags that
  /// use the reserves (\p Reserves), holds no section at any allocation
  /// it passes them to.
  bool forwardsPlainly(const AllocationSite &A, bool Reserves,
                       unsigned Level = 0);
  /// Does the body of \p Def call a context query? Cached per function.
  bool asksContext(const clang::FunctionDecl &Def);
  /// Per function definition: does its body call a context query?
  llvm::DenseMap<const clang::FunctionDecl *, bool> AsksContext;
  struct RoleCall {
    unsigned Arg;
    ContextKind K;
    tree::RoleSource Source;
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
    tree::RoleSource Source;
  };
  struct CallSite {
    const clang::FunctionDecl *Caller;
    const clang::CallExpr *Call;
  };
  struct Cached {
    ContextKind K = ContextKind::Unknown;
    std::vector<Evidence> Why;
  };

  KernelModel &M;
  FunctionIndex &Index;
  const AtomicContextOptions &Opts;
  clang::ASTContext &Ctx;
  llvm::StringMap<int> Locks;
  llvm::StringSet<> Trylocks;
  llvm::StringSet<> Guards;
  llvm::StringSet<> Sleepers;
  llvm::StringSet<> ContextQueries;
  llvm::StringMap<std::vector<RoleCall>> RoleCalls;
  llvm::StringMap<std::vector<RoleCallField>> RoleCallFields;
  std::vector<RoleField> RoleFields;

  bool Scanned = false;
  llvm::DenseMap<const clang::FunctionDecl *, Cached> Roles;
  llvm::DenseMap<const clang::FunctionDecl *, std::vector<CallSite>> Callers;
  llvm::DenseSet<const clang::FunctionDecl *> Escaped;
  struct StoreRecord {
    std::string Member;
    const clang::FunctionDecl *Function;
    clang::SourceLocation Loc;
  };
  std::vector<StoreRecord> Stores;
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<FunctionLocks>>
      LockCache;
  llvm::DenseMap<const clang::FunctionDecl *, Cached> ContextCache;
  llvm::DenseMap<const clang::FunctionDecl *, std::optional<int>> NetEffect;
  unsigned NetDepthLevel = 0;
  llvm::DenseSet<const clang::FunctionDecl *> InProgress;

  static const clang::FunctionDecl *canon(const clang::FunctionDecl *FD) {
    return FD ? FD->getCanonicalDecl() : nullptr;
  }

  void addRole(const clang::FunctionDecl *FD, ContextKind K,
               clang::SourceLocation Loc, const tree::RoleSource &Source);

  bool structMatches(const RoleField &F, llvm::StringRef Name) const {
    llvm::StringRef Pattern(F.Struct);
    if (Pattern.consume_front("*"))
      return Name.ends_with(Pattern);
    return Name == Pattern;
  }

  /// Registers the function stored into \p Field of struct \p RD.
  bool fieldRole(const clang::RecordDecl *RD, const clang::FieldDecl *Field,
                 const clang::Expr *Value,
                 llvm::DenseSet<const clang::DeclRefExpr *> &OkRefs);

  /// Calls \p Visit with each field of a struct initializer and the value
  /// it gets (unions and unnamed forms are skipped).
  static void forEachFieldInit(
      const clang::InitListExpr *ILE,
      llvm::function_ref<void(const clang::RecordDecl *,
                              const clang::FieldDecl *, const clang::Expr *)>
          Visit);

  void scanInitList(const clang::InitListExpr *ILE,
                    llvm::DenseSet<const clang::DeclRefExpr *> &OkRefs);

  /// Reads the roles, calls and escaping addresses of \p Body (a global's
  /// initializer; function bodies come from the index).
  void scanStmt(const clang::Stmt *Body,
                llvm::DenseSet<const clang::DeclRefExpr *> &OkRefs);

  /// One node of a walk of \p Caller's body (null: a global's initializer).
  void scanNode(const clang::FunctionDecl *Caller, const clang::Stmt &S,
                llvm::DenseSet<const clang::DeclRefExpr *> &OkRefs);

  /// `atomic_notifier_chain_register(&chain, &my_nb)`: the callback the
  /// initializer of `my_nb` stores in the role's field, or, in the function
  /// that registers it, an assignment to that field of the same struct
  /// (`nb->notifier_call = handler; register_netdevice_notifier(nb);`, as
  /// ice's LAG handler is registered).
  void scanRoleCallFields(const clang::FunctionDecl *Caller,
                          const clang::CallExpr &Call);

  /// The role of \p R for a function the registering function \p Caller
  /// assigns to the registered struct's field: `&x.nb` registers what
  /// `x.nb.F = fn` stored, `p` what `p->F = fn` stored (the struct as
  /// written, in the same function).
  void assignedRoleField(const clang::FunctionDecl *Caller,
                         const clang::CallExpr &Call, const RoleCallField &R);

  /// The arguments of \p Call (a bit each, the first 32) written as 0,
  /// false or NULL.
  uint32_t zeroArguments(const clang::CallExpr &Call) const;

  /// True when \p FD is atomic only through its callers in the unit, and
  /// each of them passes 0, false or NULL for a parameter the allocation
  /// \p A needs set (`if (display) buf = kmalloc(...)` called as
  /// `dump(dev, false)` from an interrupt handler): no call reaches it.
  bool onlyZeroGuardedCallers(const clang::FunctionDecl &FD,
                              const AllocationSite &A);

  /// The role of the function \p D (an `__inittest()` or a variable that
  /// module_init() or an initcall macro made) refers to in \p Body.
  void initcallRole(const clang::Decl &D, const clang::Stmt *Body);

  /// One walk over the unit: roles, call sites, escaping addresses.
  void scan();

  /// True for the kernel's spinning lock types (not a mutex).
  static bool isSpinningLock(clang::QualType T);

  /// The type of a lock named as in an annotation (`&priv->lock`,
  /// `&busdevs_lock`, `lock`): a parameter of \p FD or a global, then
  /// fields. Null when any step is not found.
  const clang::Type *annotatedLockType(const clang::FunctionDecl &FD,
                                       llvm::StringRef Arg);

  /// `void f(struct dev *d) __must_hold(&d->lock)`: sparse's annotation
  /// (empty outside sparse, so read from the preprocessor's record) or
  /// Clang's capability attribute (Linux 7.0's context analysis). A
  /// spinning lock held on entry makes the function atomic.
  void scanAnnotations(const clang::FunctionDecl &FD);

  /// True when the comment just before a declaration of \p FD (kernel-doc's
  /// `/**` or a plain `/*` block) says it runs where it cannot sleep:
  /// "called from interrupt handler", "in atomic context", "must not
  /// sleep"... Read only to stay silent about GFP_ATOMIC: a sentence that
  /// denies it ("must not be called from interrupt context") silences too.
  bool documentsAtomicContext(const clang::FunctionDecl &FD);

  /// The `/* ... */` comment that ends just before \p D (blank space
  /// between) and starts its own line, lowercase, with whitespace and the `*`
  /// of its lines collapsed; "" when there is none. Clang keeps only
  /// documentation comments, and the kernel writes many as plain blocks.
  std::string commentBefore(const clang::Decl &D) const;

  /// The `__must_hold()` annotations by the file they are expanded in.
  llvm::DenseMap<
      clang::FileID,
      std::vector<std::pair<clang::SourceLocation, const LockAnnotation *>>>
      MustHold;
  bool MustHoldIndexed = false;

  /// True when the sparse annotation at \p L belongs to the declaration
  /// \p R: between its start and its body, or, for a prototype, just after
  /// its parameter list with only other annotations in between.
  bool annotates(const clang::FunctionDecl &R, clang::SourceLocation L) const;

  /// What a function's declarations say it does to a spinning lock:
  /// `__acquires(&r->lock)` returns with it held (+1), `__releases(...)`
  /// returns with it dropped (-1), in sparse's spelling (recorded by the
  /// preprocessor) or as Clang's capability attributes. Nothing when they
  /// say nothing about a spinning lock (`__acquires(RCU)`, a mutex).
  std::optional<int> annotatedEffect(const clang::FunctionDecl &FD);

  /// The kernel's own statements of a function's context, at the top
  /// level of its body: `lockdep_assert_held(&lock)` of a spinning lock
  /// (spinlock_t, raw_spinlock_t, rwlock_t; not a mutex),
  /// `lockdep_assert_irqs_disabled()`, `lockdep_assert_in_softirq()`,
  /// `lockdep_assert_preemption_disabled()`. They are macros whose
  /// expansion depends on CONFIG_LOCKDEP, down to `do { (void)(l); } while
  /// (0)`, so they are read by the macro's name.
  void scanAssertions(const clang::FunctionDecl &FD);

  /// The name the user wrote for a lock call: the outermost macro
  /// (`spin_lock_irqsave`) or the function.
  std::string writtenName(const clang::CallExpr &Call) const;

  /// The outermost sleeper macro (might_sleep, wait_event, ...) that
  /// \p Call was written through, or "".
  std::string sleeperMacro(const clang::CallExpr &Call) const;

  /// The guard class a constructor or destructor belongs to, or "".
  llvm::StringRef guardOf(llvm::StringRef Fn, llvm::StringRef Suffix) const {
    if (!Fn.consume_front("class_") || !Fn.consume_back(Suffix))
      return "";
    return Guards.count(Fn) ? Fn : "";
  }

  void enter(Depth &D, const clang::CallExpr &Call, std::string What) const;

  /// The lock a lock or unlock call names, as written (`&resv->lock`).
  std::string lockText(const clang::CallExpr &Call) const;

  /// The locks \p Body unlocks before (in the source) it first locks them,
  /// or never locks: its caller's. `spin_unlock(&l); kmalloc(...);
  /// spin_lock(&l);` in a loop is such a function; `if (x) spin_lock(&l);
  /// ... if (x) spin_unlock(&l);` is not.
  llvm::StringSet<> callerLocks(const clang::Stmt *Body) const;

  void leave(Depth &D, FunctionLocks *Out,
             const clang::CallExpr *Call = nullptr);

  /// True for a name like a spinning lock or unlock wrapper's
  /// (`netif_addr_lock_bh`, `foo_unlock`). Sleeping locks (mutexes,
  /// semaphores, lock_sock) and the sleepers table are not atomic sections.
  bool isSpinLockWrapperName(llvm::StringRef Name) const;

  /// The net number of sections a call of \p FD enters (+1 for a lock
  /// wrapper, -1 for an unlock wrapper), when all its paths agree. Nothing
  /// when it cannot be known: a lock or unlock wrapper whose body cannot be
  /// read (defined in another file, or in a header of clangd's preamble,
  /// which skips function bodies) may enter or leave a section.
  std::optional<int> netEffect(const clang::FunctionDecl *FD);

  void transfer(const clang::CFGElement &E, Depth &D, FunctionLocks *Out);

  /// The trylock a branch condition tests, and whether its true edge is
  /// the success edge.
  const clang::CallExpr *trylockOf(const clang::Expr *C,
                                   bool &SuccessOnTrue) const;
  /// `if (!spin_trylock_irqsave(&l, flags))`: a trylock macro whose
  /// statement expression enters the irq section, tries the lock and
  /// leaves the section on failure. Its two outcomes are joined before the
  /// caller's branch, which tests the joined value. The macro, when \p C
  /// is one, and whether its true edge is the success edge.
  std::optional<MacroFrame>
  joinedTrylockOf(const clang::Expr *C, bool &SuccessOnTrue,
                  const clang::CallExpr *&Inner) const;
  /// The sections the transfer function added to the maximum at the
  /// trylock call \p Try itself: one when it is an unreadable lock-named
  /// function (`_raw_spin_trylock()` in another file), which the branch on
  /// its result takes off its failure edge.
  int trylockBump(const clang::CallExpr &Try);
  /// What a block's two-way branch tests, when it tests a trylock.
  struct TrylockBranch {
    const clang::CallExpr *Try = nullptr;
    std::optional<MacroFrame> Joined;
    bool SuccessOnTrue = true;
    int Bump = 0;
  };
  TrylockBranch trylockBranch(const clang::CFGBlock &B);
  /// The depth on one edge of such a branch (\p IsTrue: the first).
  void takeEdge(Depth &Edge, const TrylockBranch &T, bool IsTrue) const;

  FunctionLocks &locksOf(const clang::FunctionDecl &FD);

  const Depth *depthAt(const clang::FunctionDecl &FD, const clang::Stmt *S) {
    FunctionLocks &L = locksOf(FD);
    auto It = L.At.find(S);
    return It == L.At.end() ? nullptr : &It->second;
  }
};

} // namespace gfp

#endif // GFP_TIDY_LIB_ANALYSIS_CONTEXTMODELIMPL_H
