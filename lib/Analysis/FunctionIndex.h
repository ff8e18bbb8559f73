//===-- FunctionIndex.h - What each function contains, cheaply --*- C++ -*-===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// A kernel translation unit defines thousands of functions, most of them
// static inlines from headers that no check cares about. One walk per
// function, shared by every check, tells which functions hold a page
// conversion, an allocation or a free; the analyses run only there. The same
// walk keeps the nodes the context analysis's unit scan reads (calls,
// function references, initializer lists, assignments), so that the scan
// does not walk every body again.
//
//===----------------------------------------------------------------------===//

#ifndef GFP_TIDY_LIB_ANALYSIS_FUNCTIONINDEX_H
#define GFP_TIDY_LIB_ANALYSIS_FUNCTIONINDEX_H

#include "Analysis/KernelModel.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"

#include <vector>

namespace clang {
class FunctionDecl;
class Stmt;
} // namespace clang

namespace gfp {

/// What one function's evaluated code contains.
struct FunctionFacts {
  /// A conversion from `struct page *` to another pointer or an integer.
  bool PageConversion = false;
  /// A call of an allocator (page, slab or vmalloc; table or wrapper).
  bool Allocation = false;
  /// A call of a free function (free_page(s), __free_pages, kfree, ...).
  bool Free = false;
};

/// The facts of each function of one translation unit, computed on demand.
class FunctionIndex {
public:
  explicit FunctionIndex(KernelModel &M) : M(M) {}
  /// The facts of \p FD's body (all false without a body).
  const FunctionFacts &facts(const clang::FunctionDecl &FD);
  /// The calls, references to functions, initializer lists and plain
  /// assignments of \p FD's body, in the order walkEvaluated() visits them.
  llvm::ArrayRef<const clang::Stmt *> scanNodes(const clang::FunctionDecl &FD);

private:
  KernelModel &M;
  llvm::DenseMap<const clang::FunctionDecl *, FunctionFacts> Cache;
  llvm::DenseMap<const clang::FunctionDecl *, std::vector<const clang::Stmt *>>
      Nodes;
};

} // namespace gfp

#endif // GFP_TIDY_LIB_ANALYSIS_FUNCTIONINDEX_H
