//===-- CheckUtils.cpp - Shared pieces of the gfp checks ------------------===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Checks/CheckUtils.h"

#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/Support/Path.h"

#include <map>
#include <mutex>

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

namespace {
struct OpenDatabases {
  std::mutex Lock;
  std::map<std::string, std::unique_ptr<::gfp::tree::ContextDatabase>> ByPath;
};
OpenDatabases &openDatabases() {
  static OpenDatabases Open;
  return Open;
}
} // namespace

const ::gfp::tree::ContextDatabase *contextDatabase(StringRef Path,
                                                    ClangTidyCheck &Check) {
  if (Path.empty())
    return nullptr;
  OpenDatabases &Open = openDatabases();
  std::lock_guard<std::mutex> Guard(Open.Lock);
  auto [It, Inserted] = Open.ByPath.try_emplace(Path.str());
  if (!Inserted)
    return It->second.get();
  auto DB = ::gfp::tree::ContextDatabase::open(Path, /*Write=*/false);
  if (!DB) {
    // Once per process: the checks go on with what the unit shows.
    Check.configurationDiag("%0; the context checks use only what each unit "
                            "shows")
        << llvm::toString(DB.takeError());
    return nullptr;
  }
  It->second = std::move(*DB);
  return It->second.get();
}

namespace {
/// \p Abs relative to \p Root when it lies under it, else "".
std::string underRoot(StringRef Abs, StringRef Root) {
  if (Root.empty() || !Abs.starts_with(Root))
    return {};
  StringRef Rest = Abs.drop_front(Root.size());
  if (!Root.ends_with("/") && !Rest.consume_front("/"))
    return {};
  return Rest.str();
}
} // namespace

std::string keyInDatabase(const FunctionDecl &FD,
                          const ::gfp::tree::ContextDatabase &DB) {
  std::string Root = DB.meta("root");
  const SourceManager &SM = FD.getASTContext().getSourceManager();
  return ::gfp::ContextModel::functionKey(FD, [&](SourceLocation L) {
    ::gfp::tree::Place P;
    OptionalFileEntryRef FE = SM.getFileEntryRefForID(SM.getFileID(L));
    if (!FE)
      return P;
    StringRef Real = FE->getFileEntry().tryGetRealPathName();
    std::string Rel = underRoot(Real, Root);
    P.File = Rel.empty() ? Real.str() : Rel;
    return P;
  });
}

SourceLocation locationInDatabase(const ::gfp::tree::Place &P,
                                  const ::gfp::tree::ContextDatabase &DB,
                                  SourceManager &SM) {
  if (P.File.empty() || !P.Line)
    return {};
  SmallString<256> Path(P.File);
  if (!llvm::sys::path::is_absolute(Path)) {
    Path = DB.meta("root");
    llvm::sys::path::append(Path, P.File);
  }
  OptionalFileEntryRef FE = SM.getFileManager().getOptionalFileRef(Path);
  if (!FE)
    return {};
  FileID FID = SM.translateFile(*FE);
  if (FID.isInvalid())
    FID = SM.createFileID(*FE, SourceLocation(), SrcMgr::C_User);
  return SM.translateLineCol(FID, P.Line, std::max(P.Column, 1u));
}

std::string formatDiagnostic(StringRef Format, ArrayRef<std::string> Args) {
  std::string Out;
  for (size_t I = 0; I < Format.size(); ++I) {
    // `%select{a|b|c}N`: the choice argument N (a number) names.
    if (Format.substr(I).starts_with("%select{")) {
      size_t Close = Format.find('}', I);
      if (Close != StringRef::npos && Close + 1 < Format.size() &&
          isDigit(Format[Close + 1])) {
        StringRef Body = Format.slice(I + 8, Close);
        size_t N = Format[Close + 1] - '0';
        unsigned Choice = 0;
        if (N < Args.size() && !StringRef(Args[N]).getAsInteger(10, Choice)) {
          llvm::SmallVector<StringRef, 4> Options;
          Body.split(Options, '|');
          if (Choice < Options.size())
            Out += formatDiagnostic(Options[Choice], Args);
        }
        I = Close + 1;
        continue;
      }
    }
    if (Format[I] == '%' && I + 1 < Format.size() && isDigit(Format[I + 1])) {
      size_t N = Format[I + 1] - '0';
      if (N < Args.size())
        Out += Args[N];
      ++I;
      continue;
    }
    Out += Format[I];
  }
  return Out;
}

void forEachFunctionDefinition(
    ASTContext &Ctx, llvm::function_ref<void(const FunctionDecl &)> Visit) {
  llvm::SmallVector<const DeclContext *, 4> Contexts;
  auto Take = [&](const Decl *D) {
    if (const auto *FD = dyn_cast<FunctionDecl>(D)) {
      if (FD->doesThisDeclarationHaveABody())
        Visit(*FD);
    } else if (const auto *LS = dyn_cast<LinkageSpecDecl>(D)) {
      Contexts.push_back(LS);
    }
  };
  // clangd narrows the traversal scope to the main file's declarations;
  // only those can carry its diagnostics, and the preamble's stay unread.
  for (const Decl *D : Ctx.getTraversalScope()) {
    if (const auto *TU = dyn_cast<TranslationUnitDecl>(D))
      Contexts.push_back(TU);
    else
      Take(D);
  }
  while (!Contexts.empty()) {
    const DeclContext *DC = Contexts.pop_back_val();
    for (const Decl *D : DC->decls())
      Take(D);
  }
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

std::string allocText(const ::gfp::AllocationSite &A) {
  if (A.UserMacros.empty())
    return A.describe();
  return "macro '" + A.UserMacros.front().Name + "' (" + A.describe() + ")";
}

std::string quotableText(const Expr *E, const SourceManager &SM,
                         const LangOptions &LO) {
  std::string T = ::gfp::spelledText(E->getSourceRange(), SM, LO);
  return T.size() > 40 ? std::string() : T;
}

} // namespace clang::tidy::gfp
