//===-- GfpCheckBase.cpp - What every gfp check does the same way ---------===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Checks/GfpCheckBase.h"

#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::gfp {

GfpCheckBase::GfpCheckBase(StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), Unit(UnitState::of(*Context)),
      ModelOpts(readModelOptions(Options)) {}

void GfpCheckBase::storeOptions(ClangTidyOptions::OptionMap &Map) {
  Options.store(Map, "Allocators", Options.getLocalOrGlobal("Allocators", ""));
}

void GfpCheckBase::registerPPCallbacks(const SourceManager &, Preprocessor *PP,
                                       Preprocessor *) {
  Unit->setPreprocessor(*PP);
}

void GfpCheckBase::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(translationUnitDecl().bind("tu"), this);
  // clangd matches only the main file's top-level declarations (its
  // traversal scope), never the translation unit itself: there the main
  // file's first function definition starts the analysis of the unit.
  // clangd, and editor front ends like it, ask for self-contained
  // diagnostics; clang-tidy, gfp-audit and the compiler plugin do not, and
  // there a function matcher would only cost a match per declaration of
  // every header (about 1% of a heavy unit's run).
  if (areDiagsSelfContained())
    Finder->addMatcher(
        functionDecl(isDefinition(), isExpansionInMainFile()).bind("fn"), this);
}

void GfpCheckBase::check(const MatchFinder::MatchResult &Result) {
  ASTContext &AC = *Result.Context;
  if (Ctx == &AC || AC.getDiagnostics().hasUncompilableErrorOccurred())
    return;
  Ctx = &AC;
  checkUnit(AC);
}

void GfpCheckBase::onEndOfTranslationUnit() {
  if (Ctx)
    emitFindings();
  Ctx = nullptr;
  Unit->endUnit();
}

} // namespace clang::tidy::gfp
