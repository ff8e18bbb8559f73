//===-- PageAsAddress.h - Page descriptors used as addresses ----*- C++ -*-===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Finds conversions of a `struct page *` (the page's descriptor in the
// memory map) to a data pointer or an integer, where the code means the
// page's memory. A conversion is reported when
//
// - its operand is a page allocation's result, spelled in place or through a
//   macro such as `#define labyrinth (void *)alloc_page(GFP_ATOMIC)`, and the
//   conversion is written, or is to an integer or a typed data pointer, or
//   its value is used as memory (reason Allocation); an implicit conversion
//   to `void *` that is only stored or returned is an opaque cookie;
// - its operand is a local, parameter or member path that this function
//   assigned an allocation to, and the converted value is used as memory or
//   is explicitly cast to a typed data pointer (reason HeldAllocation);
// - whatever the operand, the converted value is used as memory: it is
//   dereferenced, indexed, or passed to memset/memcpy/copy_to_user/str*...,
//   directly or through a local that holds only it (reason UsedAsMemory).
//
// Approximations:
// - "Held" is flow-insensitive: any assignment of an allocation to the
//   variable or member path in this function counts.
// - Conversions to integers are reported only for allocations spelled in
//   place: an integer made from a descriptor is usually a hash or a print.
// - Conversions to the types that overlay struct page (folio, slab, ptdesc,
//   zpdesc) are never reported, nor are memory functions whose size is
//   `sizeof(struct page)`: they treat the descriptor as a descriptor.
// - Uses through a local are followed one level, and only when that local
//   has no other definition.
//
//===----------------------------------------------------------------------===//

#ifndef GFP_TIDY_LIB_ANALYSIS_PAGEASADDRESS_H
#define GFP_TIDY_LIB_ANALYSIS_PAGEASADDRESS_H

#include "Analysis/KernelModel.h"
#include "clang/AST/Expr.h"

#include <optional>
#include <string>
#include <vector>

namespace clang {
class FunctionDecl;
} // namespace clang

namespace gfp {

/// Why a conversion is reported.
enum class PageConversionReason {
  /// The operand is an allocation's result.
  Allocation,
  /// The operand holds an allocation made in this function.
  HeldAllocation,
  /// The converted value is used as memory.
  UsedAsMemory,
};

/// One conversion of a page descriptor to an address.
struct PageConversion {
  /// The conversion.
  const clang::CastExpr *Cast = nullptr;
  /// Why it is reported.
  PageConversionReason Reason = PageConversionReason::UsedAsMemory;
  /// The allocation, for Allocation and HeldAllocation.
  std::optional<AllocationSite> Alloc;
  /// The use of the converted value as memory, if one was seen.
  const clang::Expr *MemoryUse = nullptr;
};

/// Receives the findings of runPageAsAddressAnalysis().
class PageAsAddressHandler {
public:
  virtual ~PageAsAddressHandler();
  /// \param C the conversion and the evidence for it.
  virtual void handlePageAsAddress(const PageConversion &C) {}
};

/// Options of the analysis.
struct PageAsAddressOptions {
  /// Functions whose pointer arguments are used as memory, in addition to
  /// the table in KernelApi.def.
  std::vector<std::string> MemoryFunctions = {};
  /// Structs that overlay struct page: converting to them is fine.
  std::vector<std::string> DescriptorTypes = {"page", "folio", "slab", "ptdesc",
                                              "zpdesc"};
  /// Functions that implement the page API and are never analysed.
  /// (KernelApi.def's page converters that implement the page API.)
  std::vector<std::string> IgnoredFunctions = pageApiFunctions();
};

/// Reports the conversions in \p FD through \p H.
void runPageAsAddressAnalysis(const clang::FunctionDecl &FD, KernelModel &M,
                              PageAsAddressHandler &H,
                              const PageAsAddressOptions &Opts = {});

} // namespace gfp

#endif // GFP_TIDY_LIB_ANALYSIS_PAGEASADDRESS_H
