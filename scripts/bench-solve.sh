#!/usr/bin/env bash
# bench-solve.sh [UNITS] [FUNCTIONS-PER-UNIT]: builds gfp-solve-bench and
# solves a generated tree the size of an allmodconfig x86_64 build (30,000
# units, about a million functions; see test/bench/SolveBench.cpp), printing
# the time of each phase and the peak memory.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${GFP_TIDY_BUILD:-$root/build}
ninja -C "$build" gfp-solve-bench >/dev/null
"$build/bin/gfp-solve-bench" "$@"
