//===-- GfpAuditMain.cpp - gfp-audit's driver -----------------------------===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Reads the compilation database, picks the units (path filters, shard),
// drops the flags clang does not know, runs one worker process per unit,
// combines what the workers wrote, compares it with a baseline and writes
// the reports. `merge` combines the JSON results of several shards.
//
// Errors in what the user gave (options, database, configuration,
// baseline) are one line and exit code 2, before any unit runs; a unit that
// cannot be analysed is recorded in the reports and never stops the run.
//
//===----------------------------------------------------------------------===//

#include "GfpAuditMain.h"

#include "CompileFlags.h"
#include "Report/Audit.h"
#include "Report/Writers.h"
#include "Scheduler.h"
#include "Worker.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang-tidy/GlobList.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/WithColor.h"

#include <chrono>
#include <csignal>
#include <set>

namespace clang::tidy {
// Links the gfp module in (see GfpTidyModule.cpp).
// NOLINTNEXTLINE(readability-identifier-naming)
extern volatile int GfpTidyModuleAnchorSource;
// NOLINTNEXTLINE(readability-identifier-naming)
[[maybe_unused]] static int GfpTidyModuleAnchorDestination =
    GfpTidyModuleAnchorSource;
} // namespace clang::tidy

namespace cl = llvm::cl;
using llvm::StringRef;

namespace gfp::audit {

namespace {

// LLVM's command-line options are static objects by design. Their
// constructors allocate; running out of memory before main() ends the
// program whether or not it throws.
// NOLINTBEGIN(bugprone-throwing-static-initialization)
cl::OptionCategory Category("gfp-audit options");

const char Overview[] = R"(runs the gfp checks over the translation units of a
compilation database, each in a worker process, and writes one report.

USAGE: gfp-audit -p BUILD_DIR [options] [paths...]
       gfp-audit merge [report options] RESULTS.json...

  paths...  only the units under these files or directories.
  merge     combines the --json results of several runs (shards) into
            one set of reports, as if one run had made them.

EXIT CODES:
  0  every unit analysed, no new finding
  1  new findings (not in --baseline; without a baseline, any finding)
  2  bad usage or input: nothing was analysed (or a report could not be
     written)
  3  no new finding, but some units could not be analysed (compile error,
     worker crash, timeout); the reports say which and why
)";

cl::opt<std::string>
    BuildPath("p",
              cl::desc(R"(Build directory holding compile_commands.json (or the
file itself). A database from a gcc build works: flags
clang does not know are dropped.)"),
              cl::value_desc("dir"), cl::cat(Category));
cl::list<std::string> Inputs(cl::Positional, cl::desc("[paths...]"),
                             cl::cat(Category));
cl::opt<std::string>
    ChecksOpt("checks",
              cl::desc(R"(Comma-separated globs of the gfp checks to run.)"),
              cl::init("gfp-*"), cl::cat(Category));
cl::opt<std::string>
    ConfigFile("config-file",
               cl::desc(R"(A .clang-tidy file whose CheckOptions apply to every
unit. Without it, each unit's nearest .clang-tidy is read
(its Checks are replaced by --checks).)"),
               cl::value_desc("file"), cl::cat(Category));
cl::opt<unsigned> Jobs("j", cl::desc("Parallel workers (default: all cores)."),
                       cl::init(0), cl::cat(Category));
cl::opt<unsigned>
    Timeout("timeout",
            cl::desc(R"(Seconds a unit may take before its worker is killed
and the unit recorded as not analysed (0: no limit).)"),
            cl::init(300), cl::cat(Category));
cl::opt<std::string> SarifOut("sarif", cl::desc("Write a SARIF 2.1.0 report."),
                              cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string>
    JsonOut("json",
            cl::desc(R"(Write the results as JSON (what 'merge' reads).)"),
            cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string> HtmlOut("html",
                             cl::desc("Write a self-contained HTML report."),
                             cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string>
    MarkdownOut("markdown",
                cl::desc(R"(Write a Markdown summary (for a pull request).)"),
                cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string>
    BaselineIn("baseline",
               cl::desc(R"(Report and fail only on findings not in this baseline
(matched by fingerprints that survive line shifts).)"),
               cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string>
    BaselineOut("write-baseline",
                cl::desc("Write every finding of this run as a baseline."),
                cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string>
    ShardOpt("shard",
             cl::desc(R"(Analyse only part K of N of the units (a deterministic
split); combine the parts' --json with 'merge'.)"),
             cl::value_desc("K/N"), cl::cat(Category));
cl::opt<bool>
    ListChecks("list-checks",
               cl::desc("List the checks --checks enables, and exit."),
               cl::cat(Category));
cl::opt<bool> Quiet("quiet", cl::desc("No progress and no summary on stderr."),
                    cl::cat(Category));
cl::opt<std::string>
    DocsUrl("docs-url",
            cl::desc(R"(Where the checks' pages are, for the links in the
reports.)"),
            cl::init(GFP_TIDY_DOCS_URL), cl::cat(Category));
// Test hooks: make the worker of a unit whose path contains the text crash
// or hang.
cl::opt<std::string> TestCrashOn("test-crash-on", cl::Hidden,
                                 cl::cat(Category));
cl::opt<std::string> TestHangOn("test-hang-on", cl::Hidden, cl::cat(Category));
// NOLINTEND(bugprone-throwing-static-initialization)

volatile std::sig_atomic_t StopRequested = 0;
extern "C" void onInterrupt(int) { StopRequested = 1; }

int fail(const llvm::Twine &Message) {
  llvm::WithColor::error(llvm::errs(), "gfp-audit") << Message << "\n";
  return ExitBadInput;
}

std::string errorText(llvm::Error E) { return llvm::toString(std::move(E)); }

std::vector<report::RuleInfo> rules() {
  std::string Base = DocsUrl;
  if (!Base.empty() && Base.back() != '/')
    Base += '/';
  std::vector<report::RuleInfo> Out;
// NOLINTBEGIN(bugprone-macro-parentheses): Name is a string literal.
#define CHECK(Class, Name, Summary)                                            \
  Out.push_back({Name, Summary, Base + Name + ".md"});
#include "Checks/Checks.def"
  // NOLINTEND(bugprone-macro-parentheses)
  return Out;
}

std::vector<std::string> registeredChecks() {
  clang::tidy::ClangTidyCheckFactories Factories;
  for (const auto &Entry : clang::tidy::ClangTidyModuleRegistry::entries())
    Entry.instantiate()->addCheckFactories(Factories);
  std::vector<std::string> Names;
  for (const auto &F : Factories)
    Names.push_back(F.getKey().str());
  llvm::sort(Names);
  return Names;
}

/// The checks \p Globs enables, or an error naming a glob that matches
/// none.
llvm::Expected<std::vector<std::string>> resolveChecks(StringRef Globs) {
  std::vector<std::string> All = registeredChecks();
  llvm::SmallVector<StringRef, 8> Parts;
  Globs.split(Parts, ',', -1, false);
  for (StringRef Part : Parts) {
    Part = Part.trim();
    if (Part.empty() || Part.starts_with("-"))
      continue;
    clang::tidy::GlobList One(Part);
    if (llvm::any_of(All,
                     [&](const std::string &N) { return One.contains(N); }))
      continue;
    std::string Best;
    unsigned BestDistance = 6;
    for (const std::string &N : All) {
      unsigned D = Part.edit_distance(N);
      if (D < BestDistance) {
        BestDistance = D;
        Best = N;
      }
    }
    std::string Msg = ("unknown check '" + Part + "'").str();
    if (!Best.empty())
      Msg += "; did you mean '" + Best + "'?";
    else
      Msg += " (gfp-audit --list-checks names them)";
    return llvm::createStringError(Msg);
  }
  clang::tidy::GlobList Enabled(Globs);
  std::vector<std::string> Out;
  for (const std::string &N : All)
    if (Enabled.contains(N))
      Out.push_back(N);
  if (Out.empty())
    return llvm::createStringError(
        ("--checks='" + Globs + "' enables no check").str());
  return Out;
}

llvm::Expected<std::string> readFile(StringRef Path, StringRef What) {
  auto Buf = llvm::MemoryBuffer::getFile(Path);
  if (!Buf)
    return llvm::createStringError(llvm::formatv("cannot read {0} '{1}': {2}",
                                                 What, Path,
                                                 Buf.getError().message())
                                       .str());
  return (*Buf)->getBuffer().str();
}

/// The last non-empty line a worker printed, for a reason.
std::string lastLine(StringRef LogPath) {
  auto Buf = llvm::MemoryBuffer::getFile(LogPath);
  if (!Buf)
    return {};
  llvm::SmallVector<StringRef, 32> Lines;
  (*Buf)->getBuffer().split(Lines, '\n', -1, false);
  for (auto It = Lines.rbegin(); It != Lines.rend(); ++It) {
    StringRef L = It->trim();
    if (!L.empty() && !L.starts_with("#") && !L.starts_with("Stack dump") &&
        !L.starts_with("PLEASE"))
      return L.take_front(200).str();
  }
  return {};
}

struct Shard {
  unsigned K = 1, N = 1;
};

llvm::Expected<Shard> parseShard(StringRef Text) {
  Shard S;
  auto [KText, NText] = Text.split('/');
  if (KText.trim().getAsInteger(10, S.K) ||
      NText.trim().getAsInteger(10, S.N) || S.N == 0 || S.K == 0 || S.K > S.N)
    return llvm::createStringError(
        ("bad --shard '" + Text + "': expected K/N with 1 <= K <= N").str());
  return S;
}

/// The --baseline file, read and checked before any work.
std::optional<report::Baseline> LoadedBaseline;

int loadBaseline() {
  if (BaselineIn.empty())
    return ExitClean;
  llvm::Expected<std::string> Text = readFile(BaselineIn, "baseline");
  if (!Text)
    return fail(errorText(Text.takeError()));
  llvm::Expected<report::Baseline> B =
      report::baselineFromJSON(*Text, BaselineIn);
  if (!B)
    return fail(errorText(B.takeError()));
  LoadedBaseline = std::move(*B);
  return ExitClean;
}

/// Writes every report the options ask for; returns false if one failed.
bool writeReports(report::Audit &A, const report::ReportContext &C) {
  bool Ok = true;
  auto Write = [&](const std::string &Path,
                   llvm::function_ref<void(llvm::raw_ostream &)> W) {
    if (Path.empty())
      return;
    if (llvm::Error E = report::writeFileAtomically(Path, W)) {
      fail(errorText(std::move(E)));
      Ok = false;
    }
  };
  Write(SarifOut, [&](llvm::raw_ostream &OS) { report::writeSarif(A, C, OS); });
  Write(JsonOut, [&](llvm::raw_ostream &OS) { report::writeJson(A, OS); });
  Write(HtmlOut, [&](llvm::raw_ostream &OS) { report::writeHtml(A, C, OS); });
  Write(MarkdownOut,
        [&](llvm::raw_ostream &OS) { report::writeMarkdown(A, C, OS); });
  Write(BaselineOut,
        [&](llvm::raw_ostream &OS) { report::writeBaseline(A, OS); });
  return Ok;
}

/// Checks before any work that each report can be created where asked.
int checkOutputs() {
  for (const std::string *Path :
       {&SarifOut.getValue(), &JsonOut.getValue(), &HtmlOut.getValue(),
        &MarkdownOut.getValue(), &BaselineOut.getValue()}) {
    if (Path->empty())
      continue;
    std::string Abs = report::absolutePath(*Path);
    StringRef Dir = llvm::sys::path::parent_path(Abs);
    if (!llvm::sys::fs::is_directory(Dir))
      return fail("cannot write '" + *Path + "': no directory '" + Dir + "'");
    if (llvm::sys::fs::is_directory(*Path))
      return fail("cannot write '" + *Path + "': it is a directory");
  }
  return ExitClean;
}

/// Applies the baseline, writes the reports and the text, and returns the
/// exit code.
int finish(report::Audit &A, double Seconds) {
  report::finalize(A);
  report::ReportContext C;
  C.Rules = rules();
  C.ToolVersion = GFP_TIDY_VERSION;
  unsigned Matched = 0;
  if (LoadedBaseline) {
    Matched = report::applyBaseline(A, *LoadedBaseline, BaselineIn);
    C.OnlyNew = true;
  }
  report::writeText(A, C, llvm::outs(), llvm::outs().has_colors());
  llvm::outs().flush();
  bool Written = writeReports(A, C);
  unsigned Lost = A.notAnalysed();
  if (!Quiet) {
    std::string Summary =
        llvm::formatv("gfp-audit: {0} unit{1} analysed", A.Units.size() - Lost,
                      A.Units.size() - Lost == 1 ? "" : "s")
            .str();
    if (Lost)
      Summary += llvm::formatv(", {0} not analysed", Lost).str();
    Summary += llvm::formatv("; {0} finding{1}", A.Findings.size(),
                             A.Findings.size() == 1 ? "" : "s")
                   .str();
    if (!BaselineIn.empty())
      Summary += llvm::formatv(" ({0} new, {1} in the baseline)",
                               A.newFindings(), Matched)
                     .str();
    if (Seconds > 0)
      Summary += llvm::formatv(" in {0:f1} s", Seconds).str();
    llvm::errs() << Summary << "\n";
  }
  if (!Written)
    return ExitBadInput;
  if (A.newFindings())
    return ExitNewFindings;
  if (Lost)
    return ExitNotAnalysed;
  return ExitClean;
}

int mergeMain() {
  if (Inputs.empty())
    return fail("merge needs the --json results of one or more runs");
  if (int E = checkOutputs())
    return E;
  if (int E = loadBaseline())
    return E;
  std::vector<report::Audit> Parts;
  for (const std::string &In : Inputs) {
    llvm::Expected<std::string> Text = readFile(In, "results file");
    if (!Text)
      return fail(errorText(Text.takeError()));
    llvm::Expected<report::Audit> Part = report::auditFromJSON(*Text, In);
    if (!Part)
      return fail(errorText(Part.takeError()));
    Parts.push_back(std::move(*Part));
  }
  report::AuditMerger All;
  std::set<std::string> Seen;
  for (report::Audit &Part : Parts) {
    if (Part.Root != Parts.front().Root && !Quiet)
      llvm::WithColor::warning(llvm::errs(), "gfp-audit")
          << "merging results made in '" << Part.Root
          << "' with results made in '" << Parts.front().Root << "'\n";
    // A unit in two inputs (overlapping shards) counts once.
    llvm::erase_if(Part.Units, [&](const report::Unit &U) {
      return !Seen.insert(U.File).second;
    });
    for (report::Finding &F : Part.Findings)
      F.New = true;
    Part.Shard.clear();
    Part.Baseline.clear();
    All.add(std::move(Part));
  }
  report::Audit Merged = All.take();
  return finish(Merged, 0);
}

struct PlannedUnit {
  std::string File; // absolute
  std::string Rel;  // relative to the root
  clang::tooling::CompileCommand Cmd;
};

int auditMain(const char *Argv0) {
  auto Start = std::chrono::steady_clock::now();
  if (BuildPath.empty())
    return fail("no compilation database: give -p BUILD_DIR (the directory "
                "of compile_commands.json)");
  llvm::SmallString<256> DBPath(report::absolutePath(BuildPath));
  if (llvm::sys::fs::is_directory(DBPath))
    llvm::sys::path::append(DBPath, "compile_commands.json");
  if (!llvm::sys::fs::exists(DBPath))
    return fail("no compilation database at '" + DBPath +
                "' (a kernel writes one with 'make compile_commands.json')");
  llvm::Expected<std::string> DBText = readFile(DBPath, "compilation database");
  if (!DBText)
    return fail(errorText(DBText.takeError()));
  std::string DBError;
  std::unique_ptr<clang::tooling::JSONCompilationDatabase> DB =
      clang::tooling::JSONCompilationDatabase::loadFromBuffer(
          *DBText, DBError, clang::tooling::JSONCommandLineSyntax::AutoDetect);
  if (!DB)
    return fail("malformed compilation database '" + DBPath +
                "': " + StringRef(DBError).split('\n').first);
  llvm::Expected<std::vector<std::string>> Checks = resolveChecks(ChecksOpt);
  if (!Checks)
    return fail(errorText(Checks.takeError()));
  std::string Config;
  if (!ConfigFile.empty()) {
    Config = report::absolutePath(ConfigFile);
    llvm::Expected<std::string> Text = readFile(Config, "config file");
    if (!Text)
      return fail(errorText(Text.takeError()));
    std::string Problem;
    llvm::ErrorOr<clang::tidy::ClangTidyOptions> Parsed =
        clang::tidy::parseConfigurationWithDiags(
            llvm::MemoryBufferRef(*Text, Config),
            [&](const llvm::SMDiagnostic &D) {
              if (Problem.empty())
                Problem = llvm::formatv("line {0}: {1}", D.getLineNo(),
                                        D.getMessage())
                              .str();
            });
    if (!Parsed)
      return fail("cannot parse config file '" + ConfigFile + "': " +
                  (Problem.empty() ? Parsed.getError().message() : Problem));
  }
  if (int E = loadBaseline())
    return E;
  Shard Part;
  if (!ShardOpt.empty()) {
    llvm::Expected<Shard> S = parseShard(ShardOpt);
    if (!S)
      return fail(errorText(S.takeError()));
    Part = *S;
  }
  if (int E = checkOutputs())
    return E;

  // Paths are made relative to the database's directory, reached through
  // a symbolic link or not.
  std::string Root(llvm::sys::path::parent_path(DBPath));
  std::vector<std::string> Roots = {Root};
  llvm::SmallString<256> Real;
  if (!llvm::sys::fs::real_path(Root, Real) && Real != Root) {
    Root = std::string(Real);
    Roots.insert(Roots.begin(), Root);
  }

  // The units, once each, under the paths given.
  std::vector<std::string> Filters;
  for (const std::string &In : Inputs) {
    std::string P = report::absolutePath(In);
    if (!llvm::sys::fs::exists(P))
      return fail("no such file or directory: '" + In + "'");
    llvm::SmallString<256> R;
    Filters.push_back(llvm::sys::fs::real_path(P, R) ? P : std::string(R));
  }
  std::vector<PlannedUnit> Units;
  std::set<std::string> Seen;
  report::PathRelativizer Relative(Roots);
  std::vector<bool> FilterUsed(Filters.size(), false);
  for (clang::tooling::CompileCommand &Cmd : DB->getAllCompileCommands()) {
    std::string File = report::absolutePath(Cmd.Filename, Cmd.Directory);
    if (!Seen.insert(File).second)
      continue;
    bool Wanted = Filters.empty();
    for (size_t I = 0; I < Filters.size(); ++I) {
      StringRef F = Filters[I];
      if (File == F || (StringRef(File).starts_with(F) &&
                        (F.ends_with("/") || File[F.size()] == '/'))) {
        Wanted = true;
        FilterUsed[I] = true;
      }
    }
    if (Wanted)
      Units.push_back({File, Relative(File), std::move(Cmd)});
  }
  for (size_t I = 0; I < Filters.size(); ++I)
    if (!FilterUsed[I])
      return fail("'" + Inputs[I] +
                  "' holds no unit of the compilation database");
  if (Units.empty())
    return fail("the compilation database '" + DBPath + "' has no commands");
  llvm::sort(Units, [](const PlannedUnit &A, const PlannedUnit &B) {
    return A.Rel < B.Rel;
  });
  if (Part.N > 1) {
    std::vector<PlannedUnit> Mine;
    for (size_t I = 0; I < Units.size(); ++I)
      if (I % Part.N == Part.K - 1)
        Mine.push_back(std::move(Units[I]));
    Units = std::move(Mine);
  }

  report::Audit All;
  All.Root = Root;
  All.Checks = *Checks;
  if (Part.N > 1)
    All.Shard = ShardOpt;
  for (PlannedUnit &U : Units) {
    std::map<std::string, unsigned> Dropped;
    U.Cmd.CommandLine = dropUnknownFlags(U.Cmd.CommandLine, Dropped);
    for (const auto &[Flag, N] : Dropped)
      All.DroppedFlags[Flag] += N;
  }
  if (!All.DroppedFlags.empty() && !Quiet) {
    unsigned Total = 0;
    std::string Names;
    unsigned Shown = 0;
    for (const auto &[Flag, N] : All.DroppedFlags) {
      Total += N;
      if (Shown++ < 5)
        Names += (Names.empty() ? "" : ", ") + Flag;
    }
    if (All.DroppedFlags.size() > 5)
      Names += ", ...";
    llvm::WithColor::note(llvm::errs(), "gfp-audit")
        << "dropped " << Total << " compiler flag" << (Total == 1 ? "" : "s")
        << " that clang does not know (" << All.DroppedFlags.size()
        << " distinct: " << Names << "); the reports list them\n";
  }

  // A source file that is gone is not worth a worker.
  report::Audit Unreadable;
  llvm::erase_if(Units, [&](const PlannedUnit &U) {
    std::error_code EC =
        llvm::sys::fs::access(U.File, llvm::sys::fs::AccessMode::Exist);
    if (!EC)
      return false;
    report::Unit Lost;
    Lost.File = U.Rel;
    Lost.Analysed = false;
    Lost.Reason = "cannot read the source file: " + EC.message();
    Unreadable.Units.push_back(std::move(Lost));
    return true;
  });

  llvm::SmallString<128> TempDir;
  if (std::error_code EC =
          llvm::sys::fs::createUniqueDirectory("gfp-audit", TempDir))
    return fail("cannot make a temporary directory: " + EC.message());
  std::string Self =
      llvm::sys::fs::getMainExecutable(Argv0, (void *)&gfpAuditMain);
  std::vector<Job> JobList;
  std::vector<std::string> Outputs;
  for (size_t I = 0; I < Units.size(); ++I) {
    const PlannedUnit &U = Units[I];
    std::string Base = (TempDir + "/" + llvm::Twine(I)).str();
    llvm::json::Array Arguments;
    for (const std::string &A : U.Cmd.CommandLine)
      Arguments.push_back(A);
    llvm::json::Object Req{{"directory", U.Cmd.Directory},
                           {"file", U.File},
                           {"arguments", std::move(Arguments)},
                           {"output", Base + ".json"},
                           {"root", Root},
                           {"roots", llvm::json::Array(Roots)},
                           {"checks", "-*," + llvm::join(*Checks, ",")},
                           {"configFile", Config},
                           {"crashOn", TestCrashOn.getValue()},
                           {"hangOn", TestHangOn.getValue()}};
    if (llvm::Error E = report::writeFileAtomically(
            Base + ".req", [&](llvm::raw_ostream &OS) {
              OS << llvm::json::Value(std::move(Req));
            }))
      return fail(errorText(std::move(E)));
    JobList.push_back({{Self, "__worker", Base + ".req"}, Base + ".log"});
    Outputs.push_back(Base + ".json");
  }

  report::AuditMerger Merger(std::move(All));
  std::signal(SIGINT, onInterrupt);
  std::signal(SIGTERM, onInterrupt);
  unsigned Parallel = Jobs
                          ? Jobs.getValue()
                          : llvm::hardware_concurrency().compute_thread_count();
  bool Smart =
      llvm::errs().is_displayed() && llvm::sys::Process::StandardErrHasColors();
  std::unique_ptr<Status> Progress = makeStatus(Smart, Quiet);
  Progress->Total = Units.size() + Unreadable.Units.size();
  for (const report::Unit &U : Unreadable.Units) {
    ++Progress->Done;
    ++Progress->Lost;
    Progress->unitDone(U.File, "not analysed: " + U.Reason, 0);
  }
  Merger.add(std::move(Unreadable));
  Progress->Parallel = Parallel;
  runJobs(
      JobList, Parallel, Timeout,
      [&](size_t I, const JobResult &R) {
        report::Unit Failed;
        Failed.File = Units[I].Rel;
        Failed.Analysed = false;
        Failed.Seconds = R.Seconds;
        std::string Outcome;
        switch (R.How) {
        case JobResult::Exited:
          if (R.Code == 0) {
            llvm::Expected<std::string> Text = readFile(Outputs[I], "results");
            llvm::Expected<report::Audit> UnitAudit =
                Text ? report::auditFromJSON(*Text, Outputs[I])
                     : llvm::Expected<report::Audit>(Text.takeError());
            if (UnitAudit && UnitAudit->Units.size() == 1) {
              report::Unit &U = UnitAudit->Units.front();
              U.Seconds = R.Seconds;
              Outcome = U.Analysed ? llvm::formatv("{0} finding{1}", U.Findings,
                                                   U.Findings == 1 ? "" : "s")
                                         .str()
                                   : "not analysed: " + U.Reason;
              Progress->Lost += !U.Analysed;
              ++Progress->Done;
              Merger.add(std::move(*UnitAudit));
              // Distinct findings: a header's counts once.
              Progress->Findings = Merger.findings();
              Progress->unitDone(Units[I].Rel, Outcome, R.Seconds);
              return;
            }
            if (!UnitAudit)
              llvm::consumeError(UnitAudit.takeError());
            Failed.Reason = "the worker wrote no results";
          } else {
            Failed.Reason =
                llvm::formatv("the worker failed (exit status {0})", R.Code)
                    .str();
          }
          break;
        case JobResult::Signalled:
          Failed.Reason = "the worker crashed: " + describeSignal(R.Code);
          break;
        case JobResult::TimedOut:
          Failed.Reason = llvm::formatv("timed out after {0} s (--timeout)",
                                        Timeout.getValue())
                              .str();
          break;
        case JobResult::NotStarted:
          Failed.Reason =
              "the worker could not start: " +
              std::error_code(R.Code, std::generic_category()).message();
          break;
        case JobResult::Interrupted:
          Failed.Reason = "interrupted";
          break;
        }
        if (R.How == JobResult::Exited || R.How == JobResult::Signalled)
          if (std::string Last = lastLine(JobList[I].LogPath); !Last.empty())
            Failed.Reason += "; last output: " + Last;
        ++Progress->Done;
        ++Progress->Lost;
        Progress->unitDone(Units[I].Rel, "not analysed: " + Failed.Reason,
                           R.Seconds);
        report::Audit Lost;
        Lost.Units.push_back(std::move(Failed));
        Merger.add(std::move(Lost));
      },
      StopRequested);
  Progress->finish();
  [[maybe_unused]] std::error_code Ignored =
      llvm::sys::fs::remove_directories(TempDir);
  double Seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - Start)
          .count();
  report::Audit Result = Merger.take();
  return finish(Result, Seconds);
}

} // namespace

int gfpAuditMain(int Argc, const char **Argv) {
  if (Argc >= 3 && StringRef(Argv[1]) == "__worker")
    return runWorker(Argv[2]);
  bool Merge = Argc >= 2 && StringRef(Argv[1]) == "merge";
  std::vector<const char *> Args = {Merge ? "gfp-audit merge" : "gfp-audit"};
  for (int I = Merge ? 2 : 1; I < Argc; ++I)
    Args.push_back(Argv[I]);
  cl::HideUnrelatedOptions(Category);
  cl::SetVersionPrinter([](llvm::raw_ostream &OS) {
    OS << "gfp-audit (gfp-tidy) " << GFP_TIDY_VERSION << "\n";
  });
  std::string Errors;
  llvm::raw_string_ostream ErrorStream(Errors);
  if (!cl::ParseCommandLineOptions(static_cast<int>(Args.size()), Args.data(),
                                   Overview, &ErrorStream)) {
    StringRef First = StringRef(Errors).split('\n').first;
    First.consume_front("gfp-audit: ");
    First.consume_front("gfp-audit merge: ");
    return fail(First.trim());
  }
  if (ListChecks) {
    llvm::Expected<std::vector<std::string>> Checks = resolveChecks(ChecksOpt);
    if (!Checks)
      return fail(errorText(Checks.takeError()));
    for (const std::string &C : *Checks)
      llvm::outs() << C << "\n";
    return ExitClean;
  }
  if (Merge)
    return mergeMain();
  return auditMain(Argv[0]);
}

} // namespace gfp::audit
