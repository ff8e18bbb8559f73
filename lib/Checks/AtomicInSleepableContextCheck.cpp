//===-- AtomicInSleepableContextCheck.cpp ---------------------------------===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Checks/AtomicInSleepableContextCheck.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/Lex/Lexer.h"

namespace clang::tidy::gfp {

AtomicInSleepableContextCheck::AtomicInSleepableContextCheck(
    StringRef Name, ClangTidyContext *Context)
    : ContextCheckBase(Name, Context) {
  IncludeNowait = readBool(Options, "IncludeNowait", false, *this, Name);
}

void AtomicInSleepableContextCheck::storeOptions(
    ClangTidyOptions::OptionMap &Map) {
  ContextCheckBase::storeOptions(Map);
  Options.store(Map, "IncludeNowait", IncludeNowait ? "true" : "false");
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
        Fix = FixItHint::CreateReplacement(
            CharSourceRange::getCharRange(B, B.getLocWithOffset(10)),
            failFast(A) ? "GFP_KERNEL | __GFP_NORETRY" : "GFP_KERNEL");
      }
    }
  }
  {
    DiagnosticBuilder D = diag(diagLoc(A.E->getBeginLoc(), SM), format(A))
                          << allocText(A);
    if (Fix)
      D << *Fix;
  }
  emitMacroNotes(*this, A.UserMacros, SM);
  emitEvidence(F.Why, /*Atomic=*/false);
  emitTreeEvidence(F.TreeWhy);
}

bool AtomicInSleepableContextCheck::failFast(
    const ::gfp::AllocationSite &A) const {
  if (!Ctx ||
      StringRef(A.Flags.Spelling).find("__GFP_NOWARN") == StringRef::npos)
    return false;
  // `__GFP_NOWARN` inside a loop: the code tries, and tries smaller on
  // failure (dccp's hash tables, caif_virtio's pool): GFP_ATOMIC there
  // means "fail fast", which __GFP_NORETRY says without the reserves.
  const Stmt *S = A.Call;
  for (unsigned Guard = 0; S && Guard < 64; ++Guard) {
    DynTypedNodeList Parents = Ctx->getParents(*S);
    if (Parents.empty())
      return false;
    S = Parents[0].get<Stmt>();
    if (S && (isa<ForStmt>(S) || isa<WhileStmt>(S) || isa<DoStmt>(S)))
      return true;
  }
  return false;
}

StringRef
AtomicInSleepableContextCheck::format(const ::gfp::AllocationSite &A) const {
  if (!A.Flags.UsesReserves)
    return "%0 cannot sleep, but this code may; use GFP_KERNEL";
  if (failFast(A))
    return "%0 dips into the atomic reserves to fail fast, but this code may "
           "sleep; use GFP_KERNEL | __GFP_NORETRY, which fails fast without "
           "them";
  return "%0 dips into the atomic reserves, but this code may sleep; use "
         "GFP_KERNEL and leave the reserves to interrupt handlers";
}

std::string
AtomicInSleepableContextCheck::message(const ::gfp::AllocationSite &A) const {
  return formatDiagnostic(format(A), {allocText(A)});
}

} // namespace clang::tidy::gfp
