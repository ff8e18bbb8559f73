#!/usr/bin/env bash
# lint.sh BUILD_DIR: clang-format and clang-tidy (22) over gfp-tidy's own C++.
# Exit 0 when clean, 1 otherwise. Run as `ninja -C build lint`.
set -uo pipefail
build=${1:-build}
bin=/usr/lib/llvm-22/bin
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files 'lib/*.cpp' 'lib/*.h' 'tools/*.cpp' 'tools/*.h' 'test/unit/*.cpp' 'test/unit/*.h' 'test/bench/*.cpp')
status=0
if ! "$bin/clang-format" --dry-run --Werror "${files[@]}"; then
  echo "lint: clang-format differences (fix with: $bin/clang-format -i <files>)"
  status=1
fi
mapfile -t sources < <(printf '%s\n' "${files[@]}" | grep '\.cpp$')
jobs=$(nproc 2>/dev/null || echo 2)
tidy_out=$(printf '%s\n' "${sources[@]}" \
  | xargs -P "$jobs" -n 4 "$bin/clang-tidy" -p "$build" --quiet 2>/dev/null || true)
if grep -E 'warning:|error:' <<<"$tidy_out"; then
  echo "lint: clang-tidy findings"
  status=1
fi
if ((status == 0)); then echo "lint: clean (${#files[@]} files)"; fi
exit $status
