//===-- AtomicContextTest.cpp - The context model -------------------------===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The context of functions, as lit sees it only through the checks'
// findings: roles, evidence, callers, cycles, escapes.
//
//===----------------------------------------------------------------------===//

#include "Analysis/AtomicContext.h"
#include "Analysis/FunctionIndex.h"
#include "TestAST.h"

#include "gtest/gtest.h"

using namespace gfp;

namespace {

class AtomicContextTest : public ::testing::Test {
protected:
  ContextKind contextOf(const std::string &Code, llvm::StringRef Fn,
                        std::vector<Evidence> *Why = nullptr) {
    AST = test::parseKernelC(R"(
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/interrupt.h>
#include <linux/pci.h>
)" + Code,
                             "v6.12");
    EXPECT_TRUE(AST);
    EXPECT_FALSE(AST->getDiagnostics().hasErrorOccurred());
    Model = std::make_unique<KernelModel>(AST->getASTContext(),
                                          &AST->getPreprocessor());
    Index = std::make_unique<FunctionIndex>(*Model);
    Contexts = std::make_unique<ContextModel>(*Model, *Index, Opts);
    const clang::FunctionDecl *FD =
        test::findFunction(AST->getASTContext(), Fn);
    EXPECT_NE(FD, nullptr);
    return FD ? Contexts->functionContext(*FD, Why) : ContextKind::Unknown;
  }

  AtomicContextOptions Opts;
  std::unique_ptr<clang::ASTUnit> AST;
  std::unique_ptr<KernelModel> Model;
  std::unique_ptr<FunctionIndex> Index;
  std::unique_ptr<ContextModel> Contexts;
};

TEST_F(AtomicContextTest, RolesFromCallsAndInitializers) {
  const char *Code = R"(
static irqreturn_t h(int irq, void *d) { return IRQ_HANDLED; }
static int p(struct pci_dev *d, const struct pci_device_id *id) { return 0; }
static struct pci_driver drv = { .probe = p };
int reg(void) { return request_irq(1, h, 0, "x", 0); }
)";
  std::vector<Evidence> Why;
  EXPECT_EQ(contextOf(Code, "h", &Why), ContextKind::Atomic);
  ASSERT_EQ(Why.size(), 1U);
  EXPECT_EQ(Why[0].K, Evidence::Kind::Role);
  // Facts, not words: the checks word them.
  EXPECT_EQ(Why[0].What, "call:request_irq:1");
  EXPECT_EQ(contextOf(Code, "p", &Why), ContextKind::Sleepable);
  ASSERT_EQ(Why.size(), 1U);
  EXPECT_EQ(Why[0].What, "field:pci_driver:probe");
}

TEST_F(AtomicContextTest, SleeperShownIsTheFirstInTheSource) {
  // Every walk of the flow meets mutex_lock() before msleep(), which is
  // reached only through it; the note names the sleeper written first.
  const char *Code = R"(
static struct mutex m;
void f(void)
{
	goto second;
first:
	msleep(1);
	return;
second:
	mutex_lock(&m);
	mutex_unlock(&m);
	goto first;
}
)";
  std::vector<Evidence> Why;
  EXPECT_EQ(contextOf(Code, "f", &Why), ContextKind::Sleepable);
  ASSERT_EQ(Why.size(), 1U);
  EXPECT_EQ(Why[0].K, Evidence::Kind::Sleeps);
  EXPECT_EQ(Why[0].What, "msleep");
}

TEST_F(AtomicContextTest, ConflictingRolesAreUnknown) {
  EXPECT_EQ(contextOf(R"(
static irqreturn_t h(int irq, void *d) { return IRQ_HANDLED; }
int reg(void) { return request_threaded_irq(1, h, h, 0, "x", 0); }
)",
                      "h"),
            ContextKind::Unknown);
}

TEST_F(AtomicContextTest, SleepingCallsAreEvidence) {
  EXPECT_EQ(contextOf(R"(
DEFINE_MUTEX(m);
void f(void) { mutex_lock(&m); mutex_unlock(&m); }
)",
                      "f"),
            ContextKind::Sleepable);
  // Under a spinlock the same call proves nothing.
  EXPECT_EQ(contextOf(R"(
DEFINE_MUTEX(m);
DEFINE_SPINLOCK(l);
void f(void) { spin_lock(&l); mutex_lock(&m); spin_unlock(&l); }
)",
                      "f"),
            ContextKind::Unknown);
}

TEST_F(AtomicContextTest, StaticHelpersJoinTheirCallers) {
  const char *Code = R"(
DEFINE_SPINLOCK(l);
static void helper(void) { }
static void other(void) { }
void a(void) { spin_lock(&l); helper(); other(); spin_unlock(&l); }
void b(void) { spin_lock_irq(&l); helper(); spin_unlock_irq(&l); other(); }
static void escapes(void) { }
void (*hook)(void) = escapes;
void c(void) { spin_lock(&l); escapes(); spin_unlock(&l); }
static void ping(int n);
static void pong(int n) { ping(n); }
static void ping(int n) { pong(n); }
)";
  std::vector<Evidence> Why;
  EXPECT_EQ(contextOf(Code, "helper", &Why), ContextKind::Atomic);
  ASSERT_FALSE(Why.empty());
  EXPECT_EQ(Why.front().K, Evidence::Kind::Section);
  EXPECT_EQ(Why.back().K, Evidence::Kind::Caller);
  EXPECT_EQ(contextOf(Code, "other"), ContextKind::Unknown);
  EXPECT_EQ(contextOf(Code, "escapes"), ContextKind::Unknown);
  EXPECT_EQ(contextOf(Code, "ping"), ContextKind::Unknown);
}

} // namespace
