//===-- UnitState.cpp - What the gfp checks of one unit share -------------===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Checks/UnitState.h"

#include "clang/Lex/MacroArgs.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/DenseMap.h"

#include <mutex>

namespace clang::tidy::gfp {

UnitObserver::~UnitObserver() = default;

std::shared_ptr<UnitState> UnitState::of(const ClangTidyContext &Context) {
  // clangd makes the checks of different files on different threads, each
  // file with its context; a context's own checks are made on one thread.
  static std::mutex Lock;
  static llvm::DenseMap<const ClangTidyContext *, std::weak_ptr<UnitState>>
      States;
  std::lock_guard<std::mutex> Guard(Lock);
  // Forget the states nobody holds any more (their contexts may be gone,
  // and a new context may have the same address).
  for (auto It = States.begin(); It != States.end();) {
    auto Next = std::next(It);
    if (It->second.expired())
      States.erase(It);
    It = Next;
  }
  std::weak_ptr<UnitState> &Slot = States[&Context];
  std::shared_ptr<UnitState> S = Slot.lock();
  if (!S) {
    S = std::make_shared<UnitState>();
    Slot = S;
  }
  return S;
}

/// Records `__must_hold(x)` and friends, which expand to nothing outside
/// sparse, with their argument as written.
class AnnotationRecorder : public PPCallbacks {
public:
  AnnotationRecorder(const Preprocessor &PP, std::weak_ptr<UnitState> S)
      : PP(PP), S(std::move(S)) {}
  void MacroExpands(const Token &Name, const MacroDefinition &,
                    SourceRange Range, const MacroArgs *Args) override {
    const IdentifierInfo *II = Name.getIdentifierInfo();
    if (!II || !Args)
      return;
    StringRef N = II->getName();
    if (N != "__must_hold" && N != "__acquires" && N != "__releases")
      return;
    // The preprocessor may outlive the checks (clangd keeps it with the
    // parsed file): then nobody wants the annotation.
    std::shared_ptr<UnitState> State = S.lock();
    if (!State)
      return;
    std::string Text;
    for (const Token *T = Args->getUnexpArgument(0); T && T->isNot(tok::eof);
         ++T)
      Text += PP.getSpelling(*T);
    State->Annotations.push_back({N.str(), Range.getBegin(), Text});
  }

private:
  const Preprocessor &PP;
  std::weak_ptr<UnitState> S;
};

void UnitState::setPreprocessor(Preprocessor &P) {
  PP = &P;
  if (RecordingFor == &P)
    return;
  RecordingFor = &P;
  Annotations.clear();
  P.addPPCallbacks(std::make_unique<AnnotationRecorder>(P, weak_from_this()));
}

::gfp::KernelModel &UnitState::model(ASTContext &C,
                                     const ::gfp::KernelModelOptions &Opts) {
  if (!Model || Ctx != &C || Allocators != Opts.ExtraAllocators) {
    Contexts.reset();
    Index.reset();
    Model = std::make_unique<::gfp::KernelModel>(C, PP, Opts);
    Ctx = &C;
    Allocators = Opts.ExtraAllocators;
  }
  return *Model;
}

::gfp::FunctionIndex &UnitState::index(ASTContext &C,
                                       const ::gfp::KernelModelOptions &Opts) {
  ::gfp::KernelModel &M = model(C, Opts);
  if (!Index)
    Index = std::make_unique<::gfp::FunctionIndex>(M);
  return *Index;
}

::gfp::ContextModel &
UnitState::contexts(ASTContext &C, const ::gfp::KernelModelOptions &Opts,
                    const ::gfp::AtomicContextOptions &CtxOpts) {
  ::gfp::FunctionIndex &I = index(C, Opts);
  if (!Contexts || !(ContextOpts == CtxOpts)) {
    ContextOpts = CtxOpts;
    Contexts = std::make_unique<::gfp::ContextModel>(*Model, I, ContextOpts);
    Contexts->setLockAnnotations(Annotations);
  }
  return *Contexts;
}

void UnitState::addPending(PendingFinding P) {
  if (Observer)
    Pending.push_back(std::move(P));
}

void UnitState::endUnit() {
  if (Observer && Model && Ctx) {
    if (!Index)
      Index = std::make_unique<::gfp::FunctionIndex>(*Model);
    Observer->unitChecked({*Ctx, *Model, *Index, Contexts.get(), Pending});
  }
  Pending.clear();
  Annotations.clear();
  Contexts.reset();
  Index.reset();
  Model.reset();
  Ctx = nullptr;
  // The next unit has a preprocessor of its own, which may be allocated
  // where this one was.
  PP = nullptr;
  RecordingFor = nullptr;
}

} // namespace clang::tidy::gfp
