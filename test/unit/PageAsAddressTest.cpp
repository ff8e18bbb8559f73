//===-- PageAsAddressTest.cpp - The page-as-address analysis --------------===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Analysis/PageAsAddress.h"
#include "TestAST.h"

#include "gtest/gtest.h"

using namespace gfp;

namespace {

/// Records what the analysis reports.
class Recorder : public PageAsAddressHandler {
public:
  void handlePageAsAddress(const PageConversion &C) override {
    Reasons.push_back(C.Reason);
    Used.push_back(C.MemoryUse != nullptr);
  }
  std::vector<PageConversionReason> Reasons;
  std::vector<bool> Used;
};

Recorder analyse(const std::string &Body) {
  auto AST =
      test::parseKernelC("#include <linux/mm.h>\n#include <linux/string.h>\n"
                         "struct priv { struct page *page; };\n"
                         "void f(struct priv *p, struct page *arg)\n{\n" +
                             Body + "\n}\n",
                         "v6.12");
  Recorder R;
  EXPECT_FALSE(AST->getDiagnostics().hasErrorOccurred());
  KernelModel M(AST->getASTContext(), &AST->getPreprocessor());
  runPageAsAddressAnalysis(*test::findFunction(AST->getASTContext(), "f"), M,
                           R);
  return R;
}

TEST(PageAsAddressTest, Reasons) {
  Recorder A = analyse("void *v = (void *)alloc_page(GFP_ATOMIC); (void)v;");
  ASSERT_EQ(A.Reasons.size(), 1U);
  EXPECT_EQ(A.Reasons[0], PageConversionReason::Allocation);

  Recorder H = analyse("p->page = alloc_page(GFP_KERNEL);\n"
                       "memset((void *)p->page, 0, PAGE_SIZE);");
  ASSERT_EQ(H.Reasons.size(), 1U);
  EXPECT_EQ(H.Reasons[0], PageConversionReason::HeldAllocation);
  EXPECT_TRUE(H.Used[0]);

  Recorder U = analyse("char *c = (char *)arg; c[0] = 1;");
  ASSERT_EQ(U.Reasons.size(), 1U);
  EXPECT_EQ(U.Reasons[0], PageConversionReason::UsedAsMemory);
}

TEST(PageAsAddressTest, SilentCases) {
  // A cookie, a hash, a folio, the descriptor's own size.
  EXPECT_TRUE(analyse("void *cookie = arg; (void)cookie;").Reasons.empty());
  EXPECT_TRUE(analyse("unsigned long h = (unsigned long)arg; (void)h;")
                  .Reasons.empty());
  EXPECT_TRUE(analyse("struct folio *f = (struct folio *)arg; (void)f;")
                  .Reasons.empty());
  EXPECT_TRUE(analyse("memset(arg, 0, sizeof(*arg));").Reasons.empty());
  EXPECT_TRUE(
      analyse("p->page = alloc_page(GFP_KERNEL);\nvoid *c = p->page; (void)c;")
          .Reasons.empty());
}

} // namespace
