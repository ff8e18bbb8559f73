//===-- MacroEval.cpp - Integer values of object-like macros --------------===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Analysis/MacroEval.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/Lex/MacroInfo.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

#include <string>
#include <vector>

using namespace clang;

namespace gfp {

std::optional<uint64_t> lookupEnumConstant(ASTContext &Ctx,
                                           llvm::StringRef Name) {
  IdentifierInfo *II = Ctx.Idents.find(Name) != Ctx.Idents.end()
                           ? &Ctx.Idents.get(Name)
                           : nullptr;
  if (!II)
    return std::nullopt;
  for (const NamedDecl *ND : Ctx.getTranslationUnitDecl()->lookup(II))
    if (const auto *ECD = dyn_cast<EnumConstantDecl>(ND))
      return ECD->getInitVal().getZExtValue();
  return std::nullopt;
}

namespace {

/// A token of a macro body, reduced to what the evaluator needs.
struct MTok {
  enum KindTy { Number, Ident, Punct } Kind;
  std::string Text;
};
using TokList = std::vector<MTok>;

constexpr unsigned MaxDepth = 32;

std::optional<uint64_t> parseNumber(llvm::StringRef Text) {
  Text = Text.rtrim("uUlL");
  uint64_t V = 0;
  if (Text.size() > 1 && Text[0] == '0' && (Text[1] == 'x' || Text[1] == 'X')) {
    if (Text.drop_front(2).getAsInteger(16, V))
      return std::nullopt;
    return V;
  }
  if (Text.size() > 1 && Text[0] == '0') {
    if (Text.drop_front(1).getAsInteger(8, V))
      return std::nullopt;
    return V;
  }
  if (Text.getAsInteger(10, V))
    return std::nullopt;
  return V;
}

MTok classify(std::string Text) {
  if (!Text.empty() && llvm::isDigit(Text[0]))
    return {MTok::Number, std::move(Text)};
  if (!Text.empty() && (llvm::isAlpha(Text[0]) || Text[0] == '_'))
    return {MTok::Ident, std::move(Text)};
  return {MTok::Punct, std::move(Text)};
}

/// Recursive-descent evaluation of one token list.
class Parser {
public:
  Parser(const Preprocessor &PP, ASTContext *Ctx, TokList Toks, unsigned Depth)
      : PP(PP), Ctx(Ctx), Toks(std::move(Toks)), Depth(Depth) {}

  std::optional<uint64_t> parseAll() {
    std::optional<uint64_t> V = parseBinary(0);
    if (!V || Pos != Toks.size())
      return std::nullopt;
    return V;
  }

private:
  const Preprocessor &PP;
  ASTContext *Ctx;
  TokList Toks;
  size_t Pos = 0;
  unsigned Depth;

  bool atPunct(llvm::StringRef P, size_t Off = 0) const {
    return Pos + Off < Toks.size() && Toks[Pos + Off].Kind == MTok::Punct &&
           Toks[Pos + Off].Text == P;
  }

  static int precedence(llvm::StringRef Op) {
    return llvm::StringSwitch<int>(Op)
        .Case("|", 1)
        .Case("^", 2)
        .Case("&", 3)
        .Cases({"<<", ">>"}, 4)
        .Cases({"+", "-"}, 5)
        .Cases({"*", "/", "%"}, 6)
        .Default(-1);
  }

  std::optional<uint64_t> parseBinary(int MinPrec) {
    std::optional<uint64_t> L = parseUnary();
    while (L && Pos < Toks.size() && Toks[Pos].Kind == MTok::Punct) {
      llvm::StringRef Op = Toks[Pos].Text;
      int Prec = precedence(Op);
      if (Prec < 0 || Prec < MinPrec)
        break;
      std::string OpText = Toks[Pos].Text;
      ++Pos;
      std::optional<uint64_t> R = parseBinary(Prec + 1);
      if (!R)
        return std::nullopt;
      L = apply(OpText, *L, *R);
    }
    return L;
  }

  static std::optional<uint64_t> apply(llvm::StringRef Op, uint64_t L,
                                       uint64_t R) {
    if (Op == "|")
      return L | R;
    if (Op == "^")
      return L ^ R;
    if (Op == "&")
      return L & R;
    if (Op == "<<")
      return R < 64 ? std::optional<uint64_t>(L << R) : std::nullopt;
    if (Op == ">>")
      return R < 64 ? std::optional<uint64_t>(L >> R) : std::nullopt;
    if (Op == "+")
      return L + R;
    if (Op == "-")
      return L - R;
    if (Op == "*")
      return L * R;
    if (R == 0)
      return std::nullopt;
    return Op == "/" ? L / R : L % R;
  }

  std::optional<uint64_t> parseUnary() {
    if (Pos >= Toks.size())
      return std::nullopt;
    if (Toks[Pos].Kind == MTok::Punct) {
      llvm::StringRef P = Toks[Pos].Text;
      if (P == "~" || P == "-" || P == "+" || P == "!") {
        ++Pos;
        std::optional<uint64_t> V = parseUnary();
        if (!V)
          return std::nullopt;
        if (P == "~")
          return ~*V;
        if (P == "-")
          return -*V;
        if (P == "!")
          return static_cast<uint64_t>(*V == 0);
        return V;
      }
      if (P == "(")
        return parseParenOrCast();
      return std::nullopt;
    }
    return parsePrimary();
  }

  /// True when the identifier names neither a macro nor an enum constant:
  /// inside parentheses, a run of such names is a type (`__force gfp_t`).
  bool isTypeWord(const MTok &T) const {
    if (T.Kind != MTok::Ident)
      return false;
    if (const MacroInfo *MI = lookupMacro(T.Text))
      return MI->getNumTokens() == 0 || isTypeWordMacro(*MI);
    return !(Ctx && lookupEnumConstant(*Ctx, T.Text));
  }

  /// `__force` under sparse is `__attribute__((force))`: a macro whose body
  /// is an attribute is still part of a type.
  static bool isTypeWordMacro(const MacroInfo &MI) {
    return MI.getNumTokens() > 0 && MI.tokens().front().getIdentifierInfo() &&
           MI.tokens().front().getIdentifierInfo()->getName() ==
               "__attribute__";
  }

  std::optional<uint64_t> parseParenOrCast() {
    // A cast: '(' type-words and '*' ')' followed by an operand.
    size_t I = Pos + 1;
    bool AllType = I < Toks.size() && Toks[I].Kind == MTok::Ident;
    for (; I < Toks.size() &&
           !(Toks[I].Kind == MTok::Punct && Toks[I].Text == ")");
         ++I) {
      const MTok &T = Toks[I];
      if (T.Kind == MTok::Punct && T.Text == "*")
        continue;
      if (!isTypeWord(T)) {
        AllType = false;
        break;
      }
    }
    if (AllType && I < Toks.size() && I + 1 < Toks.size()) {
      Pos = I + 1;
      return parseUnary();
    }
    ++Pos; // '('
    std::optional<uint64_t> V = parseBinary(0);
    if (!V || !atPunct(")"))
      return std::nullopt;
    ++Pos;
    return V;
  }

  const MacroInfo *lookupMacro(llvm::StringRef Name) const {
    IdentifierInfo *II = PP.getIdentifierInfo(Name);
    if (!II || !II->hasMacroDefinition())
      return nullptr;
    return PP.getMacroInfo(II);
  }

  std::optional<uint64_t> parsePrimary() {
    const MTok &T = Toks[Pos];
    if (T.Kind == MTok::Number) {
      ++Pos;
      return parseNumber(T.Text);
    }
    std::string Name = T.Text;
    ++Pos;
    const MacroInfo *MI = lookupMacro(Name);
    if (!MI) {
      if (Ctx)
        return lookupEnumConstant(*Ctx, Name);
      return std::nullopt;
    }
    if (Depth >= MaxDepth)
      return std::nullopt;
    TokList Body = bodyOf(*MI);
    if (MI->isFunctionLike()) {
      std::vector<TokList> Args;
      if (!parseArgs(Args))
        return std::nullopt;
      std::optional<TokList> Expanded = substitute(*MI, Body, Args);
      if (!Expanded)
        return std::nullopt;
      Body = std::move(*Expanded);
    }
    return Parser(PP, Ctx, std::move(Body), Depth + 1).parseAll();
  }

  bool parseArgs(std::vector<TokList> &Args) {
    if (!atPunct("("))
      return false;
    ++Pos;
    unsigned Nest = 0;
    Args.emplace_back();
    for (; Pos < Toks.size(); ++Pos) {
      const MTok &T = Toks[Pos];
      if (T.Kind == MTok::Punct) {
        if (T.Text == "(")
          ++Nest;
        else if (T.Text == ")") {
          if (Nest == 0) {
            ++Pos;
            return true;
          }
          --Nest;
        } else if (T.Text == "," && Nest == 0) {
          Args.emplace_back();
          continue;
        }
      }
      Args.back().push_back(T);
    }
    return false;
  }

  TokList bodyOf(const MacroInfo &MI) const {
    TokList Out;
    for (const Token &Tok : MI.tokens())
      Out.push_back(classify(PP.getSpelling(Tok)));
    return Out;
  }

  static std::optional<TokList> substitute(const MacroInfo &MI,
                                           const TokList &Body,
                                           const std::vector<TokList> &Args) {
    llvm::SmallVector<std::string, 4> Params;
    for (const IdentifierInfo *P : MI.params())
      Params.push_back(P->getName().str());
    TokList Out;
    for (const MTok &T : Body) {
      if (T.Kind == MTok::Punct && T.Text == "#")
        return std::nullopt;
      auto *It =
          T.Kind == MTok::Ident ? llvm::find(Params, T.Text) : Params.end();
      if (It == Params.end()) {
        Out.push_back(T);
        continue;
      }
      size_t Index = It - Params.begin();
      if (Index < Args.size())
        Out.insert(Out.end(), Args[Index].begin(), Args[Index].end());
    }
    // Token pasting: join the neighbours' spellings and classify again.
    TokList Pasted;
    for (size_t I = 0; I < Out.size(); ++I) {
      if (Out[I].Kind == MTok::Punct && Out[I].Text == "##") {
        if (Pasted.empty() || I + 1 >= Out.size())
          return std::nullopt;
        Pasted.back() = classify(Pasted.back().Text + Out[I + 1].Text);
        ++I;
        continue;
      }
      Pasted.push_back(Out[I]);
    }
    return Pasted;
  }
};

} // namespace

std::optional<uint64_t> MacroEvaluator::evaluate(llvm::StringRef Name) const {
  TokList Start{{MTok::Ident, Name.str()}};
  IdentifierInfo *II = PP.getIdentifierInfo(Name);
  if (!II || !II->hasMacroDefinition())
    return std::nullopt;
  return Parser(PP, Ctx, std::move(Start), 0).parseAll();
}

} // namespace gfp
