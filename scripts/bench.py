#!/usr/bin/env python3
"""bench.py -p BUILD_DIR [--units N] [--repeat R] [--checks GLOB] [--spread]
                      [--instructions]

Measures what the gfp checks add to a clang-tidy run: each selected unit of
BUILD_DIR/compile_commands.json is run three ways, in turn, R times, and the
best time of each kept:
  floor    only a check that never runs on C (modernize-use-auto): the parse
           and clang-tidy's start-up, nothing else;
  trivial  readability-duplicate-include (preprocessor callbacks only), which
           also pays clang-tidy's per-run machinery (the AST matcher's walk
           over the unit) that any enabled check pays;
  gfp      the gfp checks.
Prints a line per unit and the ratios of the totals: gfp/trivial (what the
checks add to a run that has checks at all) and gfp/floor. Units are the
heaviest of the database by source size; --spread takes them across the
tree instead. Not a test: timings depend on the machine; compare ratios of
runs made on the same machine and inputs.

--instructions counts the instructions each run executes (under valgrind's
callgrind, once per configuration: the count does not depend on the load
of the machine, so it also works beside other jobs, about 40 times slower
than a plain run). It measures work, not time: memory stalls, which weigh
more in the parse than in the checks, do not count.
"""
import argparse
import json
import os
import re
import shlex
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLANG_TIDY = "/usr/lib/llvm-22/bin/clang-tidy"
PLUGIN = os.path.join(ROOT, "build", "lib", "GfpTidy.so")
BASELINE = "-*,readability-duplicate-include"
FLOOR = "-*,modernize-use-auto"


def run(build, entry, checks, plugin=PLUGIN, instructions=False):
    """Seconds (or instructions) of one clang-tidy run, and its warnings."""
    cmd = [CLANG_TIDY, "--load=" + plugin, "--quiet", "-p", build,
           "--checks=" + checks, entry["file"]]
    if instructions:
        cmd = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"
               ] + cmd
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=entry["directory"], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE if instructions
                          else subprocess.DEVNULL, text=True)
    cost = time.perf_counter() - t0
    if instructions:
        m = re.search(r"Collected : (\d+)", proc.stderr)
        if not m:
            raise RuntimeError("valgrind printed no instruction count")
        cost = int(m.group(1)) / 1e9
    return cost, proc.stdout.count("warning:")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[2])
    ap.add_argument("-p", dest="build", required=True)
    ap.add_argument("--units", type=int, default=20)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--checks", default="-*,gfp-*")
    ap.add_argument("--plugin", default=PLUGIN,
                    help="the GfpTidy.so to measure (another build's, say)")
    ap.add_argument("--spread", action="store_true",
                    help="units across the tree, not the heaviest")
    ap.add_argument("--filter", default="",
                    help="only units whose path contains this text")
    ap.add_argument("--instructions", action="store_true",
                    help="count instructions (callgrind), not seconds")
    args = ap.parse_args()
    db = os.path.join(args.build, "compile_commands.json")
    try:
        entries = json.load(open(db))
    except (OSError, ValueError) as err:
        print(f"bench: error: cannot read {db}: {err}", file=sys.stderr)
        return 2
    entries = sorted((e for e in entries if e["file"].endswith(".c")
                      and args.filter in e["file"]), key=lambda e: e["file"])
    if not entries:
        print("bench: error: no units selected", file=sys.stderr)
        return 2
    if args.spread:
        step = max(1, len(entries) // args.units)
        picked = entries[::step][:args.units]
    else:
        def size(e):
            path = os.path.join(e["directory"], e["file"])
            return os.path.getsize(path) if os.path.exists(path) else 0
        picked = sorted(entries, key=lambda e: -size(e))[:args.units]
    if args.instructions:
        args.repeat = 1  # The count is the same each time.
    unit = "G" if args.instructions else "s"
    totals = {"floor": 0.0, "trivial": 0.0, "gfp": 0.0}
    findings = 0
    for e in picked:
        best = {k: float("inf") for k in totals}
        for i in range(args.repeat):
            order = [("floor", FLOOR), ("trivial", BASELINE),
                     ("gfp", args.checks)]
            # Rotate the order so that no configuration always runs first.
            order = order[i % 3:] + order[:i % 3]
            for name, checks in order:
                t, n = run(args.build, e, checks, args.plugin,
                           args.instructions)
                best[name] = min(best[name], t)
                if name == "gfp" and i == 0:
                    findings += n
        for k in totals:
            totals[k] += best[k]
        rel = os.path.relpath(os.path.join(e["directory"], e["file"]),
                              args.build)
        print(f"{rel:55s} floor {best['floor']:6.2f}{unit}  trivial "
              f"{best['trivial']:6.2f}{unit}  gfp {best['gfp']:6.2f}{unit}  "
              f"x{best['gfp'] / best['trivial']:5.3f}", flush=True)
    print(f"units {len(picked)}  floor {totals['floor']:.2f}{unit}  trivial "
          f"{totals['trivial']:.2f}{unit}  gfp {totals['gfp']:.2f}{unit}  "
          f"findings {findings}")
    print(f"ratio gfp/trivial {totals['gfp'] / totals['trivial']:.3f}  "
          f"gfp/floor {totals['gfp'] / totals['floor']:.3f}  "
          f"trivial/floor {totals['trivial'] / totals['floor']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
