#!/usr/bin/env bash
# fuzz.sh [SECONDS] [BUILD_DIR]: builds the libFuzzer target gfp-fuzz with
# clang-22 (AddressSanitizer and UBSan on; Debian's libclang-rt-22-dev) in
# BUILD_DIR (default build-fuzz) and fuzzes the five analyses for SECONDS
# (default 600), starting from test/fuzz/corpus with test/fuzz/gfp.dict. New
# inputs go to BUILD_DIR/corpus; a crash is written to BUILD_DIR/crash-*,
# and reproduces with `BUILD_DIR/bin/gfp-fuzz FILE`. Not part of CI.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-600}
build=${2:-$root/build-fuzz}
"$root/scripts/install-deps.sh"
if ! dpkg -s libclang-rt-22-dev >/dev/null 2>&1; then
  apt-get install -y -qq --no-install-recommends libclang-rt-22-dev >/dev/null
fi
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=/usr/lib/llvm-22/bin/clang \
  -DCMAKE_CXX_COMPILER=/usr/lib/llvm-22/bin/clang++ \
  -DGFP_TIDY_BUILD_TESTS=OFF -DGFP_TIDY_SANITIZE=ON -DGFP_TIDY_FUZZ=ON >/dev/null
ninja -C "$build" gfp-fuzz
mkdir -p "$build/corpus"
export ASAN_OPTIONS=detect_leaks=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
cd "$build"
exec "$build/bin/gfp-fuzz" -max_total_time="$seconds" -timeout=20 \
  -rss_limit_mb=4096 -max_len=4096 -dict="$root/test/fuzz/gfp.dict" \
  -print_final_stats=1 "$build/corpus" "$root/test/fuzz/corpus"
