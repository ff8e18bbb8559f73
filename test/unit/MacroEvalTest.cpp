//===-- MacroEvalTest.cpp - Integer values of macros ----------------------===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Analysis/MacroEval.h"
#include "TestAST.h"

#include "clang/Lex/Preprocessor.h"
#include "gtest/gtest.h"

using namespace gfp;

namespace {

class MacroEvalTest : public ::testing::Test {
protected:
  std::optional<uint64_t> eval(const std::string &Code, llvm::StringRef Name) {
    AST = test::parseKernelC(Code + "\nint unused;\n", "");
    if (!AST)
      return std::nullopt;
    return MacroEvaluator(AST->getPreprocessor(), &AST->getASTContext())
        .evaluate(Name);
  }
  std::unique_ptr<clang::ASTUnit> AST;
};

TEST_F(MacroEvalTest, Literals) {
  EXPECT_EQ(eval("#define A 0x400u", "A"), 0x400U);
  EXPECT_EQ(eval("#define A 010", "A"), 8U);
  EXPECT_EQ(eval("#define A 42UL", "A"), 42U);
}

TEST_F(MacroEvalTest, OperatorsAndPrecedence) {
  EXPECT_EQ(eval("#define A (1 | 2 << 3)", "A"), 17U);
  EXPECT_EQ(eval("#define A (~0x1u & 0x3)", "A"), 2U);
  EXPECT_EQ(eval("#define A (2 * 3 + 4 - 1)", "A"), 9U);
}

TEST_F(MacroEvalTest, CastsToSpelledTypes) {
  EXPECT_EQ(eval("#define __force\ntypedef unsigned gfp_t;\n"
                 "#define B 0x20u\n#define A ((__force gfp_t)B)",
                 "A"),
            0x20U);
}

TEST_F(MacroEvalTest, BitOverEnumLikeTheNewHeaders) {
  EXPECT_EQ(eval(R"(
#define __AC(X, Y) (X##Y)
#define _AC(X, Y) __AC(X, Y)
#define _UL(x) (_AC(x, UL))
#define UL(x) (_UL(x))
#define BIT(nr) (UL(1) << (nr))
enum { A_BIT, B_BIT, C_BIT };
#define C BIT(C_BIT)
)",
                 "C"),
            4U);
}

TEST_F(MacroEvalTest, NoValue) {
  EXPECT_EQ(eval("", "UNDEFINED"), std::nullopt);
  EXPECT_EQ(eval("#define A A", "A"), std::nullopt);
  EXPECT_EQ(eval("#define S(x) #x\n#define A S(1)", "A"), std::nullopt);
  EXPECT_EQ(eval("#define A (1 / 0)", "A"), std::nullopt);
  EXPECT_EQ(eval("#define A (1 +)", "A"), std::nullopt);
}

} // namespace
