//===-- ContextSolver.h - Contexts over the facts of a tree -----*- C++ -*-===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Joins the facts of any number of units (TreeFacts.h) and decides, for each
// function, two things, each with a witness:
//
// - may run atomic: an atomic role (a registration, or the kernel's own
//   assertion), or one call made with an atomic section held on every path
//   to it, or one call made with nothing held from a function that itself
//   may run atomic and does not release its caller's lock. One such path is
//   enough: the kernel warns on any of them. A function with a sleepable
//   role, conflicting roles, or a sleeping call of its own (mutex_lock,
//   msleep: not an allocation) is never made atomic through its callers;
//   then the facts contradict each other and nothing is claimed.
// - must be sleepable: a sleepable role, or its own sleeping call, or every
//   one of its callers calls it with nothing held and must be sleepable
//   itself. "Every caller" is only known for a function nobody reaches
//   through a pointer, with no roles, and whose callers are all in the
//   facts: a static function of a .c file; a global one only when the facts
//   cover the whole tree (Complete), it is module code (a non-exported
//   global of a module is called from that module only), and no inline
//   function of a header calls it. Calls in a cycle prove nothing (a least
//   fixpoint).
//
// Atomic context flows through at most three calls made with nothing held
// from a role, one from a call under a lock: deeper chains depend more and
// more on arguments and state the facts do not hold (mm/hugetlb.c's
// restore_reserve_on_error(), called under a page-table lock, reaches
// region_del() three calls down only in a mode its caller never passes;
// arp_process() reaches pneigh_lookup()'s GFP_KERNEL only when it asks it
// to create, which it never does).
//
// A call through a struct's function-pointer field reaches every function
// stored there only when every such call in the tree is made under a lock,
// or from a function proven atomic without the fields: nfnetlink calls
// `nc->call()` under rcu_read_lock() for some callbacks and after dropping
// it for the others, chosen by a field of the table.
//
// A global name defined in two files (two modules may each have their own
// `foo_init`) is ambiguous: no context is decided for it, and none flows
// through it.
//
// Memory: names and files are interned; a call costs about 32 bytes.
//
//===----------------------------------------------------------------------===//

#ifndef GFP_TIDY_LIB_ANALYSIS_CONTEXTSOLVER_H
#define GFP_TIDY_LIB_ANALYSIS_CONTEXTSOLVER_H

#include "Analysis/TreeFacts.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Allocator.h"
#include "llvm/Support/StringSaver.h"

#include <vector>

namespace gfp::tree {

class ContextSolver {
public:
  /// How many calls made with nothing held atomic context flows through,
  /// from a registered callback (its own helpers: NAPI poll -> clean rx ->
  /// refill -> allocate) and from a call under a lock (generic code, whose
  /// paths depend more on the arguments).
  static constexpr unsigned MaxHopsFromRole = 3;
  static constexpr unsigned MaxHopsFromSection = 1;

  ContextSolver();
  /// Adds the facts of one unit (before solve()).
  void add(const UnitFacts &F);
  /// Decides every function's context. \p Complete: the facts cover every
  /// unit of the tree, so the callers of a global function are all known.
  void solve(bool Complete);

  /// True when \p Key may run in atomic context (after solve()).
  bool mayRunAtomic(llvm::StringRef Key) const;
  /// True when \p Key must run where it may sleep.
  bool mustBeSleepable(llvm::StringRef Key) const;
  /// The proof of \p N for \p Key, outermost step first; empty when not
  /// proven.
  std::vector<Step> witness(llvm::StringRef Key, Need N) const;
  /// The proof that \p Key may run atomic through a call that can reach an
  /// allocation made only when each parameter in \p Guards (a bit per
  /// parameter) is set: the calls that pass 0, false or NULL for one of
  /// them do not count (iwlegacy's dump_fh(il, NULL, false) from its IRQ
  /// tasklet never reaches the allocation under `if (display)`). Empty when
  /// there is none; the plain witness when \p Guards is 0.
  std::vector<Step> guardedAtomicWitness(llvm::StringRef Key,
                                         uint32_t Guards) const;
  /// True when \p Key's context is decided, as \p N.
  bool proves(llvm::StringRef Key, Need N) const {
    return N == Need::Atomic ? mayRunAtomic(Key) : mustBeSleepable(Key);
  }

  /// Each function whose context is decided, with what was decided.
  void forEachDecided(
      llvm::function_ref<void(llvm::StringRef Key, bool Atomic, bool Sleepable)>
          Visit) const;

  size_t functions() const { return Nodes.size(); }
  size_t calls() const { return Edges.size(); }

private:
  struct PlaceRef {
    uint32_t File = 0;
    uint32_t Line = 0;
    uint32_t Column = 0;
  };
  struct RoleRef {
    uint32_t What = 0;
    PlaceRef At;
  };
  enum class Via : uint8_t { None, Role, Section, Caller, Sleeps, Callers };
  struct Node {
    uint32_t Name = 0;
    /// The file of its first definition; Defs counts distinct files.
    uint32_t DefFile = 0;
    uint8_t Defs = 0;
    bool Static = false;
    bool Escapes = false;
    bool Releases = false;
    bool RoleConflict = false;
    bool Stored = false;
    bool HeaderCaller = false;
    bool InModule = false;
    bool StrongSleep = false;
    /// Some call reaches it in atomic context (whether or not that made it
    /// atomic): then a sleepable role proves nothing.
    bool CalledAtomic = false;
    bool HasAtomicRole = false;
    bool HasSleepableRole = false;
    RoleRef AtomicRole, SleepableRole;
    uint32_t Sleeps = 0;
    PlaceRef SleepsAt;
    std::vector<uint32_t> Out;
    /// Calls into it (direct calls only).
    uint32_t InCalls = 0;
    bool InHeld = false;
    uint32_t FirstIn = UINT32_MAX;
    // Results.
    Via Atomic = Via::None;
    /// Calls made with nothing held between the proof and this function,
    /// and whether the proof is a role.
    uint8_t AtomicHops = 0;
    bool FromRole = false;
    uint32_t AtomicEdge = 0;
    Via Sleepable = Via::None;
    uint32_t SleepableEdge = 0;
    uint32_t Satisfied = 0;
  };
  struct Edge {
    uint32_t From = 0;
    /// A node, or a member (Member set).
    uint32_t To = 0;
    bool Member = false;
    uint8_t Min = 0;
    uint8_t Max = 0;
    uint32_t Lock = 0;
    PlaceRef LockAt;
    PlaceRef At;
    uint32_t ZeroArgs = 0;
  };

  uint32_t intern(llvm::StringRef S);
  llvm::StringRef text(uint32_t I) const { return Strings[I]; }
  PlaceRef place(const Place &P);
  Place place(PlaceRef P) const;
  uint32_t node(llvm::StringRef Key);
  /// The id of the struct field \p Key (`struct S::field`).
  uint32_t member(llvm::StringRef Key);
  const Node *find(llvm::StringRef Key) const;
  bool ambiguous(const Node &N) const { return !N.Static && N.Defs > 1; }
  /// True when \p C, proven atomic, passes that on through the calls it
  /// makes with nothing held: it keeps its caller's lock, and the proof is
  /// not yet as many such calls deep as its origin allows.
  bool passesAtomicOn(const Node &C) const {
    return C.Atomic != Via::None && !C.Releases &&
           C.AtomicHops < (C.FromRole ? MaxHopsFromRole : MaxHopsFromSection);
  }
  /// Calls \p Visit for each function \p E reaches.
  template <typename Fn> void targets(const Edge &E, Fn Visit) const;
  /// May run atomic: roles and calls under a section, then through callers,
  /// breadth first; twice, the second time through the struct fields the
  /// first pass showed are called only in atomic context.
  void solveAtomic();
  void solveAtomicOnce();
  /// Must be sleepable: roles and own sleeps, then every caller.
  void solveSleepable(bool Complete);
  void appendAtomic(uint32_t N, std::vector<Step> &Out, unsigned Depth) const;
  void appendSleepable(uint32_t N, std::vector<Step> &Out,
                       unsigned Depth) const;

  llvm::BumpPtrAllocator Alloc;
  llvm::StringSaver Saver{Alloc};
  llvm::StringMap<uint32_t> StringIds;
  std::vector<llvm::StringRef> Strings;
  llvm::StringMap<uint32_t> NodeIds;
  std::vector<Node> Nodes;
  std::vector<Edge> Edges;
  /// Member id -> the functions stored there.
  llvm::StringMap<uint32_t> MemberIds;
  std::vector<std::vector<uint32_t>> MemberTargets;
  /// Member id -> whether some call through it is made where nothing
  /// proves atomic context (then the calls through it prove nothing).
  std::vector<bool> MemberCalledFree;
  /// Member id -> the file every function stored into it is stored in, or
  /// AnyFile when they are stored in several (none: NoFile).
  std::vector<uint32_t> MemberStoreFile;
  static constexpr uint32_t NoFile = UINT32_MAX;
  static constexpr uint32_t AnyFile = UINT32_MAX - 1;
  /// Set between the two passes of solveAtomic(): a call through a member
  /// made in the file that stores all its functions reaches them all.
  bool SameFileMembers = false;
};

} // namespace gfp::tree

#endif // GFP_TIDY_LIB_ANALYSIS_CONTEXTSOLVER_H
