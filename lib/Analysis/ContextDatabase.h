//===-- ContextDatabase.h - The whole tree's contexts, on disk --*- C++ -*-===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// `gfp-audit --context-db FILE` keeps, in one SQLite file:
//
// - meta: the tree's root, the schema version, what the run covered;
// - units: for each unit analysed, a digest of its compile command, the
//   files it read (path, size, mtime, content hash), and its results (local
//   findings, conditional findings, facts) as gfp-audit's JSON. A later run
//   re-parses only the units whose command or files changed;
// - contexts: each function whose context the solver decided, with the
//   witness. The clang-tidy plugin and gfp-clangd read it through the
//   `ContextDatabase` option.
//
// The driver replaces the contents in one transaction: a run that is
// interrupted, or killed, leaves the previous database as it was.
//
//===----------------------------------------------------------------------===//

#ifndef GFP_TIDY_LIB_ANALYSIS_CONTEXTDATABASE_H
#define GFP_TIDY_LIB_ANALYSIS_CONTEXTDATABASE_H

#include "Analysis/ContextSolver.h"
#include "Analysis/TreeFacts.h"
#include "llvm/Support/Error.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;

namespace gfp::tree {

/// What the database stores of one unit.
struct StoredUnit {
  /// Relative to the root.
  std::string File;
  /// A digest of the command, the checks and their options.
  std::string Command;
  /// JSON: [[path, size, mtime, hash], ...] of every file the unit read.
  std::string Inputs;
  /// The unit's results, as gfp-audit's JSON.
  std::string Results;
};

class ContextDatabase {
public:
  /// The schema this build writes and reads.
  static constexpr int SchemaVersion = 1;

  ~ContextDatabase();
  /// Opens \p Path: read-only (it must exist and hold this schema), or for
  /// writing (created when missing).
  static llvm::Expected<std::unique_ptr<ContextDatabase>>
  open(llvm::StringRef Path, bool Write);

  /// A value of the meta table, or "".
  std::string meta(llvm::StringRef Key) const;
  /// The witness when \p Key is decided as \p N, else none.
  std::optional<std::vector<Step>> lookup(llvm::StringRef Key, Need N) const;
  /// Every stored unit.
  llvm::Expected<std::vector<StoredUnit>> units() const;

  /// Replaces the whole contents in one transaction: \p Meta, \p Units
  /// and the contexts \p Solved decided.
  llvm::Error replace(const std::map<std::string, std::string> &Meta,
                      const std::vector<StoredUnit> &Units,
                      const ContextSolver &Solved);

private:
  explicit ContextDatabase(sqlite3 *DB, std::string Path)
      : DB(DB), Path(std::move(Path)) {}
  llvm::Error exec(const char *SQL);
  llvm::Error error(llvm::StringRef What) const;
  sqlite3 *DB;
  std::string Path;
};

/// The JSON text of a witness, as the contexts table stores it.
std::string witnessToJSON(const std::vector<Step> &W);
std::vector<Step> witnessFromJSON(llvm::StringRef Text);

} // namespace gfp::tree

#endif // GFP_TIDY_LIB_ANALYSIS_CONTEXTDATABASE_H
