//===-- PageFreeMismatchCheck.h - gfp-page-free-mismatch --------*- C++ -*-===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef GFP_TIDY_LIB_CHECKS_PAGEFREEMISMATCHCHECK_H
#define GFP_TIDY_LIB_CHECKS_PAGEFREEMISMATCHCHECK_H

#include "Analysis/PageFree.h"
#include "Checks/GfpCheckBase.h"

#include <vector>

namespace clang::tidy::gfp {

/// Reports pages freed through the wrong API: a `struct page *` to
/// free_page(s)/kfree/vfree, an address to __free_page(s), or a constant
/// order that differs from the allocation's.
///
/// For the user-facing documentation see:
/// docs/checks/gfp-page-free-mismatch.md
class PageFreeMismatchCheck : public GfpCheckBase,
                              private ::gfp::PageFreeHandler {
public:
  PageFreeMismatchCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;

private:
  // The analysis reports to the check itself.
  void handleFreeMismatch(const ::gfp::FreeMismatch &M) override;
  void checkUnit(ASTContext &AC) override;
  void emitFindings() override;
  std::vector<::gfp::FreeMismatch> Found;

  void emit(const ::gfp::FreeMismatch &F);
};

} // namespace clang::tidy::gfp

#endif // GFP_TIDY_LIB_CHECKS_PAGEFREEMISMATCHCHECK_H
