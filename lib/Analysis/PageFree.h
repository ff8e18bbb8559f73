//===-- PageFree.h - Pages freed through the wrong API ----------*- C++ -*-===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The kernel has two page APIs that look alike and do not mix: alloc_page(s)
// returns a `struct page *` that goes back through __free_page(s), while
// __get_free_page(s) and get_zeroed_page return an address that goes back
// through free_page(s). This analysis reports a free through the wrong one,
// a page freed with kfree()/vfree(), and a constant order that differs from
// the allocation's.
//
// A free is judged by
// - the argument's own type, when that alone is certain: a `struct page *`
//   (under any cast) given to free_page(s) or kfree/vfree, or the result of
//   page_address()/kmap*() given to __free_page(s);
// - otherwise by the allocation the argument holds on this path, followed
//   through locals, member paths, copies and casts by the same dataflow as
//   the NULL-check analysis (PageFlow); a value that holds different
//   allocations on different paths is not judged.
//
// Approximations:
// - An order is compared only when both are integer constants.
// - A `void *` or `unsigned long` of unknown origin is never judged: it may
//   be an opaque cookie holding a descriptor (mm/mempool.c).
//
//===----------------------------------------------------------------------===//

#ifndef GFP_TIDY_LIB_ANALYSIS_PAGEFREE_H
#define GFP_TIDY_LIB_ANALYSIS_PAGEFREE_H

#include "Analysis/FunctionIndex.h"
#include "Analysis/KernelModel.h"
#include "llvm/ADT/DenseMap.h"

#include <memory>
#include <optional>
#include <string>

namespace clang {
class FunctionDecl;
} // namespace clang

namespace gfp {

/// What a free function takes.
enum class FreeTakes { PageDescriptor, Address, Slab };

/// A free function of KernelApi.def: what it takes, in which argument, and
/// where its order is (-1: none).
struct FreeInfo {
  FreeTakes Takes;
  int Arg;
  int OrderArg;
};

/// The free function named \p Name, or null: the one reading of the table.
const FreeInfo *lookupFree(llvm::StringRef Name);

/// One free through the wrong API.
struct FreeMismatch {
  enum class Kind {
    /// A `struct page *` to free_page(s), kfree, vfree.
    DescriptorToOtherFree,
    /// An address to __free_page(s) or kfree/vfree.
    AddressToOtherFree,
    /// The right API, another order.
    OrderMismatch,
  };
  Kind K = Kind::DescriptorToOtherFree;
  /// The free call.
  const clang::CallExpr *Free = nullptr;
  /// The freed argument as written (casts included).
  const clang::Expr *Arg = nullptr;
  /// The name of the free the user wrote (`__free_page`, `kfree`).
  std::string FreeName;
  /// What that free takes.
  FreeTakes Takes = FreeTakes::PageDescriptor;
  /// The allocation, when the finding comes from the value's origin.
  std::optional<AllocationSite> Alloc;
  /// The allocation's order, when Alloc is set and it is a constant.
  uint64_t AllocOrder = 0;
  /// True when Alloc is set and its order is not a constant.
  bool AllocOrderUnknown = false;
  /// For OrderMismatch: the order of the free.
  uint64_t FreeOrder = 0;
  /// For OrderMismatch: the allocation's order when it is computed at run
  /// time (`ring_pg_order(ring)`) and the free is a single-page one.
  const clang::Expr *AllocOrderExpr = nullptr;
  /// When Free calls a helper of the unit that frees its argument: the
  /// helper, and the free inside it (FreeName is that free's).
  const clang::FunctionDecl *Helper = nullptr;
  const clang::CallExpr *HelperFree = nullptr;
};

/// Receives the findings of runPageFreeAnalysis().
class PageFreeHandler {
public:
  virtual ~PageFreeHandler();
  /// \param M one free through the wrong API.
  virtual void handleFreeMismatch(const FreeMismatch &M) {}
};

/// How the unit fills the page-holding fields of its own structs: for a
/// field of a struct defined in the main file, the page allocation that
/// every assignment to it in the main file stores, when they all agree
/// (same kind, same order). A free whose argument is such a field, with no
/// allocation of its own in the freeing function, is judged against it:
/// `ctx->buf = (void *)__get_free_pages(GFP_KERNEL, 2)` in probe and
/// `free_page((unsigned long)ctx->buf)` in remove. Built on first use.
class FieldAllocations {
public:
  explicit FieldAllocations(KernelModel &M) : M(M) {}
  /// The allocation every assignment stores into \p Field, or null when
  /// they disagree, when something else is stored, or when the struct is
  /// not the main file's own.
  const AllocationSite *lookup(const clang::FieldDecl *Field);
  /// True when every value the main file stores into \p Field (of a struct
  /// it defines) is an address made from a page (`b->va =
  /// page_address(page)`) or NULL.
  bool holdsAddress(const clang::FieldDecl *Field);

private:
  void scan();
  KernelModel &M;
  bool Scanned = false;
  /// nullopt: several allocators, or a value that is no allocation.
  llvm::DenseMap<const clang::FieldDecl *, std::optional<AllocationSite>>
      Stored;
  /// Per field: true while every value stored is a page's address.
  llvm::DenseMap<const clang::FieldDecl *, bool> Addresses;
};

/// A function of the unit that gives one of its parameters to a page free
/// of the table, with an order it fixes or takes as another parameter:
/// `static void rx_put_page(struct page *p) { if (p) __free_page(p); }`.
struct FreeHelper {
  /// The free inside, and the name written for it.
  const clang::CallExpr *Inner = nullptr;
  std::string InnerName;
  /// What the inner free takes; Arg is the helper's parameter it frees,
  /// OrderArg the helper's parameter that gives the order, or -1.
  FreeInfo Info{FreeTakes::PageDescriptor, -1, -1};
  /// The order freed when OrderArg is -1.
  uint64_t Order = 0;
};

/// The free helpers of one unit, found on first use. One level only: a
/// helper that calls another helper is not one.
class FreeHelpers {
public:
  FreeHelpers(KernelModel &M, FunctionIndex &Index) : M(M), Index(Index) {}
  /// The helper \p FD is, or null.
  const FreeHelper *lookup(const clang::FunctionDecl *FD);
  /// True when \p FD calls a helper (and so frees through it).
  bool callsHelper(const clang::FunctionDecl &FD);

private:
  std::unique_ptr<FreeHelper> find(const clang::FunctionDecl &Def);
  KernelModel &M;
  FunctionIndex &Index;
  /// Null for a function that is no helper. The helpers are held apart
  /// from the map, whose growth moves its entries: FreeAnalyzer keeps
  /// pointers to them.
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<FreeHelper>>
      Cache;
};

/// Reports the mismatched frees in \p FD through \p H; \p Fields, when
/// given, judges frees of fields the function did not fill itself, and
/// \p Helpers, when given, the calls of the unit's free helpers.
void runPageFreeAnalysis(const clang::FunctionDecl &FD, KernelModel &M,
                         PageFreeHandler &H, FieldAllocations *Fields = nullptr,
                         FreeHelpers *Helpers = nullptr);

} // namespace gfp

#endif // GFP_TIDY_LIB_ANALYSIS_PAGEFREE_H
