//===-- UncheckedAtomicPageCheck.h - gfp-unchecked-atomic-page --*- C++ -*-===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef GFP_TIDY_LIB_CHECKS_UNCHECKEDATOMICPAGECHECK_H
#define GFP_TIDY_LIB_CHECKS_UNCHECKEDATOMICPAGECHECK_H

#include "Analysis/PageNullness.h"
#include "Checks/GfpCheckBase.h"

#include <memory>
#include <vector>

namespace clang::tidy::gfp {

/// Reports the result of a non-sleeping page allocation (GFP_ATOMIC,
/// GFP_NOWAIT, ...) used on a path where it was not checked for NULL, and
/// such a result thrown away.
///
/// For the user-facing documentation see:
/// docs/checks/gfp-unchecked-atomic-page.md
class UncheckedAtomicPageCheck : public GfpCheckBase,
                                 private ::gfp::PageNullnessHandler {
public:
  UncheckedAtomicPageCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;

  /// One finding, kept until the end of the unit.
  struct Finding {
    SourceLocation Loc;
    bool Discarded = false;
    ::gfp::AllocationSite Alloc;
    const Expr *Use = nullptr;
    const Expr *Value = nullptr;
    const FunctionDecl *Callee = nullptr;
    const Expr *CalleeDeref = nullptr;
    bool DefinitelyNull = false;
  };

private:
  // The analysis reports to the check itself.
  void handleUncheckedUse(const ::gfp::UncheckedUse &U) override;
  void handleDiscardedAllocation(const ::gfp::AllocationSite &A) override;
  void checkUnit(ASTContext &AC) override;
  void emitFindings() override;
  ::gfp::PageNullnessOptions Opts;
  std::unique_ptr<::gfp::DerefSummaries> Summaries;
  std::vector<Finding> Found;

  void emit(const Finding &F);
};

} // namespace clang::tidy::gfp

#endif // GFP_TIDY_LIB_CHECKS_UNCHECKEDATOMICPAGECHECK_H
