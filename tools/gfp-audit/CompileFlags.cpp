//===-- CompileFlags.cpp - Commands from a gcc build, made clang's --------===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "CompileFlags.h"

#include "clang/Options/Options.h"
#include "llvm/Option/ArgList.h"
#include "llvm/Support/Path.h"

namespace gfp::audit {

/// gcc flags that clang's option table knows but that clang rejects for the
/// kernel's targets, or that load gcc code: only dropped from commands that
/// do not run clang.
static bool isGccOnly(llvm::StringRef Arg) {
  return Arg == "-mrecord-mcount" || Arg.starts_with("-fplugin=") ||
         Arg.starts_with("-fplugin-arg-");
}

std::vector<std::string>
dropUnknownFlags(llvm::ArrayRef<std::string> Args,
                 std::map<std::string, unsigned> &Dropped) {
  if (Args.empty())
    return {};
  bool RunsClang = llvm::sys::path::filename(Args.front()).contains("clang");
  std::vector<const char *> Argv;
  for (const std::string &A : Args.drop_front())
    Argv.push_back(A.c_str());
  unsigned MissingIndex = 0;
  unsigned MissingCount = 0;
  const llvm::opt::OptTable &Table = clang::getDriverOptTable();
  llvm::opt::InputArgList Parsed =
      Table.ParseArgs(Argv, MissingIndex, MissingCount,
                      llvm::opt::Visibility(clang::options::ClangOption));
  std::vector<bool> Drop(Argv.size(), false);
  for (const llvm::opt::Arg *A : Parsed) {
    bool Unknown = A->getOption().getID() == clang::options::OPT_UNKNOWN;
    if (!Unknown && (RunsClang || !isGccOnly(A->getAsString(Parsed))))
      continue;
    // Both kinds are single argv elements (a joined value, if any).
    unsigned First = A->getIndex();
    if (First < Drop.size())
      Drop[First] = true;
    ++Dropped[Argv[First]];
  }
  std::vector<std::string> Out = {Args.front()};
  for (size_t I = 0; I < Argv.size(); ++I)
    if (!Drop[I])
      Out.push_back(Argv[I]);
  return Out;
}

} // namespace gfp::audit
