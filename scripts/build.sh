#!/usr/bin/env bash
# build.sh [BUILD_DIR [CMAKE_ARGS...]]: configures and builds gfp-tidy
# (Release, Ninja). The plugin lands in BUILD_DIR/lib/GfpTidy.so, gfp-audit in
# BUILD_DIR/bin; `-DGFP_TIDY_BUILD_CLANGD=ON` adds BUILD_DIR/bin/gfp-clangd.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
shift || true
# A build directory configured with GCC by an older gfp-tidy: gfp-tidy is
# now built with clang-22 (CMakeLists.txt says why), so configure it afresh.
cache=$build/CMakeCache.txt
if [[ -f $cache ]] && grep -q '^CMAKE_CXX_COMPILER:FILEPATH=' "$cache" &&
   ! grep -q '^CMAKE_CXX_COMPILER:FILEPATH=.*clang' "$cache"; then
  echo "build.sh: $build was configured with another compiler; reconfiguring with clang-22" >&2
  rm -rf "$cache" "$build/CMakeFiles" "$build/build.ninja"
fi
if [[ ! -f $build/build.ninja || $# -gt 0 ]]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
fi
ninja -C "$build"
