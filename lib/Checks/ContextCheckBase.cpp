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
  ::gfp::FunctionIndex &Index = index(AC);
  ::gfp::ContextModel &Contexts = contexts(AC, Opts);
  forEachFunctionDefinition(AC, [&](const FunctionDecl &FD) {
    if (Index.facts(FD).Allocation)
      Contexts.analyseFunction(FD, *this);
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
  Unit->addPending(std::move(P));
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

namespace {
using StepKind = ::gfp::tree::Step::Kind;

/// The words of a note of a context proof: %0 is the function, %1 the
/// lock, registration, sleeping call or number of callers. Proofs from the
/// unit and from the whole tree read alike.
StringRef stepFormat(StepKind K) {
  switch (K) {
  case StepKind::SectionBegins:
    return "atomic context begins here: %1";
  case StepKind::AtomicRole:
    return "'%0' runs in atomic context: %1 here";
  case StepKind::CalledAtomic:
    return "'%0' is called in atomic context here";
  case StepKind::SleepableRole:
    return "'%0' may sleep: %1 here";
  case StepKind::Sleeps:
    return "'%0' may sleep: it calls '%1' here with no lock held";
  case StepKind::CalledSleepable:
    return "'%0' is called here, where the code may sleep";
  case StepKind::CallersSleepable:
    return "'%0' has %1 callers, all where the code may sleep";
  }
  return "%0 %1";
}

/// What KernelApi.def says each registering function's argument is, by
/// `name:arg`: `IRQ handler registered with request_irq`.
const llvm::StringMap<StringRef> &registrationWords() {
  static const llvm::StringMap<StringRef> Words = [] {
    llvm::StringMap<StringRef> W;
#define GFP_ROLE_CALL(Name, Arg, Role, What) W[#Name ":" #Arg] = What;
#define GFP_ROLE_CALL_FIELD(Name, Arg, Field, Role, What)                      \
  W[#Name ":" #Arg] = What;
#include "Analysis/KernelApi.def"
    return W;
  }();
  return Words;
}

/// The words of a role's source (a tree::RoleSource, encoded); a text of
/// an older version as it is.
std::string roleText(StringRef What) {
  using Kind = ::gfp::tree::RoleSource::Kind;
  std::optional<::gfp::tree::RoleSource> S =
      ::gfp::tree::RoleSource::decode(What);
  if (!S)
    return What.str();
  if (S->K == Kind::Call) {
    auto It = registrationWords().find(S->Name + ":" + S->Detail);
    if (It != registrationWords().end())
      return It->second.str();
  }
  return formatDiagnostic(
      "%select{callback registered with %1|registered as '%2' of 'struct "
      "%1'|an '__init' function|it requires a spinning lock held "
      "(__must_hold)|it is annotated __must_hold(%2)|it asserts that "
      "interrupts are off (%1)|it asserts so (%1)|it asserts that a spinning "
      "lock is held (%1)}0",
      {std::to_string(static_cast<unsigned>(S->K)), S->Name, S->Detail});
}

/// The argument a note of a step of kind \p K shows for \p What.
std::string stepArgument(StepKind K, StringRef What) {
  if (K == StepKind::AtomicRole || K == StepKind::SleepableRole)
    return roleText(What);
  return What.str();
}

/// The step kind of a proof step of the unit's own analysis.
StepKind stepKind(::gfp::Evidence::Kind K, bool Atomic) {
  using Kind = ::gfp::Evidence::Kind;
  switch (K) {
  case Kind::Section:
    return StepKind::SectionBegins;
  case Kind::Role:
    return Atomic ? StepKind::AtomicRole : StepKind::SleepableRole;
  case Kind::Sleeps:
    return StepKind::Sleeps;
  case Kind::Caller:
    return Atomic ? StepKind::CalledAtomic : StepKind::CalledSleepable;
  }
  return StepKind::SectionBegins;
}
} // namespace

std::string treeStepText(const ::gfp::tree::Step &S) {
  return formatDiagnostic(stepFormat(S.K),
                          {S.Function, stepArgument(S.K, S.What)});
}

void ContextCheckBase::emitEvidence(llvm::ArrayRef<::gfp::Evidence> Why,
                                    bool Atomic) {
  for (const ::gfp::Evidence &E : Why) {
    StepKind K = stepKind(E.K, Atomic);
    diag(E.Loc, stepFormat(K), DiagnosticIDs::Note)
        << (E.Function ? E.Function->getNameAsString() : "")
        << stepArgument(K, E.What);
  }
}

void ContextCheckBase::emitTreeEvidence(llvm::ArrayRef<::gfp::tree::Step> Why) {
  const ::gfp::tree::ContextDatabase *DB =
      contextDatabase(ContextDatabasePath, *this);
  if (!DB)
    return;
  SourceManager &SM = Ctx->getSourceManager();
  for (const ::gfp::tree::Step &S : Why)
    diag(locationInDatabase(S.At, *DB, SM), stepFormat(S.K),
         DiagnosticIDs::Note)
        << S.Function << stepArgument(S.K, S.What);
}

} // namespace clang::tidy::gfp
