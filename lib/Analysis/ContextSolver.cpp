//===-- ContextSolver.cpp - Contexts over the facts of a tree -------------===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Analysis/ContextSolver.h"

#include <deque>

namespace gfp::tree {

namespace {
/// A witness longer than this is cut: its first steps carry the proof.
constexpr unsigned MaxWitnessDepth = 24;
/// Call sites listed for "every caller may sleep".
constexpr unsigned MaxCallerNotes = 3;

bool inHeader(llvm::StringRef File) { return File.ends_with(".h"); }
} // namespace

ContextSolver::ContextSolver() { intern(""); }

uint32_t ContextSolver::intern(llvm::StringRef S) {
  auto [It, Inserted] =
      StringIds.try_emplace(S, static_cast<uint32_t>(Strings.size()));
  if (Inserted)
    Strings.push_back(It->first());
  return It->second;
}

ContextSolver::PlaceRef ContextSolver::place(const Place &P) {
  return {intern(P.File), P.Line, P.Column};
}

Place ContextSolver::place(PlaceRef P) const {
  return {text(P.File).str(), P.Line, P.Column};
}

uint32_t ContextSolver::node(llvm::StringRef Key) {
  auto [It, Inserted] =
      NodeIds.try_emplace(Key, static_cast<uint32_t>(Nodes.size()));
  if (Inserted)
    Nodes.emplace_back();
  return It->second;
}

uint32_t ContextSolver::member(llvm::StringRef Key) {
  auto [It, Inserted] =
      MemberIds.try_emplace(Key, static_cast<uint32_t>(MemberTargets.size()));
  if (Inserted) {
    MemberTargets.emplace_back();
    MemberStoreFile.push_back(NoFile);
  }
  return It->second;
}

const ContextSolver::Node *ContextSolver::find(llvm::StringRef Key) const {
  auto It = NodeIds.find(Key);
  return It == NodeIds.end() ? nullptr : &Nodes[It->second];
}

void ContextSolver::add(const UnitFacts &F) {
  for (const Function &Fn : F.Functions) {
    uint32_t Id = node(Fn.Key);
    uint32_t Name = intern(Fn.Name.empty() ? llvm::StringRef(Fn.Key)
                                           : llvm::StringRef(Fn.Name));
    // Nodes may move when node() grows the vector: index, do not hold.
    Nodes[Id].Name = Name;
    if (Fn.Defined) {
      uint32_t File = intern(Fn.At.File);
      Node &N = Nodes[Id];
      if (N.Defs == 0) {
        N.DefFile = File;
        N.Defs = 1;
      } else if (N.DefFile != File && N.Defs < 255) {
        ++N.Defs;
      }
      N.Static = Fn.Static;
      N.InModule = Fn.InModule;
      if (!Fn.Sleeps.empty() && !N.Sleeps) {
        N.Sleeps = intern(Fn.Sleeps);
        N.SleepsAt = place(Fn.SleepsAt);
      }
      N.StrongSleep |= !Fn.Sleeps.empty() && !Fn.SleepsByAllocation;
      N.Releases |= Fn.ReleasesCallerLock;
    }
    Nodes[Id].Escapes |= Fn.Escapes;
    Nodes[Id].RoleConflict |= Fn.RoleConflict;
    Nodes[Id].HeaderCaller |= Fn.HeaderCaller;
    for (const Role &R : Fn.Roles) {
      RoleRef Ref{intern(R.What), place(R.At)};
      Node &N = Nodes[Id];
      if (R.Atomic && !N.HasAtomicRole) {
        N.HasAtomicRole = true;
        N.AtomicRole = Ref;
      } else if (!R.Atomic && !N.HasSleepableRole) {
        N.HasSleepableRole = true;
        N.SleepableRole = Ref;
      }
    }
    for (const Call &C : Fn.Calls) {
      Edge E;
      E.From = Id;
      E.Member = C.Member;
      if (C.Member) {
        E.To = member(C.Callee);
      } else {
        E.To = node(C.Callee);
      }
      E.Min = C.Min;
      E.Max = C.Max;
      E.Lock = intern(C.Lock);
      E.LockAt = place(C.LockAt);
      E.At = place(C.At);
      E.ZeroArgs = C.ZeroArgs;
      Nodes[Id].Out.push_back(static_cast<uint32_t>(Edges.size()));
      Edges.push_back(E);
    }
  }
  for (const Store &S : F.Stores) {
    uint32_t Member = member(S.Member);
    uint32_t Id = node(S.Function);
    Nodes[Id].Stored = true;
    uint32_t File = intern(S.At.File);
    uint32_t &Where = MemberStoreFile[Member];
    Where = Where == NoFile || Where == File ? File : AnyFile;
    std::vector<uint32_t> &T = MemberTargets[Member];
    if (llvm::find(T, Id) == T.end())
      T.push_back(Id);
  }
}

template <typename Fn>
void ContextSolver::targets(const Edge &E, Fn Visit) const {
  if (!E.Member) {
    Visit(E.To);
    return;
  }
  // A driver's own dispatch (e1000's `adapter->alloc_rx_buf()`, stored and
  // called in e1000_main.c) reaches each of its functions from each call,
  // whatever the other calls through it are.
  if (MemberCalledFree[E.To] &&
      !(SameFileMembers && E.At.File == MemberStoreFile[E.To]))
    return;
  for (uint32_t T : MemberTargets[E.To])
    Visit(T);
}

void ContextSolver::solveAtomicOnce() {
  auto AtomicOk = [&](const Node &N) {
    return !ambiguous(N) && !N.HasSleepableRole && !N.RoleConflict &&
           !N.StrongSleep;
  };
  std::deque<uint32_t> Work;
  // T is called in atomic context through edge EI: by a call under a
  // section (From null) or by a plain call from the atomic From.
  auto Reach = [&](uint32_t T, Via How, uint32_t EI, const Node *From) {
    Node &N = Nodes[T];
    N.CalledAtomic = true;
    if (N.Atomic != Via::None || !AtomicOk(N))
      return;
    N.Atomic = How;
    N.AtomicEdge = EI;
    if (From) {
      N.AtomicHops = From->AtomicHops + 1;
      N.FromRole = From->FromRole;
    }
    Work.push_back(T);
  };
  for (uint32_t I = 0; I < Nodes.size(); ++I) {
    Node &N = Nodes[I];
    if (N.HasAtomicRole && !N.HasSleepableRole && !N.RoleConflict &&
        !ambiguous(N)) {
      N.Atomic = Via::Role;
      N.FromRole = true;
      Work.push_back(I);
    }
  }
  for (uint32_t EI = 0; EI < Edges.size(); ++EI) {
    const Edge &E = Edges[EI];
    if (E.Min == 0 || ambiguous(Nodes[E.From]))
      continue;
    targets(E, [&](uint32_t T) { Reach(T, Via::Section, EI, nullptr); });
  }
  while (!Work.empty()) {
    uint32_t C = Work.front();
    Work.pop_front();
    if (!passesAtomicOn(Nodes[C]))
      continue;
    for (uint32_t EI : Nodes[C].Out) {
      const Edge &E = Edges[EI];
      if (E.Max != 0)
        continue;
      // Through a struct field with nothing held, only below a registered
      // callback: a generic helper that one driver calls under its lock
      // (hid_hw_request() under hid-lg4ff's spinlock) dispatches to that
      // device's implementation (usbhid's), not to every transport's
      // (ishtp's, which sleeps and serves only ISH devices).
      if (E.Member && !Nodes[C].FromRole)
        continue;
      targets(E, [&](uint32_t T) { Reach(T, Via::Caller, EI, &Nodes[C]); });
    }
  }
}

void ContextSolver::solveAtomic() {
  // May run atomic: roles and calls under a section first, then through
  // callers, breadth first (short witnesses). Twice: without the calls
  // through struct fields, to learn which of them are made where nothing
  // proves atomic context; then with the others.
  MemberCalledFree.assign(MemberTargets.size(), true);
  SameFileMembers = false;
  solveAtomicOnce();
  // A field is called in atomic context only when each call through it
  // holds a section on every path, or sits, with nothing held, in a
  // function proven atomic without the fields.
  // A field only one function is ever stored in is a plain call to it: one
  // proven path is enough, as for direct calls (mpoa's
  // in_ops->add_entry() from its ndo_start_xmit).
  std::vector<bool> Free(MemberTargets.size(), false);
  for (const Edge &E : Edges)
    if (E.Member && E.Min == 0 && MemberTargets[E.To].size() != 1 &&
        (E.Max != 0 || Nodes[E.From].Atomic == Via::None ||
         Nodes[E.From].Releases))
      Free[E.To] = true;
  MemberCalledFree = std::move(Free);
  SameFileMembers = true;
  for (Node &N : Nodes) {
    N.Atomic = Via::None;
    N.AtomicHops = 0;
    N.FromRole = false;
    N.CalledAtomic = false;
  }
  solveAtomicOnce();
}

void ContextSolver::solveSleepable(bool Complete) {
  std::deque<uint32_t> Work;
  // Must be sleepable: roles and own sleeps, then every caller.
  auto ByCallers = [&](const Node &N) {
    if (N.Atomic != Via::None || N.CalledAtomic || ambiguous(N) ||
        N.RoleConflict || N.HasAtomicRole || N.HasSleepableRole || N.Escapes ||
        N.Stored || N.HeaderCaller || N.InCalls == 0 || N.InHeld || N.Defs == 0)
      return false;
    if (N.Static && !inHeader(text(N.DefFile)))
      return true;
    return Complete && N.InModule && !inHeader(text(N.DefFile));
  };
  auto Propagate = [&] {
    while (!Work.empty()) {
      uint32_t C = Work.front();
      Work.pop_front();
      for (uint32_t EI : Nodes[C].Out) {
        const Edge &E = Edges[EI];
        if (E.Member || E.Max != 0)
          continue;
        Node &N = Nodes[E.To];
        if (N.Sleepable != Via::None || !ByCallers(N))
          continue;
        if (++N.Satisfied < N.InCalls)
          continue;
        N.Sleepable = Via::Callers;
        N.SleepableEdge = EI;
        Work.push_back(E.To);
      }
    }
  };
  // Roles and real sleepers first, then the functions whose only sign of
  // sleeping is an allocation with sleeping flags: a function proven both
  // ways keeps the proof that does not rest on its own allocations, which
  // the code may have changed since (a database read by an editor).
  for (bool ByAllocation : {false, true}) {
    for (uint32_t I = 0; I < Nodes.size(); ++I) {
      Node &N = Nodes[I];
      if (N.Sleepable != Via::None || N.Atomic != Via::None || N.CalledAtomic ||
          ambiguous(N) || N.RoleConflict || N.HasAtomicRole)
        continue;
      if (!ByAllocation && N.HasSleepableRole) {
        N.Sleepable = Via::Role;
        Work.push_back(I);
      } else if (N.Sleeps && N.StrongSleep != ByAllocation) {
        N.Sleepable = Via::Sleeps;
        Work.push_back(I);
      }
    }
    Propagate();
  }
}

void ContextSolver::solve(bool Complete) {
  // Calls into each function.
  for (const Edge &E : Edges) {
    if (E.Member)
      continue;
    Node &T = Nodes[E.To];
    ++T.InCalls;
    T.InHeld |= E.Max > 0;
    if (T.FirstIn == UINT32_MAX)
      T.FirstIn = static_cast<uint32_t>(&E - Edges.data());
  }

  solveAtomic();
  solveSleepable(Complete);
}

bool ContextSolver::mayRunAtomic(llvm::StringRef Key) const {
  const Node *N = find(Key);
  return N && N->Atomic != Via::None;
}

bool ContextSolver::mustBeSleepable(llvm::StringRef Key) const {
  const Node *N = find(Key);
  return N && N->Sleepable != Via::None;
}

void ContextSolver::appendAtomic(uint32_t I, std::vector<Step> &Out,
                                 unsigned Depth) const {
  const Node &N = Nodes[I];
  std::string Name = text(N.Name).str();
  switch (N.Atomic) {
  case Via::Role:
    Out.push_back({Step::Kind::AtomicRole, Name, text(N.AtomicRole.What).str(),
                   place(N.AtomicRole.At)});
    return;
  case Via::Section: {
    const Edge &E = Edges[N.AtomicEdge];
    Out.push_back(
        {Step::Kind::SectionBegins, "", text(E.Lock).str(), place(E.LockAt)});
    Out.push_back({Step::Kind::CalledAtomic, Name, "", place(E.At)});
    return;
  }
  case Via::Caller: {
    const Edge &E = Edges[N.AtomicEdge];
    if (Depth < MaxWitnessDepth)
      appendAtomic(E.From, Out, Depth + 1);
    Out.push_back({Step::Kind::CalledAtomic, Name, "", place(E.At)});
    return;
  }
  default:
    return;
  }
}

void ContextSolver::appendSleepable(uint32_t I, std::vector<Step> &Out,
                                    unsigned Depth) const {
  const Node &N = Nodes[I];
  std::string Name = text(N.Name).str();
  switch (N.Sleepable) {
  case Via::Role:
    Out.push_back({Step::Kind::SleepableRole, Name,
                   text(N.SleepableRole.What).str(),
                   place(N.SleepableRole.At)});
    return;
  case Via::Sleeps:
    Out.push_back(
        {Step::Kind::Sleeps, Name, text(N.Sleeps).str(), place(N.SleepsAt)});
    return;
  case Via::Callers: {
    const Edge &First = Edges[N.SleepableEdge];
    if (Depth < MaxWitnessDepth)
      appendSleepable(First.From, Out, Depth + 1);
    unsigned Listed = 0;
    for (uint32_t EI = N.FirstIn; EI < Edges.size() && Listed < MaxCallerNotes;
         ++EI) {
      const Edge &E = Edges[EI];
      if (E.Member || &Nodes[E.To] != &N)
        continue;
      Out.push_back({Step::Kind::CalledSleepable, Name, "", place(E.At)});
      ++Listed;
    }
    if (N.InCalls > MaxCallerNotes)
      Out.push_back({Step::Kind::CallersSleepable, Name,
                     std::to_string(N.InCalls), place(Edges[N.FirstIn].At)});
    return;
  }
  default:
    return;
  }
}

std::vector<Step> ContextSolver::witness(llvm::StringRef Key, Need Want) const {
  std::vector<Step> Out;
  auto It = NodeIds.find(Key);
  if (It == NodeIds.end())
    return Out;
  if (Want == Need::Atomic)
    appendAtomic(It->second, Out, 0);
  else
    appendSleepable(It->second, Out, 0);
  return Out;
}

std::vector<Step> ContextSolver::guardedAtomicWitness(llvm::StringRef Key,
                                                      uint32_t Guards) const {
  auto It = NodeIds.find(Key);
  if (It == NodeIds.end() || Nodes[It->second].Atomic == Via::None)
    return {};
  uint32_t Self = It->second;
  const Node &N = Nodes[Self];
  if (!Guards || N.Atomic == Via::Role ||
      !(Edges[N.AtomicEdge].ZeroArgs & Guards))
    return witness(Key, Need::Atomic);
  // Another call into it that proves atomic context, as solve() would.
  for (const Edge &E : Edges) {
    if (E.ZeroArgs & Guards)
      continue;
    bool Reaches = false;
    targets(E, [&](uint32_t T) { Reaches |= T == Self; });
    if (!Reaches)
      continue;
    const Node &C = Nodes[E.From];
    std::vector<Step> Out;
    if (E.Min > 0 && !ambiguous(C)) {
      Out.push_back(
          {Step::Kind::SectionBegins, "", text(E.Lock).str(), place(E.LockAt)});
    } else if (E.Max == 0 && passesAtomicOn(C)) {
      appendAtomic(E.From, Out, 1);
    } else {
      continue;
    }
    Out.push_back(
        {Step::Kind::CalledAtomic, text(N.Name).str(), "", place(E.At)});
    return Out;
  }
  return {};
}

void ContextSolver::forEachDecided(
    llvm::function_ref<void(llvm::StringRef, bool, bool)> Visit) const {
  for (const auto &Entry : NodeIds) {
    const Node &N = Nodes[Entry.second];
    if (N.Atomic != Via::None || N.Sleepable != Via::None)
      Visit(Entry.first(), N.Atomic != Via::None, N.Sleepable != Via::None);
  }
}

} // namespace gfp::tree
