//===-- StmtUtilsTest.cpp - Which parameters guard a statement ------------===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// parameterGuards() silences findings reached only through calls that pass
// 0 for a parameter: a guard it wrongly claims hides a real bug, so each
// shape that must not count is tested beside the ones that do, on both
// header shapes.
//
//===----------------------------------------------------------------------===//

#include "Analysis/StmtUtils.h"
#include "TestAST.h"

#include "clang/AST/Expr.h"
#include "gtest/gtest.h"

using namespace gfp;

namespace {

class ParameterGuardsTest : public ::testing::TestWithParam<const char *> {
protected:
  /// The guards of the first kmalloc() call in function `f` of \p Code.
  uint32_t guardsOf(const std::string &Code) {
    AST = test::parseKernelC("#include <linux/gfp.h>\n#include <linux/slab.h>\n"
                             "#include <linux/overflow.h>\n" +
                                 Code,
                             GetParam());
    EXPECT_TRUE(AST);
    if (!AST)
      return 0;
    EXPECT_FALSE(AST->getDiagnostics().hasErrorOccurred());
    const clang::FunctionDecl *FD =
        test::findFunction(AST->getASTContext(), "f");
    EXPECT_NE(FD, nullptr);
    if (!FD)
      return 0;
    const clang::Stmt *Target = nullptr;
    walkEvaluated(FD->getBody(), [&](const clang::Stmt &S) {
      const auto *Call = llvm::dyn_cast<clang::CallExpr>(&S);
      if (!Target && Call && calleeName(*Call).starts_with("kmalloc"))
        Target = Call;
    });
    EXPECT_NE(Target, nullptr);
    return parameterGuards(*FD, Target);
  }

  std::unique_ptr<clang::ASTUnit> AST;
};

TEST_P(ParameterGuardsTest, FlagsAndPointers) {
  EXPECT_EQ(guardsOf("void *f(int a, bool show) {\n"
                     "  if (show) return kmalloc(8, GFP_KERNEL);\n"
                     "  return NULL; }"),
            2U);
  EXPECT_EQ(guardsOf("void *f(char **buf, int a) {\n"
                     "  if (buf != NULL && a) return kmalloc(8, GFP_KERNEL);\n"
                     "  return NULL; }"),
            3U);
  // The else branch runs when the flag is clear.
  EXPECT_EQ(guardsOf("void *f(bool show) {\n"
                     "  if (show) return NULL;\n"
                     "  else return kmalloc(8, GFP_KERNEL); }"),
            0U);
  // A parameter the body changes guards nothing.
  EXPECT_EQ(guardsOf("void *f(bool show) {\n"
                     "  show = !show;\n"
                     "  if (show) return kmalloc(8, GFP_KERNEL);\n"
                     "  return NULL; }"),
            0U);
}

TEST_P(ParameterGuardsTest, SizeThatDoesNotFitTheStack) {
  // 6.1's nvif_object_mthd(): the size in the condition.
  EXPECT_EQ(guardsOf("struct a { u32 v; u8 d[]; };\n"
                     "int f(void *o, u32 mthd, void *data, u32 size) {\n"
                     "  u8 stack[128]; struct a *args;\n"
                     "  if (sizeof(*args) + size > sizeof(stack))\n"
                     "    args = kmalloc(sizeof(*args) + size, GFP_KERNEL);\n"
                     "  return 0; }"),
            8U);
  // 6.12's: through the local check_add_overflow() computes.
  EXPECT_EQ(guardsOf("struct a { u32 v; u8 d[]; };\n"
                     "int f(void *o, u32 mthd, void *data, u32 size) {\n"
                     "  u8 stack[128]; struct a *args; u32 args_size;\n"
                     "  if (check_add_overflow(sizeof(*args), size, "
                     "&args_size)) return -1;\n"
                     "  if (args_size > sizeof(stack))\n"
                     "    args = kmalloc(args_size, GFP_KERNEL);\n"
                     "  return 0; }"),
            8U);
  // A local given its value by an assignment.
  EXPECT_EQ(guardsOf("int f(u32 count) {\n"
                     "  u32 len; void *p;\n"
                     "  len = 16 + count * 4;\n"
                     "  if (len >= 64) p = kmalloc(len, GFP_KERNEL);\n"
                     "  return 0; }"),
            1U);
}

TEST_P(ParameterGuardsTest, SizeTestsThatProveNothing) {
  // True for a size of 0 as well.
  EXPECT_EQ(guardsOf("int f(u32 size) {\n"
                     "  void *p; u8 stack[4];\n"
                     "  if (8 + size > sizeof(stack)) p = kmalloc(8 + size, "
                     "GFP_KERNEL);\n"
                     "  return 0; }"),
            0U);
  // An unsigned difference wraps at 0: the test is true then.
  EXPECT_EQ(guardsOf("int f(u32 size) {\n"
                     "  void *p;\n"
                     "  if (size - 1 > 16) p = kmalloc(size, GFP_KERNEL);\n"
                     "  return 0; }"),
            0U);
  // The local has two values.
  EXPECT_EQ(guardsOf("int f(u32 size, int big) {\n"
                     "  void *p; u32 len = size;\n"
                     "  if (big) len = 4096;\n"
                     "  if (len > 64) p = kmalloc(len, GFP_KERNEL);\n"
                     "  return 0; }"),
            0U);
  // Another unknown in the test.
  EXPECT_EQ(guardsOf("int f(u32 size, u32 extra) {\n"
                     "  void *p;\n"
                     "  if (size + extra > 64) p = kmalloc(64, GFP_KERNEL);\n"
                     "  return 0; }"),
            0U);
  // The test does not read the parameter at all.
  EXPECT_EQ(guardsOf("int f(u32 size) {\n"
                     "  void *p; u32 len = 8;\n"
                     "  if (len > 64) p = kmalloc(size, GFP_KERNEL);\n"
                     "  return 0; }"),
            0U);
}

INSTANTIATE_TEST_SUITE_P(Shapes, ParameterGuardsTest,
                         ::testing::Values("v6.1", "v6.12"));

} // namespace
