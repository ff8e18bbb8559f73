//===-- CheckUtils.h - Shared pieces of the gfp checks ----------*- C++ -*-===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef GFP_TIDY_LIB_CHECKS_CHECKUTILS_H
#define GFP_TIDY_LIB_CHECKS_CHECKUTILS_H

#include "Analysis/AtomicContext.h"
#include "Analysis/ContextDatabase.h"
#include "Analysis/FunctionIndex.h"
#include "Analysis/KernelModel.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/Regex.h"

#include <memory>
#include <string>
#include <vector>

namespace clang::tidy::gfp {

/// Reads a `;`-separated list option, or \p Default when it is unset.
std::vector<std::string> readList(const ClangTidyCheck::OptionsView &Options,
                                  StringRef Name,
                                  const std::vector<std::string> &Default);

/// Stores a list option written by readList().
void storeList(ClangTidyCheck::OptionsView &Options,
               ClangTidyOptions::OptionMap &Map, StringRef Name,
               const std::vector<std::string> &Value);

/// The kernel-model options shared by every check (`Allocators`, read from
/// the check's own option or the global one).
::gfp::KernelModelOptions
readModelOptions(const ClangTidyCheck::OptionsView &Options);

/// The context database named by the `ContextDatabase` option, opened once
/// per process; null when the option is empty. A database that cannot be
/// read gives one warning per process (through \p Check) and null.
const ::gfp::tree::ContextDatabase *contextDatabase(StringRef Path,
                                                    ClangTidyCheck &Check);
/// \p FD's key in \p DB's tree (files relative to its root).
std::string keyInDatabase(const FunctionDecl &FD,
                          const ::gfp::tree::ContextDatabase &DB);
/// The source location of a place of \p DB's tree, opened in \p SM when
/// the unit did not read that file; invalid when it cannot be found.
SourceLocation locationInDatabase(const ::gfp::tree::Place &P,
                                  const ::gfp::tree::ContextDatabase &DB,
                                  SourceManager &SM);
/// `%0`...`%9` of a diagnostic format replaced by \p Args, and
/// `%select{a|b}N` by the choice the number in Args[N] names (for findings
/// written out of clang's diagnostics: the words stay in one literal).
std::string formatDiagnostic(StringRef Format, ArrayRef<std::string> Args);

/// Decides, once per file of a translation unit, whether declarations in
/// it are skipped (the kernel's own implementation of an API).
class FileFilter {
public:
  explicit FileFilter(StringRef Regex) : Regex(Regex.str()) {}
  bool isValid(std::string &Error) const { return Regex.isValid(Error); }
  /// True when \p Loc's file (after macro expansion) matches.
  bool matches(SourceLocation Loc, const SourceManager &SM);
  /// Forgets the per-file answers; call at the end of each unit.
  void reset() { Cache.clear(); }

private:
  llvm::Regex Regex;
  llvm::DenseMap<FileID, bool> Cache;
};

/// Calls \p Visit for each function definition of the unit, in order.
/// The checks match the translation unit once and walk its declarations
/// here: matching every FunctionDecl costs a callback per header inline.
void forEachFunctionDefinition(
    ASTContext &Ctx, llvm::function_ref<void(const FunctionDecl &)> Visit);

/// The file location a diagnostic about \p Loc lands on: the outermost
/// macro expansion.
SourceLocation diagLoc(SourceLocation Loc, const SourceManager &SM);

/// Where the user wrote the token at \p Loc: inside a macro's definition
/// when the token comes from one.
SourceLocation writtenLoc(SourceLocation Loc, const SourceManager &SM);

/// Emits "expanded from macro 'X'" notes for \p Frames, outermost first.
void emitMacroNotes(ClangTidyCheck &Check,
                    ArrayRef<::gfp::MacroFrame> OutermostFirst,
                    const SourceManager &SM);

/// The user's macros around \p Loc (outside any kernel allocation macro),
/// outermost first.
SmallVector<::gfp::MacroFrame, 2>
userMacros(SourceLocation Loc, const SourceManager &SM, const LangOptions &LO);

/// An allocation as the messages name it: `macro 'labyrinth'
/// (alloc_page(GFP_ATOMIC))` when the code wrote a macro of its own, else
/// `alloc_page(GFP_ATOMIC)`.
std::string allocText(const ::gfp::AllocationSite &A);

/// \p E as the code spells it, when it is short enough to quote in a
/// message (40 characters); "" otherwise.
std::string quotableText(const Expr *E, const SourceManager &SM,
                         const LangOptions &LO);

} // namespace clang::tidy::gfp

#endif // GFP_TIDY_LIB_CHECKS_CHECKUTILS_H
