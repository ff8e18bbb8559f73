//===-- KernelModel.h - The kernel's page-allocation API --------*- C++ -*-===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// What gfp-tidy knows of the kernel's page allocator, per translation unit:
//
// - allocators: the functions of KernelApi.def, and "wrappers" found in the
//   unit itself, i.e. functions whose body returns an allocation (the
//   kernel's dev_alloc_page() in 6.1, a driver's own rx_alloc_page());
// - allocation sites: a call of an allocator, or a 6.10+ `alloc_hooks(...)`
//   statement expression whose value is such a call; one site however many
//   CallExprs the macro expanded to;
// - GFP flags: the gfp argument is evaluated as a constant, and its bits are
//   read against the unit's own `___GFP_DIRECT_RECLAIM` and `___GFP_HIGH`
//   definitions (6.1 literals, or 6.9+ `BIT()` over an enum);
// - the macros a site went through, and the name of the outermost macro the
//   user wrote, for diagnostics.
//
// Approximations:
// - A wrapper's gfp argument is the wrapper parameter that its inner call's
//   gfp expression names; bits the wrapper adds (`gfp | __GFP_COMP`) are
//   ignored, which never turns a sleeping allocation into a non-sleeping one
//   in the kernel's own wrappers.
// - A run-time choice of flags (`in_interrupt() ? GFP_ATOMIC : GFP_KERNEL`)
//   or a `gfp_t` parameter is Unknown.
// - When the unit defines no GFP bit values at all, the spelled macro names
//   (GFP_ATOMIC, GFP_KERNEL, ...) decide, and the result says so.
//
//===----------------------------------------------------------------------===//

#ifndef GFP_TIDY_LIB_ANALYSIS_KERNELMODEL_H
#define GFP_TIDY_LIB_ANALYSIS_KERNELMODEL_H

#include "Analysis/StmtUtils.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringMap.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class FunctionDecl;
class Preprocessor;
} // namespace clang

namespace gfp {

/// What an allocator returns.
enum class AllocResult {
  /// A `struct page *`, freed with __free_page(s).
  PageDescriptor,
  /// The kernel virtual address, freed with free_page(s).
  Address,
  /// Slab, vmalloc or skb memory: not a page; only its flags matter.
  Slab,
};

/// How an allocator is called.
struct AllocatorInfo {
  /// The function's name.
  std::string Name;
  /// What the function returns.
  AllocResult Result = AllocResult::PageDescriptor;
  /// 0-based position of the gfp argument, or -1.
  int GfpArg = -1;
  /// 0-based position of the order argument, or -1 for order 0.
  int OrderArg = -1;
  /// For an inferred wrapper: its definition.
  const clang::FunctionDecl *Wrapper = nullptr;
  /// For a wrapper that fixes the flags: the expression inside it.
  const clang::Expr *FixedGfp = nullptr;
  /// For a wrapper that fixes the order: the expression inside it.
  const clang::Expr *FixedOrder = nullptr;
  /// True for allocators that always may sleep (vmalloc).
  bool AlwaysSleeps = false;
  /// For a function of the unit that returns no allocation but makes one
  /// with the flags its caller passes (`rx_refill(ring, GFP_ATOMIC)` over
  /// `__netdev_alloc_skb(dev, len, gfp)`): Result is Slab, since only the
  /// flags at its call matter, to the context checks.
  bool Forwards = false;
};

/// Whether an allocation may sleep.
enum class SleepKind { Unknown, NoSleep, MaySleep };

/// The evaluated gfp argument of an allocation.
struct GfpFlags {
  /// May the allocation sleep (has `__GFP_DIRECT_RECLAIM`)?
  SleepKind Sleep = SleepKind::Unknown;
  /// Does it dip into the reserves (`__GFP_HIGH`)?
  bool UsesReserves = false;
  /// The mask's value, when it is a constant.
  std::optional<uint64_t> Value;
  /// True when the bit values were unknown and the macro names decided.
  bool FromSpelling = false;
  /// The flags as the user wrote them (`GFP_ATOMIC | __GFP_NOWARN`), or "".
  std::string Spelling;
  /// For flags that may sleep: reclaim must not start filesystem I/O
  /// (no `__GFP_FS`: GFP_NOFS) or any I/O (no `__GFP_IO`: GFP_NOIO).
  bool NoFs = false;
  bool NoIo = false;
  /// For flags chosen at run time among constants (`in_softirq() ?
  /// GFP_ATOMIC : GFP_KERNEL`, or a local set to one or the other): the
  /// first choice that cannot sleep, as written; "" when none or unknown.
  std::string NoSleepChoice;
};

/// The bit values of the GFP flags in one translation unit.
struct GfpBits {
  std::optional<uint64_t> DirectReclaim;
  std::optional<uint64_t> High;
  std::optional<uint64_t> Io;
  std::optional<uint64_t> Fs;
};

/// One page allocation.
struct AllocationSite {
  /// The expression whose value is the allocation's result: the call, or
  /// the outermost alloc_hooks() statement expression.
  const clang::Expr *E = nullptr;
  /// The allocator call itself.
  const clang::CallExpr *Call = nullptr;
  /// The allocator called.
  AllocatorInfo Info;
  /// Its flags.
  GfpFlags Flags;
  /// The name the user sees: the outermost kernel API macro (`alloc_page`)
  /// the site came through, or the called function.
  std::string ApiName;
  /// Where ApiName is spelled.
  clang::SourceLocation ApiLoc;
  /// The call as written at the API level (`alloc_page(GFP_ATOMIC)`), or "".
  std::string CallText;
  /// Where the flags are written in that call (`GFP_ATOMIC` in
  /// `kcalloc(n, size, GFP_ATOMIC)`, not the macro body's `(flags) |
  /// __GFP_ZERO`); invalid when the user's text does not hold them.
  clang::CharSourceRange FlagsRange;
  /// The user's macros around the site (not the kernel's allocation macros),
  /// outermost first.
  llvm::SmallVector<MacroFrame, 2> UserMacros;

  /// `alloc_page(GFP_ATOMIC)`, or `alloc_page` when the flags are unknown.
  std::string describe() const;
};

/// Options of the kernel model.
struct KernelModelOptions {
  /// Extra allocators, as `name:page|address:gfpArg:orderArg`.
  std::vector<std::string> ExtraAllocators = {};
};

/// Why an `Allocators` entry (`name:page|address:gfpArg:orderArg`, the
/// last three optional; an index of -1 means none) is malformed, or an
/// empty string when it is well formed.
std::string checkAllocatorSpec(llvm::StringRef Spec);

/// A function of KernelApi.def's page converters (a page, physical address
/// or frame number into another of them): the question each check asks.
struct PageConverterInfo {
  /// The result is a kernel virtual address.
  bool MakesAddress;
  /// The result is an arithmetic function of the argument: as unchecked as
  /// the page it came from.
  bool KeepsNullness;
  /// Part of the page API's own implementation.
  bool PageApi;
};

/// The page converter named \p Name, or null: the one reading of the table.
const PageConverterInfo *lookupPageConverter(llvm::StringRef Name);

/// The page converters that implement the page API (PageApi), in the
/// table's order.
std::vector<std::string> pageApiFunctions();

/// The parameter of \p FD that \p Arg passes on as it is, or with constant
/// flags added (`gfp`, `gfp | __GFP_NOWARN`), or -1.
int forwardedParam(const clang::Expr *Arg, const clang::FunctionDecl &FD,
                   const clang::ASTContext &Ctx);

/// The kernel model of one translation unit.
class KernelModel {
public:
  /// \param PP the unit's preprocessor, or null (then only enum-defined GFP
  /// bits and spelled names are available).
  KernelModel(clang::ASTContext &Ctx, const clang::Preprocessor *PP,
              const KernelModelOptions &Opts = {});

  /// The allocation whose result \p E is (parentheses and no-op implicit
  /// casts are looked through), or nothing.
  std::optional<AllocationSite> getAllocation(const clang::Expr *E);

  /// Every allocation evaluated in \p Body, once each: an alloc_hooks()
  /// statement expression and the calls inside it are one site, and calls in
  /// unevaluated operands (typeof, sizeof) are none. In source order.
  std::vector<AllocationSite> collectAllocationSites(const clang::Stmt *Body);

  /// The allocator \p FD is, from the table or by looking at its body.
  const AllocatorInfo *lookupAllocator(const clang::FunctionDecl *FD);

  /// Evaluates a gfp argument.
  GfpFlags evaluateGfp(const clang::Expr *Arg);
  /// Fills \p F from the constant mask \p V.
  void constantFlags(GfpFlags &F, uint64_t V);
  /// The constants flags not constant themselves may be: the arms of a
  /// conditional, or every value a local is assigned. Empty when unknown.
  llvm::SmallVector<const clang::Expr *, 4> flagChoices(const clang::Expr *Arg);

  /// The GFP bit values of this unit.
  const GfpBits &bits();

  /// True when \p Name is one of the kernel's allocation macros.
  static bool isApiMacro(llvm::StringRef Name);

  clang::ASTContext &getASTContext() const { return Ctx; }

  /// The integer value of \p E: a constant expression, or get_order() of
  /// one (a call in C, which the kernel folds when its argument is
  /// constant), computed with this unit's PAGE_SHIFT.
  std::optional<uint64_t> constantOrder(const clang::Expr *E);

  /// Calls \p Visit for each function of the unit found so far to be an
  /// allocation wrapper (gfp-audit's inventory).
  void
  forEachWrapper(llvm::function_ref<void(const AllocatorInfo &)> Visit) const;

private:
  clang::ASTContext &Ctx;
  const clang::Preprocessor *PP;
  std::optional<std::optional<uint64_t>> PageShift;
  llvm::StringMap<AllocatorInfo> Table;
  llvm::DenseMap<const clang::FunctionDecl *, std::optional<AllocatorInfo>>
      Wrappers;
  std::optional<GfpBits> Bits;

  std::optional<AllocatorInfo> inferWrapper(const clang::FunctionDecl &FD);
  std::optional<AllocatorInfo>
  inferReturningWrapper(const clang::FunctionDecl &FD);
  std::optional<AllocatorInfo> inferForwarder(const clang::FunctionDecl &Def);
  const clang::CallExpr *findAllocationCall(const clang::Expr *E);
  void describeMacros(AllocationSite &Site) const;
  /// Where \p Site's flags are written between \p B and \p E (the API
  /// macro's call): the whole argument, or the part of it the user wrote
  /// when the rest comes from the macro's body; invalid when neither.
  clang::CharSourceRange flagsWrittenIn(const AllocationSite &Site,
                                        clang::SourceLocation B,
                                        clang::SourceLocation E) const;
};

} // namespace gfp

#endif // GFP_TIDY_LIB_ANALYSIS_KERNELMODEL_H
