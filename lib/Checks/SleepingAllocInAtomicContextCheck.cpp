//===-- SleepingAllocInAtomicContextCheck.cpp -----------------------------===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Checks/SleepingAllocInAtomicContextCheck.h"

#include "clang/AST/ASTContext.h"

namespace clang::tidy::gfp {

void SleepingAllocInAtomicContextCheck::emit(const Finding &F) {
  const SourceManager &SM = Ctx->getSourceManager();
  std::string Why = F.Alloc.Info.AlwaysSleeps ? "always may sleep"
                                              : "may sleep (direct reclaim)";
  diag(diagLoc(F.Alloc.E->getBeginLoc(), SM),
       "%0 %1, but this code runs in atomic context; allocate before "
       "entering it, or use GFP_ATOMIC and handle failure")
      << allocText(F.Alloc) << Why;
  emitMacroNotes(*this, F.Alloc.UserMacros, SM);
  emitEvidence(F.Why, /*Atomic=*/true);
}

} // namespace clang::tidy::gfp
