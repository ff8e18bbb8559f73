//===-- GfpAuditMain.h - gfp-audit's driver ---------------------*- C++ -*-===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef GFP_TIDY_TOOLS_GFP_AUDIT_GFPAUDITMAIN_H
#define GFP_TIDY_TOOLS_GFP_AUDIT_GFPAUDITMAIN_H

namespace gfp::audit {

/// Exit codes, documented in --help and in docs/user-guide.md.
enum ExitCode : int {
  /// Every unit analysed, no new finding.
  ExitClean = 0,
  /// New findings (not in the baseline, or any finding without one).
  ExitNewFindings = 1,
  /// Bad usage or input: nothing was analysed.
  ExitBadInput = 2,
  /// No new finding, but some units could not be analysed.
  ExitNotAnalysed = 3,
};

/// gfp-audit's main(): `gfp-audit -p BUILD [paths...]`,
/// `gfp-audit merge FILE.json...`, and the hidden worker mode.
int gfpAuditMain(int Argc, const char **Argv);

} // namespace gfp::audit

#endif // GFP_TIDY_TOOLS_GFP_AUDIT_GFPAUDITMAIN_H
