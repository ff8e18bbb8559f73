//===-- PageAsAddressCheck.h - gfp-page-as-address --------------*- C++ -*-===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef GFP_TIDY_LIB_CHECKS_PAGEASADDRESSCHECK_H
#define GFP_TIDY_LIB_CHECKS_PAGEASADDRESSCHECK_H

#include "Analysis/PageAsAddress.h"
#include "Checks/GfpCheckBase.h"
#include "llvm/ADT/DenseSet.h"

#include <vector>

namespace clang::tidy::gfp {

/// Reports a `struct page *` converted to a data pointer or an integer as if
/// it were the page's memory, such as the `(void *)` in
/// `#define labyrinth (void *)alloc_page(GFP_ATOMIC)`.
///
/// For the user-facing documentation see:
/// docs/checks/gfp-page-as-address.md
class PageAsAddressCheck : public GfpCheckBase,
                           private ::gfp::PageAsAddressHandler {
public:
  PageAsAddressCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;

private:
  // The analysis reports to the check itself.
  void handlePageAsAddress(const ::gfp::PageConversion &C) override;
  void checkUnit(ASTContext &AC) override;
  void emitFindings() override;
  ::gfp::PageAsAddressOptions Opts;
  std::string IgnoredHeaderRegexText;
  FileFilter IgnoredHeaders;
  std::vector<::gfp::PageConversion> Found;

  void emit(const ::gfp::PageConversion &C, llvm::DenseSet<unsigned> &Fixed);
};

} // namespace clang::tidy::gfp

#endif // GFP_TIDY_LIB_CHECKS_PAGEASADDRESSCHECK_H
