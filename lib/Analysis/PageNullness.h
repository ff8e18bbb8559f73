//===-- PageNullness.h - Unchecked uses of atomic page allocations -*- C++ -*-//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// A forward dataflow analysis over the CFG of a function that holds a
// non-sleeping page allocation (GFP_ATOMIC, GFP_NOWAIT, ...): each tracked
// value (a local, a parameter, or a member path rooted in one, such as
// `priv->rx_page` or `ring->buf[i].page`) is NonNull, Null or MaybeNull on
// every path. An allocation makes its destination MaybeNull; a branch on a
// NULL test refines it on each edge; a use while MaybeNull or Null is
// reported, once per allocation, after the fixpoint.
//
// Modelled:
// - tests: `p`, `!p`, `p == NULL`, `p != NULL`, `likely()`/`unlikely()`,
//   `IS_ERR_OR_NULL(p)` (its false edge), `&&`/`||` (each operand is a
//   branch of its own in the CFG), `(p = alloc(...)) == NULL`, `?:`, and
//   `WARN_ON(!p)`/`WARN_ON_ONCE(!p)` as conditions: the statement expression's
//   value is a local temporary whose initialiser is the real test;
// - `BUG_ON(!p)` and other noreturn calls end their path (the CFG links them
//   to the exit); early returns, `goto` and `break` are edges like any other;
// - uses: `*p`, `p->f` (but not `&p->f`), `p[i]`, and passing p (through
//   casts) to a function of the dereferencing table or to a function of the
//   translation unit whose body dereferences that parameter on every path
//   from its entry (a post-dominance test on its CFG);
// - copies `q = p` share p's allocation, so a test of either refines both;
//   reassigning a value, or a variable that its member path or index
//   mentions, ends its tracking; taking its address does too.
//
// Approximations:
// - Path-insensitive: two tests of correlated conditions are not related.
// - Returning the value, storing it elsewhere, or passing it to a function
//   that is not known to dereference it is not a use.
// - A function call does not invalidate member paths (a callee could store
//   a new page into `priv->rx_page`).
//
//===----------------------------------------------------------------------===//

#ifndef GFP_TIDY_LIB_ANALYSIS_PAGENULLNESS_H
#define GFP_TIDY_LIB_ANALYSIS_PAGENULLNESS_H

#include "Analysis/KernelModel.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringSet.h"

#include <string>
#include <utility>
#include <vector>

namespace clang {
class FunctionDecl;
} // namespace clang

namespace gfp {

/// A use of an allocation's result on a path where it was not checked.
struct UncheckedUse {
  /// The dereference, or the call the value is passed to.
  const clang::Expr *Use = nullptr;
  /// The expression naming the value at the use.
  const clang::Expr *Value = nullptr;
  /// The allocation.
  const AllocationSite *Alloc = nullptr;
  /// For a call: the function that dereferences the value.
  const clang::FunctionDecl *Callee = nullptr;
  /// For a function of the unit: where it dereferences its parameter.
  const clang::Expr *CalleeDeref = nullptr;
  /// True when the value is known to be NULL on the path (not only maybe).
  bool DefinitelyNull = false;
};

/// Receives the findings of runPageNullnessAnalysis().
class PageNullnessHandler {
public:
  virtual ~PageNullnessHandler();
  /// \param U the first unchecked use of one allocation.
  virtual void handleUncheckedUse(const UncheckedUse &U) {}
  /// \param A an allocation whose result is thrown away.
  virtual void handleDiscardedAllocation(const AllocationSite &A) {}
};

/// Options of the analysis.
struct PageNullnessOptions {
  /// Functions that dereference their page arguments, in addition to the
  /// built-in table.
  std::vector<std::string> DerefFunctions = {};
  /// Track sleeping allocations too (they fail far less often).
  bool AllAllocations = false;
};

/// Per translation unit: which functions dereference which parameters.
class DerefSummaries {
public:
  DerefSummaries(KernelModel &M, const PageNullnessOptions &Opts);
  /// True when \p Name is in the dereferencing table.
  bool isDerefFunction(llvm::StringRef Name) const;
  /// The dereference of parameter \p Param of \p FD that happens on every
  /// path through \p FD, or null. Only functions with a body in the unit.
  const clang::Expr *unconditionalDeref(const clang::FunctionDecl &FD,
                                        unsigned Param);

private:
  KernelModel &M;
  const PageNullnessOptions &Opts;
  llvm::StringSet<> Table;
  llvm::DenseMap<std::pair<const clang::FunctionDecl *, unsigned>,
                 const clang::Expr *>
      Cache;
  llvm::DenseSet<const clang::FunctionDecl *> InProgress;
};

/// Reports the unchecked uses and discarded results in \p FD through \p H.
void runPageNullnessAnalysis(const clang::FunctionDecl &FD, KernelModel &M,
                             PageNullnessHandler &H, DerefSummaries &S,
                             const PageNullnessOptions &Opts = {});

} // namespace gfp

#endif // GFP_TIDY_LIB_ANALYSIS_PAGENULLNESS_H
