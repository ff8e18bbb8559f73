//===-- KernelModelTest.cpp - Allocation sites and GFP flags --------------===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The same kernel code against the 6.1-shaped and the 6.12-shaped test
// headers must give the same sites, flags and names.
//
//===----------------------------------------------------------------------===//

#include "Analysis/KernelModel.h"
#include "TestAST.h"

#include "gtest/gtest.h"

using namespace gfp;

namespace {

class KernelModelTest : public ::testing::TestWithParam<const char *> {
protected:
  /// The allocation sites of function \p Fn in \p Code.
  std::vector<AllocationSite> sites(const std::string &Code,
                                    llvm::StringRef Fn) {
    AST = test::parseKernelC(Code, GetParam());
    EXPECT_TRUE(AST);
    EXPECT_FALSE(AST->getDiagnostics().hasErrorOccurred());
    Model = std::make_unique<KernelModel>(AST->getASTContext(),
                                          &AST->getPreprocessor());
    const clang::FunctionDecl *FD =
        test::findFunction(AST->getASTContext(), Fn);
    EXPECT_NE(FD, nullptr);
    if (!FD)
      return {};
    return Model->collectAllocationSites(FD->getBody());
  }

  /// The only allocation site of `f` in \p Body (with the usual includes).
  AllocationSite only(const std::string &Decls, const std::string &Body) {
    std::vector<AllocationSite> S =
        sites("#include <linux/gfp.h>\n#include <linux/skbuff.h>\n" + Decls +
                  "\nvoid *f(gfp_t gfp, int cond)\n{\n" + Body + "\n}\n",
              "f");
    EXPECT_EQ(S.size(), 1U);
    return S.empty() ? AllocationSite() : S.front();
  }

  std::unique_ptr<clang::ASTUnit> AST;
  std::unique_ptr<KernelModel> Model;
};

TEST_P(KernelModelTest, ReadsBitValuesFromTheUnit) {
  sites("#include <linux/gfp.h>\nvoid f(void) {}\n", "f");
  const GfpBits &B = Model->bits();
  EXPECT_EQ(B.DirectReclaim.value_or(0), 0x400U);
  EXPECT_EQ(B.High.value_or(0), 0x20U);
}

TEST_P(KernelModelTest, AtomicIsNonSleepingAndUsesReserves) {
  AllocationSite S = only("", "return alloc_page(GFP_ATOMIC);");
  EXPECT_EQ(S.Flags.Sleep, SleepKind::NoSleep);
  EXPECT_TRUE(S.Flags.UsesReserves);
  EXPECT_FALSE(S.Flags.FromSpelling);
  EXPECT_EQ(S.Flags.Spelling, "GFP_ATOMIC");
  EXPECT_EQ(S.ApiName, "alloc_page");
  EXPECT_EQ(S.Info.Result, AllocResult::PageDescriptor);
  EXPECT_EQ(S.describe(), "alloc_page(GFP_ATOMIC)");
  EXPECT_TRUE(S.UserMacros.empty());
}

TEST_P(KernelModelTest, KernelFlagsMaySleep) {
  for (const char *Flags : {"GFP_KERNEL", "GFP_NOIO", "GFP_NOFS", "GFP_USER",
                            "GFP_KERNEL | __GFP_ZERO"}) {
    AllocationSite S =
        only("", std::string("return alloc_pages(") + Flags + ", 2);");
    EXPECT_EQ(S.Flags.Sleep, SleepKind::MaySleep) << Flags;
    EXPECT_FALSE(S.Flags.UsesReserves) << Flags;
  }
}

TEST_P(KernelModelTest, ReclaimScopeFromTheBits) {
  struct {
    const char *Flags;
    bool NoFs, NoIo;
  } const Cases[] = {{"GFP_KERNEL", false, false},
                     {"GFP_NOFS", true, false},
                     {"GFP_NOIO", true, true},
                     {"GFP_KERNEL & ~__GFP_FS", true, false},
                     {"GFP_NOFS | __GFP_NOWARN", true, false}};
  for (const auto &C : Cases) {
    AllocationSite S =
        only("", std::string("return alloc_pages(") + C.Flags + ", 0);");
    EXPECT_EQ(S.Flags.NoFs, C.NoFs) << C.Flags;
    EXPECT_EQ(S.Flags.NoIo, C.NoIo) << C.Flags;
  }
}

TEST_P(KernelModelTest, NowaitDoesNotSleepNorUseReserves) {
  AllocationSite S = only("", "return alloc_page(GFP_NOWAIT | __GFP_NOWARN);");
  EXPECT_EQ(S.Flags.Sleep, SleepKind::NoSleep);
  EXPECT_FALSE(S.Flags.UsesReserves);
  EXPECT_EQ(S.Flags.Spelling, "GFP_NOWAIT | __GFP_NOWARN");
}

TEST_P(KernelModelTest, ParameterAndRunTimeChoiceAreUnknown) {
  EXPECT_EQ(only("", "return alloc_page(gfp);").Flags.Sleep,
            SleepKind::Unknown);
  EXPECT_EQ(only("", "return alloc_page(cond ? GFP_ATOMIC : GFP_KERNEL);")
                .Flags.Sleep,
            SleepKind::Unknown);
}

TEST_P(KernelModelTest, NodeAndAddressAllocators) {
  AllocationSite N =
      only("", "return alloc_pages_node(NUMA_NO_NODE, GFP_ATOMIC, 1);");
  EXPECT_EQ(N.ApiName, "alloc_pages_node");
  EXPECT_EQ(N.Flags.Sleep, SleepKind::NoSleep);
  AllocationSite A = only("", "return (void *)__get_free_page(GFP_KERNEL);");
  EXPECT_EQ(A.Info.Result, AllocResult::Address);
  EXPECT_EQ(A.ApiName, "__get_free_page");
  EXPECT_EQ(A.Flags.Sleep, SleepKind::MaySleep);
}

TEST_P(KernelModelTest, KernelRxWrappersFixTheirFlags) {
  AllocationSite S = only("", "return dev_alloc_page();");
  EXPECT_EQ(S.Info.Result, AllocResult::PageDescriptor);
  EXPECT_EQ(S.Flags.Sleep, SleepKind::NoSleep);
  EXPECT_TRUE(S.Flags.UsesReserves);
  EXPECT_EQ(S.ApiName, "dev_alloc_page");
}

TEST_P(KernelModelTest, DriverWrappersPassTheirGfpParameterThrough) {
  const char *Wrapper = R"(
static struct page *rx_alloc(struct device *dev, gfp_t gfp)
{
	struct page *page = alloc_pages(gfp | __GFP_COMP, 1);

	if (!page)
		return NULL;
	return page;
})";
  AllocationSite A = only(std::string("struct device;") + Wrapper,
                          "return rx_alloc(NULL, GFP_ATOMIC);");
  EXPECT_EQ(A.ApiName, "rx_alloc");
  EXPECT_EQ(A.Info.GfpArg, 1);
  EXPECT_EQ(A.Flags.Sleep, SleepKind::NoSleep);
  AllocationSite K = only(std::string("struct device;") + Wrapper,
                          "return rx_alloc(NULL, GFP_KERNEL);");
  EXPECT_EQ(K.Flags.Sleep, SleepKind::MaySleep);
}

TEST_P(KernelModelTest, FunctionsReturningOtherPagesAreNotAllocators) {
  std::vector<AllocationSite> S = sites(R"(
#include <linux/mm.h>
struct ring { struct page *spare; };
static struct page *take_spare(struct ring *r)
{
	struct page *p = r->spare;

	r->spare = NULL;
	return p;
}
void *f(struct ring *r) { return take_spare(r); }
)",
                                        "f");
  EXPECT_TRUE(S.empty());
}

TEST_P(KernelModelTest, UserMacroIsNamed) {
  AllocationSite S = only("#define labyrinth (void *)alloc_page(GFP_ATOMIC)",
                          "return labyrinth;");
  ASSERT_EQ(S.UserMacros.size(), 1U);
  EXPECT_EQ(S.UserMacros.front().Name, "labyrinth");
  EXPECT_EQ(S.ApiName, "alloc_page");
  EXPECT_EQ(S.Flags.Spelling, "GFP_ATOMIC");
  EXPECT_EQ(S.describe(), "alloc_page(GFP_ATOMIC)");
}

TEST_P(KernelModelTest, OneSitePerAllocationHowEverItExpands) {
  std::vector<AllocationSite> S = sites(R"(
#include <linux/gfp.h>
void *f(void)
{
	struct page *a = alloc_page(GFP_ATOMIC);
	struct page *b = alloc_pages(GFP_KERNEL, 3);
	unsigned long c = __get_free_page(GFP_ATOMIC);
	unsigned long n = sizeof(alloc_page(GFP_KERNEL));
	return (void *)(c + n + (unsigned long)a + (unsigned long)b);
}
)",
                                        "f");
  ASSERT_EQ(S.size(), 3U);
  EXPECT_EQ(S[0].ApiName, "alloc_page");
  EXPECT_EQ(S[1].ApiName, "alloc_pages");
  EXPECT_EQ(S[2].ApiName, "__get_free_page");
}

INSTANTIATE_TEST_SUITE_P(HeaderShapes, KernelModelTest,
                         ::testing::Values("v6.1", "v6.12"),
                         [](const ::testing::TestParamInfo<const char *> &I) {
                           return std::string(I.param).substr(1, 1) +
                                  std::string(I.param).substr(3);
                         });

TEST(KernelModelFallback, SpelledNamesDecideWithoutBitValues) {
  // A unit that sees the GFP_* names as opaque constants of its own.
  auto AST = test::parseKernelC(R"(
typedef unsigned int gfp_t;
struct page;
struct page *alloc_pages(gfp_t gfp, unsigned int order);
#define GFP_ATOMIC 0x820u
#define GFP_KERNEL 0xcc0u
struct page *f(void) { return alloc_pages(GFP_ATOMIC, 0); }
struct page *g(void) { return alloc_pages(GFP_KERNEL, 0); }
)",
                                "");
  ASSERT_TRUE(AST);
  KernelModel M(AST->getASTContext(), &AST->getPreprocessor());
  auto F = M.collectAllocationSites(
      test::findFunction(AST->getASTContext(), "f")->getBody());
  auto G = M.collectAllocationSites(
      test::findFunction(AST->getASTContext(), "g")->getBody());
  ASSERT_EQ(F.size(), 1U);
  ASSERT_EQ(G.size(), 1U);
  EXPECT_TRUE(F[0].Flags.FromSpelling);
  EXPECT_EQ(F[0].Flags.Sleep, SleepKind::NoSleep);
  EXPECT_TRUE(F[0].Flags.UsesReserves);
  EXPECT_EQ(G[0].Flags.Sleep, SleepKind::MaySleep);
  EXPECT_FALSE(G[0].Flags.NoFs);
}

} // namespace

TEST(AllocatorSpecTest, NamesWhatIsWrong) {
  EXPECT_EQ(gfp::checkAllocatorSpec("my_get_page"), "");
  EXPECT_EQ(gfp::checkAllocatorSpec("my_get_page:page:0:-1"), "");
  EXPECT_EQ(gfp::checkAllocatorSpec(" my_buf:address:1:2 "), "");
  EXPECT_NE(gfp::checkAllocatorSpec("my get"), "");
  EXPECT_NE(gfp::checkAllocatorSpec("1abc"), "");
  EXPECT_NE(gfp::checkAllocatorSpec(":page"), "");
  EXPECT_EQ(gfp::checkAllocatorSpec("f:adress"),
            "result 'adress' is neither 'page' nor 'address'");
  EXPECT_EQ(gfp::checkAllocatorSpec("f:page:zero"),
            "argument index 'zero' is not a number from -1 to 64");
  EXPECT_NE(gfp::checkAllocatorSpec("f:page:0:1:2"), "");
}

TEST(PageConverters, OneTableThreeQuestions) {
  // page_address() makes an address and is the page API's own, but a local
  // it is stored in is not followed as the page; __va() is arithmetic the
  // kernel's callers write, not the page API.
  const gfp::PageConverterInfo *PA = gfp::lookupPageConverter("page_address");
  ASSERT_NE(PA, nullptr);
  EXPECT_TRUE(PA->MakesAddress);
  EXPECT_FALSE(PA->KeepsNullness);
  EXPECT_TRUE(PA->PageApi);
  const gfp::PageConverterInfo *Va = gfp::lookupPageConverter("__va");
  ASSERT_NE(Va, nullptr);
  EXPECT_TRUE(Va->MakesAddress);
  EXPECT_TRUE(Va->KeepsNullness);
  EXPECT_FALSE(Va->PageApi);
  const gfp::PageConverterInfo *Pfn = gfp::lookupPageConverter("page_to_pfn");
  ASSERT_NE(Pfn, nullptr);
  EXPECT_FALSE(Pfn->MakesAddress);
  EXPECT_EQ(gfp::lookupPageConverter("virt_to_page"), nullptr);
  std::vector<std::string> Api = gfp::pageApiFunctions();
  ASSERT_EQ(Api.size(), 8U);
  EXPECT_EQ(Api.front(), "page_address");
  EXPECT_EQ(Api.back(), "page_to_pfn");
}
