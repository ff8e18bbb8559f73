//===-- AtomicInSleepableContextCheck.cpp ---------------------------------===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Checks/AtomicInSleepableContextCheck.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMap.h"
#include "clang/Lex/Lexer.h"

namespace clang::tidy::gfp {

AtomicInSleepableContextCheck::AtomicInSleepableContextCheck(
    StringRef Name, ClangTidyContext *Context)
    : ContextCheckBase(Name, Context) {
  IncludeNowait = Options.get("IncludeNowait", false);
}

void AtomicInSleepableContextCheck::storeOptions(
    ClangTidyOptions::OptionMap &Map) {
  ContextCheckBase::storeOptions(Map);
  Options.store(Map, "IncludeNowait", IncludeNowait);
}

void AtomicInSleepableContextCheck::emit(const Finding &F) {
  const SourceManager &SM = Ctx->getSourceManager();
  const LangOptions &LO = Ctx->getLangOpts();
  const ::gfp::AllocationSite &A = F.Alloc;

  // Fix-it: only when GFP_ATOMIC is written in the call itself.
  std::optional<FixItHint> Fix;
  const Expr *Gfp = A.Info.GfpArg >= 0 && static_cast<unsigned>(A.Info.GfpArg) <
                                              A.Call->getNumArgs()
                        ? A.Call->getArg(A.Info.GfpArg)
                        : nullptr;
  if (Gfp && A.UserMacros.empty() && !A.Info.Wrapper) {
    CharSourceRange R =
        A.FlagsRange.isValid()
            ? A.FlagsRange
            : ::gfp::spelledRange(Gfp->getSourceRange(), SM, LO);
    if (R.isValid() && R.getBegin().isFileID() &&
        SM.isWrittenInSameFile(R.getBegin(), diagLoc(A.E->getBeginLoc(), SM))) {
      StringRef Text = Lexer::getSourceText(R, SM, LO);
      size_t Pos = Text.find("GFP_ATOMIC");
      bool Alone =
          Pos != StringRef::npos &&
          Text.find("GFP_ATOMIC", Pos + 1) == StringRef::npos &&
          (Pos + 10 == Text.size() ||
           !(isAlphanumeric(Text[Pos + 10]) || Text[Pos + 10] == '_')) &&
          (Pos == 0 ||
           !(isAlphanumeric(Text[Pos - 1]) || Text[Pos - 1] == '_'));
      if (Alone) {
        SourceLocation B = R.getBegin().getLocWithOffset(
            static_cast<SourceLocation::IntTy>(Pos));
        StringRef Flags = adviceFor(A) == Advice::NoIo   ? "GFP_NOIO"
                          : adviceFor(A) == Advice::NoFs ? "GFP_NOFS"
                                                         : "GFP_KERNEL";
        Fix = FixItHint::CreateReplacement(
            CharSourceRange::getCharRange(B, B.getLocWithOffset(10)),
            failFast(A) ? (Flags + " | __GFP_NORETRY").str() : Flags.str());
      }
    }
  }
  {
    DiagnosticBuilder D = diag(diagLoc(A.E->getBeginLoc(), SM), format(A))
                          << allocText(A) << static_cast<int>(adviceFor(A));
    if (Fix)
      D << *Fix;
  }
  emitMacroNotes(*this, A.UserMacros, SM);
  emitEvidence(F.Why, /*Atomic=*/false);
  emitTreeEvidence(F.TreeWhy);
}

bool AtomicInSleepableContextCheck::failFast(
    const ::gfp::AllocationSite &A) const {
  auto It = Advised.find(A.Call);
  return It != Advised.end() && It->second.FailFast;
}

bool AtomicInSleepableContextCheck::isFailFast(const ::gfp::AllocationSite &A,
                                               const FunctionDecl &FD) {
  // The user's own `__GFP_NOWARN`, not an API's default flags
  // (dev_alloc_page() allocates with GFP_ATOMIC | __GFP_NOWARN).
  if (!FD.getBody() || !A.FlagsRange.isValid() ||
      StringRef(A.Flags.Spelling).find("__GFP_NOWARN") == StringRef::npos)
    return false;
  // `__GFP_NOWARN` inside a loop: the code tries, and tries smaller on
  // failure (dccp's hash tables, caif_virtio's pool): GFP_ATOMIC there
  // means "fail fast", which __GFP_NORETRY says without the reserves.
  // The function's own parent map, not the unit's (ASTContext::getParents
  // maps every node of the unit on first use); it goes through
  // declarations too: 6.12's alloc_hooks() holds the call in
  // `typeof(_do_alloc) _res = _do_alloc;`.
  ParentMap PM(FD.getBody());
  for (const Stmt *S = PM.getParent(A.Call); S; S = PM.getParent(S))
    if (isa<ForStmt>(S) || isa<WhileStmt>(S) || isa<DoStmt>(S))
      return true;
  return false;
}

StringRef
AtomicInSleepableContextCheck::format(const ::gfp::AllocationSite &A) const {
  if (!A.Flags.UsesReserves)
    return "%0 cannot sleep, but this code may; use "
           "%select{GFP_KERNEL|GFP_NOFS, as the other allocations here do|"
           "GFP_NOIO, as the other allocations here do}1";
  if (failFast(A))
    return "%0 dips into the atomic reserves to fail fast, but this code may "
           "sleep; use %select{GFP_KERNEL|GFP_NOFS|GFP_NOIO}1 | "
           "__GFP_NORETRY, which fails fast without them";
  return "%0 dips into the atomic reserves, but this code may sleep; use "
         "%select{GFP_KERNEL|GFP_NOFS, as the other allocations here do,|"
         "GFP_NOIO, as the other allocations here do,}1 and leave the "
         "reserves to interrupt handlers";
}

std::string
AtomicInSleepableContextCheck::message(const ::gfp::AllocationSite &A) const {
  return formatDiagnostic(
      format(A),
      {allocText(A), std::to_string(static_cast<int>(adviceFor(A)))});
}

namespace {

using Advice = AtomicInSleepableContextCheck::Advice;

/// What an allocation's flags say about the reclaim its code allows, or
/// nothing when it does not sleep.
std::optional<Advice> reclaimOf(const ::gfp::AllocationSite &S) {
  if (S.Flags.Sleep != ::gfp::SleepKind::MaySleep)
    return std::nullopt;
  if (S.Flags.NoIo)
    return Advice::NoIo;
  if (S.Flags.NoFs)
    return Advice::NoFs;
  return Advice::Kernel;
}

} // namespace

void AtomicInSleepableContextCheck::advise(const ::gfp::AllocationSite &A,
                                           const FunctionDecl &FD) {
  if (!Ctx || Advised.count(A.Call))
    return;
  ::gfp::KernelModel &M = model(*Ctx);
  // The function's own sleeping allocations decide first.
  std::array<unsigned, 3> Own = {};
  if (FD.hasBody())
    for (const ::gfp::AllocationSite &S :
         M.collectAllocationSites(FD.getBody()))
      if (std::optional<Advice> R = reclaimOf(S))
        ++Own[static_cast<int>(*R)];
  Advice Choice = Advice::Kernel;
  if (Own[static_cast<int>(Advice::NoIo)])
    Choice = Advice::NoIo;
  else if (Own[static_cast<int>(Advice::NoFs)])
    Choice = Advice::NoFs;
  else if (!Own[static_cast<int>(Advice::Kernel)]) {
    // None: most of the file's sleeping allocations decide.
    if (UnitCountsFor != Ctx) {
      UnitCounts = {};
      UnitCountsFor = Ctx;
      const SourceManager &SM = Ctx->getSourceManager();
      ::gfp::FunctionIndex &Index = index(*Ctx);
      for (const Decl *D : Ctx->getTranslationUnitDecl()->decls()) {
        const auto *F = dyn_cast<FunctionDecl>(D);
        if (!F || !F->doesThisDeclarationHaveABody() ||
            !SM.isInMainFile(SM.getExpansionLoc(F->getLocation())) ||
            !Index.facts(*F).Allocation)
          continue;
        for (const ::gfp::AllocationSite &S :
             M.collectAllocationSites(F->getBody()))
          if (std::optional<Advice> R = reclaimOf(S))
            ++UnitCounts[static_cast<int>(*R)];
      }
    }
    unsigned Fs = UnitCounts[static_cast<int>(Advice::NoFs)];
    unsigned Io = UnitCounts[static_cast<int>(Advice::NoIo)];
    if (Fs + Io > UnitCounts[static_cast<int>(Advice::Kernel)])
      Choice = Io > Fs ? Advice::NoIo : Advice::NoFs;
  }
  Advised[A.Call] = Decided{Choice, isFailFast(A, FD)};
}

void AtomicInSleepableContextCheck::emitFindings() {
  ContextCheckBase::emitFindings();
  Advised.clear();
  UnitCountsFor = nullptr;
}

AtomicInSleepableContextCheck::Advice
AtomicInSleepableContextCheck::adviceFor(const ::gfp::AllocationSite &A) const {
  auto It = Advised.find(A.Call);
  return It == Advised.end() ? Advice::Kernel : It->second.Flags;
}

} // namespace clang::tidy::gfp
