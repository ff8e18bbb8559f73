//===-- UnitStateTest.cpp - What the gfp checks of one unit share ---------===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The checks of one ClangTidyContext share one state, the checks of another
// context have their own, and an observer sees each unit once, with its
// pending findings, when the checks are done with it.
//
//===----------------------------------------------------------------------===//

#include "Checks/UnitState.h"
#include "TestAST.h"

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "gtest/gtest.h"

using namespace clang::tidy;
using namespace clang::tidy::gfp;

namespace {

std::unique_ptr<ClangTidyContext> makeContext() {
  return std::make_unique<ClangTidyContext>(
      std::make_unique<DefaultOptionsProvider>(
          ClangTidyGlobalOptions(), ClangTidyOptions::getDefaults()));
}

class Recorder : public UnitObserver {
public:
  void unitChecked(const CheckedUnit &U) override {
    ++Units;
    Pending += U.Pending.size();
    SawContexts = U.Contexts != nullptr;
  }
  unsigned Units = 0;
  size_t Pending = 0;
  bool SawContexts = false;
};

TEST(UnitStateTest, OneStatePerContext) {
  std::unique_ptr<ClangTidyContext> A = makeContext();
  std::unique_ptr<ClangTidyContext> B = makeContext();
  std::shared_ptr<UnitState> A1 = UnitState::of(*A);
  std::shared_ptr<UnitState> A2 = UnitState::of(*A);
  std::shared_ptr<UnitState> B1 = UnitState::of(*B);
  EXPECT_EQ(A1, A2);
  EXPECT_NE(A1, B1);
}

TEST(UnitStateTest, ForgottenWhenNobodyHoldsIt) {
  std::unique_ptr<ClangTidyContext> A = makeContext();
  std::weak_ptr<UnitState> First = UnitState::of(*A);
  EXPECT_TRUE(First.expired());
  std::shared_ptr<UnitState> Second = UnitState::of(*A);
  EXPECT_TRUE(Second);
}

/// One parsed unit and the state of one context's checks.
class UnitStateWithUnit : public ::testing::Test {
protected:
  void SetUp() override {
    AST = ::gfp::test::parseKernelC("int f(void) { return 0; }\n", "");
    ASSERT_TRUE(AST);
    S = UnitState::of(*C);
  }
  clang::ASTContext &unit() { return AST->getASTContext(); }

  std::unique_ptr<clang::ASTUnit> AST;
  std::unique_ptr<ClangTidyContext> C = makeContext();
  std::shared_ptr<UnitState> S;
};

TEST_F(UnitStateWithUnit, ObserverSeesEachUnitOnce) {
  clang::ASTContext &AC = unit();
  Recorder R;
  S->setObserver(&R);
  ::gfp::KernelModelOptions Opts;
  ::gfp::KernelModel &M = S->model(AC, Opts);
  // The model is made once per unit, whichever check asks first.
  EXPECT_EQ(&S->model(AC, Opts), &M);
  S->contexts(AC, Opts, {});
  S->addPending(PendingFinding{});
  S->addPending(PendingFinding{});
  // The first check to end the unit hands it over; the others find it
  // gone.
  S->endUnit();
  S->endUnit();
  EXPECT_EQ(R.Units, 1U);
  EXPECT_EQ(R.Pending, 2U);
  EXPECT_TRUE(R.SawContexts);
  S->setObserver(nullptr);
}

TEST_F(UnitStateWithUnit, PendingFindingsNeedAnObserver) {
  S->model(unit(), {});
  S->addPending(PendingFinding{});
  // Kept for nobody: an observer set afterwards sees none of them.
  Recorder R;
  S->setObserver(&R);
  S->endUnit();
  EXPECT_EQ(R.Units, 1U);
  EXPECT_EQ(R.Pending, 0U);
  S->setObserver(nullptr);
}

} // namespace
