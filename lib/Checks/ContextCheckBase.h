//===-- ContextCheckBase.h - The two atomic-context checks ------*- C++ -*-===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// What gfp-atomic-in-sleepable-context and gfp-sleeping-alloc-in-atomic-context
// share: the context analysis's options, running it over the unit, and
// buffering its findings until the end of the unit.
//
//===----------------------------------------------------------------------===//

#ifndef GFP_TIDY_LIB_CHECKS_CONTEXTCHECKBASE_H
#define GFP_TIDY_LIB_CHECKS_CONTEXTCHECKBASE_H

#include "Analysis/AtomicContext.h"
#include "Checks/GfpCheckBase.h"

#include <memory>
#include <vector>

namespace clang::tidy::gfp {

/// The words of one note of a whole-tree context proof, as the checks emit
/// it (for gfp-audit's reports of findings it resolves itself).
std::string treeStepText(const ::gfp::tree::Step &S);

/// The base of the two atomic-context checks.
class ContextCheckBase : public GfpCheckBase,
                         protected ::gfp::AtomicContextHandler {
public:
  ContextCheckBase(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;

protected:
  /// One finding, kept until the end of the unit.
  struct Finding {
    ::gfp::AllocationSite Alloc;
    std::vector<::gfp::Evidence> Why;
    /// The proof the context database holds, when the unit alone does not
    /// decide the context.
    std::vector<::gfp::tree::Step> TreeWhy;
  };

  /// Emits one finding.
  virtual void emit(const Finding &F) = 0;
  /// The message of a finding about \p A: the words emit() uses.
  virtual std::string message(const ::gfp::AllocationSite &A) const = 0;
  /// Records a finding of the analysis.
  void record(const ::gfp::AllocationSite &A,
              llvm::ArrayRef<::gfp::Evidence> Why);
  /// Records an allocation of \p FD that is a finding when the tree
  /// decides \p N for \p FD: from the context database now, or later
  /// by gfp-audit.
  void recordUndecided(const ::gfp::AllocationSite &A, const FunctionDecl &FD,
                       ::gfp::tree::Need N);
  /// Emits the notes of \p Why; \p Atomic selects the wording.
  void emitEvidence(llvm::ArrayRef<::gfp::Evidence> Why, bool Atomic);
  /// Emits the notes of a proof from the context database.
  void emitTreeEvidence(llvm::ArrayRef<::gfp::tree::Step> Why);

  ::gfp::AtomicContextOptions Opts;
  /// The `ContextDatabase` option (global or the check's own).
  std::string ContextDatabasePath;

  void emitFindings() override;

private:
  void checkUnit(ASTContext &AC) override;
  std::vector<Finding> Found;
};

} // namespace clang::tidy::gfp

#endif // GFP_TIDY_LIB_CHECKS_CONTEXTCHECKBASE_H
