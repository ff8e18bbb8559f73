#!/usr/bin/env bash
# test.sh: installs what is missing, builds everything (gfp-clangd included),
# and runs every test (GoogleTest unit tests, lit tests and the lint, all
# through ctest).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh" "$root/build" -DGFP_TIDY_BUILD_CLANGD=ON
cd "$root/build"
ctest --output-on-failure
