#!/usr/bin/env bash
# build.sh [BUILD_DIR]: configures and builds gfp-tidy (Release, Ninja).
# The plugin lands in BUILD_DIR/lib/GfpTidy.so.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
if [[ ! -f $build/build.ninja ]]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
ninja -C "$build"
