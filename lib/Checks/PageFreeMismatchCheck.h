//===-- PageFreeMismatchCheck.h - gfp-page-free-mismatch --------*- C++ -*-===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef GFP_TIDY_LIB_CHECKS_PAGEFREEMISMATCHCHECK_H
#define GFP_TIDY_LIB_CHECKS_PAGEFREEMISMATCHCHECK_H

#include "Analysis/PageFree.h"
#include "Checks/CheckUtils.h"
#include "clang-tidy/ClangTidyCheck.h"

#include <vector>

namespace clang::tidy::gfp {

/// Reports pages freed through the wrong API: a `struct page *` to
/// free_page(s)/kfree/vfree, an address to __free_page(s), or a constant
/// order that differs from the allocation's.
///
/// For the user-facing documentation see:
/// docs/checks/gfp-page-free-mismatch.md
class PageFreeMismatchCheck : public ClangTidyCheck {
public:
  PageFreeMismatchCheck(StringRef Name, ClangTidyContext *Context);
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;

private:
  ModelHolder Model;
  std::vector<::gfp::FreeMismatch> Found;
  ASTContext *Ctx = nullptr;

  void emit(const ::gfp::FreeMismatch &F);
};

} // namespace clang::tidy::gfp

#endif // GFP_TIDY_LIB_CHECKS_PAGEFREEMISMATCHCHECK_H
