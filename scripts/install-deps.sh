#!/usr/bin/env bash
# install-deps.sh: installs the Debian 12 packages gfp-tidy needs (LLVM/Clang
# 22, CMake, Ninja, GoogleTest, Python 3, SQLite; gRPC and protobuf for gfp-clangd;
# Chromium and a font for the test that looks at gfp-audit's HTML report),
# skipping those already installed; then fetches Microsoft's SARIF validator
# (the npm package @microsoft/sarif-multitool-linux, a self-contained
# program) into .deps/ for the test that validates gfp-audit's SARIF, and
# Debian's linux-headers packages for 6.1 and 6.12 (the newest of each in the
# archive, `-common` and `-amd64`, unpacked with dpkg-deb) into
# .deps/kernel-headers/ for the real-headers test tier.
# Needs root, or sudo, for the packages.
set -euo pipefail
pkgs=(clang-22 clang-tidy-22 libclang-22-dev llvm-22-dev llvm-22-tools
      clang-format-22 cmake ninja-build g++ libgtest-dev libgmock-dev python3 git
      libgrpc++-dev libprotobuf-dev libsqlite3-dev chromium fonts-dejavu-core libicu72)
need=()
for p in "${pkgs[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
fetch_multitool() {
  local root ver dir url
  root=$(cd "$(dirname "$0")/.." && pwd)
  ver=5.7.0
  dir=$root/.deps/sarif-multitool-$ver
  [[ -x $dir/Sarif.Multitool ]] && { ln -sfn "sarif-multitool-$ver" "$root/.deps/sarif-multitool"; return 0; }
  url=https://registry.npmjs.org/@microsoft/sarif-multitool-linux/-/sarif-multitool-linux-$ver.tgz
  mkdir -p "$dir"
  if python3 - "$url" "$dir" <<'PY'
import io, sys, tarfile, urllib.request
data = urllib.request.urlopen(sys.argv[1], timeout=120).read()
with tarfile.open(fileobj=io.BytesIO(data)) as t:
    for m in t.getmembers():
        if m.name.startswith("package/") and ".." not in m.name:
            m.name = m.name[len("package/"):]
            t.extract(m, sys.argv[2])
PY
  then
    chmod +x "$dir/Sarif.Multitool"
    ln -sfn "sarif-multitool-$ver" "$root/.deps/sarif-multitool"
  else
    echo "install-deps: warning: could not fetch the SARIF validator; its test is skipped" >&2
  fi
}

fetch_kernel_headers() {
  local root dest series pattern ver tmp
  root=$(cd "$(dirname "$0")/.." && pwd)
  dest=$root/.deps/kernel-headers
  mkdir -p "$dest"
  for series in 6.1 6.12; do
    [[ -f $dest/v$series/version ]] && continue
    case $series in
      6.1) pattern='^linux-headers-6\.1\.0-[0-9]+-common$' ;;
      6.12) pattern='^linux-headers-6\.12\.[0-9]+\+deb12-common$' ;;
    esac
    ver=$(apt-cache search --names-only "$pattern" | awk '{print $1}' | sort -V | tail -1)
    ver=${ver#linux-headers-}
    ver=${ver%-common}
    if [[ -z $ver ]]; then
      echo "install-deps: warning: no linux-headers-$series package in the archive;" \
           "the real-headers tests for $series are skipped" >&2
      continue
    fi
    tmp=$(mktemp -d)
    if (cd "$tmp" && apt-get download -qq "linux-headers-$ver-common" "linux-headers-$ver-amd64" \
          >/dev/null 2>&1); then
      rm -rf "$dest/v$series"
      mkdir -p "$dest/v$series"
      for deb in "$tmp"/*.deb; do dpkg-deb -x "$deb" "$dest/v$series"; done
      ln -sfn "usr/src/linux-headers-$ver-common" "$dest/v$series/common"
      ln -sfn "usr/src/linux-headers-$ver-amd64" "$dest/v$series/amd64"
      echo "$ver" > "$dest/v$series/version"
    else
      echo "install-deps: warning: could not download linux-headers-$ver;" \
           "the real-headers tests for $series are skipped" >&2
    fi
    rm -rf "$tmp"
  done
}

if ((${#need[@]} == 0)); then
  fetch_multitool
  fetch_kernel_headers
  exit 0
fi
echo "install-deps: installing ${need[*]}"
sudo=()
if [[ $(id -u) != 0 ]]; then
  command -v sudo >/dev/null || { echo "install-deps: error: need root or sudo to install ${need[*]}" >&2; exit 2; }
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
if ! "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null; then
  echo "install-deps: error: apt-get could not install ${need[*]};" \
       "LLVM 22 comes from Debian's bookworm-security or from apt.llvm.org" >&2
  exit 2
fi
fetch_multitool
fetch_kernel_headers
