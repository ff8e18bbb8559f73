#!/usr/bin/env bash
# test.sh: installs what is missing, builds, and runs every test (GoogleTest
# unit tests and lit tests, both through ctest).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh" "$root/build"
cd "$root/build"
ctest --output-on-failure
