//===-- Worker.cpp - One translation unit, in its own process -------------===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// `gfp-audit __worker REQUEST.json` runs the gfp checks over one unit with
// clang-tidy's own runClangTidy() (so the audit and the plugin cannot
// disagree), takes the inventory of hiding macros and wrappers from the
// checks' kernel model, and writes the unit's audit as JSON. The driver
// treats anything else (no file, a signal, a timeout) as "not analysed".
//
//===----------------------------------------------------------------------===//

#include "Worker.h"

#include "Report/Audit.h"
#include "Report/Writers.h"
#include "UnitAudit.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <csignal>

#include <sys/prctl.h>
#include <unistd.h>

using namespace clang;
using gfp::report::Audit;

namespace gfp::audit {

namespace {

/// The one compile command a worker was given.
class OneCommandDatabase : public tooling::CompilationDatabase {
public:
  explicit OneCommandDatabase(tooling::CompileCommand Cmd)
      : Cmd(std::move(Cmd)) {}
  std::vector<tooling::CompileCommand>
  getCompileCommands(StringRef) const override {
    return {Cmd};
  }
  std::vector<std::string> getAllFiles() const override {
    return {Cmd.Filename};
  }

private:
  tooling::CompileCommand Cmd;
};

struct Request {
  std::string Directory, File, Output, Root, Checks, ConfigFile;
  /// Where to write the files the unit read (for the context database), or
  /// "" when nobody keeps them.
  std::string InputsOutput;
  /// The driver's process id: the worker dies with it.
  int64_t Driver = 0;
  std::vector<std::string> Arguments;
  std::vector<std::string> Roots;
};

llvm::Expected<Request> readRequest(StringRef Path) {
  auto Buf = llvm::MemoryBuffer::getFile(Path);
  if (!Buf)
    return llvm::createStringError(Buf.getError(), "cannot read request");
  llvm::Expected<llvm::json::Value> V = llvm::json::parse((*Buf)->getBuffer());
  if (!V)
    return V.takeError();
  const llvm::json::Object *O = V->getAsObject();
  if (!O)
    return llvm::createStringError("request is not an object");
  Request R;
  auto Str = [&](StringRef Key) {
    return O->getString(Key).value_or("").str();
  };
  R.Directory = Str("directory");
  R.File = Str("file");
  R.Output = Str("output");
  R.Root = Str("root");
  R.Checks = Str("checks");
  R.ConfigFile = Str("configFile");
  R.InputsOutput = Str("inputs");
  R.Driver = O->getInteger("driver").value_or(0);
  if (const llvm::json::Array *A = O->getArray("roots"))
    for (const llvm::json::Value &Root : *A)
      R.Roots.push_back(Root.getAsString().value_or("").str());
  if (R.Roots.empty())
    R.Roots.push_back(R.Root);
  if (const llvm::json::Array *A = O->getArray("arguments"))
    for (const llvm::json::Value &Arg : *A)
      R.Arguments.push_back(Arg.getAsString().value_or("").str());
  return R;
}

} // namespace

int runWorker(StringRef RequestPath) {
  // A driver killed with SIGKILL cannot stop its workers: they stop
  // themselves (and a driver gone before this line is seen by getppid()).
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  llvm::Expected<Request> ReqOr = readRequest(RequestPath);
  if (!ReqOr) {
    llvm::errs() << "gfp-audit worker: " << llvm::toString(ReqOr.takeError())
                 << "\n";
    return 2;
  }
  Request &Req = *ReqOr;
  if (Req.Driver && ::getppid() != Req.Driver)
    return 2;

  tidy::ClangTidyOptions Override;
  Override.Checks = Req.Checks;
  Override.HeaderFilterRegex = ".*";
  Override.SystemHeaders = false;
  Override.WarningsAsErrors = "";
  std::unique_ptr<tidy::ClangTidyOptionsProvider> Provider;
  if (!Req.ConfigFile.empty()) {
    auto Buf = llvm::MemoryBuffer::getFile(Req.ConfigFile);
    if (!Buf) {
      llvm::errs() << "gfp-audit worker: cannot read " << Req.ConfigFile
                   << "\n";
      return 2;
    }
    llvm::ErrorOr<tidy::ClangTidyOptions> Config =
        tidy::parseConfiguration((*Buf)->getMemBufferRef());
    if (!Config) {
      llvm::errs() << "gfp-audit worker: bad configuration\n";
      return 2;
    }
    Provider = std::make_unique<tidy::ConfigOptionsProvider>(
        tidy::ClangTidyGlobalOptions(), tidy::ClangTidyOptions::getDefaults(),
        *Config, Override);
  } else {
    Provider = std::make_unique<tidy::FileOptionsProvider>(
        tidy::ClangTidyGlobalOptions(), tidy::ClangTidyOptions::getDefaults(),
        Override);
  }
  tidy::ClangTidyContext Context(std::move(Provider));
  UnitRecorder Recorder({Req.Root, Req.Roots, Req.Directory,
                         llvm::is_contained(Req.Arguments, "-DMODULE")},
                        Context);
  OneCommandDatabase DB(
      tooling::CompileCommand(Req.Directory, Req.File, Req.Arguments, ""));
  auto BaseFS = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(
      llvm::vfs::getRealFileSystem());
  std::vector<tidy::ClangTidyError> Errors =
      tidy::runClangTidy(Context, DB, {Req.File}, BaseFS,
                         /*ApplyAnyFix=*/false, /*EnableCheckProfile=*/false,
                         /*StoreCheckProfile=*/"", /*Quiet=*/true);

  Audit A = Recorder.finish(Errors, Req.File);
  bool CompileErrors = !A.Units.empty() && !A.Units.front().Analysed;

  if (!Req.InputsOutput.empty() && !CompileErrors)
    if (llvm::Error Err = gfp::report::writeFileAtomically(
            Req.InputsOutput, [&](raw_ostream &OS) {
              OS << llvm::json::Value(Recorder.takeInputs());
            })) {
      llvm::errs() << "gfp-audit worker: " << llvm::toString(std::move(Err))
                   << "\n";
      return 2;
    }

  if (llvm::Error Err =
          gfp::report::writeFileAtomically(Req.Output, [&](raw_ostream &OS) {
            gfp::report::writeJson(A, OS);
          })) {
    llvm::errs() << "gfp-audit worker: " << llvm::toString(std::move(Err))
                 << "\n";
    return 2;
  }
  return 0;
}

} // namespace gfp::audit
