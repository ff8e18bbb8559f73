//===-- Scheduler.cpp - Worker processes and progress ---------------------===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Scheduler.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <cmath>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace gfp::audit {

using Clock = std::chrono::steady_clock;

namespace {
struct Running {
  size_t Index;
  Clock::time_point Start;
  bool Killed = false;
  bool TimedOut = false;
};

pid_t spawn(const Job &J) {
  posix_spawn_file_actions_t Actions;
  posix_spawn_file_actions_init(&Actions);
  posix_spawn_file_actions_addopen(&Actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&Actions, 1, J.LogPath.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&Actions, 1, 2);
  std::vector<char *> Argv;
  Argv.reserve(J.Args.size() + 1);
  for (const std::string &A : J.Args)
    Argv.push_back(const_cast<char *>(A.c_str()));
  Argv.push_back(nullptr);
  pid_t Pid = 0;
  int Err = posix_spawn(&Pid, Argv[0], &Actions, nullptr, Argv.data(), environ);
  posix_spawn_file_actions_destroy(&Actions);
  return Err == 0 ? Pid : -1;
}

double secondsSince(Clock::time_point T) {
  return std::chrono::duration<double>(Clock::now() - T).count();
}
} // namespace

void runJobs(llvm::ArrayRef<Job> Jobs, unsigned Parallel,
             unsigned TimeoutSeconds,
             llvm::function_ref<void(size_t, const JobResult &)> Done,
             const volatile std::sig_atomic_t &Stop) {
  std::map<pid_t, Running> Live;
  size_t Next = 0;
  Parallel = std::max(1u, Parallel);
  while (Next < Jobs.size() || !Live.empty()) {
    while (!Stop && Live.size() < Parallel && Next < Jobs.size()) {
      size_t I = Next++;
      pid_t Pid = spawn(Jobs[I]);
      if (Pid < 0) {
        JobResult R;
        R.How = JobResult::NotStarted;
        R.Code = errno;
        Done(I, R);
        continue;
      }
      Live[Pid] = Running{I, Clock::now()};
    }
    if (Stop) {
      for (auto &[Pid, Run] : Live)
        if (!Run.Killed) {
          kill(Pid, SIGKILL);
          Run.Killed = true;
        }
      for (; Next < Jobs.size(); ++Next) {
        JobResult R;
        R.How = JobResult::Interrupted;
        Done(Next, R);
      }
    }
    int WStatus = 0;
    pid_t Pid = waitpid(-1, &WStatus, WNOHANG);
    if (Pid > 0) {
      auto It = Live.find(Pid);
      if (It == Live.end())
        continue;
      Running Run = It->second;
      Live.erase(It);
      JobResult R;
      R.Seconds = secondsSince(Run.Start);
      if (Run.TimedOut) {
        R.How = JobResult::TimedOut;
      } else if (Run.Killed ||
                 (Stop && !(WIFEXITED(WStatus) && WEXITSTATUS(WStatus) == 0))) {
        // Killed by us, or by the same Ctrl-C that stops the run.
        R.How = JobResult::Interrupted;
      } else if (WIFEXITED(WStatus)) {
        R.How = JobResult::Exited;
        R.Code = WEXITSTATUS(WStatus);
      } else {
        R.How = JobResult::Signalled;
        R.Code = WIFSIGNALED(WStatus) ? WTERMSIG(WStatus) : 0;
      }
      Done(Run.Index, R);
      continue;
    }
    if (Pid < 0 && errno == ECHILD && !Live.empty()) {
      // Only if something else reaped our workers: their units are still
      // reported, as not started.
      for (auto &[P, Run] : Live) {
        JobResult R;
        R.How = JobResult::NotStarted;
        R.Code = ECHILD;
        Done(Run.Index, R);
      }
      Live.clear();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    if (TimeoutSeconds)
      for (auto &[P, Run] : Live)
        if (!Run.Killed && secondsSince(Run.Start) > TimeoutSeconds) {
          kill(P, SIGKILL);
          Run.Killed = Run.TimedOut = true;
        }
  }
}

std::string describeSignal(int Signal) {
  const char *Name = nullptr;
  switch (Signal) {
  case SIGSEGV:
    Name = "SIGSEGV";
    break;
  case SIGABRT:
    Name = "SIGABRT";
    break;
  case SIGBUS:
    Name = "SIGBUS";
    break;
  case SIGILL:
    Name = "SIGILL";
    break;
  case SIGFPE:
    Name = "SIGFPE";
    break;
  case SIGKILL:
    Name = "SIGKILL";
    break;
  case SIGTERM:
    Name = "SIGTERM";
    break;
  case SIGINT:
    Name = "SIGINT";
    break;
  case SIGHUP:
    Name = "SIGHUP";
    break;
  default:
    break;
  }
  std::string Out = Name ? Name : llvm::formatv("signal {0}", Signal).str();
  if (const char *Desc = strsignal(Signal))
    Out += llvm::formatv(" ({0})", Desc).str();
  return Out;
}

Status::~Status() = default;

namespace {
std::string duration(double Seconds) {
  auto S = static_cast<unsigned>(std::lround(Seconds));
  if (S >= 3600)
    return llvm::formatv("{0}h{1:2}m", S / 3600, (S % 3600) / 60).str();
  if (S >= 60)
    return llvm::formatv("{0}m{1:2}s", S / 60, S % 60).str();
  return llvm::formatv("{0}s", S).str();
}

/// One line, rewritten in place: `[ 12/244] 3 findings, ETA 1m05s unit`.
class SmartStatus : public Status {
public:
  void start() override {
    llvm::errs() << llvm::formatv("[{0}/{1}] starting {2} worker{3}", Done,
                                  Total, Parallel, Parallel == 1 ? "" : "s")
                 << "\x1b[K";
    llvm::errs().flush();
  }
  void unitDone(llvm::StringRef Unit, llvm::StringRef, double) override {
    double Elapsed = secondsSince(Start);
    std::string Eta = Done ? duration(Elapsed / static_cast<double>(Done) *
                                      static_cast<double>(Total - Done))
                           : "?";
    std::string Line = llvm::formatv("[{0}/{1}] {2} finding{3}", Done, Total,
                                     Findings, Findings == 1 ? "" : "s")
                           .str();
    if (Lost)
      Line += llvm::formatv(", {0} not analysed", Lost).str();
    Line += ", ETA " + Eta + "  " + Unit.str();
    unsigned Width = 100;
    if (Line.size() > Width)
      Line = Line.substr(0, Width);
    llvm::errs() << "\r" << Line << "\x1b[K";
    llvm::errs().flush();
  }
  void finish() override {
    llvm::errs() << "\r\x1b[K";
    llvm::errs().flush();
  }

private:
  Clock::time_point Start = Clock::now();
};

/// `[12/244] drivers/net/foo.c: 2 findings (0.8 s)`.
class PlainStatus : public Status {
public:
  void unitDone(llvm::StringRef Unit, llvm::StringRef Outcome,
                double Seconds) override {
    llvm::errs() << llvm::formatv("[{0}/{1}] {2}: {3} ({4:f1} s)\n", Done,
                                  Total, Unit, Outcome, Seconds);
  }
  void finish() override {}
};

class QuietStatus : public Status {
public:
  void unitDone(llvm::StringRef, llvm::StringRef, double) override {}
  void finish() override {}
};
} // namespace

std::unique_ptr<Status> makeStatus(bool Smart, bool Quiet) {
  if (Quiet)
    return std::make_unique<QuietStatus>();
  if (Smart)
    return std::make_unique<SmartStatus>();
  return std::make_unique<PlainStatus>();
}

} // namespace gfp::audit
