//===-- Writers.h - gfp-audit's report formats ------------------*- C++ -*-===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// One writer per format over the one Audit model. Each writes to a stream;
// writeFileAtomically() puts a report in place by renaming a finished
// temporary file, so an interrupted run never leaves half a report where the
// last good one was.
//
//===----------------------------------------------------------------------===//

#ifndef GFP_TIDY_LIB_REPORT_WRITERS_H
#define GFP_TIDY_LIB_REPORT_WRITERS_H

#include "Report/Audit.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/raw_ostream.h"

namespace gfp::report {

/// What a report says about a check (from lib/Checks/Checks.def).
struct RuleInfo {
  std::string Id;
  std::string Summary;
  /// Where its documentation page is.
  std::string HelpUri;
  /// A friendly name, distinct from the id (`UncheckedAtomicPage`).
  std::string Name;
};

/// What the writers need besides the audit.
struct ReportContext {
  std::vector<RuleInfo> Rules;
  std::string ToolVersion;
  /// Only new findings in the text and Markdown reports (a baseline gate).
  bool OnlyNew = false;
};

/// Compiler-style lines: `file:line:col: warning: message [check]`, the
/// source line and a caret, the notes, then the units not analysed.
void writeText(const Audit &A, const ReportContext &C, llvm::raw_ostream &OS,
               bool Color);
/// SARIF 2.1.0, streamed: one result at a time is held in memory.
void writeSarif(const Audit &A, const ReportContext &C, llvm::raw_ostream &OS);
/// The JSON form, which `gfp-audit merge` reads back.
void writeJson(const Audit &A, llvm::raw_ostream &OS);
/// One self-contained HTML page.
void writeHtml(const Audit &A, const ReportContext &C, llvm::raw_ostream &OS);
/// A summary for a pull request.
void writeMarkdown(const Audit &A, const ReportContext &C,
                   llvm::raw_ostream &OS);
/// A baseline file.
void writeBaseline(const Audit &A, llvm::raw_ostream &OS);

/// \p Path as a URI reference: RFC 3986's unreserved characters and `/`
/// stay, every other byte is percent-encoded.
std::string uriEncode(llvm::StringRef Path);

/// Writes \p Path through a temporary file in its directory and a rename.
llvm::Error
writeFileAtomically(llvm::StringRef Path,
                    llvm::function_ref<void(llvm::raw_ostream &)> Write);

/// Where a report asked for at a path goes.
struct OutputTarget {
  enum Kind : uint8_t {
    /// A regular file (or none yet): a temporary file renamed over it.
    File,
    /// gfp-audit's own standard output (`-`, /dev/stdout, /dev/fd/1).
    Stdout,
    /// A device, FIFO or socket, or a path under /dev or /proc: opened and
    /// written in place; there is no last report to keep.
    Stream,
  };
  Kind K = File;
  /// For File, the path after following symbolic links (a link is written
  /// through, never replaced); for Stream, the path as given.
  std::string Path;
};

/// Resolves \p Path (symbolic links followed, at most 40) to where a report
/// is written.
llvm::Expected<OutputTarget> resolveOutput(llvm::StringRef Path);

/// Writes a report to \p Path as resolveOutput() says. Errors of writing or
/// closing (ENOSPC, EIO) are returned, naming \p Path.
llvm::Error writeOutput(llvm::StringRef Path,
                        llvm::function_ref<void(llvm::raw_ostream &)> Write);

/// Where a report of an incomplete run goes instead of \p Path, beside it:
/// `report.html` -> `report.partial.html`, `gfp.sarif` -> `gfp.partial.sarif`.
std::string partialPath(llvm::StringRef Path);

} // namespace gfp::report

#endif // GFP_TIDY_LIB_REPORT_WRITERS_H
