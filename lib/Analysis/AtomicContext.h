//===-- AtomicContext.h - May the code sleep here? --------------*- C++ -*-===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The context of a program point is the role of its function joined with
// the atomic sections held on every path to it.
//
// - Atomic sections: a forward dataflow over the function's CFG counts the
//   sections entered (spin/raw_spin/read/write locks and their _irq,
//   _irqsave, _bh forms, local_irq_*, local_bh_*, preempt_*, rcu_read_lock*,
//   bit_spin_lock) as a [min, max] depth over all paths; trylocks count on
//   their success edge only; cleanup.h guards count from their constructor
//   to the CFGCleanupFunction of their scope.
// - Roles: registrations anywhere in the translation unit, by call
//   (request_irq, timer_setup, netif_napi_add, INIT_WORK, ...) and by struct
//   initializer or member assignment (`.probe` of any `*_driver`,
//   file_operations, `.ndo_start_xmit`, ...), say a callback runs in atomic
//   or in sleepable context. `__init` functions are sleepable.
// - Evidence: a function that calls a sleeper (mutex_lock, msleep,
//   might_sleep, copy_from_user, ...) or allocates with sleeping flags, with
//   no section held on any path, runs in sleepable context.
// - Callers: a static function with no role and no evidence takes the join
//   of its call sites' contexts in the unit (all atomic: atomic; all
//   sleepable: sleepable; otherwise, or when its address escapes, unknown).
//
// Unknown is silent. Every answer carries its proof as Evidence.
//
// Approximations:
// - Lock depth is path-insensitive; a section entered in a loop is capped.
// - Only call sites in the same translation unit are seen; a static
//   function whose address is stored anywhere other than a registration is
//   unknown.
// - A role given by two registrations that disagree is unknown.
//
//===----------------------------------------------------------------------===//

#ifndef GFP_TIDY_LIB_ANALYSIS_ATOMICCONTEXT_H
#define GFP_TIDY_LIB_ANALYSIS_ATOMICCONTEXT_H

#include "Analysis/KernelModel.h"
#include "Analysis/TreeFacts.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringSet.h"

#include <memory>
#include <string>
#include <vector>

namespace clang {
class FunctionDecl;
class CallExpr;
} // namespace clang

namespace gfp {

/// Whether code may sleep.
enum class ContextKind : uint8_t { Unknown, Atomic, Sleepable };

/// One step of the proof of a context.
struct Evidence {
  enum class Kind : uint8_t {
    /// An atomic section entered (What: the lock call).
    Section,
    /// A registration gives the function its role (What: a
    /// tree::RoleSource, encoded).
    Role,
    /// The function sleeps (What: the sleeping call).
    Sleeps,
    /// The function is called only in this context (Loc: a call site).
    Caller,
  };
  Kind K = Kind::Section;
  clang::SourceLocation Loc;
  /// `spin_lock_irqsave`, `field:pci_driver:probe`: names and code as
  /// written, or a role's source; the checks word them.
  std::string What;
  /// The function this step is about.
  const clang::FunctionDecl *Function = nullptr;
};

/// A sparse context annotation the preprocessor saw: `__must_hold(&l)`
/// expands to nothing outside sparse, so it is recorded as written.
struct LockAnnotation {
  std::string Macro;
  /// Where the macro's name is.
  clang::SourceLocation Loc;
  /// Its argument as written (`&priv->lock`).
  std::string Arg;
};

/// Options of the analysis; the names add to KernelApi.def's tables.
struct AtomicContextOptions {
  std::vector<std::string> LockFunctions = {};
  std::vector<std::string> UnlockFunctions = {};
  std::vector<std::string> SleepFunctions = {};
  std::vector<std::string> AtomicCallbacks = {};    // `name:arg`
  std::vector<std::string> SleepableCallbacks = {}; // `name:arg`

  bool operator==(const AtomicContextOptions &O) const {
    return LockFunctions == O.LockFunctions &&
           UnlockFunctions == O.UnlockFunctions &&
           SleepFunctions == O.SleepFunctions &&
           AtomicCallbacks == O.AtomicCallbacks &&
           SleepableCallbacks == O.SleepableCallbacks;
  }
};

/// Receives the findings of the context analysis.
class AtomicContextHandler {
public:
  virtual ~AtomicContextHandler();
  /// \param Alloc may sleep; \param Why proves atomic context.
  virtual void handleSleepingAllocInAtomic(const AllocationSite &Alloc,
                                           llvm::ArrayRef<Evidence> Why) {}
  /// \param Alloc cannot sleep (check Flags.UsesReserves for GFP_ATOMIC
  /// versus GFP_NOWAIT), in \p FD; \param Why proves that the code may
  /// sleep there.
  virtual void handleAtomicAllocInSleepable(const AllocationSite &Alloc,
                                            const clang::FunctionDecl &FD,
                                            llvm::ArrayRef<Evidence> Why) {}
  /// \param Alloc may sleep, in \p FD, with nothing held: a bug if \p FD
  /// may run atomic, which the unit alone does not show.
  virtual void handleSleepingAllocUndecided(const AllocationSite &Alloc,
                                            const clang::FunctionDecl &FD) {}
  /// \param Alloc cannot sleep, in \p FD, with nothing held: a bug if
  /// \p FD must be sleepable, which the unit alone does not show.
  virtual void handleAtomicAllocUndecided(const AllocationSite &Alloc,
                                          const clang::FunctionDecl &FD) {}
};

class ContextModelImpl;
class FunctionIndex;

/// The context model of one translation unit.
class ContextModel {
public:
  /// \p Index: the unit's function index, whose walk of each body the
  /// unit scan reads.
  ContextModel(KernelModel &M, FunctionIndex &Index,
               const AtomicContextOptions &Opts);
  ~ContextModel();
  /// Reports the allocations of \p FD whose flags do not fit the context.
  void analyseFunction(const clang::FunctionDecl &FD, AtomicContextHandler &H);
  /// The `__must_hold()` annotations of the unit (before the first query).
  void setLockAnnotations(std::vector<LockAnnotation> A);
  /// The context \p FD's body starts in, with its proof.
  ContextKind functionContext(const clang::FunctionDecl &FD,
                              std::vector<Evidence> *Why = nullptr);

  /// Turns a location into a place of the facts (a file relative to the
  /// tree's root, line, column).
  using PlaceFn = llvm::function_ref<tree::Place(clang::SourceLocation)>;
  /// The facts of the unit (TreeFacts.h): every function the main file
  /// defines, and the functions of other files the unit registers, stores,
  /// takes the address of, or calls from a header's inline function.
  /// \p InModule: the unit is module code (-DMODULE).
  void extractFacts(tree::UnitFacts &Out, PlaceFn PlaceOf, bool InModule);
  /// \p FD's key in the facts: its name, or `name@file` when it is static
  /// (the file where its definition is expanded).
  static std::string functionKey(const clang::FunctionDecl &FD,
                                 PlaceFn PlaceOf);

private:
  std::unique_ptr<ContextModelImpl> Impl;
};

} // namespace gfp

#endif // GFP_TIDY_LIB_ANALYSIS_ATOMICCONTEXT_H
