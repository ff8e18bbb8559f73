//===-- CheckUtils.cpp - Shared pieces of the gfp checks ------------------===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Checks/CheckUtils.h"

#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringSwitch.h"

namespace clang::tidy::gfp {

std::vector<std::string> readList(const ClangTidyCheck::OptionsView &Options,
                                  StringRef Name,
                                  const std::vector<std::string> &Default) {
  std::optional<StringRef> Raw = Options.get(Name);
  if (!Raw)
    return Default;
  std::vector<std::string> Out;
  for (StringRef S : utils::options::parseStringList(*Raw))
    Out.push_back(S.str());
  return Out;
}

bool readBool(const ClangTidyCheck::OptionsView &Options, StringRef Name,
              bool Default) {
  std::optional<StringRef> Raw = Options.get(Name);
  if (!Raw)
    return Default;
  return llvm::StringSwitch<bool>(Raw->trim().lower())
      .Cases({"true", "1", "yes", "on"}, true)
      .Cases({"false", "0", "no", "off"}, false)
      .Default(Default);
}

void storeList(ClangTidyCheck::OptionsView &Options,
               ClangTidyOptions::OptionMap &Map, StringRef Name,
               const std::vector<std::string> &Value) {
  SmallVector<StringRef, 8> Refs(Value.begin(), Value.end());
  Options.store(Map, Name, utils::options::serializeStringList(Refs));
}

::gfp::KernelModelOptions
readModelOptions(const ClangTidyCheck::OptionsView &Options) {
  ::gfp::KernelModelOptions Opts;
  for (StringRef S : utils::options::parseStringList(
           Options.getLocalOrGlobal("Allocators", "")))
    Opts.ExtraAllocators.push_back(S.str());
  return Opts;
}

::gfp::KernelModel &ModelHolder::get(ASTContext &Ctx) {
  if (!Model || ModelCtx != &Ctx) {
    Model = std::make_unique<::gfp::KernelModel>(Ctx, PP, Opts);
    ModelCtx = &Ctx;
  }
  return *Model;
}

bool FileFilter::matches(SourceLocation Loc, const SourceManager &SM) {
  FileID FID = SM.getFileID(SM.getExpansionLoc(Loc));
  auto [It, Inserted] = Cache.try_emplace(FID, false);
  if (Inserted)
    It->second = Regex.match(SM.getFilename(SM.getExpansionLoc(Loc)));
  return It->second;
}

SourceLocation diagLoc(SourceLocation Loc, const SourceManager &SM) {
  return SM.getExpansionLoc(Loc);
}

SourceLocation writtenLoc(SourceLocation Loc, const SourceManager &SM) {
  return SM.getSpellingLoc(Loc);
}

void emitMacroNotes(ClangTidyCheck &Check,
                    ArrayRef<::gfp::MacroFrame> OutermostFirst,
                    const SourceManager &SM) {
  for (const ::gfp::MacroFrame &F : OutermostFirst)
    Check.diag(SM.getFileLoc(F.SpellingInDefinition),
               "expanded from macro '%0'", DiagnosticIDs::Note)
        << F.Name;
}

SmallVector<::gfp::MacroFrame, 2>
userMacros(SourceLocation Loc, const SourceManager &SM, const LangOptions &LO) {
  SmallVector<::gfp::MacroFrame, 4> Chain = ::gfp::macroChain(Loc, SM, LO);
  SmallVector<::gfp::MacroFrame, 2> Out;
  for (auto It = Chain.rbegin(); It != Chain.rend(); ++It) {
    if (::gfp::KernelModel::isApiMacro(It->Name))
      break;
    Out.push_back(*It);
  }
  return Out;
}

} // namespace clang::tidy::gfp
