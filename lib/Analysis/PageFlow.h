//===-- PageFlow.h - Following page values through a function ---*- C++ -*-===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The dataflow engine shared by the NULL-check analysis (PageNullness) and
// the free-mismatch analysis (PageFree): which allocation each tracked value
// holds, and whether it was checked for NULL, at every point of a function.
// Internal to lib/Analysis; the semantics are described in PageNullness.h,
// the engine is in PageFlow.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef GFP_TIDY_LIB_ANALYSIS_PAGEFLOW_H
#define GFP_TIDY_LIB_ANALYSIS_PAGEFLOW_H

#include "Analysis/CfgUtils.h"
#include "Analysis/KernelModel.h"
#include "clang/AST/Decl.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace gfp {
class DerefSummaries;

namespace flow {

enum class Nullness : uint8_t { NonNull, Null, MaybeNull };

/// The signs a scalar local may have: a mask of these bits.
enum Sign : uint8_t {
  Negative = 1,
  Zero = 2,
  Positive = 4,
  NonZero = Negative | Positive,
  AnySign = Negative | Zero | Positive
};

/// A scalar local known to have one of the signs of a mask.
struct Guard {
  const clang::VarDecl *Var = nullptr;
  uint8_t Signs = AnySign;
  bool operator==(const Guard &O) const {
    return Var == O.Var && Signs == O.Signs;
  }
};

/// What holds of the flags (`err`, `bounce`) on every path in a set: kept
/// per value for the paths where it may be NULL, and for all paths of a
/// state. A branch that contradicts them is not taken on those paths.
using Guards = llvm::SmallVector<Guard, 2>;

/// What is known of one tracked value on one path.
struct Fact {
  Nullness N = Nullness::MaybeNull;
  /// The allocation the value came from (an index into the sites).
  unsigned Site = 0;
  /// True when paths with different allocations joined: Site is one of them.
  bool Mixed = false;
  /// True when a path where the value was not tracked (it held something
  /// else) joined: the allocation is its origin on some paths only.
  bool Partial = false;
  /// What holds of the flags on every path where the value may be NULL:
  /// `if (!page) err = -ENOMEM;` leaves `err != 0` there, and a later
  /// `if (err) goto out;` proves the page on its other edge.
  Guards When;
  bool operator==(const Fact &O) const {
    return N == O.N && Site == O.Site && Mixed == O.Mixed &&
           Partial == O.Partial && When == O.When;
  }
  bool operator!=(const Fact &O) const { return !(*this == O); }
};

/// Tracked values (by key id) on one path; an absent key is not tracked.
using State = llvm::SmallDenseMap<unsigned, Fact, 4>;

/// One run of the analysis over one function.
class Analyzer {
public:
  /// A finding of the reporting pass.
  struct Use {
    const clang::Expr *UseExpr;
    const clang::Expr *Value;
    unsigned Site;
    const clang::FunctionDecl *Callee;
    const clang::Expr *CalleeDeref;
    bool DefinitelyNull;
    const clang::CFGBlock *Block;
  };

  /// \param S the dereference summaries, or null to use the table only.
  Analyzer(const clang::FunctionDecl &FD, KernelModel &M, DerefSummaries *S,
           unsigned Depth)
      : FD(FD), M(M), S(S), Depth(Depth) {}

  /// Tracks the allocations \p Tracked of the function.
  void setSites(std::vector<AllocationSite> Tracked);

  /// Tracks parameter \p Param as if it came from an unchecked allocation,
  /// and reports every use, not only the first.
  void setParameter(unsigned Param) {
    TrackedParam = Param;
    ReportAll = true;
  }

  const std::vector<AllocationSite> &sites() const { return Sites; }

  /// Runs the fixpoint; false when there is no CFG or it did not converge.
  bool solve();

  /// After solve(): the unchecked uses, the first per allocation (every one
  /// when a parameter is tracked).
  void collectUses(std::vector<Use> &Uses);

  /// After solve(): calls \p Visit with each element of each reachable block
  /// and the state just before it.
  void
  replay(llvm::function_ref<void(const clang::Stmt &, const State &)> Visit);

  /// The fact of the value \p E names in \p St, or null when untracked.
  const Fact *lookup(const clang::Expr *E, const State &St) const;

  /// The allocation site whose result \p E is, looking through casts.
  std::optional<unsigned> siteOfExpr(const clang::Expr *E) const {
    return siteOf(E);
  }

  /// Runs the fixpoint and collects the uses; false when no CFG.
  bool run(std::vector<Use> &Uses);

  clang::CFG *cfg() const { return Cfg.get(); }

private:
  const clang::FunctionDecl &FD;
  KernelModel &M;
  DerefSummaries *S;
  unsigned Depth;
  std::vector<AllocationSite> Sites;
  llvm::DenseMap<const clang::Expr *, unsigned> SiteByExpr;
  std::optional<unsigned> TrackedParam;
  bool ReportAll = false;
  std::unique_ptr<clang::CFG> Cfg;
  std::unique_ptr<clang::ParentMap> PM;
  std::unique_ptr<RpoWorklist> WL;
  std::vector<std::optional<State>> In;
  llvm::StringMap<unsigned> KeyIds;
  std::vector<std::string> Keys;
  llvm::DenseMap<const clang::VarDecl *, unsigned> Definitions;
  /// Locals and parameters whose address is taken: never flags.
  llvm::DenseSet<const clang::VarDecl *> Escaped;
  /// The key of the pseudo-value that carries the guards of all paths.
  unsigned PathKey = 0;

  unsigned keyId(const std::string &Key);

  /// The id of \p E's key if it is already known, without making one.
  std::optional<unsigned> knownKey(const clang::Expr *E) const;

  std::optional<unsigned> siteOf(const clang::Expr *E) const;

  void countDefinitions();

  /// Forgets \p Key and everything reached through it or indexed by it.
  void invalidate(State &St, unsigned Key);

  void assign(State &St, const clang::Expr *LHS, const clang::Expr *RHS);

  /// What a variable assigned \p RHS holds: an allocation, a copy of a
  /// tracked value, or an address derived from a tracked page.
  std::optional<Fact> factOf(const State &St, const clang::Expr *RHS) const;

  /// The tracked page descriptor that \p E computes an address or a frame
  /// number from, when \p E is nothing but casts, arithmetic and calls of
  /// the page-to-address helpers over exactly one such descriptor.
  std::optional<unsigned> derivedFrom(const clang::Expr *E,
                                      const State &St) const;

  static bool isDeriveFunction(llvm::StringRef Name);

  /// The scalar local or parameter \p E names, if it can serve as a flag.
  const clang::VarDecl *flagOf(const clang::Expr *E) const;

  /// Applies "flag \p V has one of the signs \p Signs" to every path of
  /// \p St: a value whose NULL paths all had another is not NULL on this
  /// edge.
  void applyGuard(State &St, const clang::VarDecl *V, uint8_t Signs);

  /// Forgets what is known of \p V, then records \p Value if it is a
  /// constant.
  void assignFlag(State &St, const clang::VarDecl *V, const clang::Expr *Value);

  /// True when \p FD, a function of the unit returning a truth value,
  /// tests its parameter \p I against NULL: `static bool ok(struct page
  /// *p) { return p != NULL; }`.
  bool isNullPredicate(const clang::FunctionDecl &FD, unsigned I);
  llvm::DenseMap<std::pair<const clang::FunctionDecl *, unsigned>, bool>
      Predicates;

  /// Sets the value \p E names, and its copies, to \p N.
  void refineValue(State &St, const clang::Expr *E, Nullness N);

  /// Applies "condition \p C evaluated to \p Value" to \p St.
  void applyCondition(State &St, const clang::Expr *C, bool Value,
                      unsigned Level);

  void propagate(const clang::CFGBlock &B, const State &Out, RpoWorklist &WL);

  /// True when the member access \p E only computes an address (`&p->f`,
  /// `&p->lru` through struct page's anonymous unions, `&p->arr[2]`).
  bool isAddressOnly(const clang::Expr *E) const;

  /// The call of a list function that \p ME's address (`&p->lru`) is
  /// given to, or null.
  const clang::CallExpr *writesThroughMember(const clang::MemberExpr *ME) const;

  void use(State &St, const clang::Expr *Value, const clang::Expr *UseExpr,
           const clang::FunctionDecl *Callee, const clang::Expr *CalleeDeref,
           std::vector<Use> *Out);

  /// Does \p Call dereference argument \p I? Returns the callee's own
  /// dereference for a function of the unit, or \p Call for a known one.
  const clang::Expr *derefsArgument(const clang::CallExpr &Call, unsigned I);

  void transferStmt(const clang::Stmt &St, State &State, std::vector<Use> *Out);

  void transferBlock(const clang::CFGBlock &B, State &St,
                     std::vector<Use> *Out);
};

} // namespace flow
} // namespace gfp

#endif // GFP_TIDY_LIB_ANALYSIS_PAGEFLOW_H
