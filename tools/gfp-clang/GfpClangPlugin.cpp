//===-- GfpClangPlugin.cpp - The gfp checks inside clang's own compile ----===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// `clang-22 -fplugin=GfpClang.so` runs the gfp checks on each unit while it
// compiles, after the parse and before code generation, with clang-tidy's
// own machinery: the same checks, options, messages, notes and NOLINT
// comments as `clang-tidy --load=GfpTidy.so`. Findings are printed by the
// compiler as warnings ending in `[gfp-<check>]`; the object file is the
// one clang would have written anyway.
//
// Arguments, each as -fplugin-arg-gfp-<argument>:
//   checks=GLOBS        which checks (default: every gfp check);
//   config=YAML         options as clang-tidy's --config takes them;
//   config-file=FILE    the same from a file (default: the .clang-tidy
//                       files above the source, as clang-tidy reads them);
//   audit[=FILE]        also write the unit's audit for `gfp-audit
//                       --from-build` (default FILE: the object file's path
//                       with `.gfp.json` added);
//   root=DIR            the tree's root for the audit's paths (default:
//                       the current directory).
//
//===----------------------------------------------------------------------===//

#include "../gfp-audit/UnitAudit.h"
#include "Checks/GfpTidyForceLinker.h"
#include "Report/Writers.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/Basic/DiagnosticOptions.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

using namespace clang;

namespace gfp::plugin {
namespace {

struct PluginArgs {
  std::optional<std::string> Checks;
  std::optional<std::string> Config;
  std::string ConfigFile;
  /// Where to write the unit's audit; "" for none, "-" for beside the
  /// object file.
  std::string Audit;
  std::string Root;
};

/// Everything one unit's checks need, alive from the consumer's creation
/// to the end of the unit.
struct UnitRun {
  std::unique_ptr<tidy::ClangTidyContext> Context;
  std::unique_ptr<tidy::ClangTidyDiagnosticConsumer> Collector;
  std::unique_ptr<DiagnosticsEngine> Engine;
  std::unique_ptr<tidy::ClangTidyCheckFactories> Factories;
  std::vector<std::unique_ptr<tidy::ClangTidyCheck>> Checks;
  ast_matchers::MatchFinder Finder;
  std::unique_ptr<audit::UnitRecorder> Recorder;
  std::string MainFile;
  std::string AuditPath;
};

/// Runs last in the plugin's consumers: by then the checks have seen the
/// whole unit. Prints what they found through the compiler's diagnostics,
/// and writes the audit when asked.
class ReportConsumer : public ASTConsumer {
public:
  ReportConsumer(CompilerInstance &CI, std::shared_ptr<UnitRun> Run)
      : CI(CI), Run(std::move(Run)) {}

  void HandleTranslationUnit(ASTContext &Ctx) override {
    // The checks match the translation unit itself and walk its functions
    // on their own: matching that one node spares the compile the walk
    // over every node of the AST that MatchFinder::matchAST makes.
    for (const auto &C : Run->Checks)
      C->onStartOfTranslationUnit();
    Run->Finder.match(*Ctx.getTranslationUnitDecl(), Ctx);
    for (const auto &C : Run->Checks)
      C->onEndOfTranslationUnit();
    std::vector<tidy::ClangTidyError> Errors = Run->Collector->take();
    for (const tidy::ClangTidyError &E : Errors)
      report(E);
    if (!Run->Recorder)
      return;
    report::Audit A = Run->Recorder->finish(Errors, Run->MainFile);
    llvm::json::Array Inputs = Run->Recorder->takeInputs();
    if (llvm::Error Err = report::writeFileAtomically(
            Run->AuditPath,
            [&](llvm::raw_ostream &OS) { report::writeJson(A, OS); })) {
      DiagnosticsEngine &D = CI.getDiagnostics();
      D.Report(D.getCustomDiagID(DiagnosticsEngine::Error,
                                 "gfp: cannot write the unit's audit: %0"))
          << llvm::toString(std::move(Err));
      return;
    }
    if (llvm::Error Err = report::writeFileAtomically(
            Run->AuditPath + ".inputs", [&](llvm::raw_ostream &OS) {
              OS << llvm::json::Value(std::move(Inputs));
            }))
      llvm::consumeError(std::move(Err));
  }

private:
  SourceLocation locationOf(StringRef Path, unsigned Offset) {
    SourceManager &SM = CI.getSourceManager();
    if (Path.empty())
      return {};
    llvm::Expected<FileEntryRef> FE =
        SM.getFileManager().getFileRef(Path, /*OpenFile=*/false);
    if (!FE) {
      llvm::consumeError(FE.takeError());
      return {};
    }
    FileID FID = SM.translateFile(*FE);
    if (FID.isInvalid())
      return {};
    return SM.getComposedLoc(FID, Offset);
  }

  void report(const tidy::ClangTidyError &E) {
    DiagnosticsEngine &D = CI.getDiagnostics();
    // Compile errors reach the compiler's own engine, not this one; what
    // is here comes from the checks.
    DiagnosticsEngine::Level Level =
        E.DiagLevel == tooling::Diagnostic::Error || E.IsWarningAsError
            ? DiagnosticsEngine::Error
            : DiagnosticsEngine::Warning;
    // The checks' warnings are not the compiler's: -Werror (the kernel's
    // CONFIG_WERROR) leaves them warnings, and WarningsAsErrors in the
    // configuration makes them errors, as in clang-tidy. -w silences them.
    if (Level == DiagnosticsEngine::Warning && D.getIgnoreAllWarnings())
      return;
    unsigned ID = D.getCustomDiagID(Level, "%0 [%1]");
    {
      DiagnosticBuilder B =
          D.Report(locationOf(E.Message.FilePath, E.Message.FileOffset), ID);
      B << E.Message.Message << E.DiagnosticName;
      for (const auto &[File, Edits] : E.Message.Fix)
        for (const tooling::Replacement &R : Edits) {
          SourceLocation Begin = locationOf(R.getFilePath(), R.getOffset());
          if (Begin.isInvalid())
            continue;
          B << FixItHint::CreateReplacement(
              CharSourceRange::getCharRange(
                  Begin,
                  Begin.getLocWithOffset(
                      static_cast<SourceLocation::IntTy>(R.getLength()))),
              R.getReplacementText());
        }
    }
    unsigned NoteID = D.getCustomDiagID(DiagnosticsEngine::Note, "%0");
    for (const tooling::DiagnosticMessage &N : E.Notes)
      D.Report(locationOf(N.FilePath, N.FileOffset), NoteID) << N.Message;
  }

  CompilerInstance &CI;
  std::shared_ptr<UnitRun> Run;
};

class GfpAction : public PluginASTAction {
protected:
  bool ParseArgs(const CompilerInstance &CI,
                 const std::vector<std::string> &Args) override {
    DiagnosticsEngine &D = CI.getDiagnostics();
    for (const std::string &Arg : Args) {
      auto [Key, Value] = StringRef(Arg).split('=');
      bool HasValue = StringRef(Arg).contains('=');
      if (Key == "checks" && HasValue) {
        Parsed.Checks = Value.str();
      } else if (Key == "config" && HasValue) {
        Parsed.Config = Value.str();
      } else if (Key == "config-file" && HasValue) {
        Parsed.ConfigFile = Value.str();
      } else if (Key == "audit") {
        Parsed.Audit = HasValue ? Value.str() : "-";
      } else if (Key == "root" && HasValue) {
        Parsed.Root = Value.str();
      } else {
        D.Report(D.getCustomDiagID(
            DiagnosticsEngine::Error,
            "gfp: unknown plugin argument '%0' (expected checks=, config=, "
            "config-file=, audit[=FILE] or root=)"))
            << Arg;
        return false;
      }
    }
    return true;
  }

  ActionType getActionType() override { return AddBeforeMainAction; }

  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 StringRef File) override {
    DiagnosticsEngine &D = CI.getDiagnostics();
    auto Fail = [&](const Twine &Why) -> std::unique_ptr<ASTConsumer> {
      D.Report(D.getCustomDiagID(DiagnosticsEngine::Error, "gfp: %0"))
          << Why.str();
      return std::make_unique<ASTConsumer>();
    };
    tidy::ClangTidyOptions Override;
    if (Parsed.Checks)
      Override.Checks = *Parsed.Checks;
    std::unique_ptr<tidy::ClangTidyOptionsProvider> Provider;
    std::optional<std::string> ConfigText = Parsed.Config;
    if (!Parsed.ConfigFile.empty()) {
      auto Buf = llvm::MemoryBuffer::getFile(Parsed.ConfigFile);
      if (!Buf)
        return Fail("cannot read '" + Parsed.ConfigFile +
                    "': " + Buf.getError().message());
      ConfigText = (*Buf)->getBuffer().str();
    }
    tidy::ClangTidyOptions Defaults = tidy::ClangTidyOptions::getDefaults();
    Defaults.Checks = "-*,gfp-*";
    if (ConfigText) {
      llvm::ErrorOr<tidy::ClangTidyOptions> Config = tidy::parseConfiguration(
          llvm::MemoryBufferRef(*ConfigText, "config"));
      if (!Config)
        return Fail("invalid configuration: " + Config.getError().message());
      Provider = std::make_unique<tidy::ConfigOptionsProvider>(
          tidy::ClangTidyGlobalOptions(), Defaults, *Config, Override);
    } else {
      Provider = std::make_unique<tidy::FileOptionsProvider>(
          tidy::ClangTidyGlobalOptions(), Defaults, Override);
    }

    auto Run = std::make_shared<UnitRun>();
    Run->Context =
        std::make_unique<tidy::ClangTidyContext>(std::move(Provider));
    Run->Collector = std::make_unique<tidy::ClangTidyDiagnosticConsumer>(
        *Run->Context, nullptr, /*RemoveIncompatibleErrors=*/false);
    auto DiagOpts = std::make_unique<DiagnosticOptions>();
    Run->Engine = std::make_unique<DiagnosticsEngine>(
        DiagnosticIDs::create(), *DiagOpts, Run->Collector.get(),
        /*ShouldOwnClient=*/false);
    Run->Context->setDiagnosticsEngine(std::move(DiagOpts), Run->Engine.get());
    // Relative names (the main file, the audit's root, the build directory)
    // start here.
    llvm::SmallString<256> Cwd;
    bool HaveCwd = !llvm::sys::fs::current_path(Cwd);
    llvm::SmallString<256> Main(File);
    [[maybe_unused]] std::error_code Ignored =
        llvm::sys::fs::make_absolute(Main);
    Run->MainFile = Main.str().str();

    if (!Parsed.Audit.empty()) {
      std::string Out = Parsed.Audit;
      if (Out == "-") {
        Out = CI.getFrontendOpts().OutputFile;
        if (Out.empty() || Out == "-")
          return Fail("'audit' needs a file name when there is no object file");
        Out += ".gfp.json";
      }
      std::string Root = Parsed.Root.empty() ? Cwd.str().str() : Parsed.Root;
      std::vector<std::string> Roots = {Root};
      llvm::SmallString<256> Real;
      if (!llvm::sys::fs::real_path(Root, Real) && Real != Root)
        Roots.push_back(Real.str().str());
      bool InModule =
          CI.getPreprocessorOpts().Macros.end() !=
          llvm::find_if(CI.getPreprocessorOpts().Macros, [](const auto &M) {
            return !M.second && M.first == "MODULE";
          });
      Run->AuditPath = std::move(Out);
      Run->Recorder = std::make_unique<audit::UnitRecorder>(
          audit::UnitRecorder::Setup{Root, Roots, Cwd.str().str(), InModule},
          *Run->Context);
    }

    // What clang-tidy's ClangTidyASTConsumerFactory does, without its
    // consumer: the checks of the registered modules that the options
    // enable, their matchers and preprocessor callbacks.
    SourceManager &SM = CI.getSourceManager();
    Run->Context->setSourceManager(&SM);
    Run->Context->setCurrentFile(File);
    Run->Context->setASTContext(&CI.getASTContext());
    if (HaveCwd)
      Run->Context->setCurrentBuildDirectory(Cwd);
    Run->Factories = std::make_unique<tidy::ClangTidyCheckFactories>();
    for (const tidy::ClangTidyModuleRegistry::entry &E :
         tidy::ClangTidyModuleRegistry::entries())
      E.instantiate()->addCheckFactories(*Run->Factories);
    Run->Checks = Run->Factories->createChecksForLanguage(Run->Context.get());
    Preprocessor &PP = CI.getPreprocessor();
    for (const auto &C : Run->Checks) {
      C->registerMatchers(&Run->Finder);
      C->registerPPCallbacks(SM, &PP, &PP);
    }
    return std::make_unique<ReportConsumer>(CI, Run);
  }

private:
  PluginArgs Parsed;
};

} // namespace
} // namespace gfp::plugin

// NOLINTBEGIN(cppcoreguidelines-avoid-non-const-global-variables,bugprone-throwing-static-initialization)
static clang::FrontendPluginRegistry::Add<gfp::plugin::GfpAction>
    Registration("gfp", "gfp-tidy's checks during the compile");
// NOLINTEND(cppcoreguidelines-avoid-non-const-global-variables,bugprone-throwing-static-initialization)
