//===-- TestAST.h - Kernel-style ASTs for the unit tests --------*- C++ -*-===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef GFP_TIDY_TEST_UNIT_TESTAST_H
#define GFP_TIDY_TEST_UNIT_TESTAST_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"

#include <memory>
#include <string>
#include <vector>

namespace gfp::test {

/// Parses \p Code as kernel C against the test headers of \p Shape ("v6.1"
/// or "v6.12"; "" for no kernel headers).
inline std::unique_ptr<clang::ASTUnit> parseKernelC(const std::string &Code,
                                                    const std::string &Shape) {
  std::vector<std::string> Args = {"-std=gnu11", "-nostdinc"};
  if (!Shape.empty()) {
    Args.push_back("-isystem");
    Args.push_back(std::string(GFP_TEST_INPUTS) + "/Headers/" + Shape);
    Args.push_back("-isystem");
    Args.push_back(std::string(GFP_TEST_INPUTS) + "/Headers/common");
  }
  return clang::tooling::buildASTFromCodeWithArgs(Code, Args, "input.c");
}

/// The definition of the function named \p Name.
inline const clang::FunctionDecl *findFunction(clang::ASTContext &Ctx,
                                               llvm::StringRef Name) {
  for (const clang::Decl *D : Ctx.getTranslationUnitDecl()->decls())
    if (const auto *FD = llvm::dyn_cast<clang::FunctionDecl>(D))
      if (FD->getName() == Name && FD->hasBody())
        return FD;
  return nullptr;
}

} // namespace gfp::test

#endif // GFP_TIDY_TEST_UNIT_TESTAST_H
