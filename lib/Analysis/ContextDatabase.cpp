//===-- ContextDatabase.cpp - The whole tree's contexts, on disk ----------===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Analysis/ContextDatabase.h"

#include "llvm/ADT/ScopeExit.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"

#include <sqlite3.h>

namespace gfp::tree {

namespace {

/// A prepared statement, finalized on scope exit.
class Statement {
public:
  Statement(sqlite3 *DB, const char *SQL) {
    if (sqlite3_prepare_v2(DB, SQL, -1, &S, nullptr) != SQLITE_OK)
      S = nullptr;
  }
  ~Statement() { sqlite3_finalize(S); }
  Statement(const Statement &) = delete;
  Statement &operator=(const Statement &) = delete;
  explicit operator bool() const { return S != nullptr; }
  void bind(int I, llvm::StringRef Text) {
    sqlite3_bind_text(S, I, Text.data(), static_cast<int>(Text.size()),
                      SQLITE_TRANSIENT);
  }
  void bind(int I, int64_t V) { sqlite3_bind_int64(S, I, V); }
  int step() { return sqlite3_step(S); }
  void reset() {
    sqlite3_reset(S);
    sqlite3_clear_bindings(S);
  }
  std::string text(int Col) const {
    const unsigned char *T = sqlite3_column_text(S, Col);
    return T ? std::string(reinterpret_cast<const char *>(T),
                           static_cast<size_t>(sqlite3_column_bytes(S, Col)))
             : std::string();
  }
  int64_t integer(int Col) const { return sqlite3_column_int64(S, Col); }

private:
  sqlite3_stmt *S = nullptr;
};

const char *const Schema = R"sql(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS units(file TEXT PRIMARY KEY, command TEXT NOT NULL,
  inputs TEXT NOT NULL, results TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS contexts(key TEXT PRIMARY KEY,
  atomic INTEGER NOT NULL, sleepable INTEGER NOT NULL,
  atomic_witness TEXT, sleepable_witness TEXT);
)sql";

} // namespace

std::string witnessToJSON(const std::vector<Step> &W) {
  llvm::json::Array A;
  for (const Step &S : W)
    A.push_back(llvm::json::Array{stepKindName(S.K), S.Function, S.What,
                                  S.At.File, S.At.Line, S.At.Column});
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << llvm::json::Value(std::move(A));
  return Out;
}

std::vector<Step> witnessFromJSON(llvm::StringRef Text) {
  std::vector<Step> W;
  llvm::Expected<llvm::json::Value> V = llvm::json::parse(Text);
  if (!V) {
    llvm::consumeError(V.takeError());
    return W;
  }
  const llvm::json::Array *A = V->getAsArray();
  if (!A)
    return W;
  for (const llvm::json::Value &E : *A) {
    // A step this version cannot read (a database written by another
    // version) voids the whole witness: no proof rather than half of one.
    const llvm::json::Array *S = E.getAsArray();
    Step St;
    if (!S || S->size() != 6 ||
        !stepKindFromName((*S)[0].getAsString().value_or(""), St.K))
      return {};
    St.Function = (*S)[1].getAsString().value_or("").str();
    St.What = (*S)[2].getAsString().value_or("").str();
    St.At.File = (*S)[3].getAsString().value_or("").str();
    St.At.Line = static_cast<unsigned>((*S)[4].getAsInteger().value_or(0));
    St.At.Column = static_cast<unsigned>((*S)[5].getAsInteger().value_or(0));
    W.push_back(std::move(St));
  }
  return W;
}

ContextDatabase::~ContextDatabase() { sqlite3_close(DB); }

llvm::Error ContextDatabase::error(llvm::StringRef What) const {
  return llvm::createStringError(
      llvm::formatv("context database '{0}': {1}: {2}", Path, What,
                    DB ? sqlite3_errmsg(DB) : "cannot open")
          .str());
}

llvm::Error ContextDatabase::exec(const char *SQL) {
  char *Message = nullptr;
  if (sqlite3_exec(DB, SQL, nullptr, nullptr, &Message) == SQLITE_OK)
    return llvm::Error::success();
  std::string Text = Message ? Message : "unknown error";
  sqlite3_free(Message);
  return llvm::createStringError(
      llvm::formatv("context database '{0}': {1}", Path, Text).str());
}

llvm::Expected<std::unique_ptr<ContextDatabase>>
ContextDatabase::open(llvm::StringRef PathIn, bool Write) {
  std::string Path = PathIn.str();
  if (!Write && !llvm::sys::fs::exists(Path))
    return llvm::createStringError(
        llvm::formatv("context database '{0}' does not exist", Path).str());
  sqlite3 *Raw = nullptr;
  int Flags =
      Write ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY;
  // Serialized: clangd checks units on several threads at once.
  int RC = sqlite3_open_v2(Path.c_str(), &Raw, Flags | SQLITE_OPEN_FULLMUTEX,
                           nullptr);
  std::unique_ptr<ContextDatabase> DB(new ContextDatabase(Raw, Path));
  if (RC != SQLITE_OK)
    return DB->error("cannot open");
  sqlite3_busy_timeout(Raw, 10000);
  // Not a database, or another program's: say so before anything else.
  Statement Version(Raw, "PRAGMA user_version");
  if (!Version || Version.step() != SQLITE_ROW)
    return DB->error("not an SQLite database");
  int64_t Found = Version.integer(0);
  if (Write) {
    Statement Tables(Raw, "SELECT count(*) FROM sqlite_master");
    int64_t N = Tables && Tables.step() == SQLITE_ROW ? Tables.integer(0) : 0;
    if (N != 0 && Found != SchemaVersion)
      return llvm::createStringError(
          llvm::formatv("'{0}' is not a gfp-audit context database of "
                        "schema {1} (it has schema {2}); remove it or give "
                        "another path",
                        Path, SchemaVersion, Found)
              .str());
    // A new file gets the schema; an existing one is not written until
    // replace(), so that a run that stops first leaves it byte for byte.
    if (N == 0) {
      if (llvm::Error E = DB->exec(Schema))
        return std::move(E);
      if (llvm::Error E = DB->exec(
              ("PRAGMA user_version = " + std::to_string(SchemaVersion))
                  .c_str()))
        return std::move(E);
    }
  } else if (Found != SchemaVersion) {
    return llvm::createStringError(
        llvm::formatv("context database '{0}' has schema {1}, this build "
                      "reads schema {2}; run gfp-audit --context-db again",
                      Path, Found, SchemaVersion)
            .str());
  }
  return DB;
}

std::string ContextDatabase::meta(llvm::StringRef Key) const {
  Statement S(DB, "SELECT value FROM meta WHERE key = ?1");
  if (!S)
    return {};
  S.bind(1, Key);
  return S.step() == SQLITE_ROW ? S.text(0) : std::string();
}

std::optional<std::vector<Step>> ContextDatabase::lookup(llvm::StringRef Key,
                                                         Need N) const {
  Statement S(DB, N == Need::Atomic
                      ? "SELECT atomic_witness FROM contexts WHERE key = ?1 "
                        "AND atomic = 1"
                      : "SELECT sleepable_witness FROM contexts WHERE key = "
                        "?1 AND sleepable = 1");
  if (!S)
    return std::nullopt;
  S.bind(1, Key);
  if (S.step() != SQLITE_ROW)
    return std::nullopt;
  std::vector<Step> W = witnessFromJSON(S.text(0));
  if (W.empty())
    return std::nullopt;
  return W;
}

llvm::Expected<std::vector<StoredUnit>> ContextDatabase::units() const {
  std::vector<StoredUnit> Out;
  Statement S(DB, "SELECT file, command, inputs, results FROM units");
  if (!S)
    return error("cannot read units");
  int RC;
  while ((RC = S.step()) == SQLITE_ROW)
    Out.push_back({S.text(0), S.text(1), S.text(2), S.text(3)});
  if (RC != SQLITE_DONE)
    return error("cannot read units");
  return Out;
}

llvm::Error
ContextDatabase::replace(const std::map<std::string, std::string> &Meta,
                         const std::vector<StoredUnit> &Units,
                         const ContextSolver &Solved) {
  if (llvm::Error E = exec("BEGIN IMMEDIATE"))
    return E;
  bool Committed = false;
  llvm::scope_exit Rollback([&] {
    if (!Committed)
      sqlite3_exec(DB, "ROLLBACK", nullptr, nullptr, nullptr);
  });
  if (llvm::Error E =
          exec("DELETE FROM meta; DELETE FROM units; DELETE FROM contexts;"))
    return E;
  {
    Statement S(DB, "INSERT INTO meta(key, value) VALUES(?1, ?2)");
    if (!S)
      return error("cannot write");
    for (const auto &[K, V] : Meta) {
      S.bind(1, K);
      S.bind(2, V);
      if (S.step() != SQLITE_DONE)
        return error("cannot write meta");
      S.reset();
    }
  }
  {
    Statement S(DB, "INSERT OR REPLACE INTO units(file, command, inputs, "
                    "results) VALUES(?1, ?2, ?3, ?4)");
    if (!S)
      return error("cannot write");
    for (const StoredUnit &U : Units) {
      S.bind(1, U.File);
      S.bind(2, U.Command);
      S.bind(3, U.Inputs);
      S.bind(4, U.Results);
      if (S.step() != SQLITE_DONE)
        return error("cannot write units");
      S.reset();
    }
  }
  {
    Statement S(DB, "INSERT OR REPLACE INTO contexts(key, atomic, sleepable, "
                    "atomic_witness, sleepable_witness) VALUES(?1, ?2, ?3, "
                    "?4, ?5)");
    if (!S)
      return error("cannot write");
    bool Failed = false;
    Solved.forEachDecided(
        [&](llvm::StringRef Key, bool Atomic, bool Sleepable) {
          if (Failed)
            return;
          S.bind(1, Key);
          S.bind(2, static_cast<int64_t>(Atomic));
          S.bind(3, static_cast<int64_t>(Sleepable));
          if (Atomic)
            S.bind(4, witnessToJSON(Solved.witness(Key, Need::Atomic)));
          if (Sleepable)
            S.bind(5, witnessToJSON(Solved.witness(Key, Need::Sleepable)));
          Failed = S.step() != SQLITE_DONE;
          S.reset();
        });
    if (Failed)
      return error("cannot write contexts");
  }
  if (llvm::Error E = exec("COMMIT"))
    return E;
  Committed = true;
  return llvm::Error::success();
}

} // namespace gfp::tree
