//===-- PageNullnessTest.cpp - The NULL-check analysis --------------------===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// What lit shows only indirectly: the dereference summaries of helper
// functions, and that each allocation is reported once however many uses
// follow it.
//
//===----------------------------------------------------------------------===//

#include "Analysis/PageNullness.h"
#include "TestAST.h"

#include "gtest/gtest.h"

using namespace gfp;

namespace {

class Recorder : public PageNullnessHandler {
public:
  void handleUncheckedUse(const UncheckedUse &U) override {
    Uses.push_back(U.Alloc->ApiName);
    UseExprs.push_back(U.Use);
  }
  void handleDiscardedAllocation(const AllocationSite &A) override {
    Discarded.push_back(A.ApiName);
  }
  std::vector<std::string> Uses;
  std::vector<const clang::Expr *> UseExprs;
  std::vector<std::string> Discarded;
};

class PageNullnessTest : public ::testing::Test {
protected:
  void parse(const std::string &Code) {
    AST = test::parseKernelC(
        "#include <linux/kernel.h>\n#include <linux/mm.h>\n" + Code, "v6.12");
    ASSERT_TRUE(AST);
    ASSERT_FALSE(AST->getDiagnostics().hasErrorOccurred());
    Model = std::make_unique<KernelModel>(AST->getASTContext(),
                                          &AST->getPreprocessor());
    Summaries = std::make_unique<DerefSummaries>(*Model, Opts);
  }
  const clang::FunctionDecl *fn(llvm::StringRef Name) {
    return test::findFunction(AST->getASTContext(), Name);
  }
  Recorder run(llvm::StringRef Name) {
    Recorder R;
    runPageNullnessAnalysis(*fn(Name), *Model, R, *Summaries, Opts);
    return R;
  }

  PageNullnessOptions Opts;
  std::unique_ptr<clang::ASTUnit> AST;
  std::unique_ptr<KernelModel> Model;
  std::unique_ptr<DerefSummaries> Summaries;
};

TEST_F(PageNullnessTest, UseShownIsTheFirstInTheSource) {
  // Two uses on two paths: the walk may meet either first (Clang's
  // post-order meets the goto's target first); the use reported is the
  // one written first.
  parse(R"(
void f(int x)
{
	struct page *p = alloc_page(GFP_ATOMIC);

	if (x)
		goto second;
	get_page(p);
	return;
second:
	put_page(p);
}
)");
  Recorder R = run("f");
  ASSERT_EQ(R.UseExprs.size(), 1U);
  const auto *Call = llvm::dyn_cast<clang::CallExpr>(R.UseExprs[0]);
  ASSERT_NE(Call, nullptr);
  ASSERT_NE(Call->getDirectCallee(), nullptr);
  EXPECT_EQ(Call->getDirectCallee()->getName(), "get_page");
}

TEST_F(PageNullnessTest, SummariesNeedEveryPath) {
  parse(R"(
static int always(struct page *p) { return p->flags; }
static int sometimes(struct page *p, int x) { if (x) return p->flags; return 0; }
static int checks(struct page *p) { if (!p) return 0; return p->flags; }
static int warns(struct page *p) { WARN_ON(!p); return p->flags; }
static int bugs(struct page *p) { BUG_ON(!p); return p->flags; }
static int via(struct page *p) { return always(p); }
static int other(int *q, struct page *p) { return *q; }
)");
  EXPECT_NE(Summaries->unconditionalDeref(*fn("always"), 0), nullptr);
  EXPECT_EQ(Summaries->unconditionalDeref(*fn("sometimes"), 0), nullptr);
  EXPECT_EQ(Summaries->unconditionalDeref(*fn("checks"), 0), nullptr);
  EXPECT_NE(Summaries->unconditionalDeref(*fn("warns"), 0), nullptr);
  EXPECT_EQ(Summaries->unconditionalDeref(*fn("bugs"), 0), nullptr);
  EXPECT_NE(Summaries->unconditionalDeref(*fn("via"), 0), nullptr);
  EXPECT_EQ(Summaries->unconditionalDeref(*fn("other"), 1), nullptr);
  EXPECT_NE(Summaries->unconditionalDeref(*fn("other"), 0), nullptr);
  // Out of range and non-pointer parameters are never dereferenced.
  EXPECT_EQ(Summaries->unconditionalDeref(*fn("sometimes"), 1), nullptr);
  EXPECT_EQ(Summaries->unconditionalDeref(*fn("always"), 5), nullptr);
}

TEST_F(PageNullnessTest, OneReportPerAllocation) {
  parse(R"(
void f(void)
{
	struct page *a = alloc_page(GFP_ATOMIC);
	struct page *b = alloc_page(GFP_NOWAIT);

	get_page(a);
	get_page(a);
	put_page(a);
	get_page(b);
	alloc_page(GFP_ATOMIC);
	alloc_page(GFP_KERNEL);
}
)");
  Recorder R = run("f");
  EXPECT_EQ(R.Uses.size(), 2U);
  ASSERT_EQ(R.Discarded.size(), 1U);
}

TEST_F(PageNullnessTest, AllAllocationsTracksSleepingOnes) {
  Opts.AllAllocations = true;
  parse(R"(
void f(void)
{
	struct page *a = alloc_page(GFP_KERNEL);

	get_page(a);
}
)");
  EXPECT_EQ(run("f").Uses.size(), 1U);
}

} // namespace
