#!/usr/bin/env bash
# demo.sh: installs what is missing, builds the plugin, and runs the gfp
# checks over the example driver tree in examples/ with clang-tidy 22,
# printing the diagnostics. Findings are the point: exit 0 unless a step fails.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh" "$root/build" >/dev/null
"$root/examples/gen-compile-commands.sh" >/dev/null
echo "demo: clang-tidy-22 --load=build/lib/GfpTidy.so --checks='-*,gfp-*' over examples/"
/usr/lib/llvm-22/bin/run-clang-tidy -quiet \
  -clang-tidy-binary /usr/lib/llvm-22/bin/clang-tidy \
  -load "$root/build/lib/GfpTidy.so" -checks='-*,gfp-*' \
  -p "$root/examples" 2>/dev/null | grep -v '^clang-tidy-22\|^Running clang-tidy\|^$' || true
