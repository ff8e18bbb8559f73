//===-- SleepingAllocInAtomicContextCheck.cpp -----------------------------===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Checks/SleepingAllocInAtomicContextCheck.h"

#include "clang/AST/ASTContext.h"

namespace clang::tidy::gfp {

namespace {
constexpr llvm::StringLiteral Format =
    "%0 %1, but this code runs in atomic context; allocate before entering "
    "it, or use GFP_ATOMIC and handle failure";

std::string sleepWords(const ::gfp::AllocationSite &A) {
  return A.Info.AlwaysSleeps ? "always may sleep"
                             : "may sleep (direct reclaim)";
}
} // namespace

std::string SleepingAllocInAtomicContextCheck::message(
    const ::gfp::AllocationSite &A) const {
  return formatDiagnostic(Format, {allocText(A), sleepWords(A)});
}

void SleepingAllocInAtomicContextCheck::emit(const Finding &F) {
  const SourceManager &SM = Ctx->getSourceManager();
  diag(diagLoc(F.Alloc.E->getBeginLoc(), SM), Format)
      << allocText(F.Alloc) << sleepWords(F.Alloc);
  emitMacroNotes(*this, F.Alloc.UserMacros, SM);
  emitEvidence(F.Why, /*Atomic=*/true);
  emitTreeEvidence(F.TreeWhy);
}

} // namespace clang::tidy::gfp
