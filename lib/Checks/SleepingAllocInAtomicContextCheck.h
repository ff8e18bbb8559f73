//===-- SleepingAllocInAtomicContextCheck.h ---------------------*- C++ -*-===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef GFP_TIDY_LIB_CHECKS_SLEEPINGALLOCINATOMICCONTEXTCHECK_H
#define GFP_TIDY_LIB_CHECKS_SLEEPINGALLOCINATOMICCONTEXTCHECK_H

#include "Checks/ContextCheckBase.h"

namespace clang::tidy::gfp {

/// Reports an allocation whose flags may sleep (GFP_KERNEL, GFP_NOIO,
/// GFP_NOFS, GFP_USER; vmalloc) in atomic context: under a spinlock, in an
/// IRQ handler, a timer, a tasklet, a NAPI poll or an RCU read side.
///
/// For the user-facing documentation see:
/// docs/checks/gfp-sleeping-alloc-in-atomic-context.md
class SleepingAllocInAtomicContextCheck : public ContextCheckBase {
public:
  using ContextCheckBase::ContextCheckBase;

private:
  void
  handleSleepingAllocInAtomic(const ::gfp::AllocationSite &Alloc,
                              llvm::ArrayRef<::gfp::Evidence> Why) override {
    record(Alloc, Why);
  }
  void handleSleepingAllocUndecided(const ::gfp::AllocationSite &Alloc,
                                    const FunctionDecl &FD) override {
    recordUndecided(Alloc, FD, ::gfp::tree::Need::Atomic);
  }
  void emit(const Finding &F) override;
  std::string message(const ::gfp::AllocationSite &A) const override;
};

} // namespace clang::tidy::gfp

#endif // GFP_TIDY_LIB_CHECKS_SLEEPINGALLOCINATOMICCONTEXTCHECK_H
