#!/usr/bin/env bash
# gen-compile-commands.sh [SHAPE]: writes examples/compile_commands.json for
# the example tree, compiled against gfp-tidy's kernel-style headers of SHAPE
# (v6.12, the default, or v6.1) with kernel-like flags. The kernel itself
# makes its database with `make compile_commands.json`.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
shape=${1:-v6.12}
headers=$root/test/Inputs/Headers
flags="-std=gnu11 -nostdinc -D__KERNEL__ -Wall -Wno-unused-function -fno-strict-aliasing"
flags+=" -I$headers/$shape -I$headers/common"
out=$here/compile_commands.json
{
  echo "["
  first=1
  while IFS= read -r src; do
    ((first)) || echo ","
    first=0
    dir=$(dirname "$src")
    obj=${src%.c}.o
    printf '  {\n    "directory": "%s",\n    "command": "clang %s -c -o %s %s",\n    "file": "%s"\n  }' \
      "$here/$dir" "$flags" "$(basename "$obj")" "$(basename "$src")" "$here/$src"
  done < <(cd "$here" && find drivers -name '*.c' | sort)
  echo
  echo "]"
} > "$out.tmp"
mv "$out.tmp" "$out"
echo "examples: wrote $out ($(grep -c '"file"' "$out") units, headers $shape)"
