//===-- UnitState.h - What the gfp checks of one unit share ----*- C++ -*-===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The gfp checks share one kernel model, one function index and one context
// model per translation unit, so that one walk of each function serves all
// five. clang-tidy gives the checks of one run nothing in common but their
// ClangTidyContext, so the state is found by it: each check takes a
// reference when it is made (UnitState::of) and holds it, and so can a
// front end that wants the unit when the checks are done with it
// (gfp-audit's recorder, through UnitObserver). Nothing else is shared: the
// checks of another context (clangd's other files, on other threads) have a
// state of their own.
//
//===----------------------------------------------------------------------===//

#ifndef GFP_TIDY_LIB_CHECKS_UNITSTATE_H
#define GFP_TIDY_LIB_CHECKS_UNITSTATE_H

#include "Analysis/AtomicContext.h"
#include "Analysis/FunctionIndex.h"
#include "Analysis/KernelModel.h"
#include "Analysis/TreeFacts.h"
#include "clang/Basic/SourceLocation.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace clang {
class Preprocessor;
namespace tidy {
class ClangTidyContext;
} // namespace tidy
} // namespace clang

namespace clang::tidy::gfp {

/// An allocation whose context the unit alone does not decide, kept for
/// gfp-audit: a finding when the whole tree decides it (TreeFacts.h).
struct PendingFinding {
  std::string Check;
  std::string Message;
  SourceLocation Loc;
  /// Notes that hold whatever the tree says (macro expansions).
  std::vector<std::pair<std::string, SourceLocation>> Notes;
  const FunctionDecl *Function = nullptr;
  ::gfp::tree::Need Need = ::gfp::tree::Need::Atomic;
  /// Parameters of Function (a bit each) that must be set for the
  /// allocation to be reached (`if (display) buf = kmalloc(...)`).
  uint32_t Guards = 0;
};

/// A unit the checks are done with, as an observer sees it.
struct CheckedUnit {
  ASTContext &Ctx;
  ::gfp::KernelModel &Model;
  ::gfp::FunctionIndex &Index;
  /// The unit's context model, when a context check made one.
  ::gfp::ContextModel *Contexts;
  llvm::ArrayRef<PendingFinding> Pending;
};

/// Told of each unit that compiled, after every gfp check ran on it.
class UnitObserver {
public:
  virtual ~UnitObserver();
  virtual void unitChecked(const CheckedUnit &U) = 0;
};

/// The state the gfp checks of one ClangTidyContext share.
class UnitState : public std::enable_shared_from_this<UnitState> {
public:
  /// The state of \p Context's checks, made on first use; it lives while a
  /// check or an observer holds it, and a context made later at the same
  /// address gets a new one once those are gone.
  static std::shared_ptr<UnitState> of(const ClangTidyContext &Context);

  /// Hands each checked unit to \p O (not owned; null to stop). Units
  /// are kept for an observer only: pending findings are dropped without.
  void setObserver(UnitObserver *O) { Observer = O; }

  /// The preprocessor of the unit being parsed: its macros serve the
  /// model, and its sparse lock annotations (`__must_hold`) are recorded
  /// for the context model.
  void setPreprocessor(Preprocessor &PP);

  /// The unit's kernel model, made on first use. Checks configured with
  /// different `Allocators` make it again each time they ask: that drops
  /// the index and the context model handed out before (and with them the
  /// observer's facts of the unit), so keep `Allocators` global.
  ::gfp::KernelModel &model(ASTContext &Ctx,
                            const ::gfp::KernelModelOptions &Opts);
  /// The unit's function index.
  ::gfp::FunctionIndex &index(ASTContext &Ctx,
                              const ::gfp::KernelModelOptions &Opts);
  /// The unit's context model, shared by the two context checks when their
  /// options agree.
  ::gfp::ContextModel &contexts(ASTContext &Ctx,
                                const ::gfp::KernelModelOptions &Opts,
                                const ::gfp::AtomicContextOptions &CtxOpts);

  /// Keeps \p P for the observer (dropped when there is none).
  void addPending(PendingFinding P);

  /// Called by each check at its end of the unit: the first hands the unit
  /// to the observer and forgets it; the others find it gone.
  void endUnit();

private:
  ASTContext *Ctx = nullptr;
  Preprocessor *PP = nullptr;
  UnitObserver *Observer = nullptr;
  std::vector<std::string> Allocators;
  std::unique_ptr<::gfp::KernelModel> Model;
  std::unique_ptr<::gfp::FunctionIndex> Index;
  ::gfp::AtomicContextOptions ContextOpts;
  std::unique_ptr<::gfp::ContextModel> Contexts;
  std::vector<PendingFinding> Pending;
  /// Sparse annotations of the unit being parsed, and the preprocessor
  /// that records them.
  std::vector<::gfp::LockAnnotation> Annotations;
  const Preprocessor *RecordingFor = nullptr;
  friend class AnnotationRecorder;
};

} // namespace clang::tidy::gfp

#endif // GFP_TIDY_LIB_CHECKS_UNITSTATE_H
