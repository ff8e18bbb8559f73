//===-- Audit.h - The results of a gfp-audit run ----------------*- C++ -*-===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// One model of an audit, shared by every report format: the units looked at
// (analysed or not, and why), the findings with their notes and a few lines
// of source, and the inventory of the macros and wrappers that hide
// allocations. A worker writes one unit's audit as JSON; the driver and
// `gfp-audit merge` read such files back and combine them, so the JSON form
// is complete: every other report can be made from it on another machine.
//
// Paths are relative to the audit's root (the directory of the compilation
// database) when they lie under it, so that fingerprints and merged reports
// do not depend on where a tree was checked out.
//
//===----------------------------------------------------------------------===//

#ifndef GFP_TIDY_LIB_REPORT_AUDIT_H
#define GFP_TIDY_LIB_REPORT_AUDIT_H

#include "Analysis/TreeFacts.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace gfp::report {

/// A place in a source file, relative to the root (1-based; 0 when
/// unknown): the same type as the whole-tree facts' places.
using Location = tree::Place;

/// One reasoning step of a finding ("allocated here", "expanded from ...").
struct Note {
  std::string Message;
  Location Loc;
};

/// One edit of a fix-it: the text between Begin and End (same file, End
/// one past the last character replaced) becomes Text.
struct Replacement {
  Location Begin;
  Location End;
  std::string Text;
};

/// One warning of a gfp check.
struct Finding {
  std::string Check;
  std::string Message;
  Location Loc;
  std::vector<Note> Notes;
  /// Source lines around Loc, the first of them being line ExcerptStart.
  unsigned ExcerptStart = 0;
  std::vector<std::string> Excerpt;
  /// The check offers a fix-it (clang-tidy --fix applies it): its edits.
  bool HasFix = false;
  std::vector<Replacement> Fixes;
  /// Survives line shifts: see computeFingerprint().
  std::string Fingerprint;
  /// The first unit that reported it, and how many did (a finding in a
  /// header is reported once, however many units include the header).
  std::string Unit;
  unsigned Units = 1;
  /// False when a baseline holds it.
  bool New = true;

  /// The source line of Loc, when the excerpt holds it.
  llvm::StringRef lineText() const;
};

/// A finding its unit alone did not decide: it holds when the whole tree
/// decides that Function may run atomic, or must be sleepable (Need).
struct ConditionalFinding {
  Finding F;
  std::string Function;
  tree::Need Need = tree::Need::Atomic;
  /// Parameters of Function (a bit each) the allocation needs set.
  uint32_t Guards = 0;
};

/// One translation unit of the database.
struct Unit {
  std::string File;
  bool Analysed = true;
  /// Why it was not analysed: a compile error, a crash, a timeout.
  std::string Reason;
  unsigned Findings = 0;
  double Seconds = 0;
};

/// A macro or function that hides an allocation.
struct InventoryItem {
  /// "macro" or "wrapper".
  std::string Kind;
  std::string Name;
  /// Where it is defined.
  Location Loc;
  /// What it expands to or calls (`alloc_page(GFP_ATOMIC)`).
  std::string Hides;
  /// "page", "address" or "slab".
  std::string Result;
  /// "no", "yes", "unknown", or "caller's flags" for a wrapper that passes
  /// its gfp parameter on.
  std::string Sleeps;
  /// Allocations seen through it (macros), and units that use it.
  unsigned Uses = 0;
  unsigned Units = 1;
};

/// A whole audit, or the part one worker or one shard made.
struct Audit {
  /// Absolute path of the directory the paths are relative to.
  std::string Root;
  /// The checks that ran.
  std::vector<std::string> Checks;
  /// A digest of what else decides the findings (the --config-file text);
  /// `merge` refuses parts whose checks or options differ.
  std::string Options;
  /// "K/N" when this is one shard of a tree.
  std::string Shard;
  std::vector<Unit> Units;
  std::vector<Finding> Findings;
  std::vector<InventoryItem> Inventory;
  /// Compiler flags dropped from the database (clang does not know them),
  /// and how many commands held each.
  std::map<std::string, unsigned> DroppedFlags;
  /// The baseline the findings were compared with, if any.
  std::string Baseline;
  /// Whole-tree context: what the units did not decide, and their facts
  /// (kept in a worker's results and a shard's, for the solve that comes
  /// after the last unit or in `merge`).
  std::vector<ConditionalFinding> Conditional;
  std::vector<tree::UnitFacts> Facts;

  unsigned notAnalysed() const;
  /// Units a stopped run never finished (reason "interrupted").
  unsigned interrupted() const;
  unsigned newFindings() const;
};

/// A fingerprint that survives line shifts and re-indentation: a hash of
/// the check, the file, the message, the whitespace-stripped source line and
/// the column within it (after its leading whitespace).
std::string computeFingerprint(const Finding &F);

/// Combines the audits of workers or shards into one: units are appended, a
/// finding already present (same check, place and message) only counts one
/// more unit, inventory items likewise. Each add() costs a lookup per
/// finding, not a scan, so a tree of tens of thousands of units merges in
/// linear time.
class AuditMerger {
public:
  explicit AuditMerger(Audit Into = {}) : All(std::move(Into)) { index(); }
  void add(Audit &&Part);
  /// Distinct findings so far.
  size_t findings() const { return All.Findings.size(); }
  /// The combined audit (the merger is spent).
  Audit take() { return std::move(All); }

private:
  void index();
  Audit All;
  /// Where each finding and item is in All, by the fields that make two
  /// of them one.
  std::map<
      std::tuple<std::string, unsigned, unsigned, std::string, std::string>,
      size_t>
      FindingAt;
  std::map<std::tuple<std::string, std::string, std::string, unsigned>, size_t>
      ItemAt;
};

/// Fills in fingerprints and sorts units, findings and the inventory, so
/// that every report lists them in one order whatever the scheduling was.
void finalize(Audit &A);

/// \p Path made absolute against \p Base (the current directory when
/// empty), with `.` and `..` removed.
std::string absolutePath(llvm::StringRef Path, llvm::StringRef Base = {});

/// \p Path relative to \p Root when it lies under it, else unchanged.
std::string relativeTo(llvm::StringRef Path, llvm::StringRef Root);
/// \p Path relative to the first of \p Roots it lies under (a root and its
/// real path, when a symbolic link leads to the tree).
std::string relativeToAny(llvm::StringRef Path,
                          llvm::ArrayRef<std::string> Roots);

/// Makes paths relative to a tree's roots; a path under none of them is
/// tried again through its real path (a file named through a symbolic link
/// into the tree), once per path.
class PathRelativizer {
public:
  explicit PathRelativizer(std::vector<std::string> Roots)
      : Roots(std::move(Roots)) {}
  std::string operator()(llvm::StringRef Path);

private:
  std::vector<std::string> Roots;
  std::map<std::string, std::string, std::less<>> Cache;
};

/// The JSON form (`"format": "gfp-audit-results"`), streamed.
void writeJSON(const Audit &A, llvm::json::OStream &J);
/// The JSON form as a value (for tests and small audits).
llvm::json::Value toJSON(const Audit &A);
/// Reads the JSON form back; \p Origin names the input in errors.
llvm::Expected<Audit> auditFromJSON(llvm::StringRef Text,
                                    llvm::StringRef Origin);

/// A baseline: the fingerprints of accepted findings, as a multiset.
struct Baseline {
  std::map<std::string, unsigned> Count;
};
llvm::json::Value baselineToJSON(const Audit &A);
llvm::Expected<Baseline> baselineFromJSON(llvm::StringRef Text,
                                          llvm::StringRef Origin);
/// Marks each finding of \p A new or not; each baseline entry matches one
/// finding. Returns how many findings the baseline matched.
unsigned applyBaseline(Audit &A, const Baseline &B, llvm::StringRef Path);

} // namespace gfp::report

#endif // GFP_TIDY_LIB_REPORT_AUDIT_H
