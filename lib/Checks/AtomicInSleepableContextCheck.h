//===-- AtomicInSleepableContextCheck.h -------------------------*- C++ -*-===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef GFP_TIDY_LIB_CHECKS_ATOMICINSLEEPABLECONTEXTCHECK_H
#define GFP_TIDY_LIB_CHECKS_ATOMICINSLEEPABLECONTEXTCHECK_H

#include "Checks/ContextCheckBase.h"

#include "llvm/ADT/DenseMap.h"

#include <array>

namespace clang::tidy::gfp {

/// Reports GFP_ATOMIC (the reserves, no direct reclaim) where the code
/// provably may sleep: it drains the reserves that interrupt handlers need.
///
/// For the user-facing documentation see:
/// docs/checks/gfp-atomic-in-sleepable-context.md
class AtomicInSleepableContextCheck : public ContextCheckBase {
public:
  AtomicInSleepableContextCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  /// The sleeping flags a finding advises.
  enum class Advice { Kernel, NoFs, NoIo };

private:
  void
  handleAtomicAllocInSleepable(const ::gfp::AllocationSite &Alloc,
                               const FunctionDecl &FD,
                               llvm::ArrayRef<::gfp::Evidence> Why) override {
    // GFP_NOWAIT takes no reserves: a deliberate choice unless asked for.
    if (Alloc.Flags.UsesReserves || IncludeNowait) {
      advise(Alloc, FD);
      record(Alloc, Why);
    }
  }
  void handleAtomicAllocUndecided(const ::gfp::AllocationSite &Alloc,
                                  const FunctionDecl &FD) override {
    if (Alloc.Flags.UsesReserves || IncludeNowait) {
      advise(Alloc, FD);
      recordUndecided(Alloc, FD, ::gfp::tree::Need::Sleepable);
    }
  }
  void emitFindings() override;
  /// Decides the advice for \p A, an allocation of \p FD: what the function's
  /// other sleeping allocations use, or, when it has none, what most of the
  /// file's do (filesystem and block code reclaim with GFP_NOFS or GFP_NOIO).
  void advise(const ::gfp::AllocationSite &A, const FunctionDecl &FD);
  /// The advice advise() decided for \p A.
  Advice adviceFor(const ::gfp::AllocationSite &A) const;
  void emit(const Finding &F) override;
  std::string message(const ::gfp::AllocationSite &A) const override;
  /// The diagnostic's format for \p A (GFP_ATOMIC or GFP_NOWAIT).
  StringRef format(const ::gfp::AllocationSite &A) const;
  /// True when GFP_ATOMIC means "fail fast": with __GFP_NOWARN, in a loop
  /// (decided by advise()).
  bool failFast(const ::gfp::AllocationSite &A) const;
  /// Decides failFast() for \p A, an allocation in \p FD.
  bool isFailFast(const ::gfp::AllocationSite &A, const FunctionDecl &FD);
  /// Report GFP_NOWAIT in sleepable context too.
  bool IncludeNowait = false;
  struct Decided {
    Advice Flags = Advice::Kernel;
    bool FailFast = false;
  };
  llvm::DenseMap<const CallExpr *, Decided> Advised;
  /// The file's sleeping allocations by advice, for the unit UnitCountsFor.
  std::array<unsigned, 3> UnitCounts = {};
  const ASTContext *UnitCountsFor = nullptr;
};

} // namespace clang::tidy::gfp

#endif // GFP_TIDY_LIB_CHECKS_ATOMICINSLEEPABLECONTEXTCHECK_H
