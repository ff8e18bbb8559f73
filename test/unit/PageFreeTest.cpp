//===-- PageFreeTest.cpp - Frees through the wrong API --------------------===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The free-mismatch analysis on both header shapes: each kind of mismatch
// it reports, and the correct frees and look-alikes it must leave alone.
//
//===----------------------------------------------------------------------===//

#include "Analysis/PageFree.h"
#include "TestAST.h"

#include "gtest/gtest.h"

using namespace gfp;

namespace {

class PageFreeTest : public ::testing::TestWithParam<const char *>,
                     private PageFreeHandler {
protected:
  /// The mismatches in function `f` of \p Code.
  std::vector<FreeMismatch> mismatchesIn(const std::string &Code) {
    Found.clear();
    AST = test::parseKernelC("#include <linux/gfp.h>\n#include <linux/mm.h>\n"
                             "#include <linux/slab.h>\n" +
                                 Code,
                             GetParam());
    EXPECT_TRUE(AST);
    if (!AST)
      return {};
    EXPECT_FALSE(AST->getDiagnostics().hasErrorOccurred());
    Model = std::make_unique<KernelModel>(AST->getASTContext(),
                                          &AST->getPreprocessor());
    const clang::FunctionDecl *FD =
        test::findFunction(AST->getASTContext(), "f");
    EXPECT_NE(FD, nullptr);
    if (FD)
      runPageFreeAnalysis(*FD, *Model, *this);
    return Found;
  }

  std::unique_ptr<clang::ASTUnit> AST;
  std::unique_ptr<KernelModel> Model;

private:
  void handleFreeMismatch(const FreeMismatch &M) override {
    Found.push_back(M);
  }
  std::vector<FreeMismatch> Found;
};

TEST_P(PageFreeTest, DescriptorToAnAddressFree) {
  std::vector<FreeMismatch> M =
      mismatchesIn("void f(void) {\n"
                   "  struct page *p = alloc_page(GFP_KERNEL);\n"
                   "  free_page((unsigned long)p); }");
  ASSERT_EQ(M.size(), 1U);
  EXPECT_EQ(M[0].K, FreeMismatch::Kind::DescriptorToOtherFree);
  EXPECT_EQ(M[0].FreeName, "free_page");
  ASSERT_TRUE(M[0].Alloc.has_value());
  EXPECT_EQ(M[0].AllocOrder, 0U);
}

TEST_P(PageFreeTest, AddressToADescriptorFree) {
  std::vector<FreeMismatch> M =
      mismatchesIn("void f(void) {\n"
                   "  unsigned long a = __get_free_pages(GFP_KERNEL, 2);\n"
                   "  __free_pages((struct page *)a, 2); }");
  ASSERT_EQ(M.size(), 1U);
  EXPECT_EQ(M[0].K, FreeMismatch::Kind::AddressToOtherFree);
  EXPECT_EQ(M[0].AllocOrder, 2U);
}

TEST_P(PageFreeTest, OrderMismatch) {
  std::vector<FreeMismatch> M =
      mismatchesIn("void f(void) {\n"
                   "  struct page *p = alloc_pages(GFP_KERNEL, 3);\n"
                   "  __free_pages(p, 1); }");
  ASSERT_EQ(M.size(), 1U);
  EXPECT_EQ(M[0].K, FreeMismatch::Kind::OrderMismatch);
  EXPECT_EQ(M[0].AllocOrder, 3U);
  EXPECT_EQ(M[0].FreeOrder, 1U);
}

TEST_P(PageFreeTest, RightFreesAreSilent) {
  EXPECT_TRUE(mismatchesIn("void f(void) {\n"
                           "  struct page *p = alloc_pages(GFP_KERNEL, 3);\n"
                           "  unsigned long a = __get_free_page(GFP_KERNEL);\n"
                           "  __free_pages(p, 3);\n"
                           "  free_page(a); }")
                  .empty());
  // The address of the page's memory goes to the address free.
  EXPECT_TRUE(mismatchesIn("void f(void) {\n"
                           "  struct page *p = alloc_page(GFP_KERNEL);\n"
                           "  free_page((unsigned long)page_address(p)); }")
                  .empty());
  // A value that is reassigned between allocation and free is not followed.
  EXPECT_TRUE(mismatchesIn("void f(struct page *q) {\n"
                           "  struct page *p = alloc_pages(GFP_KERNEL, 2);\n"
                           "  p = q;\n"
                           "  __free_page(p); }")
                  .empty());
}

INSTANTIATE_TEST_SUITE_P(Shapes, PageFreeTest,
                         ::testing::Values("v6.1", "v6.12"));

} // namespace
