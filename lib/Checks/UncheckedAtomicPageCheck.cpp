//===-- UncheckedAtomicPageCheck.cpp - gfp-unchecked-atomic-page ----------===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Checks/UncheckedAtomicPageCheck.h"

#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"

using namespace clang::ast_matchers;

namespace clang::tidy::gfp {

namespace {

/// The name of the function \p Use calls as the code wrote it: the kernel's
/// page_address() is a macro over lowmem_page_address(), and the user wrote
/// page_address.
std::string writtenCallee(const Expr *Use, const FunctionDecl &Callee,
                          const SourceManager &SM, const LangOptions &LO) {
  const auto *Call = dyn_cast_or_null<CallExpr>(Use);
  std::string Name = Callee.getNameAsString();
  if (!Call)
    return Name;
  SourceLocation Loc = Call->getCallee()->getBeginLoc();
  while (Loc.isMacroID()) {
    if (SM.isMacroArgExpansion(Loc)) {
      Loc = SM.getImmediateSpellingLoc(Loc);
      continue;
    }
    StringRef Macro = Lexer::getImmediateMacroName(Loc, SM, LO);
    if (!Macro.empty())
      Name = Macro.str();
    Loc = SM.getImmediateExpansionRange(Loc).getBegin();
  }
  return Name;
}

} // namespace

UncheckedAtomicPageCheck::UncheckedAtomicPageCheck(StringRef Name,
                                                   ClangTidyContext *Context)
    : GfpCheckBase(Name, Context) {
  Opts.DerefFunctions = readList(Options, "DerefFunctions", {});
  Opts.AllAllocations = Options.get("AllAllocations", false);
}

void UncheckedAtomicPageCheck::storeOptions(ClangTidyOptions::OptionMap &Map) {
  GfpCheckBase::storeOptions(Map);
  storeList(Options, Map, "DerefFunctions", Opts.DerefFunctions);
  Options.store(Map, "AllAllocations", Opts.AllAllocations);
}

void UncheckedAtomicPageCheck::handleUncheckedUse(
    const ::gfp::UncheckedUse &U) {
  Finding F;
  F.Loc = diagLoc(U.Value->getBeginLoc(), Ctx->getSourceManager());
  F.Alloc = *U.Alloc;
  F.Use = U.Use;
  F.Value = U.Value;
  F.Callee = U.Callee;
  F.CalleeDeref = U.CalleeDeref;
  F.DefinitelyNull = U.DefinitelyNull;
  Found.push_back(std::move(F));
}

void UncheckedAtomicPageCheck::handleDiscardedAllocation(
    const ::gfp::AllocationSite &A) {
  Finding F;
  F.Loc = diagLoc(A.E->getBeginLoc(), Ctx->getSourceManager());
  F.Discarded = true;
  F.Alloc = A;
  Found.push_back(std::move(F));
}

void UncheckedAtomicPageCheck::checkUnit(ASTContext &AC) {
  ::gfp::KernelModel &M = model(AC);
  ::gfp::FunctionIndex &Index = index(AC);
  Summaries = std::make_unique<::gfp::DerefSummaries>(M, Opts);
  forEachFunctionDefinition(AC, [&](const FunctionDecl &FD) {
    if (Index.facts(FD).Allocation)
      ::gfp::runPageNullnessAnalysis(FD, M, *this, *Summaries, Opts);
  });
}

void UncheckedAtomicPageCheck::emitFindings() {
  sortByLocation(Found, [](const Finding &F) { return F.Loc; });
  for (const Finding &F : Found)
    emit(F);
  Found.clear();
  Summaries.reset();
}

void UncheckedAtomicPageCheck::emit(const Finding &F) {
  const SourceManager &SM = Ctx->getSourceManager();
  const LangOptions &LO = Ctx->getLangOpts();
  const ::gfp::AllocationSite &A = F.Alloc;
  std::string From = allocText(A);
  if (F.Discarded) {
    diag(F.Loc, "the page from %0 is discarded: it leaks, and a failed "
                "allocation goes unnoticed")
        << From;
  } else {
    std::string Value = quotableText(F.Value->IgnoreParenCasts(), SM, LO);
    // The allocation itself as the argument: "the page from alloc_page(...)".
    bool Named = !Value.empty() &&
                 F.Value->IgnoreParenCasts() != A.E->IgnoreParenCasts();
    std::string Callee =
        F.Callee ? writtenCallee(F.Use, *F.Callee, SM, LO) : std::string();
    // %0-%1 name the value, %2 the allocation, %3-%4 the use, %5 why a
    // check is needed.
    DiagnosticBuilder D =
        F.DefinitelyNull
            ? diag(F.Loc, "%select{the page|'%1'}0 from %2 %select{is "
                          "dereferenced|is passed to '%4', which dereferences "
                          "it,}3 on a path where it is NULL")
            : diag(F.Loc,
                   "%select{the page|'%1'}0 from %2 %select{is dereferenced|is "
                   "passed to '%4', which dereferences it,}3 without a NULL "
                   "check; %select{page allocations can fail|non-sleeping "
                   "allocations fail under memory pressure|the flags may be "
                   "%6, and non-sleeping allocations fail under memory "
                   "pressure}5");
    D << Named << Value << From << (F.Callee != nullptr) << Callee;
    if (!F.DefinitelyNull) {
      unsigned Why = 0;
      if (A.Flags.Sleep == ::gfp::SleepKind::NoSleep)
        Why = 1;
      else if (!A.Flags.NoSleepChoice.empty())
        Why = 2;
      D << Why << A.Flags.NoSleepChoice;
    }
    if (F.Use && F.Use->getBeginLoc().isFileID() &&
        F.Use->getEndLoc().isFileID())
      D << F.Use->getSourceRange();
  }
  // Where the page came from, through the user's macros.
  SourceLocation AllocLoc = diagLoc(A.E->getBeginLoc(), SM);
  if (!F.Discarded || !A.UserMacros.empty())
    diag(F.Discarded ? writtenLoc(A.ApiLoc, SM) : AllocLoc,
         "page allocated here by %0", DiagnosticIDs::Note)
        << A.describe();
  emitMacroNotes(*this, A.UserMacros, SM);
  if (F.CalleeDeref)
    diag(diagLoc(F.CalleeDeref->getBeginLoc(), SM),
         "'%0' uses its argument here without a NULL check",
         DiagnosticIDs::Note)
        << F.Callee->getName();
}

} // namespace clang::tidy::gfp
