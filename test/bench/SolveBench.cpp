//===-- SolveBench.cpp - The whole-tree solve at the size of a kernel ----===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// gfp-solve-bench [UNITS] [FUNCTIONS-PER-UNIT]: generates the facts of a tree
// shaped like an allmodconfig x86_64 build (by default 30,000 units of 34
// functions: about a million), solves them, and prints the time of each
// phase and the peak resident memory. The shape, from the wide bed's facts:
// a third of the functions static; 8 calls per function, a tenth of them
// under a lock, a fifth to other units; one function in 20 registered for
// a role, one in 40 stored in an ops table and called through it; calls to
// shared kernel API names (kmalloc, printk...) from everywhere.
//
//===----------------------------------------------------------------------===//

#include "Analysis/ContextSolver.h"

#include <chrono>
#include <cstdio>
#include <random>
#include <string>

#include <sys/resource.h>

using namespace gfp::tree;

namespace {
double since(std::chrono::steady_clock::time_point T) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - T)
      .count();
}
long peakMB() {
  rusage U{};
  getrusage(RUSAGE_SELF, &U);
  return U.ru_maxrss / 1024;
}
} // namespace

int main(int Argc, char **Argv) {
  unsigned Units = 30000;
  unsigned PerUnit = 34;
  if ((Argc > 1 && llvm::StringRef(Argv[1]).getAsInteger(10, Units)) ||
      (Argc > 2 && llvm::StringRef(Argv[2]).getAsInteger(10, PerUnit)) ||
      Units == 0 || PerUnit == 0) {
    std::fprintf(stderr,
                 "usage: gfp-solve-bench [UNITS] [FUNCTIONS-PER-UNIT]\n");
    return 2;
  }
  // The same tree every run, so that runs compare.
  std::mt19937 Rng(42); // NOLINT(bugprone-random-generator-seed)
  auto Pick = [&](unsigned N) { return static_cast<unsigned>(Rng() % N); };
  auto Global = [](unsigned U, unsigned F) {
    return "fn_" + std::to_string(U) + "_" + std::to_string(F);
  };
  auto File = [](unsigned U) {
    return "drivers/sub" + std::to_string(U % 700) + "/unit" +
           std::to_string(U) + ".c";
  };
  ContextSolver S;
  auto Start = std::chrono::steady_clock::now();
  size_t Functions = 0, Calls = 0;
  for (unsigned U = 0; U < Units; ++U) {
    UnitFacts Facts;
    std::string F = File(U);
    for (unsigned I = 0; I < PerUnit; ++I) {
      Function Fn;
      Fn.Static = I % 3 == 0;
      Fn.Name = Global(U, I);
      Fn.Key = Fn.Static ? Fn.Name + "@" + F : Fn.Name;
      Fn.Defined = true;
      Fn.At = {F, 10 + I * 20, 1};
      Fn.InModule = U % 4 != 0;
      if (Pick(20) == 0)
        Fn.Roles.push_back({Pick(2) == 0,
                            "registered as 'cb' of 'struct x_ops'",
                            {F, 900, 5}});
      if (Pick(6) == 0) {
        Fn.Sleeps = Pick(2) ? "mutex_lock" : "kmalloc(..., GFP_KERNEL)";
        Fn.SleepsByAllocation = Fn.Sleeps[0] == 'k';
        Fn.SleepsAt = {F, 12 + I * 20, 2};
      }
      for (unsigned C = 0; C < 8; ++C) {
        Call Cl;
        unsigned Kind = Pick(10);
        if (Kind < 3) {
          static const char *Api[] = {"kmalloc", "kfree",   "printk",
                                      "memcpy",  "dev_err", "mutex_unlock"};
          Cl.Callee = Api[Pick(6)];
        } else if (Kind < 5) {
          Cl.Callee = Global(Pick(Units), Pick(PerUnit));
        } else {
          unsigned J = Pick(PerUnit);
          Cl.Callee = J % 3 == 0 ? Global(U, J) + "@" + F : Global(U, J);
        }
        if (Pick(40) == 0) {
          Cl.Member = true;
          Cl.Callee = memberKey("ops" + std::to_string(Pick(2000)), "cb");
        }
        if (Pick(10) == 0) {
          Cl.Min = Cl.Max = 1;
          Cl.Lock = "spin_lock_bh";
          Cl.LockAt = {F, 13 + I * 20, 2};
        }
        Cl.At = {F, 14 + I * 20 + C, 3};
        Fn.Calls.push_back(std::move(Cl));
        ++Calls;
      }
      if (Pick(40) == 0)
        Facts.Stores.push_back(
            {memberKey("ops" + std::to_string(Pick(2000)), "cb"),
             Fn.Key,
             {F, 950, 4}});
      Facts.Functions.push_back(std::move(Fn));
      ++Functions;
    }
    S.add(Facts);
  }
  double Added = since(Start);
  auto SolveStart = std::chrono::steady_clock::now();
  S.solve(/*Complete=*/true);
  double Solved = since(SolveStart);
  size_t Atomic = 0, Sleepable = 0, Witness = 0;
  auto WitnessStart = std::chrono::steady_clock::now();
  S.forEachDecided([&](llvm::StringRef Key, bool A, bool Sl) {
    Atomic += A;
    Sleepable += Sl;
    if (A && Witness < 10000)
      Witness += !S.witness(Key, Need::Atomic).empty();
  });
  double Witnessed = since(WitnessStart);
  std::printf("units %u, functions %zu (%zu distinct), calls %zu\n", Units,
              Functions, S.functions(), Calls);
  std::printf("add %.2f s, solve %.2f s, 10,000 witnesses %.2f s\n", Added,
              Solved, Witnessed);
  std::printf("decided: %zu may run atomic, %zu must be sleepable\n", Atomic,
              Sleepable);
  std::printf("peak resident memory: %ld MB\n", peakMB());
  return 0;
}
