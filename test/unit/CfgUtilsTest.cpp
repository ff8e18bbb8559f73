//===-- CfgUtilsTest.cpp - The kernel CFG and the worklist ----------------===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The dataflow analyses visit blocks in the order RpoWorklist gives: every
// reachable block once before its successors (back edges aside), a block
// queued twice only once, and unreachable blocks never.
//
//===----------------------------------------------------------------------===//

#include "Analysis/CfgUtils.h"
#include "TestAST.h"

#include "gtest/gtest.h"

#include <set>

using namespace gfp;

namespace {

struct Parsed {
  std::unique_ptr<clang::ASTUnit> AST;
  std::unique_ptr<clang::CFG> Cfg;
};

Parsed cfgOf(const std::string &Code) {
  Parsed P;
  P.AST = test::parseKernelC(Code, "");
  EXPECT_TRUE(P.AST);
  if (!P.AST)
    return P;
  const clang::FunctionDecl *FD =
      test::findFunction(P.AST->getASTContext(), "f");
  EXPECT_NE(FD, nullptr);
  if (FD)
    P.Cfg = buildKernelCfg(*FD, P.AST->getASTContext());
  EXPECT_NE(P.Cfg, nullptr);
  return P;
}

TEST(RpoWorklistTest, PredecessorsComeFirst) {
  Parsed P = cfgOf("int g(int);\n"
                   "int f(int a) {\n"
                   "  int r = 0;\n"
                   "  if (a) r = g(1); else r = g(2);\n"
                   "  while (r < 10) r = g(r);\n"
                   "  return r; }");
  ASSERT_TRUE(P.Cfg);
  RpoWorklist WL(*P.Cfg);
  std::vector<const clang::CFGBlock *> Order(WL.order().begin(),
                                             WL.order().end());
  ASSERT_FALSE(Order.empty());
  EXPECT_EQ(Order.front(), &P.Cfg->getEntry());
  std::map<const clang::CFGBlock *, size_t> Index;
  for (size_t I = 0; I < Order.size(); ++I)
    Index[Order[I]] = I;
  // Every edge goes forward in the order, except the loop's back edge.
  unsigned Back = 0;
  for (const clang::CFGBlock *B : Order)
    for (const clang::CFGBlock *S : B->succs())
      if (S && Index.count(S) && Index[S] <= Index[B])
        ++Back;
  EXPECT_EQ(Back, 1U);
}

TEST(RpoWorklistTest, EachBlockOnceWhileQueued) {
  Parsed P = cfgOf("int g(int);\n"
                   "int f(int a) { if (a) return g(1); return g(2); }");
  ASSERT_TRUE(P.Cfg);
  RpoWorklist WL(*P.Cfg);
  const clang::CFGBlock *Exit = &P.Cfg->getExit();
  WL.enqueue(Exit);
  WL.enqueue(Exit);
  WL.enqueue(&P.Cfg->getEntry());
  // Dequeued in the order's order, the entry first, each once.
  EXPECT_EQ(WL.dequeue(), &P.Cfg->getEntry());
  EXPECT_EQ(WL.dequeue(), Exit);
  EXPECT_EQ(WL.dequeue(), nullptr);
  // Once dequeued, a block may be queued again.
  WL.enqueue(Exit);
  EXPECT_EQ(WL.dequeue(), Exit);
}

TEST(RpoWorklistTest, UnreachableBlocksAreLeftOut) {
  Parsed P = cfgOf("int g(int);\n"
                   "int f(int a) { return g(a); g(2); }");
  ASSERT_TRUE(P.Cfg);
  RpoWorklist WL(*P.Cfg);
  std::set<const clang::CFGBlock *> InOrder(WL.order().begin(),
                                            WL.order().end());
  unsigned Unreachable = 0;
  for (const clang::CFGBlock *B : *P.Cfg)
    if (!InOrder.count(B))
      ++Unreachable;
  EXPECT_GE(Unreachable, 1U);
  // Queuing an unreachable block does nothing.
  for (const clang::CFGBlock *B : *P.Cfg)
    if (!InOrder.count(B))
      WL.enqueue(B);
  EXPECT_EQ(WL.dequeue(), nullptr);
}

TEST(RpoWorklistTest, PrunedEdgesAreNotFollowed) {
  // `if (0)`: the CFG keeps the branch's block but its edge is pruned (a
  // null successor), so the call behind it is never reached.
  Parsed P = cfgOf("int g(int);\n"
                   "int f(int a) { if (0) a = g(1); return g(a); }");
  ASSERT_TRUE(P.Cfg);
  RpoWorklist WL(*P.Cfg);
  unsigned Reached = 0;
  for (const clang::CFGBlock *B : WL.order()) {
    (void)B;
    ++Reached;
  }
  EXPECT_LT(Reached, P.Cfg->size());
  for (const clang::CFGBlock *B : *P.Cfg)
    WL.enqueue(B);
  unsigned Dequeued = 0;
  while (WL.dequeue())
    ++Dequeued;
  EXPECT_EQ(Dequeued, Reached);
}

} // namespace
