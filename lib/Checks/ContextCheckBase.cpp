//===-- ContextCheckBase.cpp - The two atomic-context checks --------------===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Checks/ContextCheckBase.h"

#include "clang/AST/ASTContext.h"

namespace clang::tidy::gfp {

ContextCheckBase::ContextCheckBase(StringRef Name, ClangTidyContext *Context)
    : GfpCheckBase(Name, Context) {
  Opts.LockFunctions = readList(Options, "LockFunctions", {});
  Opts.UnlockFunctions = readList(Options, "UnlockFunctions", {});
  Opts.SleepFunctions = readList(Options, "SleepFunctions", {});
  Opts.AtomicCallbacks = readList(Options, "AtomicCallbacks", {});
  Opts.SleepableCallbacks = readList(Options, "SleepableCallbacks", {});
  ContextDatabasePath = Options.getLocalOrGlobal("ContextDatabase", "").str();
}

void ContextCheckBase::storeOptions(ClangTidyOptions::OptionMap &Map) {
  GfpCheckBase::storeOptions(Map);
  storeList(Options, Map, "LockFunctions", Opts.LockFunctions);
  storeList(Options, Map, "UnlockFunctions", Opts.UnlockFunctions);
  storeList(Options, Map, "SleepFunctions", Opts.SleepFunctions);
  storeList(Options, Map, "AtomicCallbacks", Opts.AtomicCallbacks);
  storeList(Options, Map, "SleepableCallbacks", Opts.SleepableCallbacks);
  Options.store(Map, "ContextDatabase", ContextDatabasePath);
}

void ContextCheckBase::checkUnit(ASTContext &AC) {
  ::gfp::FunctionIndex &Index = Model.index(AC);
  ::gfp::ContextModel &Contexts = Model.contexts(AC, Opts);
  forEachFunctionDefinition(AC, [&](const FunctionDecl &FD) {
    if (!Index.facts(FD).Allocation)
      return;
    Analysing = &FD;
    Contexts.analyseFunction(FD, *this);
    Analysing = nullptr;
  });
}

void ContextCheckBase::record(const ::gfp::AllocationSite &A,
                              llvm::ArrayRef<::gfp::Evidence> Why) {
  Found.push_back(
      Finding{A, std::vector<::gfp::Evidence>(Why.begin(), Why.end())});
}

void ContextCheckBase::recordUndecided(const ::gfp::AllocationSite &A,
                                       const FunctionDecl &FD,
                                       ::gfp::tree::Need N) {
  if (const ::gfp::tree::ContextDatabase *DB =
          contextDatabase(ContextDatabasePath, *this)) {
    std::optional<std::vector<::gfp::tree::Step>> Why =
        DB->lookup(keyInDatabase(FD, *DB), N);
    // The unit is the authority on its own function's body: a proof that
    // starts inside it comes from the code as it was when the database was
    // written (the GFP_KERNEL call just changed to GFP_ATOMIC, say).
    if (Why && !Why->empty() && FD.getBody()) {
      SourceManager &SM = Ctx->getSourceManager();
      SourceLocation First = locationInDatabase(Why->front().At, *DB, SM);
      SourceRange Body = FD.getBody()->getSourceRange();
      if (First.isValid() &&
          SM.isPointWithin(First, SM.getExpansionLoc(Body.getBegin()),
                           SM.getExpansionLoc(Body.getEnd())))
        Why.reset();
    }
    if (Why) {
      Found.push_back(Finding{A, {}, std::move(*Why)});
      return;
    }
  }
  const SourceManager &SM = Ctx->getSourceManager();
  PendingFinding P;
  P.Check = getID().str();
  P.Message = message(A);
  P.Loc = diagLoc(A.E->getBeginLoc(), SM);
  for (const ::gfp::MacroFrame &F : A.UserMacros)
    P.Notes.emplace_back("expanded from macro '" + F.Name + "'",
                         SM.getFileLoc(F.SpellingInDefinition));
  P.Function = &FD;
  P.Need = N;
  if (N == ::gfp::tree::Need::Atomic)
    P.Guards = ::gfp::parameterGuards(FD, A.Call);
  addPendingFinding(std::move(P));
}

void ContextCheckBase::emitFindings() {
  const SourceManager &SM = Ctx->getSourceManager();
  sortByLocation(Found, [&](const Finding &F) {
    return diagLoc(F.Alloc.E->getBeginLoc(), SM);
  });
  for (const Finding &F : Found)
    emit(F);
  Found.clear();
}

void ContextCheckBase::emitEvidence(llvm::ArrayRef<::gfp::Evidence> Why,
                                    bool Atomic) {
  using Kind = ::gfp::Evidence::Kind;
  for (const ::gfp::Evidence &E : Why) {
    std::string Fn = E.Function ? E.Function->getNameAsString() : "";
    switch (E.K) {
    case Kind::Section:
      diag(E.Loc, "atomic context begins here: %0", DiagnosticIDs::Note)
          << E.What;
      break;
    case Kind::Role:
      diag(E.Loc,
           Atomic ? "'%0' runs in atomic context: %1 here"
                  : "'%0' may sleep: %1 here",
           DiagnosticIDs::Note)
          << Fn << E.What;
      break;
    case Kind::Sleeps:
      diag(E.Loc, "'%0' may sleep: it calls '%1' here with no lock held",
           DiagnosticIDs::Note)
          << Fn << E.What;
      break;
    case Kind::Caller:
      diag(E.Loc,
           Atomic ? "'%0' is called in atomic context here"
                  : "'%0' is called here, where the code may sleep",
           DiagnosticIDs::Note)
          << Fn;
      break;
    }
  }
}

void ContextCheckBase::emitTreeEvidence(llvm::ArrayRef<::gfp::tree::Step> Why) {
  const ::gfp::tree::ContextDatabase *DB =
      contextDatabase(ContextDatabasePath, *this);
  if (!DB)
    return;
  SourceManager &SM = Ctx->getSourceManager();
  for (const ::gfp::tree::Step &S : Why) {
    // The words come from the database, written by this build's solver in
    // the checks' own phrasing.
    diag(locationInDatabase(S.At, *DB, SM), "%0", DiagnosticIDs::Note)
        << S.Message;
  }
}

} // namespace clang::tidy::gfp
