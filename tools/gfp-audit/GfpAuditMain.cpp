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

#include "Analysis/KernelModel.h"
#include "Checks/GfpTidyForceLinker.h"
#include "CompileFlags.h"
#include "Report/Audit.h"
#include "Report/Writers.h"
#include "Scheduler.h"
#include "TreeContext.h"
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
#include "llvm/Support/xxhash.h"

#include <chrono>
#include <csignal>
#include <set>

#include <unistd.h>

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

  gfp-audit -p BUILD_DIR [options] [paths...]
      paths...: only the units under these files or directories.
  gfp-audit merge [report options] RESULTS.json...
      combines the --json results of several runs (the shards of one
      tree, made with the same checks and options) into one set of
      reports, as if one run had made them.

A run that did not analyse every unit never replaces a baseline, and
writes its reports beside the last complete ones (NAME.partial.EXT),
unless --allow-partial says its units may fail; an interrupted run never
replaces either.

EXIT CODES:
  0    every unit analysed, no new finding
  1    new findings (not in --baseline; without a baseline, any finding)
  2    bad usage or input: nothing was analysed (or a report could not be
       written)
  3    no new finding, but some units could not be analysed (compile
       error, worker crash, timeout); the reports say which and why
  130  interrupted (SIGINT); 143: terminated (SIGTERM); 129: SIGHUP
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
                       cl::init(0), cl::Prefix, cl::cat(Category));
cl::opt<unsigned>
    Timeout("timeout",
            cl::desc(R"(Seconds a unit may take before its worker is killed
and the unit recorded as not analysed (0: no limit;
default: 300).)"),
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
cl::opt<bool> AllowPartial(
    "allow-partial",
    cl::desc(R"(Units that cannot be analysed are expected (a tree with
units clang cannot compile): a run that ends with some
not analysed still replaces the reports and the
baseline. It still exits 3; an interrupted run never
replaces them.)"),
    cl::cat(Category));
cl::opt<std::string> ContextDb(
    "context-db",
    cl::desc(R"(Keep the tree's context facts and solved contexts in this
SQLite file. A later run re-parses only the units whose
command or files changed; the plugin and gfp-clangd read
it through the ContextDatabase option.)"),
    cl::value_desc("file"), cl::cat(Category));
cl::opt<bool> FromBuild(
    "from-build",
    cl::desc(R"(Take each unit's results from the build instead of parsing
it again: the file OBJECT.gfp.json that the compiler
plugin (-fplugin=GfpClang.so -fplugin-arg-gfp-audit)
wrote beside the unit's object file. A unit without one,
or whose source or headers changed since, is parsed.)"),
    cl::cat(Category));
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
// NOLINTEND(bugprone-throwing-static-initialization)

/// The signal that stopped the run (SIGINT, SIGTERM, SIGHUP), or 0.
volatile std::sig_atomic_t StopRequested = 0;
extern "C" void onInterrupt(int Signal) { StopRequested = Signal; }

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
  Out.push_back({Name, Summary, Base + Name + ".md",                           \
                 StringRef(#Class).drop_back(5).str()});
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

/// Whether a run's reports may replace the last ones: every unit was
/// analysed, or --allow-partial accepts units that were not; never after an
/// interruption.
struct Completeness {
  size_t Total = 0;
  unsigned Lost = 0;
  unsigned Interrupted = 0;
  bool replaces() const {
    return Interrupted == 0 && (Lost == 0 || (AllowPartial && Lost < Total));
  }
};

/// Writes every report the options ask for; returns false if one failed.
/// A run that may not replace the last reports writes beside them
/// (NAME.partial.EXT), and never writes a baseline.
bool writeReports(report::Audit &A, const report::ReportContext &C,
                  const Completeness &Done) {
  bool Ok = true;
  std::vector<std::string> Beside;
  auto Write = [&](const std::string &Path,
                   llvm::function_ref<void(llvm::raw_ostream &)> W) {
    if (Path.empty())
      return;
    std::string Target = Path;
    if (!Done.replaces()) {
      // A stream (stdout, a pipe, a device) keeps nothing to protect.
      llvm::Expected<report::OutputTarget> T = report::resolveOutput(Path);
      if (T && T->K == report::OutputTarget::File) {
        Target = report::partialPath(Path);
        Beside.push_back(Target);
      } else if (!T) {
        llvm::consumeError(T.takeError());
      }
    }
    if (llvm::Error E = report::writeOutput(Target, W)) {
      fail(errorText(std::move(E)));
      Ok = false;
    }
  };
  Write(SarifOut, [&](llvm::raw_ostream &OS) { report::writeSarif(A, C, OS); });
  Write(JsonOut, [&](llvm::raw_ostream &OS) { report::writeJson(A, OS); });
  Write(HtmlOut, [&](llvm::raw_ostream &OS) { report::writeHtml(A, C, OS); });
  Write(MarkdownOut,
        [&](llvm::raw_ostream &OS) { report::writeMarkdown(A, C, OS); });
  std::string Why =
      Done.Interrupted
          ? "the run was interrupted"
          : llvm::formatv("{0} of {1} unit{2} could not be analysed", Done.Lost,
                          A.Units.size(), A.Units.size() == 1 ? "" : "s")
                .str();
  if (!BaselineOut.empty()) {
    if (Done.replaces()) {
      Write(BaselineOut,
            [&](llvm::raw_ostream &OS) { report::writeBaseline(A, OS); });
    } else {
      llvm::WithColor::warning(llvm::errs(), "gfp-audit")
          << "baseline '" << BaselineOut << "' not written: " << Why
          << (llvm::sys::fs::exists(BaselineOut) ? "; the last one is kept"
                                                 : "")
          << (Done.Interrupted || Done.Lost == Done.Total
                  ? ""
                  : " (--allow-partial accepts that)")
          << "\n";
    }
  }
  if (!Beside.empty())
    llvm::WithColor::warning(llvm::errs(), "gfp-audit")
        << "reports written beside the last complete ones, as "
        << llvm::join(Beside, ", ") << ": " << Why << "\n";
  return Ok;
}

/// Checks before any work that each report can be created where asked.
int checkOutputs() {
  std::set<std::string> Seen;
  for (const std::string *Path :
       {&SarifOut.getValue(), &JsonOut.getValue(), &HtmlOut.getValue(),
        &MarkdownOut.getValue(), &BaselineOut.getValue()}) {
    if (Path->empty())
      continue;
    llvm::Expected<report::OutputTarget> T = report::resolveOutput(*Path);
    if (!T)
      return fail(errorText(T.takeError()));
    if (T->K == report::OutputTarget::File) {
      StringRef Dir = llvm::sys::path::parent_path(T->Path);
      if (!llvm::sys::fs::is_directory(Dir))
        return fail("cannot write '" + *Path + "': no directory '" + Dir + "'");
      if (llvm::sys::fs::access(Dir, llvm::sys::fs::AccessMode::Write))
        return fail("cannot write '" + *Path + "': directory '" + Dir +
                    "' is not writable");
    }
    if (T->K != report::OutputTarget::Stdout && !Seen.insert(T->Path).second)
      return fail("'" + *Path + "' is asked for two reports");
  }
  return ExitClean;
}

/// True when a report goes to standard output, where the text would mix
/// with it.
bool reportOnStdout() {
  for (const std::string *Path :
       {&SarifOut.getValue(), &JsonOut.getValue(), &HtmlOut.getValue(),
        &MarkdownOut.getValue(), &BaselineOut.getValue()}) {
    if (Path->empty())
      continue;
    llvm::Expected<report::OutputTarget> T = report::resolveOutput(*Path);
    if (T && T->K == report::OutputTarget::Stdout)
      return true;
    if (!T)
      llvm::consumeError(T.takeError());
  }
  return false;
}

/// Applies the baseline, writes the reports and the text, and returns the
/// exit code.
int finish(report::Audit &A, double Seconds, int Signal = 0) {
  report::finalize(A);
  report::ReportContext C;
  C.Rules = rules();
  C.ToolVersion = GFP_TIDY_VERSION;
  unsigned Matched = 0;
  if (LoadedBaseline) {
    Matched = report::applyBaseline(A, *LoadedBaseline, BaselineIn);
    C.OnlyNew = true;
  }
  if (!reportOnStdout()) {
    report::writeText(A, C, llvm::outs(), llvm::outs().has_colors());
    llvm::outs().flush();
  }
  Completeness Done{A.Units.size(), A.notAnalysed(), A.interrupted()};
  if (Signal && !Done.Interrupted)
    Done.Interrupted = 1; // Stopped after the last unit ended.
  bool Written = writeReports(A, C, Done);
  unsigned Lost = Done.Lost;
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
    if (Signal)
      Summary +=
          llvm::formatv("; stopped by {0}", describeSignal(Signal)).str();
    llvm::errs() << Summary << "\n";
  }
  if (!Written)
    return ExitBadInput;
  // A stopped run exits as the shell reports a command a signal killed,
  // so that no gate mistakes it for a finished one.
  if (Signal)
    return 128 + Signal;
  if (A.newFindings())
    return ExitNewFindings;
  if (Lost)
    return ExitNotAnalysed;
  return ExitClean;
}

int mergeMain() {
  // The options that decide what is analysed belong to the runs merged.
  for (const cl::Option *O : std::initializer_list<const cl::Option *>{
           &BuildPath, &ChecksOpt, &ConfigFile, &Jobs, &Timeout, &ShardOpt,
           &ListChecks}) {
    if (O->getNumOccurrences())
      return fail("merge does not take -" + O->ArgStr +
                  " (it belongs to the runs that made the results)");
  }
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
  // Parts made with other checks or options would claim a coverage no run
  // had.
  const report::Audit &First = Parts.front();
  for (size_t I = 1; I < Parts.size(); ++I) {
    if (Parts[I].Checks != First.Checks)
      return fail("'" + Inputs[I] + "' ran the checks " +
                  llvm::join(Parts[I].Checks, ",") + ", but '" +
                  Inputs.front() + "' ran " + llvm::join(First.Checks, ","));
    if (Parts[I].Options != First.Options)
      return fail("'" + Inputs[I] + "' was made with other options (" +
                  "--config-file) than '" + Inputs.front() + "'");
  }
  // The shards of one split must all be there.
  std::map<unsigned, std::set<unsigned>> ShardsOf;
  for (const report::Audit &Part : Parts) {
    if (Part.Shard.empty())
      continue;
    llvm::Expected<Shard> S = parseShard(Part.Shard);
    if (!S) {
      llvm::consumeError(S.takeError());
      continue;
    }
    ShardsOf[S->N].insert(S->K);
  }
  for (const auto &[N, Ks] : ShardsOf)
    for (unsigned K = 1; K <= N; ++K)
      if (!Ks.count(K))
        return fail(llvm::formatv("shard {0}/{1} is missing: merge the "
                                  "results of all {1} shards",
                                  K, N)
                        .str());
  // The whole tree's facts are here when every part is a shard of one
  // split: then the callers of a global function are all known.
  bool OneSplit =
      ShardsOf.size() == 1 && llvm::all_of(Parts, [](const report::Audit &P) {
        return !P.Shard.empty();
      });
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
  tree::ContextSolver Solver;
  for (const tree::UnitFacts &F : Merged.Facts)
    Solver.add(F);
  Merged.Facts.clear();
  Solver.solve(OneSplit && Merged.notAnalysed() == 0);
  resolveConditional(Merged, Solver);
  return finish(Merged, 0);
}

struct PlannedUnit {
  std::string File; // absolute
  std::string Rel;  // relative to the root
  clang::tooling::CompileCommand Cmd;
};

/// The object file a compile command writes (its -o), absolute, or "".
std::string objectFileOf(const clang::tooling::CompileCommand &Cmd) {
  const std::vector<std::string> &Args = Cmd.CommandLine;
  for (size_t I = 0; I + 1 < Args.size(); ++I)
    if (Args[I] == "-o")
      return report::absolutePath(Args[I + 1], Cmd.Directory);
  for (const std::string &A : Args)
    if (StringRef(A).starts_with("-o") && A.size() > 2)
      return report::absolutePath(StringRef(A).drop_front(2), Cmd.Directory);
  return {};
}

/// What the compiler plugin wrote for \p U during the build: its audit
/// and the files it read, when the audit is of this unit and none of those
/// files changed since.
struct BuiltUnit {
  std::string Results, Inputs;
  report::Audit A;
};
std::optional<BuiltUnit> builtUnit(const PlannedUnit &U, InputChecker &Inputs) {
  std::string Object = objectFileOf(U.Cmd);
  if (Object.empty())
    return std::nullopt;
  auto Results = llvm::MemoryBuffer::getFile(Object + ".gfp.json");
  auto In = llvm::MemoryBuffer::getFile(Object + ".gfp.json.inputs");
  if (!Results || !In || !Inputs.unchanged((*In)->getBuffer()))
    return std::nullopt;
  BuiltUnit B{(*Results)->getBuffer().str(), (*In)->getBuffer().str(), {}};
  llvm::Expected<report::Audit> A =
      report::auditFromJSON(B.Results, Object + ".gfp.json");
  if (!A) {
    llvm::consumeError(A.takeError());
    return std::nullopt;
  }
  // An audit written with another root names its unit otherwise: parse.
  if (A->Units.size() != 1 || A->Units.front().File != U.Rel ||
      !A->Units.front().Analysed)
    return std::nullopt;
  B.A = std::move(*A);
  return B;
}

/// What is wrong with an option value of \p Opts that the checks would
/// otherwise take silently, or an empty string.
std::string badOptionValue(const clang::tidy::ClangTidyOptions &Opts) {
  for (const auto &[Key, Value] : Opts.CheckOptions) {
    StringRef Name = Key;
    if (Name != "Allocators" && !Name.ends_with(".Allocators"))
      continue;
    llvm::SmallVector<StringRef, 8> Specs;
    StringRef(Value.Value).split(Specs, ';', -1, false);
    for (StringRef Spec : Specs) {
      if (Spec.trim().empty())
        continue;
      if (std::string Why = checkAllocatorSpec(Spec); !Why.empty())
        return ("option '" + Name + "': entry '" + Spec.trim() + "': " + Why +
                " (expected name:page|address:gfpArg:orderArg)")
            .str();
    }
  }
  return {};
}

/// Reads, parses and checks the option values of the configuration at
/// \p Path; errors are one line, naming it as \p What (for reading) and
/// \p Label (for its contents).
llvm::Expected<clang::tidy::ClangTidyOptions>
readConfig(StringRef Path, StringRef What, StringRef Label) {
  llvm::Expected<std::string> Text = readFile(Path, What);
  if (!Text)
    return Text.takeError();
  std::string Problem;
  llvm::ErrorOr<clang::tidy::ClangTidyOptions> Parsed =
      clang::tidy::parseConfigurationWithDiags(
          llvm::MemoryBufferRef(*Text, Path), [&](const llvm::SMDiagnostic &D) {
            if (Problem.empty())
              Problem =
                  llvm::formatv("line {0}: {1}", D.getLineNo(), D.getMessage())
                      .str();
          });
  if (!Parsed)
    return llvm::createStringError(
        ("cannot parse " + Label + ": " +
         (Problem.empty() ? Parsed.getError().message() : Problem))
            .str());
  if (std::string Bad = badOptionValue(*Parsed); !Bad.empty())
    return llvm::createStringError((Label + ": " + Bad).str());
  return std::move(*Parsed);
}

/// Parses each .clang-tidy the workers will read (the nearest one above
/// each unit, and its parents when it inherits theirs): one line and exit 2
/// for a malformed file or option value, before any unit runs.
int checkDirectoryConfigs(const std::vector<PlannedUnit> &Units) {
  std::set<std::string> Visited;
  for (const PlannedUnit &U : Units) {
    for (StringRef Dir = llvm::sys::path::parent_path(U.File); !Dir.empty();
         Dir = llvm::sys::path::parent_path(Dir)) {
      if (!Visited.insert(Dir.str()).second)
        break;
      llvm::SmallString<256> Path(Dir);
      llvm::sys::path::append(Path, ".clang-tidy");
      if (!llvm::sys::fs::is_regular_file(Path))
        continue;
      llvm::Expected<clang::tidy::ClangTidyOptions> Parsed =
          readConfig(Path, "configuration", ("'" + Path + "'").str());
      if (!Parsed)
        return fail(errorText(Parsed.takeError()));
      if (!Parsed->InheritParentConfig.value_or(false))
        break;
    }
  }
  return ExitClean;
}

/// A digest of the options a run's findings depend on besides its checks.
std::string optionsDigest(StringRef ConfigPath) {
  if (ConfigPath.empty())
    return {};
  auto Buf = llvm::MemoryBuffer::getFile(ConfigPath);
  if (!Buf)
    return {};
  return llvm::utohexstr(llvm::xxh3_64bits((*Buf)->getBuffer()),
                         /*LowerCase=*/true);
}

/// Removes the temporary directories of runs whose driver is gone (killed
/// with SIGKILL, or by the machine's end): `gfp-audit-<pid>-XXXXXX`.
void removeStaleTempDirs() {
  llvm::SmallString<128> Temp;
  llvm::sys::path::system_temp_directory(/*ErasedOnReboot=*/true, Temp);
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Temp, EC), End; It != End && !EC;
       It.increment(EC)) {
    StringRef Name = llvm::sys::path::filename(It->path());
    if (!Name.consume_front("gfp-audit-"))
      continue;
    auto [PidText, Rest] = Name.split('-');
    int Pid = 0;
    if (Rest.empty() || PidText.getAsInteger(10, Pid) || Pid <= 0 ||
        Pid == ::getpid())
      continue;
    if (::kill(Pid, 0) == 0 || errno != ESRCH)
      continue; // Its owner lives (or is not ours to ask).
    [[maybe_unused]] std::error_code Ignored =
        llvm::sys::fs::remove_directories(It->path());
  }
}

/// What a run will do: its validated inputs and the units to analyse.
struct RunPlan {
  /// The tree's root (the database's directory, symbolic links resolved)
  /// and the other spellings of it.
  std::string Root;
  std::vector<std::string> Roots;
  /// The --config-file, absolute, or "".
  std::string Config;
  std::vector<std::string> Checks;
  Shard Part;
  /// The units of this run (this shard, under the paths given), by path.
  std::vector<PlannedUnit> Units;
  /// Every C unit of the database, whether this run analyses it or not.
  std::set<std::string> AllUnits;
  /// The report's header: root, checks, options, shard, dropped flags.
  report::Audit Header;
  /// Units whose source or directory is gone: not worth a worker.
  report::Audit Unreadable;
};

/// Validates every option and input before any unit runs, and plans the
/// units: 0, or the exit code after the one-line error.
/// Lists the units of \p DB (read from \p DBPath) under the paths given,
/// of this shard, by path: 0, or the exit code.
int listUnits(RunPlan &P, clang::tooling::CompilationDatabase &DB,
              StringRef DBPath) {
  Shard &Part = P.Part;
  // Paths are made relative to the database's directory, reached through
  // a symbolic link or not.
  std::string &Root = P.Root;
  std::vector<std::string> &Roots = P.Roots;
  Root = std::string(llvm::sys::path::parent_path(DBPath));
  Roots = {Root};
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
  std::vector<PlannedUnit> &Units = P.Units;
  // A file reached through several symbolic links is one unit.
  std::set<std::string> Seen;
  report::PathRelativizer Relative(Roots);
  std::vector<bool> FilterUsed(Filters.size(), false);
  // Every C unit of the database, whether this run analyses it or not.
  std::set<std::string> &AllUnits = P.AllUnits;
  unsigned Assembler = 0;
  for (clang::tooling::CompileCommand &Cmd : DB.getAllCompileCommands()) {
    std::string File = report::absolutePath(Cmd.Filename, Cmd.Directory);
    // Assembler sources (the kernel's .S files, device-tree blobs wrapped
    // in .S) hold no C for the checks: they are not units of this audit.
    StringRef Ext = llvm::sys::path::extension(File);
    if (Ext == ".S" || Ext == ".s" || Ext == ".sx") {
      ++Assembler;
      continue;
    }
    llvm::SmallString<256> RealFile;
    if (llvm::sys::fs::real_path(File, RealFile))
      RealFile = File;
    if (!Seen.insert(std::string(RealFile)).second)
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
    std::string Rel = Relative(File);
    AllUnits.insert(Rel);
    if (Wanted)
      Units.push_back({File, std::move(Rel), std::move(Cmd)});
  }
  for (size_t I = 0; I < Filters.size(); ++I)
    if (!FilterUsed[I])
      return fail("'" + Inputs[I] +
                  "' holds no unit of the compilation database");
  if (Units.empty())
    return fail("the compilation database '" + DBPath + "' has no commands" +
                (Assembler ? " for C files" : ""));
  if (Assembler && !Quiet)
    llvm::WithColor::note(llvm::errs(), "gfp-audit")
        << "skipped " << Assembler << " assembler unit"
        << (Assembler == 1 ? "" : "s") << " (.S files hold no C)\n";
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

  return 0;
}

/// Prepares the commands of the planned units (flags clang does not know
/// dropped), checks the directories' configurations, and sets aside the
/// units whose source or directory is gone: 0, or the exit code.
int prepareUnits(RunPlan &P) {
  std::vector<PlannedUnit> &Units = P.Units;
  const std::string &Config = P.Config;
  report::Audit &All = P.Header;
  All.Root = P.Root;
  All.Checks = P.Checks;
  All.Options = optionsDigest(Config);
  if (P.Part.N > 1)
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

  // Each directory's .clang-tidy, read as the workers will read it: a
  // malformed one would lose its options silently.
  if (Config.empty())
    if (int E = checkDirectoryConfigs(Units))
      return E;

  // A source file that is gone, or a command whose directory is, is not
  // worth a worker.
  report::Audit &Unreadable = P.Unreadable;
  llvm::erase_if(Units, [&](const PlannedUnit &U) {
    std::string Reason;
    if (!llvm::sys::fs::is_directory(U.Cmd.Directory))
      Reason = "the compile command's directory '" + U.Cmd.Directory +
               "' does not exist";
    else if (std::error_code EC = llvm::sys::fs::access(
                 U.File, llvm::sys::fs::AccessMode::Exist))
      Reason = "cannot read the source file: " + EC.message();
    if (Reason.empty())
      return false;
    report::Unit Lost;
    Lost.File = U.Rel;
    Lost.Analysed = false;
    Lost.Reason = std::move(Reason);
    Unreadable.Units.push_back(std::move(Lost));
    return true;
  });

  return 0;
}
int planRun(RunPlan &P) {
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
  if (!DB) {
    // The loader's message ends with the YAML parser's, on its own lines.
    StringRef Why = StringRef(DBError).split('\n').first.trim();
    Why.consume_front("Error while parsing YAML.");
    if (llvm::Expected<llvm::json::Value> Parsed = llvm::json::parse(*DBText);
        !Parsed)
      return fail("malformed compilation database '" + DBPath +
                  "': not JSON: " + errorText(Parsed.takeError()));
    return fail("malformed compilation database '" + DBPath + "': " +
                (Why.trim().empty() ? StringRef("not a list of commands")
                                    : Why.trim()));
  }
  llvm::Expected<std::vector<std::string>> Checks = resolveChecks(ChecksOpt);
  if (!Checks)
    return fail(errorText(Checks.takeError()));
  P.Checks = *Checks;
  std::string &Config = P.Config;
  if (!ConfigFile.empty()) {
    Config = report::absolutePath(ConfigFile);
    llvm::Expected<clang::tidy::ClangTidyOptions> Parsed =
        readConfig(Config, "config file", "config file '" + ConfigFile + "'");
    if (!Parsed)
      return fail(errorText(Parsed.takeError()));
  }
  if (int E = loadBaseline())
    return E;
  Shard &Part = P.Part;
  if (!ShardOpt.empty()) {
    llvm::Expected<Shard> S = parseShard(ShardOpt);
    if (!S)
      return fail(errorText(S.takeError()));
    Part = *S;
  }
  if (int E = checkOutputs())
    return E;

  if (int E = listUnits(P, *DB, DBPath))
    return E;
  return prepareUnits(P);
}

/// What earlier runs and the build already answer, and what this run adds.
struct CarriedOver {
  /// The --context-db, open.
  std::unique_ptr<tree::ContextDatabase> Database;
  /// The facts of every unit: reused, built, and parsed in this run.
  tree::ContextSolver Solver;
  /// The database's rows after this run.
  std::vector<tree::StoredUnit> NewRows;
  /// The command digest of each unit left to parse.
  std::vector<std::string> Digests;
  /// Results taken from the database, and from the compiler plugin.
  report::Audit Reused;
  report::Audit FromBuild;
  /// A shard keeps its facts in its results, for `merge`.
  bool KeepFacts = false;
};

/// Adds the results of one unit taken from an earlier run or the build to
/// \p Into, and its facts to \p C's solver (and to \p Into for a shard).
void takeUnit(report::Audit &Into, report::Audit &&Unit, CarriedOver &C) {
  for (const tree::UnitFacts &F : Unit.Facts)
    C.Solver.add(F);
  llvm::append_range(Into.Units, Unit.Units);
  std::move(Unit.Findings.begin(), Unit.Findings.end(),
            std::back_inserter(Into.Findings));
  std::move(Unit.Conditional.begin(), Unit.Conditional.end(),
            std::back_inserter(Into.Conditional));
  std::move(Unit.Inventory.begin(), Unit.Inventory.end(),
            std::back_inserter(Into.Inventory));
  if (C.KeepFacts)
    std::move(Unit.Facts.begin(), Unit.Facts.end(),
              std::back_inserter(Into.Facts));
}

/// Takes out of \p P.Units the units the context database or the build
/// already answer (their results go to \p C): 0, or the exit code.
int carryOver(RunPlan &P, CarriedOver &C) {
  // The context database: the facts of the whole tree, and the results of
  // the units that have not changed since it was written.
  std::unique_ptr<tree::ContextDatabase> &Database = C.Database;
  std::map<std::string, tree::StoredUnit> Stored;
  if (!ContextDb.empty()) {
    auto DBOr = tree::ContextDatabase::open(ContextDb, /*Write=*/true);
    if (!DBOr)
      return fail(errorText(DBOr.takeError()));
    Database = std::move(*DBOr);
    llvm::Expected<std::vector<tree::StoredUnit>> Rows = Database->units();
    if (!Rows)
      return fail(errorText(Rows.takeError()));
    if (Database->meta("root") == P.Root || Database->meta("root").empty())
      for (tree::StoredUnit &U : *Rows)
        Stored[U.File] = std::move(U);
  }
  C.KeepFacts = P.Part.N > 1;
  tree::ContextSolver &Solver = C.Solver;
  // Rows of this run, for the database: the stored ones reused, and the
  // ones the workers write.
  std::vector<tree::StoredUnit> &NewRows = C.NewRows;
  std::vector<std::string> &Digests = C.Digests;
  report::Audit &Reused = C.Reused;
  // Units whose results the compiler plugin wrote during the build.
  report::Audit &FromBuildUnits = C.FromBuild;
  {
    InputChecker Inputs;
    std::string ChecksText = llvm::join(P.Checks, ",");
    std::set<std::string> Planned;
    std::vector<PlannedUnit> ToParse;
    for (PlannedUnit &U : P.Units) {
      Planned.insert(U.Rel);
      std::string Digest =
          commandDigest(U.Cmd.Directory, U.File, U.Cmd.CommandLine, ChecksText,
                        P.Header.Options);
      auto It = Stored.find(U.Rel);
      if (It != Stored.end() && It->second.Command == Digest &&
          Inputs.unchanged(It->second.Inputs)) {
        llvm::Expected<report::Audit> Old =
            report::auditFromJSON(It->second.Results, ContextDb);
        if (Old && Old->Units.size() == 1 && Old->Units.front().Analysed) {
          takeUnit(Reused, std::move(*Old), C);
          NewRows.push_back(std::move(It->second));
          continue;
        }
        if (!Old)
          llvm::consumeError(Old.takeError());
      }
      if (FromBuild)
        if (std::optional<BuiltUnit> B = builtUnit(U, Inputs)) {
          takeUnit(FromBuildUnits, std::move(B->A), C);
          if (Database)
            NewRows.push_back({U.Rel, std::move(Digest), std::move(B->Inputs),
                               std::move(B->Results)});
          continue;
        }
      Digests.push_back(std::move(Digest));
      ToParse.push_back(std::move(U));
    }
    P.Units = std::move(ToParse);
    // Units this run does not cover keep their rows and their facts: they
    // are still part of the tree.
    for (auto &[File, Row] : Stored) {
      if (Planned.count(File) || !P.AllUnits.count(File))
        continue;
      llvm::Expected<report::Audit> Old =
          report::auditFromJSON(Row.Results, ContextDb);
      if (!Old) {
        llvm::consumeError(Old.takeError());
        continue;
      }
      for (const tree::UnitFacts &F : Old->Facts)
        Solver.add(F);
      NewRows.push_back(std::move(Row));
    }
    if (FromBuild && !Quiet)
      llvm::WithColor::note(llvm::errs(), "gfp-audit")
          << "took " << FromBuildUnits.Units.size() << " unit"
          << (FromBuildUnits.Units.size() == 1 ? "" : "s")
          << " from the build; " << P.Units.size() << " to parse\n";
    if (!Reused.Units.empty() && !Quiet)
      llvm::WithColor::note(llvm::errs(), "gfp-audit")
          << "reused " << Reused.Units.size() << " unchanged unit"
          << (Reused.Units.size() == 1 ? "" : "s") << " from '" << ContextDb
          << "'\n";
  }

  return 0;
}

/// The files of unit \p I of a run in \p TempDir: BASE.req, BASE.json,
/// BASE.log, BASE.inputs.
std::string workerBase(StringRef TempDir, size_t I) {
  return (TempDir + "/" + llvm::Twine(I)).str();
}

/// Writes a worker's request for each unit of \p P into \p TempDir, and
/// adds to \p Out the job that runs it (\p Self: the program);
/// \p WithInputs: the worker also lists the files the unit read. 0, or the
/// exit code.
int writeRequests(const RunPlan &P, StringRef TempDir, StringRef Self,
                  bool WithInputs, std::vector<Job> &Out) {
  for (size_t I = 0; I < P.Units.size(); ++I) {
    const PlannedUnit &U = P.Units[I];
    std::string Base = workerBase(TempDir, I);
    llvm::json::Array Arguments;
    for (const std::string &A : U.Cmd.CommandLine)
      Arguments.push_back(A);
    llvm::json::Object Req{{"directory", U.Cmd.Directory},
                           {"file", U.File},
                           {"arguments", std::move(Arguments)},
                           {"output", Base + ".json"},
                           {"root", P.Root},
                           {"roots", llvm::json::Array(P.Roots)},
                           {"checks", "-*," + llvm::join(P.Checks, ",")},
                           {"configFile", P.Config},
                           {"driver", static_cast<int64_t>(::getpid())}};
    if (WithInputs)
      Req["inputs"] = Base + ".inputs";
    if (llvm::Error E = report::writeFileAtomically(
            Base + ".req", [&](llvm::raw_ostream &OS) {
              OS << llvm::json::Value(std::move(Req));
            }))
      return fail(errorText(std::move(E)));
    Out.push_back({{Self.str(), "__worker", Base + ".req"}, Base + ".log"});
  }

  return 0;
}

/// Takes each worker's results into the run's report, the solver and the
/// database's rows, and tells the user.
class ResultHandler {
public:
  ResultHandler(const RunPlan &P, CarriedOver &C, StringRef TempDir,
                report::AuditMerger &Merger, Status &Progress)
      : P(P), C(C), TempDir(TempDir), Merger(Merger), Progress(Progress) {}

  /// Unit \p I of the plan ended as \p R says.
  void operator()(size_t I, const JobResult &R) {
    std::string Base = workerBase(TempDir, I);
    report::Unit Failed;
    Failed.File = P.Units[I].Rel;
    Failed.Analysed = false;
    Failed.Seconds = R.Seconds;
    std::string Outcome;
    switch (R.How) {
    case JobResult::Exited:
      if (R.Code == 0) {
        llvm::Expected<std::string> Text = readFile(Base + ".json", "results");
        llvm::Expected<report::Audit> UnitAudit =
            Text ? report::auditFromJSON(*Text, Base + ".json")
                 : llvm::Expected<report::Audit>(Text.takeError());
        if (UnitAudit && UnitAudit->Units.size() == 1) {
          report::Unit &U = UnitAudit->Units.front();
          U.Seconds = R.Seconds;
          for (const tree::UnitFacts &F : UnitAudit->Facts)
            C.Solver.add(F);
          if (C.Database && U.Analysed) {
            llvm::Expected<std::string> In =
                readFile(Base + ".inputs", "inputs");
            if (In)
              C.NewRows.push_back(
                  {P.Units[I].Rel, C.Digests[I], std::move(*In), *Text});
            else
              llvm::consumeError(In.takeError());
          }
          if (!C.KeepFacts)
            UnitAudit->Facts.clear();
          Outcome = U.Analysed ? llvm::formatv("{0} finding{1}", U.Findings,
                                               U.Findings == 1 ? "" : "s")
                                     .str()
                               : "not analysed: " + U.Reason;
          Progress.Lost += !U.Analysed;
          ++Progress.Done;
          Merger.add(std::move(*UnitAudit));
          // Distinct findings: a header's counts once.
          Progress.Findings = Merger.findings();
          Progress.unitDone(P.Units[I].Rel, Outcome, R.Seconds);
          return;
        }
        if (!UnitAudit)
          llvm::consumeError(UnitAudit.takeError());
        Failed.Reason = "the worker wrote no results";
      } else {
        Failed.Reason =
            llvm::formatv("the worker failed (exit status {0})", R.Code).str();
      }
      break;
    case JobResult::Signalled:
      Failed.Reason = "the worker crashed: " + describeSignal(R.Code);
      break;
    case JobResult::TimedOut:
      Failed.Reason =
          llvm::formatv("timed out after {0} s (--timeout)", Timeout.getValue())
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
      if (std::string Last = lastLine(Base + ".log"); !Last.empty())
        Failed.Reason += "; last output: " + Last;
    ++Progress.Done;
    ++Progress.Lost;
    Progress.unitDone(P.Units[I].Rel, "not analysed: " + Failed.Reason,
                      R.Seconds);
    report::Audit Lost;
    Lost.Units.push_back(std::move(Failed));
    Merger.add(std::move(Lost));
  }

private:
  const RunPlan &P;
  CarriedOver &C;
  StringRef TempDir;
  report::AuditMerger &Merger;
  Status &Progress;
};

/// Solves the tree's contexts, resolves the conditional findings of
/// \p Result with them, and rewrites the context database: 0, or the exit
/// code.
int solveTree(const RunPlan &P, CarriedOver &C, report::Audit &Result) {
  // The tree is whole when every unit of the database was analysed, in
  // this run or (with a context database) in an earlier one.
  std::set<std::string> Covered;
  for (const tree::StoredUnit &Row : C.NewRows)
    Covered.insert(Row.File);
  for (const report::Unit &U : Result.Units)
    if (U.Analysed)
      Covered.insert(U.File);
  bool Complete = Result.notAnalysed() == 0 &&
                  llvm::all_of(P.AllUnits, [&](const std::string &F) {
                    return Covered.count(F) != 0;
                  });
  C.Solver.solve(Complete);
  // A shard's conditional findings wait for `merge`, which sees every
  // shard's facts.
  if (!C.KeepFacts)
    resolveConditional(Result, C.Solver);
  if (C.Database) {
    std::map<std::string, std::string> Meta = {
        {"root", P.Root},
        {"checks", llvm::join(P.Checks, ",")},
        {"options", Result.Options},
        {"complete", Complete ? "1" : "0"},
        {"units", std::to_string(C.NewRows.size())},
        {"tool", GFP_TIDY_VERSION}};
    if (llvm::Error E = C.Database->replace(Meta, C.NewRows, C.Solver)) {
      llvm::WithColor::error(llvm::errs(), "gfp-audit")
          << errorText(std::move(E)) << "\n";
      return ExitBadInput;
    }
  }
  return 0;
}

int auditMain(const char *Argv0) {
  auto Start = std::chrono::steady_clock::now();
  RunPlan P;
  if (int E = planRun(P))
    return E;
  CarriedOver C;
  if (int E = carryOver(P, C))
    return E;

  removeStaleTempDirs();
  llvm::SmallString<128> TempDir;
  if (std::error_code EC = llvm::sys::fs::createUniqueDirectory(
          llvm::formatv("gfp-audit-{0}-", ::getpid()).str(), TempDir))
    return fail("cannot make a temporary directory: " + EC.message());
  // Workers run the driver's own image: /proc/self/exe stays valid when the
  // file on disk is replaced during a run (a rebuild, an upgrade), where the
  // path would then start another build of the tool, or fail to start at
  // all while the file is rewritten.
  std::string Self =
      llvm::sys::fs::exists("/proc/self/exe")
          ? std::string("/proc/self/exe")
          : llvm::sys::fs::getMainExecutable(Argv0, (void *)&gfpAuditMain);
  std::vector<Job> JobList;
  if (int E = writeRequests(P, TempDir, Self, C.Database != nullptr, JobList))
    return E;

  report::AuditMerger Merger(std::move(P.Header));
  Merger.add(std::move(C.Reused));
  Merger.add(std::move(C.FromBuild));
  std::signal(SIGINT, onInterrupt);
  std::signal(SIGTERM, onInterrupt);
  std::signal(SIGHUP, onInterrupt);
  unsigned Parallel = Jobs
                          ? Jobs.getValue()
                          : llvm::hardware_concurrency().compute_thread_count();
  bool Smart =
      llvm::errs().is_displayed() && llvm::sys::Process::StandardErrHasColors();
  std::unique_ptr<Status> Progress = makeStatus(Smart, Quiet);
  Progress->Total = P.Units.size() + P.Unreadable.Units.size();
  for (const report::Unit &U : P.Unreadable.Units) {
    ++Progress->Done;
    ++Progress->Lost;
    Progress->unitDone(U.File, "not analysed: " + U.Reason, 0);
  }
  Merger.add(std::move(P.Unreadable));
  Progress->Parallel = Parallel;
  Progress->start();
  ResultHandler Handle(P, C, TempDir, Merger, *Progress);
  runJobs(JobList, Parallel, Timeout, Handle, StopRequested);
  Progress->finish();
  [[maybe_unused]] std::error_code Ignored =
      llvm::sys::fs::remove_directories(TempDir);
  double Seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - Start)
          .count();
  report::Audit Result = Merger.take();
  if (!StopRequested)
    if (int E = solveTree(P, C, Result))
      return E;
  return finish(Result, Seconds, StopRequested);
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
    // Errors in an option's value are printed by the parser itself, as one
    // line; print nothing more then.
    if (First.trim().empty())
      return ExitBadInput;
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
