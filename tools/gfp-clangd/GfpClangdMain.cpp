//===-- GfpClangdMain.cpp - clangd with the gfp checks built in -----------===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// clangd cannot load clang-tidy plugins, so gfp-clangd is clangd's own main()
// from Debian's libclangdMain.a with the gfp module linked in. clangd's
// clang-tidy integration builds its check list from the module registry,
// where the gfp module registers itself; nothing else changes.
//
//===----------------------------------------------------------------------===//

#include "Checks/GfpTidyForceLinker.h"

namespace clang::clangd {
// Declared in clangd's tool/ClangdMain.h, which Debian does not install.
// NOLINTNEXTLINE(readability-identifier-naming)
int clangdMain(int Argc, char *Argv[]);
} // namespace clang::clangd

int main(int Argc, char *Argv[]) {
  return clang::clangd::clangdMain(Argc, Argv);
}
