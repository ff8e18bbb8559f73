//===-- KernelModel.cpp - The kernel's page-allocation API ----------------===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Analysis/KernelModel.h"

#include "Analysis/MacroEval.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"

using namespace clang;

namespace gfp {

namespace {

/// The first parameter of \p FD that \p E names, as a position, or -1.
int referencedParam(const Expr *E, const FunctionDecl &FD) {
  int Found = -1;
  walkEvaluated(E, [&](const Stmt &S) {
    const auto *DRE = dyn_cast<DeclRefExpr>(&S);
    if (!DRE || Found >= 0)
      return;
    const auto *PVD = dyn_cast<ParmVarDecl>(DRE->getDecl());
    if (PVD && PVD->getDeclContext() == &FD)
      Found = static_cast<int>(PVD->getFunctionScopeIndex());
  });
  return Found;
}

/// The sleeping class named by the spelled flags, for units that define no
/// GFP bit values.
SleepKind sleepFromSpelling(llvm::StringRef Spelling, bool &Reserves) {
  SleepKind K = SleepKind::Unknown;
  llvm::SmallVector<llvm::StringRef, 8> Words;
  Spelling.split(Words, ' ');
  for (llvm::StringRef W : Words) {
    W = W.trim("()|&~");
    SleepKind This =
        llvm::StringSwitch<SleepKind>(W)
            .Cases({"GFP_ATOMIC", "GFP_NOWAIT", "__GFP_HIGH"},
                   SleepKind::NoSleep)
            .Cases({"GFP_KERNEL", "GFP_KERNEL_ACCOUNT", "GFP_NOIO", "GFP_NOFS",
                    "GFP_USER", "GFP_HIGHUSER", "GFP_HIGHUSER_MOVABLE",
                    "__GFP_DIRECT_RECLAIM", "__GFP_RECLAIM"},
                   SleepKind::MaySleep)
            .Default(SleepKind::Unknown);
    if (W == "GFP_ATOMIC" || W == "__GFP_HIGH")
      Reserves = true;
    if (This == SleepKind::MaySleep)
      K = SleepKind::MaySleep;
    else if (This == SleepKind::NoSleep && K == SleepKind::Unknown)
      K = SleepKind::NoSleep;
  }
  return K;
}

} // namespace

std::string AllocationSite::describe() const {
  std::string Text = CallText;
  if (Text.empty() || Text.size() > 60)
    Text = ApiName + "(...)";
  if (!Flags.Spelling.empty() &&
      llvm::StringRef(Text).find(Flags.Spelling) == llvm::StringRef::npos)
    Text += " with " + Flags.Spelling;
  return Text;
}

std::string checkAllocatorSpec(llvm::StringRef Spec) {
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  Spec.trim().split(Parts, ':');
  if (Parts.size() > 4)
    return "more than four ':'-separated fields";
  llvm::StringRef Name = Parts[0];
  if (Name.empty() ||
      !llvm::all_of(Name,
                    [](char C) { return llvm::isAlnum(C) || C == '_'; }) ||
      llvm::isDigit(Name.front()))
    return "'" + Name.str() + "' is not a function name";
  if (Parts.size() > 1 && Parts[1] != "page" && Parts[1] != "address")
    return "result '" + Parts[1].str() + "' is neither 'page' nor 'address'";
  for (size_t I = 2; I < Parts.size(); ++I) {
    int Index = 0;
    if (Parts[I].getAsInteger(10, Index) || Index < -1 || Index > 64)
      return "argument index '" + Parts[I].str() +
             "' is not a number from -1 to 64";
  }
  return {};
}

std::optional<uint64_t> KernelModel::constantOrder(const Expr *E) {
  if (!E || E->isValueDependent())
    return std::nullopt;
  Expr::EvalResult R;
  if (E->EvaluateAsInt(R, Ctx))
    return R.Val.getInt().getZExtValue();
  const auto *Call = dyn_cast<CallExpr>(E->IgnoreParenImpCasts());
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee || !Callee->getIdentifier() || Callee->getName() != "get_order" ||
      Call->getNumArgs() != 1)
    return std::nullopt;
  Expr::EvalResult Size;
  if (Call->getArg(0)->isValueDependent() ||
      !Call->getArg(0)->EvaluateAsInt(Size, Ctx))
    return std::nullopt;
  if (!PageShift)
    PageShift =
        PP ? MacroEvaluator(*PP, &Ctx).evaluate("PAGE_SHIFT") : std::nullopt;
  uint64_t N = Size.Val.getInt().getZExtValue();
  if (!*PageShift || **PageShift >= 32 || N == 0)
    return std::nullopt;
  // The smallest order whose block holds N bytes.
  uint64_t Order = 0;
  while ((uint64_t{1} << (**PageShift + Order)) < N && Order < 32)
    ++Order;
  return Order;
}

KernelModel::KernelModel(ASTContext &Ctx, const Preprocessor *PP,
                         const KernelModelOptions &Opts)
    : Ctx(Ctx), PP(PP) {
#define GFP_ALLOCATOR(Name, Res, Gfp, Order)                                   \
  Table[#Name] = AllocatorInfo{#Name, AllocResult::Res, Gfp, Order};
#define GFP_SLAB_ALLOCATOR(Name, Gfp)                                          \
  Table[#Name] = AllocatorInfo{#Name, AllocResult::Slab, Gfp, -1};             \
  Table[#Name].AlwaysSleeps = (Gfp) < 0;
#include "Analysis/KernelApi.def"
  for (llvm::StringRef Spec : Opts.ExtraAllocators) {
    llvm::SmallVector<llvm::StringRef, 4> Parts;
    Spec.split(Parts, ':');
    if (Parts.empty() || Parts[0].empty())
      continue;
    AllocatorInfo Info;
    Info.Name = Parts[0].str();
    if (Parts.size() > 1 && Parts[1] == "address")
      Info.Result = AllocResult::Address;
    if (Parts.size() > 2)
      Parts[2].getAsInteger(10, Info.GfpArg);
    if (Parts.size() > 3)
      Parts[3].getAsInteger(10, Info.OrderArg);
    Table[Info.Name] = Info;
  }
}

bool KernelModel::isApiMacro(llvm::StringRef Name) {
  return llvm::StringSwitch<bool>(Name)
#define GFP_API_MACRO(Name) .Case(#Name, true)
#include "Analysis/KernelApi.def"
      .Default(false);
}

const GfpBits &KernelModel::bits() {
  if (Bits)
    return *Bits;
  Bits.emplace();
  auto Read = [&](llvm::StringRef Macro, llvm::StringRef EnumBit) {
    std::optional<uint64_t> V;
    if (PP)
      V = MacroEvaluator(*PP, &Ctx).evaluate(Macro);
    if (!V)
      if (std::optional<uint64_t> Bit = lookupEnumConstant(Ctx, EnumBit))
        if (*Bit < 64)
          V = uint64_t(1) << *Bit;
    if (V && *V == 0)
      V.reset();
    return V;
  };
  Bits->DirectReclaim =
      Read("___GFP_DIRECT_RECLAIM", "___GFP_DIRECT_RECLAIM_BIT");
  Bits->High = Read("___GFP_HIGH", "___GFP_HIGH_BIT");
  Bits->Io = Read("___GFP_IO", "___GFP_IO_BIT");
  Bits->Fs = Read("___GFP_FS", "___GFP_FS_BIT");
  return *Bits;
}

/// The initialiser of the local variable \p E names, when nothing else in
/// its function assigns it or takes its address.
static const Expr *constantLocalInit(const Expr *E) {
  const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!VD || !VD->isLocalVarDecl() || !VD->getInit() ||
      VD->getType()->isPointerType())
    return nullptr;
  const auto *Fn = dyn_cast<FunctionDecl>(VD->getDeclContext());
  if (!Fn || !Fn->hasBody())
    return nullptr;
  bool Changed = false;
  walkEvaluated(Fn->getBody(),
                [&](const Stmt &S) { Changed |= writtenVariable(S) == VD; });
  return Changed ? nullptr : VD->getInit();
}

GfpFlags KernelModel::evaluateGfp(const Expr *Arg) {
  GfpFlags F;
  if (!Arg)
    return F;
  const SourceManager &SM = Ctx.getSourceManager();
  F.Spelling = spelledText(Arg->getSourceRange(), SM, Ctx.getLangOpts());
  // A macro's parenthesised parameter, `__get_free_pages((gfp_mask), 0)`:
  // what the parentheses hold reads better than the parameter's name.
  for (const auto *PE = dyn_cast<ParenExpr>(Arg); PE;
       PE = dyn_cast<ParenExpr>(PE->getSubExpr())) {
    std::string Inner =
        spelledText(PE->getSubExpr()->getSourceRange(), SM, Ctx.getLangOpts());
    llvm::StringRef Outer(F.Spelling);
    if (Inner.empty() || !Outer.starts_with("(") || !Outer.ends_with(")") ||
        Outer.drop_front().drop_back().trim() == Inner)
      break;
    F.Spelling = Inner;
  }
  if (Arg->isValueDependent())
    return F;
  // `gfp_t gfp = (GFP_ATOMIC | __GFP_NOWARN); return page_pool_alloc_pages(
  // pool, gfp);` (include/net/page_pool/helpers.h): a local set once, by
  // its initialiser, holds that constant.
  if (const Expr *Init = constantLocalInit(Arg)) {
    F.Spelling = spelledText(Init->IgnoreParens()->getSourceRange(), SM,
                             Ctx.getLangOpts());
    Arg = Init;
  }
  Expr::EvalResult R;
  if (Arg->EvaluateAsInt(R, Ctx)) {
    constantFlags(F, R.Val.getInt().getZExtValue());
    return F;
  }
  // A parameter or a run-time choice: unknown, but a choice among
  // constants tells whether one of them cannot sleep.
  std::string NoSleep;
  for (const Expr *Choice : flagChoices(Arg)) {
    GfpFlags C;
    C.Spelling = spelledText(Choice->getSourceRange(), SM, Ctx.getLangOpts());
    Expr::EvalResult CR;
    if (Choice->isValueDependent() || !Choice->EvaluateAsInt(CR, Ctx))
      return F;
    uint64_t V = CR.Val.getInt().getZExtValue();
    // `gfp_t gfp = 0;`, a placeholder set again before use.
    if (V == 0)
      continue;
    constantFlags(C, V);
    if (C.Sleep == SleepKind::NoSleep && NoSleep.empty())
      NoSleep = C.Spelling.empty() || C.Spelling.size() > 40 ||
                        llvm::StringRef(C.Spelling).contains('?')
                    ? "non-sleeping"
                    : C.Spelling;
  }
  F.NoSleepChoice = std::move(NoSleep);
  return F;
}

void KernelModel::constantFlags(GfpFlags &F, uint64_t V) {
  F.Value = V;
  const GfpBits &B = bits();
  if (B.DirectReclaim) {
    F.Sleep = (V & *B.DirectReclaim) ? SleepKind::MaySleep : SleepKind::NoSleep;
    F.UsesReserves = B.High && (V & *B.High);
    F.NoIo = B.Io && !(V & *B.Io);
    F.NoFs = F.NoIo || (B.Fs && !(V & *B.Fs));
    return;
  }
  F.FromSpelling = true;
  F.Sleep = sleepFromSpelling(F.Spelling, F.UsesReserves);
  llvm::StringRef Words(F.Spelling);
  F.NoIo = Words.contains("GFP_NOIO");
  F.NoFs = F.NoIo || Words.contains("GFP_NOFS");
}

/// The arms of `c ? a : b`, each taken apart again; \p E itself otherwise.
static void conditionalArms(const Expr *E,
                            llvm::SmallVectorImpl<const Expr *> &Out,
                            unsigned Level = 0) {
  if (const auto *CO = dyn_cast<ConditionalOperator>(E->IgnoreParenImpCasts());
      CO && Level < 4) {
    conditionalArms(CO->getTrueExpr(), Out, Level + 1);
    conditionalArms(CO->getFalseExpr(), Out, Level + 1);
    return;
  }
  // Parentheses kept: a macro's body is spelled as its name.
  Out.push_back(E->IgnoreImpCasts());
}

llvm::SmallVector<const Expr *, 4> KernelModel::flagChoices(const Expr *Arg) {
  llvm::SmallVector<const Expr *, 4> Out;
  const auto *DRE = dyn_cast<DeclRefExpr>(Arg->IgnoreParenImpCasts());
  const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!VD) {
    if (isa<ConditionalOperator>(Arg->IgnoreParenImpCasts()))
      conditionalArms(Arg, Out);
    return Out;
  }
  // `gfp_t gfp = GFP_KERNEL; if (atomic) gfp = GFP_ATOMIC;`: a local whose
  // every write is a plain assignment (its address never taken).
  const auto *Fn = dyn_cast<FunctionDecl>(VD->getDeclContext());
  if (!VD->isLocalVarDecl() || !Fn || !Fn->hasBody())
    return Out;
  if (VD->getInit())
    conditionalArms(VD->getInit(), Out);
  bool Plain = true;
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation Use = SM.getExpansionLoc(Arg->getBeginLoc());
  walkEvaluated(Fn->getBody(), [&](const Stmt &S) {
    const Expr *Value = nullptr;
    if (!Plain || writtenVariable(S, &Value) != VD)
      return;
    const auto *BO = dyn_cast<BinaryOperator>(&S);
    if (!BO || BO->getOpcode() != BO_Assign || !Value)
      Plain = false;
    // A value stored after the allocation (outside a loop) is for a later
    // one; in a loop it may come round, and then it is left out.
    else if (SM.isBeforeInTranslationUnit(SM.getExpansionLoc(S.getBeginLoc()),
                                          Use))
      conditionalArms(Value, Out);
  });
  if (!Plain || Out.size() < 2)
    Out.clear();
  return Out;
}

const AllocatorInfo *KernelModel::lookupAllocator(const FunctionDecl *FD) {
  if (!FD || !FD->getIdentifier())
    return nullptr;
  auto It = Table.find(FD->getName());
  if (It != Table.end())
    return &It->second;
  FD = FD->getCanonicalDecl();
  auto W = Wrappers.find(FD);
  if (W == Wrappers.end()) {
    Wrappers[FD] = std::nullopt; // Breaks recursion through the body.
    std::optional<AllocatorInfo> Info = inferWrapper(*FD);
    W = Wrappers.insert_or_assign(FD, std::move(Info)).first;
  }
  return W->second ? &*W->second : nullptr;
}

void KernelModel::forEachWrapper(
    llvm::function_ref<void(const AllocatorInfo &)> Visit) const {
  for (const auto &Entry : Wrappers)
    if (Entry.second.has_value() && !Entry.second->Forwards)
      Visit(Entry.second.value());
}

std::optional<AllocatorInfo> KernelModel::inferWrapper(const FunctionDecl &FD) {
  if (std::optional<AllocatorInfo> Info = inferReturningWrapper(FD))
    return Info;
  const FunctionDecl *Def = FD.getDefinition();
  if (!Def || !Def->hasBody())
    return std::nullopt;
  return inferForwarder(*Def);
}

int forwardedParam(const Expr *Arg, const FunctionDecl &FD,
                   const ASTContext &Ctx) {
  Arg = Arg->IgnoreParenImpCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(Arg)) {
    const auto *P = dyn_cast<ParmVarDecl>(DRE->getDecl());
    return P && P->getDeclContext() == &FD
               ? static_cast<int>(P->getFunctionScopeIndex())
               : -1;
  }
  const auto *BO = dyn_cast<BinaryOperator>(Arg);
  if (!BO || BO->getOpcode() != BO_Or)
    return -1;
  for (auto [Var, Flags] : {std::pair{BO->getLHS(), BO->getRHS()},
                            std::pair{BO->getRHS(), BO->getLHS()}})
    if (!Flags->isValueDependent() && Flags->isEvaluatable(Ctx))
      if (int P = forwardedParam(Var, FD, Ctx); P >= 0)
        return P;
  return -1;
}

std::optional<AllocatorInfo>
KernelModel::inferForwarder(const FunctionDecl &Def) {
  // A function that returns a status, not memory: a pointer it returns
  // could be the allocation on some paths, which the page checks would
  // have to follow.
  QualType RT = Def.getReturnType();
  if (!RT->isVoidType() && !RT->isIntegralOrEnumerationType())
    return std::nullopt;
  if (llvm::none_of(Def.parameters(), [](const ParmVarDecl *P) {
        return isGfpType(P->getType());
      }))
    return std::nullopt;
  // Flags the body changes (`gfp &= ~__GFP_DIRECT_RECLAIM`) are not the
  // caller's any more.
  llvm::SmallPtrSet<const VarDecl *, 2> Changed;
  walkEvaluated(Def.getBody(), [&](const Stmt &S) {
    if (const VarDecl *V = writtenVariable(S))
      Changed.insert(V);
  });
  for (const AllocationSite &Site : collectAllocationSites(Def.getBody())) {
    if (Site.Info.GfpArg < 0 ||
        static_cast<unsigned>(Site.Info.GfpArg) >= Site.Call->getNumArgs())
      continue;
    int P = forwardedParam(Site.Call->getArg(Site.Info.GfpArg), Def, Ctx);
    if (P < 0 || !isGfpType(Def.getParamDecl(P)->getType()) ||
        Changed.count(Def.getParamDecl(P)))
      continue;
    AllocatorInfo Info;
    Info.Name = Def.getName().str();
    Info.Result = AllocResult::Slab;
    Info.GfpArg = P;
    Info.Wrapper = &Def;
    Info.Forwards = true;
    return Info;
  }
  return std::nullopt;
}

std::optional<AllocatorInfo>
KernelModel::inferReturningWrapper(const FunctionDecl &FD) {
  const FunctionDecl *Def = FD.getDefinition();
  if (!Def || !Def->hasBody())
    return std::nullopt;
  QualType RT = Def->getReturnType();
  bool ReturnsPage = isPageDescriptorPointer(RT);
  bool TakesGfp = llvm::any_of(Def->parameters(), [](const ParmVarDecl *P) {
    return isGfpType(P->getType());
  });
  if (!ReturnsPage && !(TakesGfp && RT->isIntegerType()))
    return std::nullopt;

  // Locals that receive an allocation, and what each return gives back.
  llvm::DenseMap<const VarDecl *, const Expr *> Holders;
  llvm::SmallVector<const ReturnStmt *, 4> Returns;
  walkEvaluated(Def->getBody(), [&](const Stmt &S) {
    if (const auto *RS = dyn_cast<ReturnStmt>(&S)) {
      Returns.push_back(RS);
    } else if (const auto *DS = dyn_cast<DeclStmt>(&S)) {
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D))
          if (VD->getInit() && findAllocationCall(VD->getInit()))
            Holders[VD] = VD->getInit();
    } else if (const auto *BO = dyn_cast<BinaryOperator>(&S)) {
      if (BO->getOpcode() != BO_Assign)
        return;
      if (const auto *DRE = dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParens()))
        if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
          if (findAllocationCall(BO->getRHS()))
            Holders[VD] = BO->getRHS();
    }
  });

  std::optional<AllocationSite> Inner;
  for (const ReturnStmt *RS : Returns) {
    const Expr *RV = RS->getRetValue();
    if (!RV)
      return std::nullopt;
    RV = RV->IgnoreParenImpCasts();
    if (RV->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
      continue;
    const Expr *Source = RV;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(RV))
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl())) {
        auto H = Holders.find(VD);
        if (H != Holders.end())
          Source = H->second;
      }
    std::optional<AllocationSite> Site = getAllocation(Source);
    if (!Site)
      return std::nullopt; // Returns something else too.
    if (!Inner)
      Inner = std::move(Site);
  }
  if (!Inner ||
      (ReturnsPage && Inner->Info.Result != AllocResult::PageDescriptor))
    return std::nullopt;

  AllocatorInfo Info;
  Info.Name = Def->getName().str();
  Info.Result = Inner->Info.Result;
  Info.Wrapper = Def;
  // `return ring_refill_locked(r, gfp);` returns a status, not memory.
  Info.Forwards = Inner->Info.Forwards;
  auto MapArg = [&](int InnerArg, const Expr *InnerFixed, int &OutArg,
                    const Expr *&OutFixed) {
    const Expr *A = InnerFixed;
    if (InnerArg >= 0 &&
        static_cast<unsigned>(InnerArg) < Inner->Call->getNumArgs())
      A = Inner->Call->getArg(InnerArg);
    if (!A)
      return;
    OutArg = referencedParam(A, *Def);
    if (OutArg < 0)
      OutFixed = A;
  };
  MapArg(Inner->Info.GfpArg, Inner->Info.FixedGfp, Info.GfpArg, Info.FixedGfp);
  MapArg(Inner->Info.OrderArg, Inner->Info.FixedOrder, Info.OrderArg,
         Info.FixedOrder);
  return Info;
}

const CallExpr *KernelModel::findAllocationCall(const Expr *E) {
  E = stripValue(E);
  if (!E)
    return nullptr;
  if (const auto *Call = dyn_cast<CallExpr>(E))
    return lookupAllocator(Call->getDirectCallee()) ? Call : nullptr;
  // 6.10+: alloc_hooks(...) is ({ ...; typeof(x) _res = x; ...; _res; }),
  // possibly nested. Its value is the allocation.
  const auto *SE = dyn_cast<StmtExpr>(E);
  if (!SE || SE->getSubStmt()->body_empty())
    return nullptr;
  const auto *Last = dyn_cast<Expr>(SE->getSubStmt()->body_back());
  if (!Last)
    return nullptr;
  Last = Last->IgnoreParenImpCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(Last)) {
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    if (!VD || !VD->getInit())
      return nullptr;
    for (const Stmt *S : SE->getSubStmt()->body())
      if (const auto *DS = dyn_cast<DeclStmt>(S))
        for (const Decl *D : DS->decls())
          if (D == VD)
            return findAllocationCall(VD->getInit());
    return nullptr;
  }
  return findAllocationCall(Last);
}

std::optional<AllocationSite> KernelModel::getAllocation(const Expr *E) {
  E = stripValue(E);
  const CallExpr *Call = findAllocationCall(E);
  if (!Call)
    return std::nullopt;
  AllocationSite Site;
  Site.E = E;
  Site.Call = Call;
  Site.Info = *lookupAllocator(Call->getDirectCallee());
  const Expr *Gfp = Site.Info.FixedGfp;
  if (Site.Info.GfpArg >= 0 &&
      static_cast<unsigned>(Site.Info.GfpArg) < Call->getNumArgs())
    Gfp = Call->getArg(Site.Info.GfpArg);
  Site.Flags = evaluateGfp(Gfp);
  if (Site.Info.AlwaysSleeps)
    Site.Flags.Sleep = SleepKind::MaySleep;
  describeMacros(Site);
  return Site;
}

std::vector<AllocationSite>
KernelModel::collectAllocationSites(const Stmt *Body) {
  std::vector<AllocationSite> Sites;
  llvm::SmallPtrSet<const CallExpr *, 8> Seen;
  walkEvaluated(Body, [&](const Stmt &S) {
    if (!isa<CallExpr>(S) && !isa<StmtExpr>(S))
      return;
    // Parents come first, so the outermost expression of a site wins.
    std::optional<AllocationSite> Site = getAllocation(cast<Expr>(&S));
    if (Site && Seen.insert(Site->Call).second)
      Sites.push_back(std::move(*Site));
  });
  return Sites;
}

CharSourceRange KernelModel::flagsWrittenIn(const AllocationSite &Site,
                                            SourceLocation B,
                                            SourceLocation E) const {
  if (Site.Info.GfpArg < 0 ||
      static_cast<unsigned>(Site.Info.GfpArg) >= Site.Call->getNumArgs())
    return {};
  const Expr *Gfp = Site.Call->getArg(Site.Info.GfpArg);
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  auto Within = [&](CharSourceRange R) {
    return R.isValid() && SM.getFileID(R.getBegin()) == SM.getFileID(B) &&
           !SM.isBeforeInTranslationUnit(R.getBegin(), B) &&
           !SM.isBeforeInTranslationUnit(E, R.getEnd());
  };
  // The API macro's body may combine the user's flags with its own
  // (`kcalloc(n, size, flags)` is `kmalloc_array(n, size, (flags) |
  // __GFP_ZERO)`): the outermost part of the expression that the user's
  // call spells is what the user wrote.
  llvm::SmallVector<const Stmt *, 8> Work = {Gfp};
  for (size_t I = 0; I < Work.size() && I < 64; ++I) {
    const auto *Part = dyn_cast<Expr>(Work[I]);
    if (!Part)
      continue;
    CharSourceRange R = spelledRange(Part->getSourceRange(), SM, LO);
    if (Within(R))
      return R;
    for (const Stmt *Child : Part->children())
      if (Child)
        Work.push_back(Child);
  }
  return {};
}

void KernelModel::describeMacros(AllocationSite &Site) const {
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  llvm::SmallVector<MacroFrame, 4> Chain =
      macroChain(Site.E->getBeginLoc(), SM, LO);
  // The chain is innermost first; the outermost API macro splits it into
  // the kernel's part and the user's part.
  int Api = -1;
  // A macro named as an allocator of the table (6.12's `#define
  // krealloc_array(...) alloc_hooks(krealloc_array_noprof(__VA_ARGS__))`)
  // is the kernel's too.
  auto IsApi = [&](llvm::StringRef Name) {
    return isApiMacro(Name) || Table.count(Name) ||
           Table.count((Name + "_noprof").str());
  };
  for (int I = static_cast<int>(Chain.size()) - 1; I >= 0; --I)
    if (IsApi(Chain[I].Name)) {
      Api = I;
      break;
    }
  if (Api >= 0) {
    Site.ApiName = Chain[Api].Name;
    Site.ApiLoc = Chain[Api].ExpansionLoc;
    // The API call as written: in a file, in a macro argument, or in the
    // definition of the user's macro that holds it.
    SourceLocation B = SM.getSpellingLoc(Chain[Api].ExpansionRange.getBegin());
    SourceLocation E = SM.getSpellingLoc(Chain[Api].ExpansionRange.getEnd());
    if (SM.getFileID(B) == SM.getFileID(E) &&
        !SM.isBeforeInTranslationUnit(E, B)) {
      Site.CallText = spelledText(SourceRange(B, E), SM, LO);
      Site.FlagsRange = flagsWrittenIn(Site, B, E);
      // The flags the user wrote, not the API macro's body; a local set
      // once (`gfp_t gfp = GFP_ATOMIC | ...`) is still shown by value.
      if (Site.FlagsRange.isValid()) {
        const Expr *Arg = Site.Call->getArg(Site.Info.GfpArg);
        CharSourceRange Whole = spelledRange(Arg->getSourceRange(), SM, LO);
        if (Whole.getBegin() != Site.FlagsRange.getBegin() &&
            !constantLocalInit(Arg))
          Site.Flags.Spelling = spelledText(Site.FlagsRange, SM, LO);
      }
    }
  } else {
    Site.ApiName = calleeName(*Site.Call).str();
    Site.ApiLoc = Site.Call->getBeginLoc();
    Site.CallText = spelledText(Site.Call->getSourceRange(), SM, LO);
    if (Site.Info.GfpArg >= 0 &&
        static_cast<unsigned>(Site.Info.GfpArg) < Site.Call->getNumArgs())
      Site.FlagsRange = spelledRange(
          Site.Call->getArg(Site.Info.GfpArg)->getSourceRange(), SM, LO);
  }
  for (int I = static_cast<int>(Chain.size()) - 1; I > Api; --I)
    Site.UserMacros.push_back(Chain[I]);
}

namespace {
struct NamedConverter {
  const char *Name;
  PageConverterInfo Info;
};
constexpr NamedConverter PageConverters[] = {
#define GFP_PAGE_CONVERTER(Name, MakesAddress, KeepsNullness, PageApi)         \
  {#Name, {(MakesAddress) != 0, (KeepsNullness) != 0, (PageApi) != 0}},
#include "Analysis/KernelApi.def"
};
} // namespace

const PageConverterInfo *lookupPageConverter(llvm::StringRef Name) {
  // Asked for every call a page's value flows through: one hash lookup, as
  // lookupFree() does for the free functions.
  static const llvm::StringMap<const PageConverterInfo *> ByName = [] {
    llvm::StringMap<const PageConverterInfo *> M;
    for (const NamedConverter &C : PageConverters)
      M[C.Name] = &C.Info;
    return M;
  }();
  auto It = ByName.find(Name);
  return It == ByName.end() ? nullptr : It->second;
}

std::vector<std::string> pageApiFunctions() {
  std::vector<std::string> Out;
  for (const NamedConverter &C : PageConverters)
    if (C.Info.PageApi)
      Out.emplace_back(C.Name);
  return Out;
}

} // namespace gfp
