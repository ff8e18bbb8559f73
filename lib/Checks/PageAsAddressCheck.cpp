//===-- PageAsAddressCheck.cpp - gfp-page-as-address ----------------------===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Checks/PageAsAddressCheck.h"

#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"

using namespace clang::ast_matchers;

namespace clang::tidy::gfp {

namespace {

/// Headers of the kernel's own page API, and the memory manager's own files
/// (mm/, arch/*/mm/: __dump_page() copies a descriptor, page_init_poison()
/// poisons the memory map): silent, since they implement it.
constexpr llvm::StringLiteral DefaultIgnoredHeaders =
    "(^|/)include/linux/(mm|mm_types|mm_inline|highmem|highmem-internal|"
    "page-flags|page_ref|pagemap|memremap|pgtable)\\.h$|"
    "(^|/)include/asm-generic/(page|memory_model)\\.h$|"
    "(^|/)arch/[^/]+/include/asm/page[^/]*\\.h$|"
    "(^|/)(arch/[^/]+/)?mm/([a-z]+/)?[^/]+\\.c$";

/// The same-sized address allocator for a page allocator, or "".
StringRef addressAllocatorFor(StringRef ApiName) {
  if (ApiName == "alloc_page")
    return "__get_free_page";
  if (ApiName == "alloc_pages")
    return "__get_free_pages";
  return "";
}

} // namespace

PageAsAddressCheck::PageAsAddressCheck(StringRef Name,
                                       ClangTidyContext *Context)
    : GfpCheckBase(Name, Context),
      IgnoredHeaderRegexText(
          Options.get("IgnoredHeaderRegex", DefaultIgnoredHeaders).str()),
      IgnoredHeaders(IgnoredHeaderRegexText) {
  ::gfp::PageAsAddressOptions Defaults;
  Opts.MemoryFunctions = readList(Options, "MemoryFunctions", {});
  Opts.DescriptorTypes =
      readList(Options, "DescriptorTypes", Defaults.DescriptorTypes);
  Opts.IgnoredFunctions =
      readList(Options, "IgnoredFunctions", Defaults.IgnoredFunctions);
  std::string Error;
  if (!IgnoredHeaders.isValid(Error)) {
    configurationDiag("invalid regular expression in "
                      "'%0.IgnoredHeaderRegex': %1; using the default")
        << Name << Error;
    IgnoredHeaderRegexText = DefaultIgnoredHeaders.str();
    IgnoredHeaders = FileFilter(IgnoredHeaderRegexText);
  }
}

void PageAsAddressCheck::storeOptions(ClangTidyOptions::OptionMap &Map) {
  GfpCheckBase::storeOptions(Map);
  storeList(Options, Map, "MemoryFunctions", Opts.MemoryFunctions);
  storeList(Options, Map, "DescriptorTypes", Opts.DescriptorTypes);
  storeList(Options, Map, "IgnoredFunctions", Opts.IgnoredFunctions);
  Options.store(Map, "IgnoredHeaderRegex", IgnoredHeaderRegexText);
}

void PageAsAddressCheck::handlePageAsAddress(const ::gfp::PageConversion &C) {
  Found.push_back(C);
}

void PageAsAddressCheck::checkUnit(ASTContext &AC) {
  ::gfp::FunctionIndex &Index = index(AC);
  forEachFunctionDefinition(AC, [&](const FunctionDecl &FD) {
    if (!Index.facts(FD).PageConversion ||
        IgnoredHeaders.matches(FD.getLocation(), AC.getSourceManager()))
      return;
    ::gfp::runPageAsAddressAnalysis(FD, model(AC), *this, Opts);
  });
}

void PageAsAddressCheck::emitFindings() {
  const SourceManager &SM = Ctx->getSourceManager();
  sortByLocation(Found, [&](const ::gfp::PageConversion &C) {
    return diagLoc(C.Cast->getBeginLoc(), SM);
  });
  llvm::DenseSet<unsigned> Fixed;
  for (const ::gfp::PageConversion &C : Found)
    emit(C, Fixed);
  Found.clear();
  IgnoredHeaders.reset();
}

void PageAsAddressCheck::emit(const ::gfp::PageConversion &C,
                              llvm::DenseSet<unsigned> &Fixed) {
  const SourceManager &SM = Ctx->getSourceManager();
  const LangOptions &LO = Ctx->getLangOpts();
  PrintingPolicy PP(LO);
  const CastExpr &Cast = *C.Cast;
  std::string To = Cast.getType().getAsString(PP);
  SourceLocation Loc = diagLoc(Cast.getBeginLoc(), SM);

  // The user's macro: the one around the conversion, else the one around
  // the allocation.
  SmallVector<::gfp::MacroFrame, 2> CastMacros =
      userMacros(Cast.getBeginLoc(), SM, LO);
  std::string Macro;
  if (!CastMacros.empty())
    Macro = CastMacros.front().Name;

  // Fix-it: an allocation spelled in place under an explicit cast becomes
  // the address allocator of the same size; once per spelling location, so
  // a macro's definition is fixed once however often it is used.
  std::optional<FixItHint> Fix;
  StringRef Replacement;
  if (C.Alloc) {
    const ::gfp::AllocationSite &A = *C.Alloc;
    Replacement = addressAllocatorFor(A.ApiName);
    SourceLocation NameLoc = writtenLoc(A.ApiLoc, SM);
    bool InPlace = C.Reason == ::gfp::PageConversionReason::Allocation &&
                   isa<CStyleCastExpr>(Cast) &&
                   Cast.getSubExpr()->IgnoreParens() == A.E;
    if (InPlace && !Replacement.empty() && NameLoc.isFileID() &&
        !SM.isInSystemHeader(NameLoc)) {
      CharSourceRange Range = CharSourceRange::getTokenRange(NameLoc, NameLoc);
      if (Lexer::getSourceText(Range, SM, LO) == A.ApiName &&
          Fixed.insert(NameLoc.getRawEncoding()).second)
        Fix = FixItHint::CreateReplacement(Range, Replacement);
    }
  }
  bool AllocHint = !Replacement.empty() &&
                   C.Reason == ::gfp::PageConversionReason::Allocation;

  // Which value is converted: %select index S of the subject below.
  const ::gfp::AllocationSite *Alloc = C.Alloc ? &*C.Alloc : nullptr;
  std::string AllocText = Alloc ? Alloc->describe() : std::string();
  std::string AllocMacro;
  std::string Name;
  unsigned S = 0;
  switch (C.Reason) {
  case ::gfp::PageConversionReason::Allocation:
    // A macro around the allocation only is named with it.
    if (Alloc && CastMacros.empty() && !Alloc->UserMacros.empty())
      AllocMacro = Alloc->UserMacros.front().Name;
    S = !Alloc ? 2 : AllocMacro.empty() ? 0 : 1;
    break;
  case ::gfp::PageConversionReason::HeldAllocation:
    Name = quotableText(Cast.getSubExpr(), SM, LO);
    S = Alloc ? (Name.empty() ? 4 : 3) : (Name.empty() ? 6 : 5);
    break;
  case ::gfp::PageConversionReason::UsedAsMemory:
    Name = quotableText(Cast.getSubExpr(), SM, LO);
    S = Name.empty() ? 8 : 7;
    break;
  }
  {
    // %0 the subject, %1 the allocation, %2 its macro, %3 the value's name,
    // %4 the type converted to, %5 a use as memory, %6-%7 the advice, %8
    // the macro that converts.
    DiagnosticBuilder D =
        Macro.empty()
            ? diag(Loc,
                   "%select{the page descriptor from %1|the page descriptor "
                   "from %1 in macro '%2'|the page descriptor from an "
                   "allocation|page descriptor '%3' from %1|page descriptor "
                   "from %1|page descriptor '%3' from an allocation|page "
                   "descriptor from an allocation|page descriptor '%3'|page "
                   "descriptor}0 converted to '%4'%select{| and used as "
                   "memory}5: a 'struct page *' is not the page's memory; "
                   "%select{use page_address() for the page's memory|use "
                   "%7() to allocate an address}6")
            : diag(Loc,
                   "macro '%8' converts %select{the page descriptor from "
                   "%1|the page descriptor from %1 in macro '%2'|the page "
                   "descriptor from an allocation|page descriptor '%3' from "
                   "%1|page descriptor from %1|page descriptor '%3' from an "
                   "allocation|page descriptor from an allocation|page "
                   "descriptor '%3'|page descriptor}0 to '%4'%select{| and "
                   "used as memory}5: a 'struct page *' is not the page's "
                   "memory; %select{use page_address() for the page's "
                   "memory|use %7() to allocate an address}6");
    D << S << AllocText << AllocMacro << Name << To << (C.MemoryUse != nullptr)
      << AllocHint << Replacement << Macro;
    if (Loc == Cast.getBeginLoc())
      D << SourceRange(Cast.getBeginLoc(), Cast.getEndLoc());
    if (Fix)
      D << *Fix;
  }
  emitMacroNotes(*this, CastMacros, SM);
  if (C.Alloc) {
    // An allocation converted in place needs no note, unless a macro's
    // definition holds it.
    SourceLocation AllocLoc = writtenLoc(C.Alloc->ApiLoc, SM);
    if (C.Reason != ::gfp::PageConversionReason::Allocation ||
        AllocLoc != diagLoc(C.Alloc->ApiLoc, SM))
      diag(AllocLoc, "page allocated here by %0", DiagnosticIDs::Note)
          << C.Alloc->describe();
  }
  if (C.MemoryUse)
    diag(diagLoc(C.MemoryUse->getBeginLoc(), SM), "used as memory here",
         DiagnosticIDs::Note);
}

} // namespace clang::tidy::gfp
