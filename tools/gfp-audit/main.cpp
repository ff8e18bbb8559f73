//===-- main.cpp - gfp-audit ----------------------------------------------===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "GfpAuditMain.h"

int main(int Argc, const char **Argv) {
  return gfp::audit::gfpAuditMain(Argc, Argv);
}
