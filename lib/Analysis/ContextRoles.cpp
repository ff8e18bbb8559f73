//===-- ContextRoles.cpp - The registration scanner
//-------------------------===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// One walk over the unit for what gives its functions a context: the
// registrations and ops tables of KernelApi.def, __init, sparse and Clang
// lock annotations, lockdep assertions and a comment that documents the
// context; and for the call sites of each function and the callbacks
// stored in struct fields, which the caller join and the facts read.
//
//===----------------------------------------------------------------------===//

#include "Analysis/ContextModelImpl.h"

#include "Analysis/CfgUtils.h"
#include "Analysis/FunctionIndex.h"
#include "Analysis/StmtUtils.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/CharInfo.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringMap.h"

#include <optional>
#include <set>
#include <tuple>

using namespace clang;

namespace gfp {

void ContextModelImpl::addRole(const FunctionDecl *FD, ContextKind K,
                               SourceLocation Loc,
                               const tree::RoleSource &Source) {
  if (!FD)
    return;
  Cached &C = Roles[canon(FD)];
  if (C.Why.empty())
    C.K = K;
  else if (C.K != K)
    C.K = ContextKind::Unknown; // Two registrations disagree.
  C.Why.push_back(Evidence{Evidence::Kind::Role, Loc, Source.encode(), FD});
}

bool ContextModelImpl::fieldRole(const RecordDecl *RD, const FieldDecl *Field,
                                 const Expr *Value,
                                 llvm::DenseSet<const DeclRefExpr *> &OkRefs) {
  if (!RD || !RD->getIdentifier() || !Field || !Field->getIdentifier())
    return false;
  // Every function stored in a struct's field: a call through that
  // field elsewhere in the tree reaches it.
  if (const FunctionDecl *Stored = callbackOf(Value))
    Stores.push_back({tree::memberKey(RD->getName(), Field->getName()), Stored,
                      Value->getBeginLoc()});
  for (const RoleField &F : RoleFields) {
    if (F.Field != Field->getName() || !structMatches(F, RD->getName()))
      continue;
    const FunctionDecl *CB = callbackOf(Value);
    if (!CB)
      return false;
    if (const DeclRefExpr *Ref = callbackRef(Value))
      OkRefs.insert(Ref);
    addRole(CB, F.K,
            Ctx.getSourceManager().getExpansionLoc(Value->getBeginLoc()),
            {tree::RoleSource::Kind::Field, RD->getName().str(), F.Field});
    return true;
  }
  return false;
}

void ContextModelImpl::forEachFieldInit(
    const InitListExpr *ILE,
    llvm::function_ref<void(const RecordDecl *, const FieldDecl *,
                            const Expr *)>
        Visit) {
  const InitListExpr *Sem =
      ILE->isSemanticForm() ? ILE : ILE->getSemanticForm();
  const RecordDecl *RD = Sem ? Sem->getType()->getAsRecordDecl() : nullptr;
  if (!RD || RD->isUnion())
    return;
  unsigned I = 0;
  for (const FieldDecl *F : RD->fields()) {
    if (I >= Sem->getNumInits())
      break;
    Visit(RD, F, Sem->getInit(I));
    ++I;
  }
}

void ContextModelImpl::scanInitList(
    const InitListExpr *ILE, llvm::DenseSet<const DeclRefExpr *> &OkRefs) {
  forEachFieldInit(ILE,
                   [&](const RecordDecl *RD, const FieldDecl *F,
                       const Expr *Value) { fieldRole(RD, F, Value, OkRefs); });
}

void ContextModelImpl::scanStmt(const Stmt *Body,
                                llvm::DenseSet<const DeclRefExpr *> &OkRefs) {
  walkEvaluated(Body, [&](const Stmt &S) { scanNode(nullptr, S, OkRefs); });
}

void ContextModelImpl::scanNode(const FunctionDecl *Caller, const Stmt &S,
                                llvm::DenseSet<const DeclRefExpr *> &OkRefs) {
  if (const auto *Call = dyn_cast<CallExpr>(&S)) {
    if (const DeclRefExpr *Ref = callbackRef(Call->getCallee()))
      OkRefs.insert(Ref);
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee)
      return;
    if (Caller && Callee->hasBody())
      Callers[canon(Callee)].push_back({Caller, Call});
    scanRoleCallFields(Caller, *Call);
    auto It = RoleCalls.find(calleeName(*Call));
    if (It == RoleCalls.end())
      return;
    for (const RoleCall &R : It->second) {
      if (R.Arg >= Call->getNumArgs())
        continue;
      const Expr *Arg = Call->getArg(R.Arg);
      if (const DeclRefExpr *Ref = callbackRef(Arg))
        OkRefs.insert(Ref);
      addRole(callbackOf(Arg), R.K,
              Ctx.getSourceManager().getExpansionLoc(Call->getBeginLoc()),
              R.Source);
    }
  } else if (const auto *BO = dyn_cast<BinaryOperator>(&S)) {
    if (BO->getOpcode() != BO_Assign)
      return;
    const auto *ME = dyn_cast<MemberExpr>(BO->getLHS()->IgnoreParenImpCasts());
    if (!ME)
      return;
    const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl());
    fieldRole(FD ? FD->getParent() : nullptr, FD, BO->getRHS(), OkRefs);
  } else if (const auto *ILE = dyn_cast<InitListExpr>(&S)) {
    scanInitList(ILE, OkRefs);
  } else if (const auto *DRE = dyn_cast<DeclRefExpr>(&S)) {
    const auto *FD = dyn_cast<FunctionDecl>(DRE->getDecl());
    if (FD && !OkRefs.count(DRE))
      Escaped.insert(canon(FD));
  }
}

void ContextModelImpl::scanRoleCallFields(const FunctionDecl *Caller,
                                          const CallExpr &Call) {
  auto It = RoleCallFields.find(calleeName(Call));
  if (It == RoleCallFields.end())
    return;
  for (const RoleCallField &R : It->second) {
    if (R.Arg >= Call.getNumArgs())
      continue;
    const auto *UO =
        dyn_cast<UnaryOperator>(Call.getArg(R.Arg)->IgnoreParenCasts());
    const auto *Ref =
        UO && UO->getOpcode() == UO_AddrOf
            ? dyn_cast<DeclRefExpr>(UO->getSubExpr()->IgnoreParenCasts())
            : nullptr;
    const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    const auto *ILE =
        VD ? dyn_cast_or_null<InitListExpr>(VD->getAnyInitializer()) : nullptr;
    if (!ILE) {
      assignedRoleField(Caller, Call, R);
      continue;
    }
    forEachFieldInit(
        ILE, [&](const RecordDecl *, const FieldDecl *F, const Expr *Value) {
          if (F->getIdentifier() && F->getName() == R.Field)
            addRole(callbackOf(Value), R.K,
                    Ctx.getSourceManager().getExpansionLoc(Call.getBeginLoc()),
                    R.Source);
        });
  }
}

void ContextModelImpl::assignedRoleField(const FunctionDecl *Caller,
                                         const CallExpr &Call,
                                         const RoleCallField &R) {
  if (!Caller || !Caller->getBody())
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  auto Compact = [&](const Expr *E) {
    std::string Out;
    for (char C : spelledText(E->getSourceRange(), SM, LO))
      if (!isWhitespace(C))
        Out += C;
    return Out;
  };
  const Expr *Arg = Call.getArg(R.Arg)->IgnoreParenCasts();
  bool Arrow = true;
  if (const auto *UO = dyn_cast<UnaryOperator>(Arg);
      UO && UO->getOpcode() == UO_AddrOf) {
    Arg = UO->getSubExpr()->IgnoreParenCasts();
    Arrow = false;
  }
  std::string Struct = Compact(Arg);
  if (Struct.empty())
    return;
  walkEvaluated(Caller->getBody(), [&](const Stmt &S) {
    const auto *B = dyn_cast<BinaryOperator>(&S);
    if (!B || B->getOpcode() != BO_Assign)
      return;
    const auto *ME = dyn_cast<MemberExpr>(B->getLHS()->IgnoreParenCasts());
    if (!ME || ME->isArrow() != Arrow ||
        !ME->getMemberDecl()->getIdentifier() ||
        ME->getMemberDecl()->getName() != R.Field ||
        Compact(ME->getBase()->IgnoreParenCasts()) != Struct)
      return;
    addRole(callbackOf(B->getRHS()), R.K,
            SM.getExpansionLoc(Call.getBeginLoc()), R.Source);
  });
}

void ContextModelImpl::scan() {
  if (Scanned)
    return;
  Scanned = true;
  llvm::DenseSet<const DeclRefExpr *> OkRefs;
  for (const Decl *D : Ctx.getTranslationUnitDecl()->decls()) {
    if (const auto *FD = dyn_cast<FunctionDecl>(D)) {
      if (!FD->doesThisDeclarationHaveABody())
        continue;
      if (const auto *SA = FD->getAttr<SectionAttr>())
        if (SA->getName() == ".init.text")
          addRole(FD, ContextKind::Sleepable, FD->getLocation(),
                  {tree::RoleSource::Kind::Init, "", ""});
      if (FD->getIdentifier() && FD->getName() == "__inittest")
        initcallRole(*FD, FD->getBody());
      for (const Stmt *S : Index.scanNodes(*FD))
        scanNode(FD, *S, OkRefs);
      scanAssertions(*FD);
      scanAnnotations(*FD);
    } else if (const auto *VD = dyn_cast<VarDecl>(D)) {
      if (VD->getInit()) {
        initcallRole(*VD, VD->getInit());
        scanStmt(VD->getInit(), OkRefs);
      }
    }
  }
}

void ContextModelImpl::initcallRole(const Decl &D, const Stmt *Body) {
  // module_init(fn) and the *_initcall(fn) macros make, in a module, an
  // `__inittest()` that returns fn, and in the kernel image a variable that
  // holds fn's address (`__ADDRESSABLE(fn)`, or the initcall itself): the
  // function runs at boot or at insmod, in process context, __init or not.
  SourceLocation Loc = D.getLocation();
  if (!Loc.isMacroID() || !Body)
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  bool FromInitcall = llvm::any_of(
      macroChain(Loc, SM, Ctx.getLangOpts()), [](const MacroFrame &F) {
        llvm::StringRef Name = F.Name;
        return Name == "module_init" || Name.ends_with("_initcall") ||
               Name.ends_with("_initcall_sync");
      });
  if (!FromInitcall)
    return;
  walkEvaluated(Body, [&](const Stmt &S) {
    if (const auto *DRE = dyn_cast<DeclRefExpr>(&S))
      if (const auto *Fn = dyn_cast<FunctionDecl>(DRE->getDecl())) {
        // An __init function says so itself, in its own note.
        const FunctionDecl *Def = Fn->getDefinition();
        const auto *SA = Def ? Def->getAttr<SectionAttr>() : nullptr;
        if (!SA || SA->getName() != ".init.text")
          addRole(Fn, ContextKind::Sleepable,
                  SM.getExpansionLoc(D.getLocation()),
                  {tree::RoleSource::Kind::Call, "module_init", "0"});
      }
  });
}

bool ContextModelImpl::isSpinningLock(QualType T) {
  if (T->isPointerType())
    T = T->getPointeeType();
  for (unsigned Guard = 0; Guard < 4; ++Guard) {
    const auto *TT = T->getAs<TypedefType>();
    if (!TT)
      return false;
    llvm::StringRef N = TT->getDecl()->getName();
    if (N == "spinlock_t" || N == "raw_spinlock_t" || N == "rwlock_t")
      return true;
    T = TT->getDecl()->getUnderlyingType();
  }
  return false;
}

const Type *ContextModelImpl::annotatedLockType(const FunctionDecl &FD,
                                                llvm::StringRef Arg) {
  Arg = Arg.trim();
  while (Arg.consume_front("&") || Arg.consume_front("("))
    Arg = Arg.trim();
  while (Arg.consume_back(")"))
    Arg = Arg.trim();
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  std::string Norm = Arg.str();
  for (size_t Pos; (Pos = Norm.find("->")) != std::string::npos;)
    Norm.replace(Pos, 2, ".");
  llvm::StringRef(Norm).split(Parts, '.');
  if (Parts.empty())
    return nullptr;
  auto IsIdent = [](llvm::StringRef S) {
    return !S.empty() &&
           llvm::all_of(S, [](char C) { return isAsciiIdentifierContinue(C); });
  };
  QualType T;
  llvm::StringRef Base = Parts.front().trim();
  if (!IsIdent(Base))
    return nullptr;
  for (const ParmVarDecl *P : FD.parameters())
    if (P->getName() == Base)
      T = P->getType();
  if (T.isNull())
    for (const NamedDecl *D :
         Ctx.getTranslationUnitDecl()->lookup(&Ctx.Idents.get(Base)))
      if (const auto *VD = dyn_cast<VarDecl>(D))
        T = VD->getType();
  if (T.isNull())
    return nullptr;
  for (size_t I = 1; I < Parts.size(); ++I) {
    llvm::StringRef Field = Parts[I].trim();
    if (!IsIdent(Field))
      return nullptr;
    if (T->isPointerType())
      T = T->getPointeeType();
    const RecordDecl *RD = T->getAsRecordDecl();
    if (!RD || !RD->getDefinition())
      return nullptr;
    QualType Next;
    for (const FieldDecl *F : RD->getDefinition()->fields())
      if (F->getIdentifier() && F->getName() == Field)
        Next = F->getType();
    if (Next.isNull())
      return nullptr;
    T = Next;
  }
  return T.getTypePtr();
}

void ContextModelImpl::scanAnnotations(const FunctionDecl &FD) {
  const SourceManager &SM = Ctx.getSourceManager();
  for (const auto *A : FD.specific_attrs<RequiresCapabilityAttr>())
    for (const Expr *Arg : A->args())
      if (Arg && isSpinningLock(Arg->getType())) {
        addRole(&FD, ContextKind::Atomic, SM.getExpansionLoc(A->getLocation()),
                {tree::RoleSource::Kind::HoldsSpinning, "", ""});
        return;
      }
  if (!FD.getBody())
    return;
  if (!MustHoldIndexed) {
    // Once per unit: the unit walk asks this of every function, the
    // headers' too, and few of them carry an annotation.
    MustHoldIndexed = true;
    for (const LockAnnotation &A : Annotations)
      if (A.Macro == "__must_hold") {
        SourceLocation L = SM.getExpansionLoc(A.Loc);
        MustHold[SM.getFileID(L)].push_back({L, &A});
      }
  }
  if (MustHold.empty())
    return;
  SourceLocation Begin = SM.getExpansionLoc(FD.getBeginLoc());
  auto InFile = MustHold.find(SM.getFileID(Begin));
  if (InFile == MustHold.end())
    return;
  SourceLocation End = SM.getExpansionLoc(FD.getBody()->getBeginLoc());
  for (const auto &[L, A] : InFile->second) {
    if (SM.isBeforeInTranslationUnit(L, Begin) ||
        !SM.isBeforeInTranslationUnit(L, End))
      continue;
    const Type *T = annotatedLockType(FD, A->Arg);
    if (T && isSpinningLock(QualType(T, 0))) {
      addRole(&FD, ContextKind::Atomic, L,
              {tree::RoleSource::Kind::MustHold, "", A->Arg});
      return;
    }
  }
}

bool ContextModelImpl::documentsAtomicContext(const FunctionDecl &FD) {
  static constexpr llvm::StringLiteral Phrases[] = {
      "interrupt handler", "interrupt context", "atomic context",
      "irq context",       "hardirq",           "softirq context",
      "in interrupt",      "from interrupt",    "interrupts disabled",
      "irqs disabled",     "must not sleep",    "cannot sleep",
      "can't sleep",       "may not sleep",     "can not sleep"};
  for (const FunctionDecl *R : FD.redecls()) {
    std::string Text = commentBefore(*R);
    for (llvm::StringRef P : Phrases)
      if (llvm::StringRef(Text).contains(P))
        return true;
  }
  return false;
}

std::string ContextModelImpl::commentBefore(const Decl &D) const {
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation Begin = SM.getExpansionLoc(D.getBeginLoc());
  if (Begin.isInvalid())
    return "";
  auto [File, Offset] = SM.getDecomposedLoc(Begin);
  bool Invalid = false;
  llvm::StringRef Buffer = SM.getBufferData(File, &Invalid);
  if (Invalid || Offset > Buffer.size())
    return "";
  llvm::StringRef Before = Buffer.take_front(Offset).rtrim();
  if (!Before.ends_with("*/"))
    return "";
  size_t Open = Before.rfind("/*");
  if (Open == llvm::StringRef::npos)
    return "";
  // A comment of its own, not one trailing the previous line's code
  // (`static int hits; /* bumped in interrupt context */`).
  size_t LineStart = Before.rfind('\n', Open);
  LineStart = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
  if (!Before.slice(LineStart, Open).trim().empty())
    return "";
  std::string Text;
  bool Space = false;
  for (char C : Before.substr(Open + 2).drop_back(2)) {
    if (isWhitespace(C) || C == '*') {
      Space = !Text.empty();
      continue;
    }
    if (Space)
      Text += ' ';
    Space = false;
    Text += toLowercase(C);
  }
  return Text;
}

bool ContextModelImpl::annotates(const FunctionDecl &R,
                                 SourceLocation L) const {
  const SourceManager &SM = Ctx.getSourceManager();
  L = SM.getExpansionLoc(L);
  SourceLocation Begin = SM.getExpansionLoc(R.getBeginLoc());
  if (SM.getFileID(L) != SM.getFileID(Begin) ||
      SM.isBeforeInTranslationUnit(L, Begin))
    return false;
  if (R.doesThisDeclarationHaveABody())
    return SM.isBeforeInTranslationUnit(
        L, SM.getExpansionLoc(R.getBody()->getBeginLoc()));
  SourceLocation End = SM.getExpansionLoc(R.getEndLoc());
  if (SM.isBeforeInTranslationUnit(L, End))
    return true;
  auto [EndFile, EndOff] = SM.getDecomposedLoc(End);
  auto [LFile, LOff] = SM.getDecomposedLoc(L);
  if (LOff - EndOff > 256)
    return false;
  llvm::StringRef Between =
      SM.getBufferData(EndFile).substr(EndOff, LOff - EndOff);
  return Between.find_first_of(";{}=") == llvm::StringRef::npos;
}

void ContextModelImpl::scanAssertions(const FunctionDecl &FD) {
  const auto *Body = dyn_cast_or_null<CompoundStmt>(FD.getBody());
  if (!Body)
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  for (const Stmt *S : Body->body()) {
    SourceLocation Loc = S->getBeginLoc();
    if (!Loc.isMacroID())
      continue;
    std::string Macro;
    for (const MacroFrame &F : macroChain(Loc, SM, Ctx.getLangOpts()))
      Macro = F.Name;
    if (Macro == "WARN_ON" || Macro == "WARN_ON_ONCE") {
      // `WARN_ON(!irqs_disabled())`: the author states that interrupts
      // are off. Read as written: irqs_disabled() is a macro too.
      StringRef Text = Lexer::getSourceText(
          SM.getExpansionRange(S->getSourceRange()), SM, Ctx.getLangOpts());
      std::string Compact;
      for (char C : Text)
        if (!isWhitespace(C))
          Compact += C;
      StringRef Arg(Compact);
      if (Arg.consume_front(Macro) &&
          (Arg == "(!irqs_disabled())" || Arg == "(!raw_irqs_disabled())"))
        addRole(&FD, ContextKind::Atomic, SM.getExpansionLoc(Loc),
                {tree::RoleSource::Kind::AssertsIrqsOff, Macro, ""});
      continue;
    }
    if (Macro == "lockdep_assert_irqs_disabled" ||
        Macro == "lockdep_assert_in_softirq" ||
        Macro == "lockdep_assert_in_irq" ||
        Macro == "lockdep_assert_preemption_disabled") {
      addRole(&FD, ContextKind::Atomic, SM.getExpansionLoc(Loc),
              {tree::RoleSource::Kind::AssertsAtomic, Macro, ""});
      continue;
    }
    if (Macro != "lockdep_assert_held" &&
        Macro != "lockdep_assert_held_write" &&
        Macro != "lockdep_assert_held_read")
      continue;
    // The lock named in the expansion: the first expression of a lock
    // type, or a pointer to one.
    bool Spinning = false;
    walkEvaluated(S, [&](const Stmt &Sub) {
      const auto *E = dyn_cast<Expr>(&Sub);
      if (!E || Spinning)
        return;
      QualType T = E->getType();
      if (T->isPointerType())
        T = T->getPointeeType();
      if (const auto *TT = T->getAs<TypedefType>()) {
        llvm::StringRef N = TT->getDecl()->getName();
        Spinning =
            N == "spinlock_t" || N == "raw_spinlock_t" || N == "rwlock_t";
      }
    });
    if (Spinning)
      addRole(&FD, ContextKind::Atomic, SM.getExpansionLoc(Loc),
              {tree::RoleSource::Kind::AssertsSpinningHeld, Macro, ""});
  }
}

} // namespace gfp
