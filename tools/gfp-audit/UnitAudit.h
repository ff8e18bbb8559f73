//===-- UnitAudit.h - One unit's audit, from the checks' diagnostics -*- C++
//-*-===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// What gfp-audit keeps of one translation unit: findings with excerpts and
// fixes, conditional findings, whole-tree facts, the inventory of hiding
// macros and wrappers, and the files the unit read. gfp-audit's workers
// and the compiler plugin (GfpClang.so, when asked to write them beside
// the object file) both build it here, so the two cannot disagree.
//
//===----------------------------------------------------------------------===//

#ifndef GFP_TIDY_TOOLS_GFP_AUDIT_UNITAUDIT_H
#define GFP_TIDY_TOOLS_GFP_AUDIT_UNITAUDIT_H

#include "Report/Audit.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/JSON.h"

#include <memory>
#include <string>
#include <vector>

namespace clang::tidy {
class ClangTidyContext;
struct ClangTidyError;
} // namespace clang::tidy

namespace gfp::audit {

/// Records one unit while the checks of a ClangTidyContext run over it:
/// make it before the parse (it observes the checks' end of unit), call
/// finish() after.
class UnitRecorder {
public:
  struct Setup {
    /// The tree's root, and every spelling of it (real paths too).
    std::string Root;
    std::vector<std::string> Roots;
    /// The compile command's directory, which relative names start from.
    std::string Directory;
    /// The unit is module code (-DMODULE).
    bool InModule = false;
  };
  UnitRecorder(const Setup &S, const clang::tidy::ClangTidyContext &Context);
  ~UnitRecorder();
  UnitRecorder(const UnitRecorder &) = delete;
  UnitRecorder &operator=(const UnitRecorder &) = delete;

  /// The audit of \p File from the checks' diagnostics (and the compile
  /// errors among them, which make the unit "not analysed").
  report::Audit finish(const std::vector<clang::tidy::ClangTidyError> &Errors,
                       llvm::StringRef File);

  /// Every file the unit read, as [path, size, mtime, xxh3], for the
  /// context database; empty when the unit did not compile.
  llvm::json::Array takeInputs();

private:
  struct Impl;
  std::unique_ptr<Impl> S;
};

} // namespace gfp::audit

#endif // GFP_TIDY_TOOLS_GFP_AUDIT_UNITAUDIT_H
