//===-- PageFree.cpp - Pages freed through the wrong API ------------------===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Analysis/PageFree.h"

#include "Analysis/PageFlow.h"
#include "clang/AST/ParentMap.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/FoldingSet.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringMap.h"

using namespace clang;

namespace gfp {

PageFreeHandler::~PageFreeHandler() = default;

const FreeInfo *lookupFree(llvm::StringRef Name) {
  static const llvm::StringMap<FreeInfo> Table = [] {
    llvm::StringMap<FreeInfo> T;
#define GFP_FREE_FUNCTION(Name, Takes, Arg, OrderArg)                          \
  T[#Name] = FreeInfo{FreeTakes::Takes, Arg, OrderArg};
#include "Analysis/KernelApi.def"
    return T;
  }();
  auto It = Table.find(Name);
  return It == Table.end() ? nullptr : &It->second;
}

namespace {

/// True for the functions that turn a descriptor into an address.
bool isAddressMaker(llvm::StringRef Name) {
  const PageConverterInfo *C = lookupPageConverter(Name);
  return C && C->MakesAddress;
}

/// True when \p E is an address made from a page or a physical address:
/// a call of page_address() and the like, or a macro such as __va(), which
/// the kernel's headers define as arithmetic.
bool makesAddress(const Expr *E, const ASTContext &Ctx) {
  if (const auto *Call = dyn_cast<CallExpr>(E))
    if (isAddressMaker(calleeName(*Call)))
      return true;
  if (!E->getBeginLoc().isMacroID())
    return false;
  return llvm::any_of(
      macroChain(E->getBeginLoc(), Ctx.getSourceManager(), Ctx.getLangOpts()),
      [](const MacroFrame &F) { return isAddressMaker(F.Name); });
}

std::optional<uint64_t> allocOrder(const AllocationSite &A, KernelModel &M) {
  if (A.Info.OrderArg >= 0) {
    if (static_cast<unsigned>(A.Info.OrderArg) >= A.Call->getNumArgs())
      return std::nullopt;
    return M.constantOrder(A.Call->getArg(A.Info.OrderArg));
  }
  if (A.Info.FixedOrder)
    return M.constantOrder(A.Info.FixedOrder);
  return 0;
}

/// One free call and how to read it.
struct FreeCall {
  const CallExpr *Call;
  const FreeInfo *Info; // of the called function: argument positions
  std::string Written;  // the name the user wrote (`__free_page`)
  /// For a call of a free helper: the helper, with the order it frees
  /// when its Info has no order argument.
  const FreeHelper *Helper = nullptr;
  const FunctionDecl *HelperFn = nullptr;
};

class FreeAnalyzer {
public:
  FreeAnalyzer(const FunctionDecl &FD, KernelModel &M, PageFreeHandler &H,
               FieldAllocations *Fields, FreeHelpers *Helpers)
      : FD(FD), M(M), H(H), Ctx(M.getASTContext()), Fields(Fields),
        Helpers(Helpers) {}

  void run() {
    const SourceManager &SM = Ctx.getSourceManager();
    walkEvaluated(FD.getBody(), [&](const Stmt &S) {
      const auto *Call = dyn_cast<CallExpr>(&S);
      if (!Call)
        return;
      const FreeInfo *Info = lookupFree(calleeName(*Call));
      if (!Info && Helpers) {
        const FunctionDecl *Callee = Call->getDirectCallee();
        if (const FreeHelper *Helper =
                Callee && Callee->getCanonicalDecl() != FD.getCanonicalDecl()
                    ? Helpers->lookup(Callee)
                    : nullptr;
            Helper &&
            static_cast<unsigned>(Helper->Info.Arg) < Call->getNumArgs() &&
            (Helper->Info.OrderArg < 0 ||
             static_cast<unsigned>(Helper->Info.OrderArg) < Call->getNumArgs()))
          Frees.push_back(
              FreeCall{Call, &Helper->Info, Helper->InnerName, Helper, Callee});
        return;
      }
      if (!Info || Info->Arg < 0 ||
          static_cast<unsigned>(Info->Arg) >= Call->getNumArgs())
        return;
      // The name the user wrote: `__free_page(p)` is __free_pages((p), 0).
      std::string Written = calleeName(*Call).str();
      for (const MacroFrame &F :
           macroChain(Call->getBeginLoc(), SM, Ctx.getLangOpts()))
        if (lookupFree(F.Name))
          Written = F.Name;
      Frees.push_back(FreeCall{Call, Info, Written});
    });
    if (Frees.empty())
      return;

    // The allocation each freed argument holds, where the flow knows it.
    llvm::DenseMap<const CallExpr *, const AllocationSite *> Origin;
    std::vector<AllocationSite> Sites;
    CorrelatedSites = M.collectAllocationSites(FD.getBody());
    for (const AllocationSite &Site : CorrelatedSites)
      if (Site.Info.Result != AllocResult::Slab)
        Sites.push_back(Site);
    std::optional<flow::Analyzer> A;
    if (!Sites.empty()) {
      A.emplace(FD, M, nullptr, 0);
      A->setSites(std::move(Sites));
      if (A->solve()) {
        llvm::DenseMap<const CallExpr *, const FreeInfo *> IsFree;
        for (const FreeCall &F : Frees)
          IsFree[F.Call] = F.Info;
        auto SiteOf = [&](const Expr *Arg,
                          const flow::State &St) -> std::optional<unsigned> {
          if (std::optional<unsigned> Site = A->siteOfExpr(Arg))
            return Site;
          const flow::Fact *Fact = A->lookup(Arg, St);
          // An origin on some paths only (`v` held something else on the
          // others) is no origin: correlatedAllocation() looks at those.
          if (!Fact || Fact->Mixed || Fact->Partial)
            return std::nullopt;
          return Fact->Site;
        };
        A->replay([&](const Stmt &S, const flow::State &St) {
          const auto *Call = dyn_cast<CallExpr>(&S);
          if (!Call)
            return;
          // split_page(page, order) turns one order-N allocation into 2^N
          // order-0 pages, each freed with __free_page().
          if (calleeName(*Call) == "split_page" && Call->getNumArgs() > 0) {
            if (std::optional<unsigned> Site = SiteOf(Call->getArg(0), St))
              Split.insert(&A->sites()[*Site]);
            return;
          }
          const FreeInfo *Info = IsFree.lookup(Call);
          if (!Info)
            return;
          const Expr *Arg = Call->getArg(Info->Arg);
          if (std::optional<unsigned> Site = SiteOf(Arg, St))
            Origin[Call] = &A->sites()[*Site];
        });
      }
    }

    for (const FreeCall &F : Frees) {
      const AllocationSite *Alloc = Origin.lookup(F.Call);
      // What the argument's own type makes certain comes first.
      const Expr *Bare = F.Call->getArg(F.Info->Arg)->IgnoreParenCasts();
      if (F.Info->Takes != FreeTakes::PageDescriptor &&
          isPageDescriptorPointer(Bare->getType()))
        report(F, FreeMismatch::Kind::DescriptorToOtherFree, Alloc);
      else if (F.Info->Takes == FreeTakes::PageDescriptor &&
               (makesAddress(Bare, Ctx) || holdsAddress(Bare) ||
                fieldHoldsAddress(Bare)))
        report(F, FreeMismatch::Kind::AddressToOtherFree, Alloc);
      else if (Alloc)
        judge(F, *Alloc);
      else if (const AllocationSite *Filled = fieldAllocation(Bare))
        judge(F, *Filled);
      else if (const AllocationSite *Chosen = correlatedAllocation(F, Bare))
        judge(F, *Chosen);
    }
  }

private:
  const FunctionDecl &FD;
  KernelModel &M;
  PageFreeHandler &H;
  ASTContext &Ctx;
  FieldAllocations *Fields;
  FreeHelpers *Helpers;
  std::unique_ptr<ParentMap> Parents;

  /// True when \p E names a local pointer that is set once, from an
  /// address maker: `void *va = page_address(page); ... __free_page(va);`
  /// (C converts the `void *` back without a cast).
  bool holdsAddress(const Expr *E) const {
    const auto *DRE = dyn_cast<DeclRefExpr>(E);
    const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    if (!VD || !VD->isLocalVarDecl() || !VD->getType()->isPointerType() ||
        isPageDescriptorPointer(VD->getType()))
      return false;
    unsigned Defs = VD->getInit() ? 1 : 0;
    const Expr *Value = VD->getInit();
    walkEvaluated(FD.getBody(), [&](const Stmt &S) {
      const Expr *Assigned = nullptr;
      if (writtenVariable(S, &Assigned) != VD)
        return;
      // An assignment defines it once more; `&va` or `va++` ends the count.
      if (Assigned) {
        ++Defs;
        Value = Assigned;
      } else {
        Defs += 2;
      }
    });
    return Defs == 1 && Value && makesAddress(Value->IgnoreParenCasts(), Ctx);
  }

  /// True when \p E names a field the unit fills only with addresses.
  bool fieldHoldsAddress(const Expr *E) const {
    const auto *ME = dyn_cast<MemberExpr>(E);
    const auto *Field = ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
    return Fields && Field && !isPageDescriptorPointer(Field->getType()) &&
           Fields->holdsAddress(Field);
  }

  /// The allocation the unit stores in the field \p E names.
  const AllocationSite *fieldAllocation(const Expr *E) const {
    const auto *ME = dyn_cast<MemberExpr>(E);
    if (!Fields || !ME)
      return nullptr;
    const auto *Field = dyn_cast<FieldDecl>(ME->getMemberDecl());
    return Field ? Fields->lookup(Field) : nullptr;
  }
  /// The branch of an if statement \p S lies in: the statement, and true
  /// for its then-branch. Only the nearest if counts.
  std::optional<std::pair<const IfStmt *, bool>> branchOf(const Stmt *S) {
    // The function's own parent map: the unit's (ASTContext::getParents)
    // would be built over every body of the unit, on the first free of a
    // local.
    if (!Parents)
      Parents = std::make_unique<ParentMap>(FD.getBody());
    const Stmt *Child = S;
    for (unsigned Guard = 0; Guard < 64; ++Guard) {
      const Stmt *P = Parents->getParent(Child);
      if (!P)
        return std::nullopt;
      if (const auto *If = dyn_cast<IfStmt>(P)) {
        if (If->getThen() == Child)
          return std::make_pair(If, true);
        if (If->getElse() == Child)
          return std::make_pair(If, false);
        return std::nullopt; // The condition itself.
      }
      Child = P;
    }
    return std::nullopt;
  }

  /// `if (fixed) v = ioremap(...); else v = __get_free_pages(...);` and
  /// later `if (fixed) iounmap(v); else kfree(v);`: the same condition,
  /// on variables nothing assigns, decides both, so the free in the else
  /// branch frees what the else branch allocated. The allocation, when
  /// \p Arg and the free have that shape.
  const AllocationSite *correlatedAllocation(const FreeCall &F,
                                             const Expr *Arg) {
    const auto *Ref = dyn_cast<DeclRefExpr>(Arg);
    const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (!Var || !Var->hasLocalStorage())
      return nullptr;
    std::optional<std::pair<const IfStmt *, bool>> FreeIn = branchOf(F.Call);
    if (!FreeIn || !FreeIn->first->getElse())
      return nullptr;
    // Every store into the variable, and every variable of the condition
    // stored after its declaration.
    const Expr *FreeCond = FreeIn->first->getCond()->IgnoreParenImpCasts();
    llvm::SmallPtrSet<const VarDecl *, 4> CondVars;
    bool Plain = true;
    walkEvaluated(FreeCond, [&](const Stmt &S) {
      if (const auto *R = dyn_cast<DeclRefExpr>(&S)) {
        const auto *V = dyn_cast<VarDecl>(R->getDecl());
        if (V && V->hasLocalStorage())
          CondVars.insert(V);
        else if (!isa<EnumConstantDecl>(R->getDecl()))
          Plain = false;
      } else if (isa<CallExpr>(&S) || isa<MemberExpr>(&S)) {
        Plain = false;
      }
    });
    if (!Plain || CondVars.empty())
      return nullptr;
    std::vector<const BinaryOperator *> Stores;
    bool CondChanged = false;
    walkEvaluated(FD.getBody(), [&](const Stmt &S) {
      const Expr *Target = nullptr;
      if (const auto *BO = dyn_cast<BinaryOperator>(&S)) {
        if (BO->isAssignmentOp())
          Target = BO->getLHS()->IgnoreParenImpCasts();
        if (BO->getOpcode() == BO_Assign && Target &&
            isa<DeclRefExpr>(Target) &&
            cast<DeclRefExpr>(Target)->getDecl() == Var)
          Stores.push_back(BO);
      } else if (const auto *UO = dyn_cast<UnaryOperator>(&S)) {
        if (UO->isIncrementDecrementOp() || UO->getOpcode() == UO_AddrOf)
          Target = UO->getSubExpr()->IgnoreParenImpCasts();
      }
      if (const auto *R = dyn_cast_or_null<DeclRefExpr>(Target))
        if (const auto *V = dyn_cast<VarDecl>(R->getDecl());
            V && CondVars.count(V))
          CondChanged = true;
    });
    if (CondChanged || Stores.size() != 2)
      return nullptr;
    // Both stores in the two branches of one earlier if with the same
    // condition.
    std::optional<std::pair<const IfStmt *, bool>> A = branchOf(Stores[0]);
    std::optional<std::pair<const IfStmt *, bool>> B = branchOf(Stores[1]);
    if (!A || !B || A->first != B->first || A->second == B->second ||
        A->first == FreeIn->first)
      return nullptr;
    llvm::FoldingSetNodeID AllocId, FreeId;
    A->first->getCond()->IgnoreParenImpCasts()->Profile(AllocId, Ctx, true);
    FreeCond->Profile(FreeId, Ctx, true);
    if (AllocId != FreeId)
      return nullptr;
    const BinaryOperator *Same =
        A->second == FreeIn->second ? Stores[0] : Stores[1];
    // The store on the free's side must be an allocation of this
    // function.
    for (const AllocationSite &Site : CorrelatedSites) {
      // Page allocations only: the slab ones are judged by nobody here.
      if (Site.Info.Result == AllocResult::Slab)
        continue;
      const Expr *Value = Same->getRHS()->IgnoreParenCasts();
      if (Value == Site.E->IgnoreParenCasts() ||
          Value == Site.Call->IgnoreParenCasts())
        return &Site;
    }
    return nullptr;
  }

  std::vector<FreeCall> Frees;
  /// The function's allocations, for correlatedAllocation().
  std::vector<AllocationSite> CorrelatedSites;
  llvm::DenseSet<const CallExpr *> Done;
  /// Allocations given to split_page(): their pages are order 0 after it.
  llvm::DenseSet<const AllocationSite *> Split;

  void judge(const FreeCall &F, const AllocationSite &A) {
    bool IsPage = A.Info.Result == AllocResult::PageDescriptor;
    if (F.Info->Takes == FreeTakes::Slab) {
      report(F,
             IsPage ? FreeMismatch::Kind::DescriptorToOtherFree
                    : FreeMismatch::Kind::AddressToOtherFree,
             &A);
      return;
    }
    if (IsPage != (F.Info->Takes == FreeTakes::PageDescriptor)) {
      report(F,
             IsPage ? FreeMismatch::Kind::DescriptorToOtherFree
                    : FreeMismatch::Kind::AddressToOtherFree,
             &A);
      return;
    }
    std::optional<uint64_t> Allocated = allocOrder(A, M);
    std::optional<uint64_t> Freed = F.Helper ? F.Helper->Order : 0;
    if (F.Info->OrderArg >= 0) {
      if (static_cast<unsigned>(F.Info->OrderArg) >= F.Call->getNumArgs())
        return;
      Freed = M.constantOrder(F.Call->getArg(F.Info->OrderArg));
    }
    if (Split.count(&A))
      Allocated = 0;
    // An order computed at run time (`dev_alloc_pages(ring_pg_order(ring))`)
    // freed as order 0 (__free_page() is a macro over __free_pages(p, 0)):
    // wrong unless that order is always 0, which nothing here proves. An
    // order held in a variable is left alone: code often tests it before
    // choosing the free.
    if (!Allocated && Freed && *Freed == 0 && A.Info.OrderArg >= 0 &&
        static_cast<unsigned>(A.Info.OrderArg) < A.Call->getNumArgs()) {
      const Expr *Order = A.Call->getArg(A.Info.OrderArg);
      if (!Order->isValueDependent() &&
          !isa<DeclRefExpr>(Order->IgnoreParenImpCasts())) {
        FreeMismatch R = make(F, FreeMismatch::Kind::OrderMismatch, &A);
        R.AllocOrderExpr = Order;
        R.FreeOrder = 0;
        Done.insert(F.Call);
        H.handleFreeMismatch(R);
        return;
      }
    }
    if (Allocated && Freed && *Allocated != *Freed) {
      FreeMismatch R = make(F, FreeMismatch::Kind::OrderMismatch, &A);
      R.AllocOrder = *Allocated;
      R.FreeOrder = *Freed;
      Done.insert(F.Call);
      H.handleFreeMismatch(R);
    }
  }

  FreeMismatch make(const FreeCall &F, FreeMismatch::Kind K,
                    const AllocationSite *A) {
    FreeMismatch R;
    R.K = K;
    R.Free = F.Call;
    R.Arg = F.Call->getArg(F.Info->Arg);
    R.FreeName = F.Written;
    R.Takes = F.Info->Takes;
    if (F.Helper) {
      R.Helper = F.HelperFn;
      R.HelperFree = F.Helper->Inner;
    }
    if (A) {
      R.Alloc = *A;
      if (std::optional<uint64_t> Order = allocOrder(*A, M))
        R.AllocOrder = *Order;
      else
        R.AllocOrderUnknown = true;
    }
    return R;
  }

  void report(const FreeCall &F, FreeMismatch::Kind K,
              const AllocationSite *A) {
    if (!Done.insert(F.Call).second)
      return;
    H.handleFreeMismatch(make(F, K, A));
  }
};

} // namespace

const AllocationSite *FieldAllocations::lookup(const FieldDecl *Field) {
  if (!Scanned)
    scan();
  auto It = Stored.find(Field->getCanonicalDecl());
  if (It == Stored.end())
    return nullptr;
  std::optional<AllocationSite> &Site = It->second;
  return Site.has_value() ? &Site.value() : nullptr;
}

bool FieldAllocations::holdsAddress(const FieldDecl *Field) {
  if (!Scanned)
    scan();
  // A union's member shares its storage with the others.
  return !Field->getParent()->isUnion() &&
         Addresses.lookup(Field->getCanonicalDecl());
}

void FieldAllocations::scan() {
  Scanned = true;
  ASTContext &Ctx = M.getASTContext();
  const SourceManager &SM = Ctx.getSourceManager();
  auto InMain = [&](SourceLocation L) {
    return L.isValid() && SM.isInMainFile(SM.getExpansionLoc(L));
  };
  auto Record = [&](const FieldDecl *Field, const Expr *Value) {
    const RecordDecl *RD = Field->getParent();
    // Only a struct the main file defines: no other unit fills it.
    if (!RD || !InMain(RD->getLocation()))
      return;
    Value = Value->IgnoreParenCasts();
    if (Value->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
      return;
    bool Address = makesAddress(Value, Ctx);
    if (auto [It, Inserted] =
            Addresses.try_emplace(Field->getCanonicalDecl(), Address);
        !Inserted)
      It->second = It->second && Address;
    std::optional<AllocationSite> Site = M.getAllocation(Value);
    auto [It, Inserted] = Stored.try_emplace(Field->getCanonicalDecl(), Site);
    if (Inserted || !It->second)
      return;
    if (!Site || Site->Info.Result != It->second->Info.Result ||
        allocOrder(*Site, M) != allocOrder(*It->second, M) ||
        !allocOrder(*Site, M))
      It->second.reset();
  };
  auto Visit = [&](const Stmt &S) {
    // What is written through the field's address (`get_buf(&b->va)`,
    // WRITE_ONCE(), xchg()) or by an initializer list is not seen: such
    // a field may hold anything.
    if (const auto *UO = dyn_cast<UnaryOperator>(&S);
        UO && UO->getOpcode() == UO_AddrOf) {
      if (const auto *ME =
              dyn_cast<MemberExpr>(UO->getSubExpr()->IgnoreParenImpCasts()))
        if (const auto *Field = dyn_cast<FieldDecl>(ME->getMemberDecl()))
          Addresses[Field->getCanonicalDecl()] = false;
      return;
    }
    if (const auto *Written = dyn_cast<InitListExpr>(&S)) {
      // The semantic form holds the values by field.
      const InitListExpr *ILE =
          Written->isSemanticForm() ? Written : Written->getSemanticForm();
      if (!ILE)
        return;
      const RecordDecl *RD = ILE->getType()->getAsRecordDecl();
      if (RD && !ILE->getType()->isUnionType())
        for (const FieldDecl *F : RD->fields())
          if (F->getFieldIndex() < ILE->getNumInits())
            if (const Expr *V = ILE->getInit(F->getFieldIndex());
                V && !V->isNullPointerConstant(
                         Ctx, Expr::NPC_ValueDependentIsNotNull))
              Addresses[F->getCanonicalDecl()] = false;
      return;
    }
    const auto *BO = dyn_cast<BinaryOperator>(&S);
    if (!BO || !BO->isAssignmentOp())
      return;
    const auto *ME = dyn_cast<MemberExpr>(BO->getLHS()->IgnoreParenImpCasts());
    const auto *Field = ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
    if (!Field)
      return;
    if (BO->getOpcode() != BO_Assign) {
      Stored[Field->getCanonicalDecl()] = std::nullopt;
      Addresses[Field->getCanonicalDecl()] = false;
      return;
    }
    Record(Field, BO->getRHS());
  };
  for (const Decl *D : Ctx.getTranslationUnitDecl()->decls()) {
    if (const auto *Fn = dyn_cast<FunctionDecl>(D);
        Fn && Fn->doesThisDeclarationHaveABody() && InMain(Fn->getLocation()))
      walkEvaluated(Fn->getBody(), Visit);
    else if (const auto *Var = dyn_cast<VarDecl>(D);
             Var && Var->getInit() && InMain(Var->getLocation()))
      walkEvaluated(Var->getInit(), Visit);
  }
  // Slab and vmalloc memory is not this map's: kfree() of it is right.
  for (auto &Entry : Stored) {
    std::optional<AllocationSite> &Site = Entry.second;
    if (Site.has_value() && Site.value().Info.Result == AllocResult::Slab)
      Site.reset();
  }
}

const FreeHelper *FreeHelpers::lookup(const FunctionDecl *FD) {
  const FunctionDecl *Def = FD ? FD->getDefinition() : nullptr;
  if (!Def || !Def->hasBody())
    return nullptr;
  auto It = Cache.find(Def);
  if (It == Cache.end()) {
    // find() may look up other helpers and grow the map: insert after.
    std::unique_ptr<FreeHelper> Found = find(*Def);
    It = Cache.try_emplace(Def, std::move(Found)).first;
  }
  return It->second.get();
}

bool FreeHelpers::callsHelper(const FunctionDecl &FD) {
  for (const Stmt *S : Index.scanNodes(FD))
    if (const auto *Call = dyn_cast<CallExpr>(S))
      if (const FunctionDecl *Callee = Call->getDirectCallee();
          Callee && Callee->getCanonicalDecl() != FD.getCanonicalDecl() &&
          lookup(Callee))
        return true;
  return false;
}

std::unique_ptr<FreeHelper> FreeHelpers::find(const FunctionDecl &Def) {
  if (!Index.facts(Def).Free || Def.isVariadic())
    return nullptr;
  // Exactly one page free in the body, of a parameter as passed.
  const CallExpr *Inner = nullptr;
  const FreeInfo *Info = nullptr;
  unsigned Count = 0;
  walkEvaluated(Def.getBody(), [&](const Stmt &S) {
    const auto *Call = dyn_cast<CallExpr>(&S);
    if (!Call)
      return;
    const FreeInfo *I = lookupFree(calleeName(*Call));
    if (!I || I->Takes == FreeTakes::Slab)
      return;
    ++Count;
    Inner = Call;
    Info = I;
  });
  if (Count != 1 || Info->Arg < 0 ||
      static_cast<unsigned>(Info->Arg) >= Inner->getNumArgs())
    return nullptr;
  auto ParamOf = [&](const Expr *E) -> const ParmVarDecl * {
    const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenCasts());
    const auto *P = DRE ? dyn_cast<ParmVarDecl>(DRE->getDecl()) : nullptr;
    return P && P->getDeclContext() == &Def ? P : nullptr;
  };
  const ParmVarDecl *Freed = ParamOf(Inner->getArg(Info->Arg));
  if (!Freed || isPageDescriptorPointer(Freed->getType()) !=
                    (Info->Takes == FreeTakes::PageDescriptor))
    return nullptr;
  // Whether the free runs may depend on the page alone (`if (p)`,
  // `if (page_ref_dec_and_test(p))`), not on anything else the helper is
  // given or reads (`if (owned)`, `if (ring->big)`): a call of such a
  // helper may free nothing.
  bool OnPageAlone = true;
  auto OnlyThePage = [&](const Expr *Cond) {
    walkEvaluated(Cond, [&](const Stmt &S) {
      if (const auto *R = dyn_cast<DeclRefExpr>(&S))
        OnPageAlone &= R->getDecl() == Freed ||
                       isa<FunctionDecl, EnumConstantDecl>(R->getDecl());
      else if (isa<MemberExpr>(&S))
        OnPageAlone &= false;
    });
  };
  walkEvaluated(Def.getBody(), [&](const Stmt &S) {
    if (const auto *If = dyn_cast<IfStmt>(&S))
      OnlyThePage(If->getCond());
    else if (const auto *W = dyn_cast<WhileStmt>(&S))
      OnlyThePage(W->getCond());
    else if (const auto *D = dyn_cast<DoStmt>(&S))
      OnlyThePage(D->getCond());
    else if (const auto *F = dyn_cast<ForStmt>(&S)) {
      if (F->getCond())
        OnlyThePage(F->getCond());
    } else if (const auto *Sw = dyn_cast<SwitchStmt>(&S))
      OnlyThePage(Sw->getCond());
    else if (const auto *CO = dyn_cast<AbstractConditionalOperator>(&S))
      OnlyThePage(CO->getCond());
    else if (const auto *BO = dyn_cast<BinaryOperator>(&S);
             BO && BO->isLogicalOp())
      OnlyThePage(BO->getLHS());
  });
  if (!OnPageAlone)
    return nullptr;
  FreeHelper H;
  H.Inner = Inner;
  H.Info.Takes = Info->Takes;
  H.Info.Arg = static_cast<int>(Freed->getFunctionScopeIndex());
  const ParmVarDecl *OrderParam = nullptr;
  if (Info->OrderArg >= 0) {
    if (static_cast<unsigned>(Info->OrderArg) >= Inner->getNumArgs())
      return nullptr;
    const Expr *Order = Inner->getArg(Info->OrderArg);
    OrderParam = ParamOf(Order);
    if (std::optional<uint64_t> Fixed = M.constantOrder(Order))
      H.Order = *Fixed;
    else if (OrderParam)
      H.Info.OrderArg = static_cast<int>(OrderParam->getFunctionScopeIndex());
    else
      return nullptr;
  }
  // Parameters the body changes are not what the caller passed.
  bool Changed = false;
  walkEvaluated(Def.getBody(), [&](const Stmt &S) {
    const VarDecl *V = writtenVariable(S);
    Changed |= V && (V == Freed || V == OrderParam);
  });
  if (Changed)
    return nullptr;
  ASTContext &Ctx = M.getASTContext();
  H.InnerName = calleeName(*Inner).str();
  for (const MacroFrame &F : macroChain(
           Inner->getBeginLoc(), Ctx.getSourceManager(), Ctx.getLangOpts()))
    if (lookupFree(F.Name))
      H.InnerName = F.Name;
  return std::make_unique<FreeHelper>(std::move(H));
}

void runPageFreeAnalysis(const FunctionDecl &FD, KernelModel &M,
                         PageFreeHandler &H, FieldAllocations *Fields,
                         FreeHelpers *Helpers) {
  if (!FD.hasBody())
    return;
  FreeAnalyzer(FD, M, H, Fields, Helpers).run();
}

} // namespace gfp
