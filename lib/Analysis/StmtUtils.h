//===-- StmtUtils.h - AST, type and macro helpers ---------------*- C++ -*-===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Small helpers shared by the analyses: walking only the evaluated parts of a
// statement, recognising the kernel's types, and recovering what the user
// wrote from tokens that went through macros.
//
//===----------------------------------------------------------------------===//

#ifndef GFP_TIDY_LIB_ANALYSIS_STMTUTILS_H
#define GFP_TIDY_LIB_ANALYSIS_STMTUTILS_H

#include "clang/AST/Expr.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"

#include <string>

namespace clang {
class LangOptions;
class SourceManager;
} // namespace clang

namespace gfp {

/// Calls \p Visit on \p Root and every statement below it that is evaluated:
/// the operands of sizeof/alignof and the unselected branches of _Generic
/// are skipped, and so are expressions inside types such as typeof(), which
/// Stmt::children() never enters. Parents come before their children.
void walkEvaluated(const clang::Stmt *Root,
                   llvm::function_ref<void(const clang::Stmt &)> Visit);

/// True for `struct page *` (any qualifiers, through typedefs).
bool isPageDescriptorPointer(clang::QualType T);

/// True when \p T is the `struct` named \p Name, through typedefs.
bool isStructNamed(clang::QualType T, llvm::StringRef Name);

/// True for the kernel's `gfp_t` typedef.
bool isGfpType(clang::QualType T);

/// Looks through parentheses and the implicit casts that keep the value
/// (no-op and lvalue-to-rvalue).
const clang::Expr *stripValue(const clang::Expr *E);

/// The side \p BO compares with a null pointer constant (`p == NULL`,
/// `NULL != p`), or null when it compares no such thing.
const clang::Expr *nullComparedOperand(const clang::BinaryOperator &BO,
                                       clang::ASTContext &Ctx);

/// The storage key of a local or parameter.
std::string storageKeyOf(const clang::VarDecl &VD);

/// A key naming a local, a parameter, or a member path rooted in one
/// (`priv->rx_page`, `ring->buf[3].page`, `ring->buf[i].page`), so that two
/// expressions naming the same storage get the same key; "" for anything
/// else (globals, calls, pointer arithmetic).
std::string storageKey(const clang::Expr *E);

/// True when \p Key names \p VarKey or storage reached through it, or
/// uses it as an index: what an assignment to the variable invalidates.
bool keyMentions(llvm::StringRef Key, llvm::StringRef VarKey);

/// The variable \p S writes or lets escape: the left side of an
/// assignment (`v = x`, `v |= x`), the operand of `++`/`--` or of `&`; null
/// for anything else. For an assignment, \p Assigned (when given) is set to
/// its right side, otherwise to null.
const clang::VarDecl *writtenVariable(const clang::Stmt &S,
                                      const clang::Expr **Assigned = nullptr);

/// The name of the directly called function, or "" when there is none.
llvm::StringRef calleeName(const clang::CallExpr &Call);

/// The parameters of \p FD (a bit each, the first 32) that must be set
/// for \p Target to run: it lies in the then-branch of `if (p)`, `if (p &&
/// ...)`, `if (p != NULL)`, or of a comparison that is false when the
/// integer p is 0 (`if (sizeof(*args) + size > sizeof(stack))`, also through
/// a local the body computes once from p); and nothing in the body assigns p
/// or takes its address.
uint32_t parameterGuards(const clang::FunctionDecl &FD,
                         const clang::Stmt *Target);

/// One macro expansion on the way from a token to the file.
struct MacroFrame {
  /// The macro's name.
  std::string Name;
  /// Where the token (or the inner macro's name) is spelled in this macro's
  /// definition.
  clang::SourceLocation SpellingInDefinition;
  /// Where this macro is expanded: its name token.
  clang::SourceLocation ExpansionLoc;
  /// The whole expansion, the name and any arguments.
  clang::SourceRange ExpansionRange;
};

/// The macros whose bodies produced the token at \p Loc, innermost first.
/// Macro arguments are followed to where they were written, so a token the
/// user wrote inside a macro call yields no frame for that macro.
llvm::SmallVector<MacroFrame, 4> macroChain(clang::SourceLocation Loc,
                                            const clang::SourceManager &SM,
                                            const clang::LangOptions &LO);

/// The file range where the user wrote \p R: climbs through whole macro
/// expansions and macro arguments, and into a macro's definition when both
/// ends come from the same expansion. Invalid when no such range exists.
clang::CharSourceRange spelledRange(clang::SourceRange R,
                                    const clang::SourceManager &SM,
                                    const clang::LangOptions &LO);

/// The text of spelledRange(), with runs of whitespace collapsed, or "".
std::string spelledText(clang::SourceRange R, const clang::SourceManager &SM,
                        const clang::LangOptions &LO);
/// The text of a file range, with runs of whitespace collapsed, or "".
std::string spelledText(clang::CharSourceRange CR,
                        const clang::SourceManager &SM,
                        const clang::LangOptions &LO);

} // namespace gfp

#endif // GFP_TIDY_LIB_ANALYSIS_STMTUTILS_H
