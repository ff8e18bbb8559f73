//===-- MacroEval.h - Integer values of object-like macros ------*- C++ -*-===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Computes the integer value of a macro such as `___GFP_DIRECT_RECLAIM` from
// the definitions the translation unit itself saw, so that 6.1-style headers
// (`#define ___GFP_DIRECT_RECLAIM 0x400u`) and 6.9+-style ones
// (`#define ___GFP_DIRECT_RECLAIM BIT(___GFP_DIRECT_RECLAIM_BIT)` over an
// enum) give the same answer without a table of per-version constants.
//
// Approximations:
// - Only the integer-constant subset of C is evaluated: literals, enum
//   constants found in the AST, parentheses, casts to a type spelled with
//   identifiers (`(__force gfp_t)`), unary `~ - + !`, and the binary
//   operators `* / % + - << >> & ^ |`.
// - Function-like macros are expanded by plain parameter substitution,
//   `##` pasting included; `#` stringising and recursion deeper than a fixed
//   limit give "no value".
// - Arithmetic is done in 64-bit unsigned integers.
//
//===----------------------------------------------------------------------===//

#ifndef GFP_TIDY_LIB_ANALYSIS_MACROEVAL_H
#define GFP_TIDY_LIB_ANALYSIS_MACROEVAL_H

#include "llvm/ADT/StringRef.h"
#include <cstdint>
#include <optional>

namespace clang {
class ASTContext;
class Preprocessor;
} // namespace clang

namespace gfp {

/// Evaluates macros of the translation unit to integers.
class MacroEvaluator {
public:
  /// \param Ctx where enum constants named by the macros are looked up; may
  /// be null, and then only literal definitions evaluate.
  MacroEvaluator(const clang::Preprocessor &PP, clang::ASTContext *Ctx)
      : PP(PP), Ctx(Ctx) {}

  /// The value of the object-like macro \p Name as currently defined, or
  /// nothing when it is undefined or outside the supported subset.
  std::optional<uint64_t> evaluate(llvm::StringRef Name) const;

private:
  const clang::Preprocessor &PP;
  clang::ASTContext *Ctx;
};

/// The value of the enum constant \p Name declared at file scope in \p Ctx.
std::optional<uint64_t> lookupEnumConstant(clang::ASTContext &Ctx,
                                           llvm::StringRef Name);

} // namespace gfp

#endif // GFP_TIDY_LIB_ANALYSIS_MACROEVAL_H
