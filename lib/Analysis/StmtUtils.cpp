//===-- StmtUtils.cpp - AST, type and macro helpers -----------------------===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Analysis/StmtUtils.h"

#include "clang/AST/Decl.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/Stmt.h"
#include "clang/AST/Type.h"
#include "clang/Basic/Builtins.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CheckedArithmetic.h"

#include <algorithm>
#include <optional>

using namespace clang;

namespace gfp {

void walkEvaluated(const Stmt *Root,
                   llvm::function_ref<void(const Stmt &)> Visit) {
  llvm::SmallVector<const Stmt *, 64> Stack;
  if (Root)
    Stack.push_back(Root);
  while (!Stack.empty()) {
    const Stmt *S = Stack.pop_back_val();
    Visit(*S);
    if (const auto *UE = dyn_cast<UnaryExprOrTypeTraitExpr>(S)) {
      // sizeof/alignof do not evaluate their operand, except a VLA's size.
      if (UE->isArgumentType() ||
          !UE->getArgumentExpr()->getType()->isVariableArrayType())
        continue;
    }
    if (const auto *GS = dyn_cast<GenericSelectionExpr>(S)) {
      if (!GS->isResultDependent() && GS->getResultExpr())
        Stack.push_back(GS->getResultExpr());
      continue;
    }
    // Children go on the stack reversed, so that they are visited in order.
    size_t First = Stack.size();
    for (const Stmt *Child : S->children())
      if (Child)
        Stack.push_back(Child);
    std::reverse(Stack.begin() + First, Stack.end());
  }
}

bool isStructNamed(QualType T, llvm::StringRef Name) {
  if (T.isNull())
    return false;
  const auto *RD = T.getCanonicalType()->getAsRecordDecl();
  return RD && RD->getIdentifier() && RD->getName() == Name;
}

bool isPageDescriptorPointer(QualType T) {
  if (T.isNull())
    return false;
  const auto *PT = T.getCanonicalType()->getAs<PointerType>();
  return PT && isStructNamed(PT->getPointeeType(), "page");
}

bool isGfpType(QualType T) {
  for (const auto *TT = T->getAs<TypedefType>(); TT;
       TT = TT->getDecl()->getUnderlyingType()->getAs<TypedefType>())
    if (TT->getDecl()->getName() == "gfp_t")
      return true;
  return false;
}

const Expr *stripValue(const Expr *E) {
  while (E) {
    E = E->IgnoreParens();
    const auto *ICE = dyn_cast<ImplicitCastExpr>(E);
    if (!ICE || (ICE->getCastKind() != CK_NoOp &&
                 ICE->getCastKind() != CK_LValueToRValue))
      return E;
    E = ICE->getSubExpr();
  }
  return E;
}

std::string storageKeyOf(const VarDecl &VD) {
  return "v" + std::to_string(reinterpret_cast<uintptr_t>(&VD));
}

std::string storageKey(const Expr *E) {
  E = stripValue(E);
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    if (!VD || !VD->isLocalVarDeclOrParm())
      return "";
    return storageKeyOf(*VD);
  }
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    std::string Base = storageKey(ME->getBase());
    if (Base.empty())
      return "";
    return Base + (ME->isArrow() ? "->" : ".") +
           ME->getMemberDecl()->getNameAsString();
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E);
      UO && UO->getOpcode() == UO_Deref) {
    // An output parameter or a pointer to a local: `*pp = alloc_page(...);
    // (*pp)->flags`.
    std::string Base = storageKey(UO->getSubExpr());
    if (Base.empty())
      return "";
    return "*(" + Base + ")";
  }
  if (const auto *ASE = dyn_cast<ArraySubscriptExpr>(E)) {
    // An array member decays to a pointer: `ring->buf[i]` is rooted in ring.
    std::string Base = storageKey(ASE->getBase()->IgnoreParenImpCasts());
    const Expr *Idx = stripValue(ASE->getIdx());
    std::string Index;
    if (const auto *IL = dyn_cast<IntegerLiteral>(Idx))
      Index = std::to_string(IL->getValue().getZExtValue());
    else
      Index = storageKey(Idx);
    if (Base.empty() || Index.empty())
      return "";
    return Base + "[" + Index + "]";
  }
  return "";
}

bool keyMentions(llvm::StringRef Key, llvm::StringRef VarKey) {
  for (size_t Pos = Key.find(VarKey); Pos != llvm::StringRef::npos;
       Pos = Key.find(VarKey, Pos + 1)) {
    size_t End = Pos + VarKey.size();
    bool StartOk = Pos == 0 || !llvm::isDigit(Key[Pos - 1]);
    if (StartOk && (End == Key.size() || !llvm::isDigit(Key[End])))
      return true;
  }
  return false;
}

const VarDecl *writtenVariable(const Stmt &S, const Expr **Assigned) {
  const Expr *Target = nullptr;
  const Expr *Value = nullptr;
  if (const auto *BO = dyn_cast<BinaryOperator>(&S);
      BO && BO->isAssignmentOp()) {
    Target = BO->getLHS();
    Value = BO->getRHS();
  } else if (const auto *UO = dyn_cast<UnaryOperator>(&S);
             UO &&
             (UO->isIncrementDecrementOp() || UO->getOpcode() == UO_AddrOf)) {
    Target = UO->getSubExpr();
  }
  const auto *DRE = dyn_cast_or_null<DeclRefExpr>(
      Target ? Target->IgnoreParenImpCasts() : nullptr);
  const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (Assigned)
    *Assigned = VD ? Value : nullptr;
  return VD;
}

llvm::StringRef calleeName(const CallExpr &Call) {
  const FunctionDecl *FD = Call.getDirectCallee();
  if (!FD || !FD->getIdentifier())
    return "";
  return FD->getName();
}

llvm::SmallVector<MacroFrame, 4>
macroChain(SourceLocation Loc, const SourceManager &SM, const LangOptions &LO) {
  llvm::SmallVector<MacroFrame, 4> Frames;
  for (unsigned Guard = 0; Loc.isMacroID() && Guard < 64; ++Guard) {
    if (SM.isMacroArgExpansion(Loc)) {
      Loc = SM.getImmediateSpellingLoc(Loc);
      continue;
    }
    MacroFrame F;
    F.Name = Lexer::getImmediateMacroName(Loc, SM, LO).str();
    F.SpellingInDefinition = SM.getSpellingLoc(Loc);
    F.ExpansionRange = SM.getImmediateExpansionRange(Loc).getAsRange();
    Loc = F.ExpansionRange.getBegin();
    F.ExpansionLoc = Loc;
    Frames.push_back(std::move(F));
  }
  return Frames;
}

CharSourceRange spelledRange(SourceRange R, const SourceManager &SM,
                             const LangOptions &LO) {
  SourceLocation B = R.getBegin();
  SourceLocation E = R.getEnd();
  for (unsigned Guard = 0; Guard < 64 && B.isValid() && E.isValid(); ++Guard) {
    if (B.isFileID() && E.isFileID()) {
      if (SM.getFileID(B) != SM.getFileID(E) ||
          SM.isBeforeInTranslationUnit(E, B))
        return {};
      return CharSourceRange::getTokenRange(B, E);
    }
    if (B.isFileID() || E.isFileID())
      return {};
    if (SM.isMacroArgExpansion(B) && SM.isMacroArgExpansion(E)) {
      B = SM.getImmediateSpellingLoc(B);
      E = SM.getImmediateSpellingLoc(E);
      continue;
    }
    // Climb out of whole expansions, one level at a time, each end on its
    // own: `GFP_NOWAIT | __GFP_NOWARN` begins and ends in two expansions.
    // (Lexer::isAtStartOfMacroExpansion() answers for the whole stack.)
    SourceLocation MB;
    SourceLocation ME;
    SourceLocation AfterE =
        E.getLocWithOffset(static_cast<SourceLocation::IntTy>(
            Lexer::MeasureTokenLength(SM.getSpellingLoc(E), SM, LO)));
    bool Climbed = false;
    if (!SM.isMacroArgExpansion(B) &&
        SM.isAtStartOfImmediateMacroExpansion(B, &MB) &&
        (SM.getFileID(B) != SM.getFileID(E) ||
         SM.isAtEndOfImmediateMacroExpansion(AfterE, &ME))) {
      B = MB;
      Climbed = true;
    }
    if (!SM.isMacroArgExpansion(E) &&
        SM.isAtEndOfImmediateMacroExpansion(AfterE, &ME) &&
        (Climbed || SM.getFileID(B) != SM.getFileID(E))) {
      E = ME;
      Climbed = true;
    }
    if (Climbed)
      continue;
    if (SM.getFileID(B) != SM.getFileID(E))
      return {};
    B = SM.getImmediateSpellingLoc(B);
    E = SM.getImmediateSpellingLoc(E);
  }
  return {};
}

const Expr *nullComparedOperand(const BinaryOperator &BO, ASTContext &Ctx) {
  if (BO.getOpcode() != BO_EQ && BO.getOpcode() != BO_NE)
    return nullptr;
  if (BO.getRHS()->isNullPointerConstant(Ctx,
                                         Expr::NPC_ValueDependentIsNotNull))
    return BO.getLHS();
  if (BO.getLHS()->isNullPointerConstant(Ctx,
                                         Expr::NPC_ValueDependentIsNotNull))
    return BO.getRHS();
  return nullptr;
}

std::string spelledText(SourceRange R, const SourceManager &SM,
                        const LangOptions &LO) {
  return spelledText(spelledRange(R, SM, LO), SM, LO);
}

std::string spelledText(CharSourceRange CR, const SourceManager &SM,
                        const LangOptions &LO) {
  if (CR.isInvalid())
    return "";
  bool Invalid = false;
  llvm::StringRef Text = Lexer::getSourceText(CR, SM, LO, &Invalid);
  if (Invalid)
    return "";
  std::string Out;
  bool Space = false;
  for (char C : Text) {
    if (llvm::isSpace(C) || C == '\\') {
      Space = !Out.empty();
      continue;
    }
    if (Space)
      Out += ' ';
    Space = false;
    Out += C;
  }
  return Out;
}

namespace {
/// The parameter \p E names, through parentheses and implicit casts.
const ParmVarDecl *namedParameter(const Expr *E) {
  const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  return Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
}

/// Integer values of expressions in \p FD's body when one parameter is 0:
/// literals, sizeof and other constants, that parameter, arithmetic and
/// comparisons of these, and locals given one value in the whole body (by
/// their initializer, one assignment, or as the result of one
/// `__builtin_add_overflow()`, as the kernel's check_add_overflow() does).
/// Anything else, another parameter among them, has no value.
class ZeroParamEval {
public:
  ZeroParamEval(const FunctionDecl &FD, const ParmVarDecl &Zero)
      : FD(FD), Zero(Zero) {}

  std::optional<int64_t> value(const Expr *E, unsigned Depth = 0) {
    if (!E || Depth > 16)
      return std::nullopt;
    E = E->IgnoreParenCasts();
    if (E->isValueDependent())
      return std::nullopt;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
      if (Ref->getDecl() == &Zero) {
        ReadZero = true;
        return 0;
      }
      if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl()))
        return local(*VD, Depth);
      if (!isa<EnumConstantDecl>(Ref->getDecl()))
        return std::nullopt;
    }
    Expr::EvalResult R;
    if (E->EvaluateAsInt(R, FD.getASTContext()))
      return R.Val.getInt().tryExtValue();
    const auto *B = dyn_cast<BinaryOperator>(E);
    if (!B)
      return std::nullopt;
    std::optional<int64_t> L = value(B->getLHS(), Depth + 1);
    std::optional<int64_t> Rv =
        L ? value(B->getRHS(), Depth + 1) : std::nullopt;
    if (!Rv)
      return std::nullopt;
    switch (B->getOpcode()) {
    case BO_Add:
      return llvm::checkedAdd(*L, *Rv);
    case BO_Sub: {
      // An unsigned difference below 0 wraps: a value this does not model.
      std::optional<int64_t> D = llvm::checkedSub(*L, *Rv);
      if (D && *D < 0 && B->getType()->isUnsignedIntegerType())
        return std::nullopt;
      return D;
    }
    case BO_Mul:
      return llvm::checkedMul(*L, *Rv);
    case BO_LT:
      return *L < *Rv;
    case BO_GT:
      return *L > *Rv;
    case BO_LE:
      return *L <= *Rv;
    case BO_GE:
      return *L >= *Rv;
    case BO_EQ:
      return *L == *Rv;
    case BO_NE:
      return *L != *Rv;
    default:
      return std::nullopt;
    }
  }

  /// The parameter was read by a value computed so far.
  bool readZero() const { return ReadZero; }

private:
  /// The value of a local with one definition in the body.
  std::optional<int64_t> local(const VarDecl &VD, unsigned Depth) {
    if (!VD.isLocalVarDecl() || VD.isStaticLocal() ||
        !VD.getType()->isIntegerType() || !FD.getBody())
      return std::nullopt;
    const Expr *Def = VD.getInit();
    const CallExpr *Overflow = nullptr;
    unsigned Defs = Def ? 1 : 0;
    auto Names = [&](const Expr *E) {
      const auto *R = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
      return R && R->getDecl() == &VD;
    };
    walkEvaluated(FD.getBody(), [&](const Stmt &S) {
      if (const auto *B = dyn_cast<BinaryOperator>(&S);
          B && B->isAssignmentOp() && Names(B->getLHS())) {
        Defs += B->getOpcode() == BO_Assign ? 1 : 2;
        Def = B->getRHS();
      } else if (const auto *U = dyn_cast<UnaryOperator>(&S);
                 U && Names(U->getSubExpr())) {
        if (U->isIncrementDecrementOp())
          Defs += 2;
        else if (U->getOpcode() == UO_AddrOf)
          Defs += 1; // Counted as the builtin's result, or too many.
      } else if (const auto *C = dyn_cast<CallExpr>(&S);
                 C &&
                 C->getBuiltinCallee() == Builtin::BI__builtin_add_overflow &&
                 C->getNumArgs() == 3) {
        const auto *Out =
            dyn_cast<UnaryOperator>(C->getArg(2)->IgnoreParenImpCasts());
        if (Out && Out->getOpcode() == UO_AddrOf && Names(Out->getSubExpr()))
          Overflow = C;
      }
    });
    if (Defs != 1)
      return std::nullopt;
    if (Overflow) {
      std::optional<int64_t> A = value(Overflow->getArg(0), Depth + 1);
      std::optional<int64_t> B =
          A ? value(Overflow->getArg(1), Depth + 1) : std::nullopt;
      if (!B)
        return std::nullopt;
      return llvm::checkedAdd(*A, *B);
    }
    return value(Def, Depth + 1);
  }

  const FunctionDecl &FD;
  const ParmVarDecl &Zero;
  bool ReadZero = false;
};

/// The parameters a condition needs set to be true.
void conditionGuards(const FunctionDecl &FD, const Expr *Cond, uint32_t &Mask) {
  Cond = Cond->IgnoreParenImpCasts();
  auto Add = [&](const ParmVarDecl *P) {
    if (P && P->getDeclContext() == &FD && P->getFunctionScopeIndex() < 32)
      Mask |= 1U << P->getFunctionScopeIndex();
  };
  if (const auto *B = dyn_cast<BinaryOperator>(Cond)) {
    if (B->getOpcode() == BO_LAnd) {
      conditionGuards(FD, B->getLHS(), Mask);
      conditionGuards(FD, B->getRHS(), Mask);
      return;
    }
    if (B->getOpcode() == BO_NE)
      if (const Expr *Tested = nullComparedOperand(*B, FD.getASTContext())) {
        Add(namedParameter(Tested));
        return;
      }
    // `if (sizeof(*args) + size > sizeof(stack))`, directly or through a
    // local computed from the size: false when the size is 0.
    if (B->isRelationalOp() || B->isEqualityOp())
      for (const ParmVarDecl *P : FD.parameters()) {
        if (!P->getType()->isIntegerType())
          continue;
        ZeroParamEval Eval(FD, *P);
        std::optional<int64_t> V = Eval.value(B);
        if (V && *V == 0 && Eval.readZero())
          Add(P);
      }
    return;
  }
  Add(namedParameter(Cond));
}
} // namespace

uint32_t parameterGuards(const FunctionDecl &FD, const Stmt *Target) {
  Stmt *Body = FD.getBody();
  if (!Body || !Target)
    return 0;
  ParentMap PM(Body);
  uint32_t Mask = 0;
  const Stmt *Child = Target;
  for (const Stmt *P = PM.getParent(Child); P; Child = P, P = PM.getParent(P))
    if (const auto *If = dyn_cast<IfStmt>(P))
      if (If->getThen() == Child && If->getCond())
        conditionGuards(FD, If->getCond(), Mask);
  if (!Mask)
    return 0;
  // A parameter the body changes guards nothing.
  walkEvaluated(Body, [&](const Stmt &S) {
    const Expr *Changed = nullptr;
    if (const auto *B = dyn_cast<BinaryOperator>(&S); B && B->isAssignmentOp())
      Changed = B->getLHS();
    else if (const auto *U = dyn_cast<UnaryOperator>(&S);
             U && (U->isIncrementDecrementOp() || U->getOpcode() == UO_AddrOf))
      Changed = U->getSubExpr();
    if (const ParmVarDecl *P = Changed ? namedParameter(Changed) : nullptr)
      if (P->getFunctionScopeIndex() < 32)
        Mask &= ~(1U << P->getFunctionScopeIndex());
  });
  return Mask;
}

} // namespace gfp
