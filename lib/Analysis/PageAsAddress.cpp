//===-- PageAsAddress.cpp - Page descriptors used as addresses ------------===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Analysis/PageAsAddress.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringSet.h"

#include <memory>

using namespace clang;

namespace gfp {

PageAsAddressHandler::~PageAsAddressHandler() = default;

namespace {

/// True for `sizeof(struct page)` and `sizeof(*page)`.
bool isSizeofPageDescriptor(const Expr *E) {
  const auto *UE = dyn_cast<UnaryExprOrTypeTraitExpr>(E->IgnoreParenImpCasts());
  return UE && UE->getKind() == UETT_SizeOf &&
         isStructNamed(UE->getTypeOfArgument(), "page");
}

class Analyzer {
public:
  Analyzer(const FunctionDecl &FD, KernelModel &M, PageAsAddressHandler &H,
           const PageAsAddressOptions &Opts)
      : FD(FD), M(M), H(H), Opts(Opts) {
    llvm::StringRef Builtin[] = {
#define GFP_MEMORY_FUNCTION(Name) #Name,
#include "Analysis/KernelApi.def"
    };
    for (llvm::StringRef N : Builtin)
      MemoryFunctions.insert(N);
    for (const std::string &N : Opts.MemoryFunctions)
      MemoryFunctions.insert(N);
  }

  void run() {
    const Stmt *Body = FD.getBody();
    if (!Body)
      return;
    if (llvm::is_contained(Opts.IgnoredFunctions, FD.getName()))
      return;
    // Most functions convert no page descriptor: find that out cheaply.
    llvm::SmallVector<const CastExpr *, 4> ToPointer;
    walkEvaluated(Body, [&](const Stmt &S) {
      if (const auto *C = dyn_cast<CastExpr>(&S)) {
        if (isCandidate(*C))
          Candidates.push_back(C);
        else if (C->getCastKind() == CK_IntegralToPointer)
          ToPointer.push_back(C);
      }
    });
    if (Candidates.empty())
      return;
    collect(Body);
    // An integer that holds a descriptor (`p->addr = (unsigned long)page`)
    // turned back into a pointer.
    for (const CastExpr *C : ToPointer)
      if (Held.count(storageKey(C->getSubExpr())))
        Candidates.push_back(C);
    PM = std::make_unique<ParentMap>(const_cast<Stmt *>(Body));
    for (const CastExpr *C : Candidates)
      analyse(*C);
  }

private:
  const FunctionDecl &FD;
  KernelModel &M;
  PageAsAddressHandler &H;
  const PageAsAddressOptions &Opts;
  llvm::StringSet<> MemoryFunctions;
  std::unique_ptr<ParentMap> PM;

  llvm::SmallVector<const CastExpr *, 4> Candidates;
  /// Storage key -> the expression that assigned it an allocation.
  llvm::StringMap<const Expr *> Held;
  /// How many times each local is defined (initialiser or assignment).
  llvm::DenseMap<const VarDecl *, unsigned> Definitions;
  /// Every reference to each local.
  llvm::DenseMap<const VarDecl *, llvm::SmallVector<const DeclRefExpr *, 4>>
      Refs;

  bool isDescriptorType(QualType Pointee) const {
    return llvm::any_of(Opts.DescriptorTypes, [&](const std::string &N) {
      return isStructNamed(Pointee, N);
    });
  }

  bool isCandidate(const CastExpr &C) const {
    if (C.getCastKind() != CK_BitCast &&
        C.getCastKind() != CK_PointerToIntegral)
      return false;
    if (!isPageDescriptorPointer(C.getSubExpr()->getType()))
      return false;
    QualType To = C.getType();
    if (To->isIntegerType())
      return !To->isBooleanType();
    const auto *PT = To.getCanonicalType()->getAs<PointerType>();
    if (!PT || PT->getPointeeType()->isFunctionType())
      return false;
    return !isDescriptorType(PT->getPointeeType());
  }

  void noteAssignment(const Expr *LHS, const Expr *RHS) {
    std::string Key = storageKey(LHS);
    if (Key.empty())
      return;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(stripValue(LHS)))
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
        ++Definitions[VD];
    if (isPageDescriptorPointer(RHS->IgnoreParenImpCasts()->getType()) &&
        M.getAllocation(RHS)) {
      Held[Key] = RHS;
      return;
    }
    // A held descriptor copied through a cast, `p->addr = (unsigned long)
    // p->pg`: the copy holds the same descriptor, and using it as memory
    // later is the same mistake.
    if (RHS != LHS)
      if (std::string From = storageKey(RHS->IgnoreParenCasts());
          !From.empty() && From != Key)
        if (auto It = Held.find(From); It != Held.end())
          Held[Key] = It->second;
  }

  void collect(const Stmt *Body) {
    walkEvaluated(Body, [&](const Stmt &S) {
      if (const auto *DS = dyn_cast<DeclStmt>(&S)) {
        for (const Decl *D : DS->decls())
          if (const auto *VD = dyn_cast<VarDecl>(D))
            if (const Expr *Init = VD->getInit()) {
              ++Definitions[VD];
              if (isPageDescriptorPointer(VD->getType()) &&
                  M.getAllocation(Init))
                Held[storageKeyOf(*VD)] = Init;
            }
      } else if (const auto *BO = dyn_cast<BinaryOperator>(&S)) {
        if (BO->isAssignmentOp())
          noteAssignment(BO->getLHS(), BO->getRHS());
      } else if (const auto *UO = dyn_cast<UnaryOperator>(&S)) {
        if (UO->isIncrementDecrementOp())
          noteAssignment(UO->getSubExpr(), UO->getSubExpr());
      } else if (const auto *DRE = dyn_cast<DeclRefExpr>(&S)) {
        if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
          Refs[VD].push_back(DRE);
      }
    });
  }

  /// The parent of \p E, skipping parentheses and further pointer casts;
  /// \p Child is set to the last expression skipped.
  const Stmt *consumer(const Expr *E, const Expr *&Child,
                       bool ThroughOffsets = true) const {
    Child = E;
    const Stmt *P = PM->getParent(E);
    while (P) {
      const auto *PE = dyn_cast<Expr>(P);
      // `(u8 *)page + off` still points into the descriptor (container_of()
      // subtracts, and stays a view of the descriptor: not followed).
      const auto *Arith = dyn_cast_or_null<BinaryOperator>(PE);
      bool PointerStep = ThroughOffsets && Arith &&
                         Arith->getOpcode() == BO_Add &&
                         PE->getType()->isPointerType() &&
                         Arith->getLHS()->IgnoreParens() == Child;
      bool Transparent =
          PE && (isa<ParenExpr>(PE) || PointerStep ||
                 (isa<CastExpr>(PE) && PE->getType()->isPointerType() &&
                  !isPageDescriptorPointer(PE->getType())));
      if (!Transparent)
        break;
      // `struct folio *folio = (void *)page;` makes a descriptor again.
      if (isa<CastExpr>(PE) &&
          isDescriptorType(PE->getType()->getPointeeType()))
        return nullptr;
      Child = PE;
      P = PM->getParent(P);
    }
    return P;
  }

  /// A use of \p E's value as memory, following one local alias at most.
  const Expr *findMemoryUse(const Expr *E, unsigned Depth) const {
    const Expr *Child = nullptr;
    const Stmt *P = consumer(E, Child);
    if (!P)
      return nullptr;
    if (const auto *UO = dyn_cast<UnaryOperator>(P))
      return UO->getOpcode() == UO_Deref ? UO : nullptr;
    if (const auto *ASE = dyn_cast<ArraySubscriptExpr>(P))
      return ASE->getBase()->IgnoreParenImpCasts() ==
                     Child->IgnoreParenImpCasts()
                 ? ASE
                 : nullptr;
    if (const auto *ME = dyn_cast<MemberExpr>(P))
      return ME->isArrow() ? ME : nullptr;
    if (const auto *Call = dyn_cast<CallExpr>(P)) {
      if (Call->getCallee() == Child)
        return nullptr;
      llvm::StringRef Name = calleeName(*Call);
      Name.consume_front("__builtin_");
      if (!MemoryFunctions.contains(Name))
        return nullptr;
      for (const Expr *Arg : Call->arguments())
        if (isSizeofPageDescriptor(Arg))
          return nullptr;
      return Call;
    }
    if (Depth > 0)
      return nullptr;
    // One level through a local that holds only this value.
    const VarDecl *Alias = nullptr;
    if (const auto *DS = dyn_cast<DeclStmt>(P)) {
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D))
          if (VD->getInit() && VD->getInit()->IgnoreParenImpCasts() ==
                                   Child->IgnoreParenImpCasts())
            Alias = VD;
    } else if (const auto *BO = dyn_cast<BinaryOperator>(P)) {
      if (BO->getOpcode() == BO_Assign && BO->getRHS() == Child)
        if (const auto *DRE =
                dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts()))
          Alias = dyn_cast<VarDecl>(DRE->getDecl());
    }
    if (!Alias || !Alias->isLocalVarDecl() ||
        !Alias->getType()->isPointerType())
      return nullptr;
    auto Def = Definitions.find(Alias);
    if (Def == Definitions.end() || Def->second != 1)
      return nullptr;
    auto R = Refs.find(Alias);
    if (R == Refs.end())
      return nullptr;
    for (const DeclRefExpr *Ref : R->second)
      if (const Expr *Use = findMemoryUse(Ref, Depth + 1))
        return Use;
    return nullptr;
  }

  /// Conversions whose value feeds arithmetic or a comparison compute with
  /// the pointer rather than use it.
  bool feedsArithmetic(const CastExpr &C) const {
    const Expr *Child = nullptr;
    const Stmt *P = consumer(&C, Child, /*ThroughOffsets=*/false);
    const auto *BO = dyn_cast_or_null<BinaryOperator>(P);
    return BO &&
           (BO->isAdditiveOp() || BO->isComparisonOp() || BO->isBitwiseOp() ||
            BO->isShiftOp() || BO->isMultiplicativeOp());
  }

  /// True when the converted value goes straight back into a page or folio
  /// descriptor (`struct page *tp = (void *)alloc_page(...)`): nothing
  /// uses it as memory.
  bool backToDescriptor(const CastExpr &C) const {
    const Expr *Child = nullptr;
    const auto *Back = dyn_cast_or_null<CastExpr>(consumer(&C, Child));
    if (!Back || !Back->getType()->isPointerType())
      return false;
    return isPageDescriptorPointer(Back->getType()) ||
           isDescriptorType(Back->getType()->getPointeeType());
  }

  void analyse(const CastExpr &C) {
    if (backToDescriptor(C))
      return;
    PageConversion R;
    R.Cast = &C;
    R.MemoryUse = findMemoryUse(&C, 0);
    const Expr *Operand = C.getSubExpr();
    bool ToPointer = C.getType()->isPointerType();
    bool ToVoid = ToPointer && C.getType()->getPointeeType()->isVoidType();
    R.Alloc = M.getAllocation(Operand);
    if (R.Alloc) {
      // An implicit conversion to `void *` that is not used as memory is an
      // opaque cookie: mempool's `return alloc_pages(gfp, order);` from a
      // function returning `void *`. A written `(void *)` cast is not.
      if (ToVoid && !isa<ExplicitCastExpr>(C) && !R.MemoryUse)
        return;
      R.Reason = PageConversionReason::Allocation;
      H.handlePageAsAddress(R);
      return;
    }
    auto HeldIt = Held.find(storageKey(Operand));
    if (ToPointer && HeldIt != Held.end()) {
      bool TypedData = isa<ExplicitCastExpr>(C) &&
                       !C.getType()->getPointeeType()->isVoidType() &&
                       !feedsArithmetic(C);
      if (R.MemoryUse || TypedData) {
        R.Reason = PageConversionReason::HeldAllocation;
        R.Alloc = M.getAllocation(HeldIt->second);
        H.handlePageAsAddress(R);
        return;
      }
    }
    if (ToPointer && R.MemoryUse) {
      R.Reason = PageConversionReason::UsedAsMemory;
      H.handlePageAsAddress(R);
    }
  }
};

} // namespace

void runPageAsAddressAnalysis(const FunctionDecl &FD, KernelModel &M,
                              PageAsAddressHandler &H,
                              const PageAsAddressOptions &Opts) {
  Analyzer(FD, M, H, Opts).run();
}

} // namespace gfp
