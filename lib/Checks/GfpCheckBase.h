//===-- GfpCheckBase.h - What every gfp check does the same way -*- C++ -*-===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Every gfp check matches the translation unit once, walks its function
// definitions through the shared kernel model and function index, buffers
// its findings, and emits them sorted at the end of the unit. This base does
// all but the analysis and the words.
//
//===----------------------------------------------------------------------===//

#ifndef GFP_TIDY_LIB_CHECKS_GFPCHECKBASE_H
#define GFP_TIDY_LIB_CHECKS_GFPCHECKBASE_H

#include "Checks/CheckUtils.h"
#include "Checks/UnitState.h"
#include "clang-tidy/ClangTidyCheck.h"

namespace clang::tidy::gfp {

/// The base of every gfp check.
class GfpCheckBase : public ClangTidyCheck {
public:
  GfpCheckBase(StringRef Name, ClangTidyContext *Context);
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) final;
  void registerMatchers(ast_matchers::MatchFinder *Finder) final;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) final;
  /// Stores the options every gfp check shares (`Allocators`); the checks'
  /// own storeOptions() call it first.
  void storeOptions(ClangTidyOptions::OptionMap &Map) override;
  void onEndOfTranslationUnit() final;

protected:
  /// Runs the analysis over the unit (it compiled) and buffers findings.
  virtual void checkUnit(ASTContext &AC) = 0;
  /// Emits the buffered findings, sorted, and forgets them.
  virtual void emitFindings() = 0;

  /// Sorts \p Items by the location \p LocOf gives, in unit order.
  template <typename T, typename GetLoc>
  void sortByLocation(std::vector<T> &Items, GetLoc LocOf) const {
    const SourceManager &SM = Ctx->getSourceManager();
    llvm::stable_sort(Items, [&](const T &A, const T &B) {
      return SM.isBeforeInTranslationUnit(LocOf(A), LocOf(B));
    });
  }

  /// The unit's kernel model, function index and context model, shared
  /// with the other gfp checks of the run.
  ::gfp::KernelModel &model(ASTContext &AC) {
    return Unit->model(AC, ModelOpts);
  }
  ::gfp::FunctionIndex &index(ASTContext &AC) {
    return Unit->index(AC, ModelOpts);
  }
  ::gfp::ContextModel &contexts(ASTContext &AC,
                                const ::gfp::AtomicContextOptions &Opts) {
    return Unit->contexts(AC, ModelOpts, Opts);
  }

  std::shared_ptr<UnitState> Unit;
  ::gfp::KernelModelOptions ModelOpts;
  /// The unit being checked, between check() and the end of the unit.
  ASTContext *Ctx = nullptr;
};

} // namespace clang::tidy::gfp

#endif // GFP_TIDY_LIB_CHECKS_GFPCHECKBASE_H
