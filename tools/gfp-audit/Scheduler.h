//===-- Scheduler.h - Worker processes and progress -------------*- C++ -*-===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Runs one worker process per translation unit, at most N at a time, each
// with a deadline; a worker that overruns is killed. Progress goes through a
// Status printer: a one-line bar on a terminal, plain lines otherwise.
//
//===----------------------------------------------------------------------===//

#ifndef GFP_TIDY_TOOLS_GFP_AUDIT_SCHEDULER_H
#define GFP_TIDY_TOOLS_GFP_AUDIT_SCHEDULER_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"

#include <csignal>
#include <memory>
#include <string>
#include <vector>

namespace gfp::audit {

/// One worker process to run.
struct Job {
  /// argv, the program first.
  std::vector<std::string> Args;
  /// Where its stdout and stderr go.
  std::string LogPath;
};

/// How a worker ended.
struct JobResult {
  enum Kind { Exited, Signalled, TimedOut, NotStarted, Interrupted };
  Kind How = NotStarted;
  /// The exit status or the signal number.
  int Code = 0;
  double Seconds = 0;
};

/// Runs \p Jobs, \p Parallel at a time, killing any that runs longer than
/// \p TimeoutSeconds (0: no limit), and calls \p Done as each ends (in the
/// calling thread). When \p Stop becomes non-zero, running workers are
/// killed and the rest are reported Interrupted.
void runJobs(llvm::ArrayRef<Job> Jobs, unsigned Parallel,
             unsigned TimeoutSeconds,
             llvm::function_ref<void(size_t, const JobResult &)> Done,
             const volatile std::sig_atomic_t &Stop);

/// Progress of a run.
class Status {
public:
  virtual ~Status();
  /// Unit \p Unit ended; \p Outcome is "3 findings" or "not analysed: ...".
  virtual void unitDone(llvm::StringRef Unit, llvm::StringRef Outcome,
                        double Seconds) = 0;
  /// The workers start (a terminal shows the bar at once).
  virtual void start() {}
  /// The run ended.
  virtual void finish() = 0;

  size_t Total = 0;
  size_t Done = 0;
  size_t Findings = 0;
  size_t Lost = 0;
  unsigned Parallel = 1;
};

/// A one-line bar when \p Smart (a terminal), plain `[i/N]` lines
/// otherwise, nothing when \p Quiet.
std::unique_ptr<Status> makeStatus(bool Smart, bool Quiet);

/// A human-readable description of a signal (`SIGSEGV (Segmentation
/// fault)`).
std::string describeSignal(int Signal);

} // namespace gfp::audit

#endif // GFP_TIDY_TOOLS_GFP_AUDIT_SCHEDULER_H
