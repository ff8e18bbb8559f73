#!/usr/bin/env python3
"""bench.py -p BUILD_DIR [--units N] [--repeat R] [--checks GLOB]

Measures what the gfp checks add to a clang-tidy run: each selected unit of
BUILD_DIR/compile_commands.json is run with a trivial check
(readability-duplicate-include, preprocessor callbacks only) and with the gfp
checks, alternately, R times; the best time of each is kept. Prints a line per
unit and the ratio of the totals. A ratio of 1.10 means the checks add 10%.
Not a test: timings depend on the machine; compare ratios of runs made on the
same machine and inputs.
"""
import argparse
import json
import os
import shlex
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLANG_TIDY = "/usr/lib/llvm-22/bin/clang-tidy"
PLUGIN = os.path.join(ROOT, "build", "lib", "GfpTidy.so")
BASELINE = "-*,readability-duplicate-include"


def run(build, entry, checks):
    cmd = [CLANG_TIDY, "--load=" + PLUGIN, "--quiet", "-p", build,
           "--checks=" + checks, entry["file"]]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=entry["directory"], stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL, text=True)
    return time.perf_counter() - t0, proc.stdout.count("warning:")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[2])
    ap.add_argument("-p", dest="build", required=True)
    ap.add_argument("--units", type=int, default=20)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--checks", default="-*,gfp-*")
    ap.add_argument("--filter", default="",
                    help="only units whose path contains this text")
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
    step = max(1, len(entries) // args.units)
    picked = entries[::step][:args.units]
    total_base = total_gfp = 0.0
    findings = 0
    for e in picked:
        base = min(run(args.build, e, BASELINE)[0] for _ in range(args.repeat))
        times = [run(args.build, e, args.checks) for _ in range(args.repeat)]
        gfp = min(t for t, _ in times)
        findings += times[0][1]
        total_base += base
        total_gfp += gfp
        rel = os.path.relpath(e["file"], args.build)
        print(f"{rel:60s} base {base:6.2f}s  gfp {gfp:6.2f}s  x{gfp / base:5.3f}")
    print(f"units {len(picked)}  base {total_base:.2f}s  gfp {total_gfp:.2f}s  "
          f"findings {findings}")
    print(f"ratio {total_gfp / total_base:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
