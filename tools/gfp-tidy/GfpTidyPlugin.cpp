//===-- GfpTidyPlugin.cpp - The gfp-tidy clang-tidy plugin ----------------===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Loaded with `clang-tidy-22 --load=GfpTidy.so`. The module registers itself
// from a static initialiser in lib/Checks; this anchor keeps it linked in.
//
//===----------------------------------------------------------------------===//

#include "Checks/GfpTidyForceLinker.h"
