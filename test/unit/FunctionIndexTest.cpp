//===-- FunctionIndexTest.cpp - Which functions the analyses visit --------===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The index decides which functions the analyses run on: a fact it misses
// silences a check for the whole function, so each fact is tested on both
// header shapes, through the kernel's macros as well as plain calls.
//
//===----------------------------------------------------------------------===//

#include "Analysis/FunctionIndex.h"
#include "TestAST.h"

#include "gtest/gtest.h"

using namespace gfp;

namespace {

class FunctionIndexTest : public ::testing::TestWithParam<const char *> {
protected:
  /// The facts of function \p Fn in \p Code (with the usual includes).
  FunctionFacts factsOf(const std::string &Code, llvm::StringRef Fn) {
    AST = test::parseKernelC("#include <linux/gfp.h>\n#include <linux/mm.h>\n"
                             "#include <linux/slab.h>\n" +
                                 Code,
                             GetParam());
    EXPECT_TRUE(AST);
    EXPECT_FALSE(AST->getDiagnostics().hasErrorOccurred());
    Model = std::make_unique<KernelModel>(AST->getASTContext(),
                                          &AST->getPreprocessor());
    Index = std::make_unique<FunctionIndex>(*Model);
    const clang::FunctionDecl *FD =
        test::findFunction(AST->getASTContext(), Fn);
    EXPECT_NE(FD, nullptr);
    return FD ? Index->facts(*FD) : FunctionFacts();
  }

  std::unique_ptr<clang::ASTUnit> AST;
  std::unique_ptr<KernelModel> Model;
  std::unique_ptr<FunctionIndex> Index;
};

TEST_P(FunctionIndexTest, NothingInAPlainFunction) {
  FunctionFacts F = factsOf("int f(int a) { return a + 1; }", "f");
  EXPECT_FALSE(F.Allocation);
  EXPECT_FALSE(F.Free);
  EXPECT_FALSE(F.PageConversion);
}

TEST_P(FunctionIndexTest, AllocationThroughTheApiMacros) {
  // 6.12 spells these as alloc_hooks() macros over _noprof functions.
  for (const char *Call :
       {"alloc_page(GFP_KERNEL)", "alloc_pages(GFP_ATOMIC, 2)",
        "kmalloc(8, GFP_KERNEL)", "kcalloc(4, 8, GFP_ATOMIC)"}) {
    FunctionFacts F = factsOf(
        std::string("void *f(void) { return (void *)") + Call + "; }", "f");
    EXPECT_TRUE(F.Allocation) << Call;
  }
}

TEST_P(FunctionIndexTest, FreeOfEachKind) {
  for (const char *Call : {"__free_pages(p, 0)", "free_page(a)", "kfree(v)"}) {
    FunctionFacts F = factsOf(std::string("void f(struct page *p, unsigned "
                                          "long a, void *v) { ") +
                                  Call + "; }",
                              "f");
    EXPECT_TRUE(F.Free) << Call;
    EXPECT_FALSE(F.Allocation) << Call;
  }
}

TEST_P(FunctionIndexTest, PageConversionButNotOtherCasts) {
  EXPECT_TRUE(factsOf("void *f(struct page *p) { return (void *)p; }", "f")
                  .PageConversion);
  EXPECT_TRUE(
      factsOf("unsigned long f(struct page *p) { return (unsigned long)p; }",
              "f")
          .PageConversion);
  EXPECT_FALSE(
      factsOf("void *f(int *p) { return (void *)p; }", "f").PageConversion);
}

TEST_P(FunctionIndexTest, NoBodyNoFacts) {
  AST = test::parseKernelC("#include <linux/gfp.h>\nvoid g(void);\n"
                           "void f(void) { g(); }\n",
                           GetParam());
  ASSERT_TRUE(AST);
  Model = std::make_unique<KernelModel>(AST->getASTContext(),
                                        &AST->getPreprocessor());
  FunctionIndex Idx(*Model);
  for (const clang::Decl *D :
       AST->getASTContext().getTranslationUnitDecl()->decls())
    if (const auto *FD = llvm::dyn_cast<clang::FunctionDecl>(D);
        FD && FD->getName() == "g") {
      const FunctionFacts &F = Idx.facts(*FD);
      EXPECT_FALSE(F.Allocation || F.Free || F.PageConversion);
    }
}

INSTANTIATE_TEST_SUITE_P(HeaderShapes, FunctionIndexTest,
                         ::testing::Values("v6.1", "v6.12"),
                         [](const ::testing::TestParamInfo<const char *> &I) {
                           return std::string(I.param).substr(1, 1) +
                                  std::string(I.param).substr(3);
                         });

} // namespace
