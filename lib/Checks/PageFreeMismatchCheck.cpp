//===-- PageFreeMismatchCheck.cpp - gfp-page-free-mismatch ----------------===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Checks/PageFreeMismatchCheck.h"

#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"

using namespace clang::ast_matchers;

namespace clang::tidy::gfp {

namespace {

/// The free the user should have written instead of \p F's.
StringRef rightFree(const ::gfp::FreeMismatch &F) {
  using Kind = ::gfp::FreeMismatch::Kind;
  // Without an allocation, a slab free says nothing of the order.
  bool Plural = F.Alloc ? F.AllocOrderUnknown || F.AllocOrder != 0
                        : StringRef(F.FreeName).ends_with("pages") ||
                              F.Takes == ::gfp::FreeTakes::Slab;
  if (F.K == Kind::DescriptorToOtherFree)
    return Plural ? "__free_pages" : "__free_page";
  if (F.K == Kind::AddressToOtherFree)
    return Plural ? "free_pages" : "free_page";
  if (StringRef(F.FreeName).starts_with("__"))
    return F.AllocOrder == 0 ? "__free_page" : "__free_pages";
  return F.AllocOrder == 0 ? "free_page" : "free_pages";
}

} // namespace

PageFreeMismatchCheck::PageFreeMismatchCheck(StringRef Name,
                                             ClangTidyContext *Context)
    : GfpCheckBase(Name, Context) {}

void PageFreeMismatchCheck::storeOptions(ClangTidyOptions::OptionMap &Map) {
  GfpCheckBase::storeOptions(Map);
}

void PageFreeMismatchCheck::handleFreeMismatch(const ::gfp::FreeMismatch &M) {
  Found.push_back(M);
}

void PageFreeMismatchCheck::checkUnit(ASTContext &AC) {
  ::gfp::FunctionIndex &Index = index(AC);
  ::gfp::FieldAllocations Fields(model(AC));
  ::gfp::FreeHelpers Helpers(model(AC), Index);
  // Functions that free only through a helper of the unit are read too,
  // when the unit has one; a header's functions cannot call the main
  // file's helpers.
  bool AnyHelper = false;
  forEachFunctionDefinition(AC, [&](const FunctionDecl &FD) {
    AnyHelper = AnyHelper || (Index.facts(FD).Free && Helpers.lookup(&FD));
  });
  const SourceManager &SM = AC.getSourceManager();
  forEachFunctionDefinition(AC, [&](const FunctionDecl &FD) {
    if (Index.facts(FD).Free ||
        (AnyHelper && SM.isInMainFile(SM.getExpansionLoc(FD.getLocation())) &&
         Helpers.callsHelper(FD)))
      ::gfp::runPageFreeAnalysis(FD, model(AC), *this, &Fields, &Helpers);
  });
}

void PageFreeMismatchCheck::emitFindings() {
  const SourceManager &SM = Ctx->getSourceManager();
  sortByLocation(Found, [&](const ::gfp::FreeMismatch &F) {
    return diagLoc(F.Free->getBeginLoc(), SM);
  });
  for (const ::gfp::FreeMismatch &F : Found)
    emit(F);
  Found.clear();
}

void PageFreeMismatchCheck::emit(const ::gfp::FreeMismatch &F) {
  using Kind = ::gfp::FreeMismatch::Kind;
  const SourceManager &SM = Ctx->getSourceManager();
  const LangOptions &LO = Ctx->getLangOpts();
  const Expr *Bare = F.Arg->IgnoreParenCasts();
  // What the code wrote: `__va(start)`, not the arithmetic inside the
  // kernel's macro.
  if (Bare->getBeginLoc().isMacroID() &&
      !SM.isMacroArgExpansion(Bare->getBeginLoc()))
    Bare = F.Arg->IgnoreImpCasts();
  std::string Name = quotableText(Bare, SM, LO);
  std::string From = F.Alloc ? F.Alloc->describe() : "";
  StringRef Right = rightFree(F);
  bool Slab = F.Takes == ::gfp::FreeTakes::Slab;
  SourceLocation Loc = diagLoc(F.Free->getBeginLoc(), SM);
  // The words, one literal per kind; the parts that vary are arguments.
  auto Emit = [&](const char *Format) { return diag(Loc, Format); };
  // Fix-it: only where the right call is certain and the whole call is
  // written in one file range, with no other macro around it.
  std::optional<FixItHint> Fix;
  SourceRange CallRange = F.Free->getSourceRange();
  for (const ::gfp::MacroFrame &Fr :
       ::gfp::macroChain(F.Free->getBeginLoc(), SM, LO))
    if (Fr.Name == F.FreeName)
      CallRange = Fr.ExpansionRange;
  CharSourceRange Whole = Lexer::makeFileCharRange(
      CharSourceRange::getTokenRange(CallRange), SM, LO);
  bool Single = F.FreeName == "free_page" || F.FreeName == "__free_page";
  if (Whole.isValid() && !Name.empty() && Single && !F.Helper &&
      F.K != Kind::OrderMismatch && F.Takes != ::gfp::FreeTakes::Slab) {
    std::string Arg = Name;
    if (F.K == Kind::AddressToOtherFree && Bare->getType()->isPointerType())
      Arg = "(unsigned long)" + Name;
    Fix = FixItHint::CreateReplacement(Whole, Right.str() + "(" + Arg + ")");
  }

  {
    std::optional<DiagnosticBuilder> D;
    switch (F.K) {
    case Kind::DescriptorToOtherFree:
      D.emplace(Emit("%select{the value|'%1'}0 is a page descriptor%select{| "
                     "from %3}2, but %4() %select{takes an address|frees slab "
                     "and vmalloc memory}5; free it with %6()"));
      *D << !Name.empty() << Name << !From.empty() << From << F.FreeName << Slab
         << Right;
      break;
    case Kind::AddressToOtherFree:
      D.emplace(Emit("%select{the value|'%1'}0 is an address%select{| from "
                     "%3}2, but %4() %select{takes a 'struct page *'|frees "
                     "slab and vmalloc memory}5; free it with %6()"));
      *D << !Name.empty() << Name << !From.empty() << From << F.FreeName << Slab
         << Right;
      break;
    case Kind::OrderMismatch:
      if (F.AllocOrderExpr) {
        D.emplace(Emit("allocation%select{| from %1}0 has order '%2', "
                       "computed at run time, but %3() frees order 0; free "
                       "it with %select{free_pages|__free_pages}4() and that "
                       "order"));
        *D << !From.empty() << From
           << ::gfp::spelledText(F.AllocOrderExpr->getSourceRange(), SM, LO)
           << F.FreeName << StringRef(F.FreeName).starts_with("__");
        break;
      }
      D.emplace(Emit("order-%0 allocation%select{| from %2}1 freed as order "
                     "%3; free it with %4()%select{| and order %0}5"));
      *D << static_cast<int>(F.AllocOrder) << !From.empty() << From
         << static_cast<int>(F.FreeOrder) << Right << (F.AllocOrder != 0);
      break;
    }
    if (Whole.isValid())
      *D << Whole;
    if (Fix)
      *D << *Fix;
  }
  if (F.Helper)
    diag(diagLoc(F.HelperFree->getBeginLoc(), SM), "'%0' frees it with %1()",
         DiagnosticIDs::Note)
        << F.Helper->getName() << F.FreeName;
  if (F.Alloc) {
    diag(diagLoc(F.Alloc->E->getBeginLoc(), SM), "allocated here by %0",
         DiagnosticIDs::Note)
        << F.Alloc->describe();
    emitMacroNotes(*this, F.Alloc->UserMacros, SM);
  }
}

} // namespace clang::tidy::gfp
