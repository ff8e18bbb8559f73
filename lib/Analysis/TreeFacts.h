//===-- TreeFacts.h - What one unit says about contexts ---------*- C++ -*-===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The whole-tree context analysis in three parts:
//
// - the facts extractor (ContextModel::extractFacts, AtomicContext.cpp)
//   writes, for each function a unit defines or registers, what the unit
//   shows of it: its roles, its own sleeping calls, the calls it makes with
//   the atomic-section depth at each, the callbacks stored in struct fields;
// - the solver (ContextSolver.h) joins the facts of any number of units and
//   decides each function's context with a witness;
// - the two context checks record what their unit cannot decide as
//   conditional findings ("a bug if 'f' may run atomic"), which the solver's
//   answers resolve.
//
// This header and its .cpp use LLVM Support only, so that gfp-audit's report
// layer can carry the facts.
//
// Function keys: a function with external linkage is its name (`e1000_open`);
// one with internal linkage is `name@file`, the file being where it is
// defined, relative to the tree's root (`igb_clean@drivers/.../igb_main.c`).
//
//===----------------------------------------------------------------------===//

#ifndef GFP_TIDY_LIB_ANALYSIS_TREEFACTS_H
#define GFP_TIDY_LIB_ANALYSIS_TREEFACTS_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/JSON.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gfp::tree {

/// A place in a source file (1-based; 0 when unknown).
struct Place {
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;
  bool operator==(const Place &O) const {
    return File == O.File && Line == O.Line && Column == O.Column;
  }
};

/// One note of a witness, as facts: the checks word it (their
/// treeStepText() and emitTreeEvidence()).
struct Step {
  enum class Kind : uint8_t {
    /// An atomic section begins (What: the lock call).
    SectionBegins,
    /// Function runs in atomic context (What: the registration).
    AtomicRole,
    /// Function is called in atomic context here.
    CalledAtomic,
    /// Function may sleep (What: the registration).
    SleepableRole,
    /// Function may sleep: it calls What here with no lock held.
    Sleeps,
    /// Function is called here, where the code may sleep.
    CalledSleepable,
    /// Function has What callers, all where the code may sleep.
    CallersSleepable,
  };
  Kind K = Kind::SectionBegins;
  /// The function the step is about (its name, not its key).
  std::string Function;
  std::string What;
  Place At;
};

/// The name of \p K in the context database, and back (false when \p Name
/// names no kind).
llvm::StringRef stepKindName(Step::Kind K);
bool stepKindFromName(llvm::StringRef Name, Step::Kind &K);

/// What gives a function its role, as a fact that the checks word: the
/// What of a Role and of a role Step, written `kind`, `kind:name` or
/// `kind:name:detail` (`kind::detail` when there is no name).
struct RoleSource {
  enum class Kind : uint8_t {
    /// Passed to the registering function Name as argument Detail (a
    /// KernelApi.def entry, or the callback options).
    Call,
    /// Stored in field Detail of struct Name (an ops table).
    Field,
    /// An `__init` function.
    Init,
    /// Requires a spinning lock held, by Clang's capability attribute
    /// (Linux 7.0's context analysis).
    HoldsSpinning,
    /// Annotated `__must_hold(Detail)`.
    MustHold,
    /// Asserts that interrupts are off (macro Name).
    AssertsIrqsOff,
    /// Asserts its atomic context itself (macro Name).
    AssertsAtomic,
    /// Asserts that a spinning lock is held (macro Name).
    AssertsSpinningHeld,
  };
  Kind K = Kind::Call;
  std::string Name;
  std::string Detail;
  std::string encode() const;
  /// The fact \p What encodes; none for a sentence of an older version.
  static std::optional<RoleSource> decode(llvm::StringRef What);
};

/// A registration, or the kernel's own assertion, that gives a function its
/// context.
struct Role {
  bool Atomic = false;
  /// A RoleSource, encoded: `field:net_device_ops:ndo_set_rx_mode`.
  std::string What;
  Place At;
};

/// A call made by a function: to another function (Callee is its key) or
/// through a struct's function-pointer field (Callee is `struct S::field`).
struct Call {
  std::string Callee;
  bool Member = false;
  /// Atomic sections held at the call, over all paths: [Min, Max].
  uint8_t Min = 0;
  uint8_t Max = 0;
  /// Where the innermost section began, when Min > 0.
  std::string Lock;
  Place LockAt;
  Place At;
  /// Arguments (the first 32) written as 0, false or NULL: a callee that
  /// allocates only when one of them is set is not reached by this call.
  uint32_t ZeroArgs = 0;
};

/// What a unit shows of one function.
struct Function {
  std::string Key;
  std::string Name;
  /// Where it is defined; empty when this unit only registers it.
  Place At;
  bool Defined = false;
  /// Internal linkage.
  bool Static = false;
  /// Its address is taken where no role or ops table explains it: callers
  /// unseen.
  bool Escapes = false;
  /// It releases a lock its caller holds (and may retake it).
  bool ReleasesCallerLock = false;
  /// Two registrations disagree.
  bool RoleConflict = false;
  /// An inline function of a header calls it: a caller whose context the
  /// facts do not follow.
  bool HeaderCaller = false;
  /// Defined in module code (-DMODULE): a global of a module that is not
  /// exported is called from that module only.
  bool InModule = false;
  std::vector<Role> Roles;
  /// Its first call that may sleep, made with nothing held on any path.
  std::string Sleeps;
  Place SleepsAt;
  /// That call is an allocation (GFP_KERNEL...), not mutex_lock or msleep.
  bool SleepsByAllocation = false;
  std::vector<Call> Calls;
};

/// A function stored in a struct's function-pointer field.
struct Store {
  /// `struct S::field`.
  std::string Member;
  std::string Function;
  Place At;
};

/// The facts of one unit.
struct UnitFacts {
  std::vector<Function> Functions;
  std::vector<Store> Stores;
  bool empty() const { return Functions.empty() && Stores.empty(); }
};

/// What a conditional finding needs of its function.
enum class Need : uint8_t {
  /// A bug if the function may run in atomic context.
  Atomic,
  /// A bug if the function must run where it may sleep.
  Sleepable,
};

/// `struct S::field`.
std::string memberKey(llvm::StringRef Struct, llvm::StringRef Field);

llvm::json::Value toJSON(const UnitFacts &F);
void writeJSON(const UnitFacts &F, llvm::json::OStream &J);
bool fromJSON(const llvm::json::Value &V, UnitFacts &F, llvm::json::Path P);
llvm::json::Value toJSON(const Place &P);
bool fromJSON(const llvm::json::Value &V, Place &Out, llvm::json::Path P);

} // namespace gfp::tree

#endif // GFP_TIDY_LIB_ANALYSIS_TREEFACTS_H
