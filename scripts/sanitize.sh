#!/usr/bin/env bash
# sanitize.sh [BUILD_DIR]: the pre-release sanitizer run. Builds gfp-tidy with
# AddressSanitizer and UndefinedBehaviorSanitizer (GFP_TIDY_SANITIZE, clang's
# runtimes from libclang-rt-22-dev) in BUILD_DIR (default build-sanitize) and
# runs the unit tests and
# every lit suite under it: gfp-audit is sanitized as a whole, and the
# plugin runs in clang-tidy-22 with the ASan runtime preloaded. Any report of
# either sanitizer fails the run. Not part of CI (it needs its own build of
# every object, about ten minutes on 2 cores); docs/design.md keeps its last
# result.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-sanitize}
"$root/scripts/install-deps.sh"
if ! dpkg -s libclang-rt-22-dev >/dev/null 2>&1; then
  sudo=(); ((EUID == 0)) || sudo=(sudo)
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends libclang-rt-22-dev >/dev/null
fi
# A directory configured with GCC by an older gfp-tidy cannot be reused:
# gfp-tidy is built with clang-22 (CMakeLists.txt says why).
cache=$build/CMakeCache.txt
if [[ -f $cache ]] && ! grep -q '^CMAKE_CXX_COMPILER:FILEPATH=.*clang' "$cache"; then
  echo "sanitize.sh: $build was configured with another compiler; reconfiguring with clang-22" >&2
  rm -rf "$cache" "$build/CMakeFiles" "$build/build.ninja"
fi
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=/usr/lib/llvm-22/bin/clang \
  -DCMAKE_CXX_COMPILER=/usr/lib/llvm-22/bin/clang++ \
  -DGFP_TIDY_SANITIZE=ON >/dev/null
ninja -C "$build" GfpTidy GfpClang gfp-audit gfp-unit-tests gfp-audit-test-hooks
# Leaks are not what this run looks for: clang-tidy frees little on exit by
# design. Memory errors and undefined behaviour abort.
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:halt_on_error=1:verify_asan_link_order=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
"$build/bin/gfp-unit-tests" --gtest_brief=1
/usr/lib/llvm-22/bin/lit -sv "$build/test"
