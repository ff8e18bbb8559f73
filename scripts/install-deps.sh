#!/usr/bin/env bash
# install-deps.sh: installs the Debian 12 packages gfp-tidy needs (LLVM/Clang
# 22, CMake, Ninja, GoogleTest, Python 3; gRPC and protobuf for gfp-clangd;
# Chromium and a font for the test that looks at gfp-audit's HTML report),
# skipping those already installed.
# Needs root, or sudo.
set -euo pipefail
pkgs=(clang-22 clang-tidy-22 libclang-22-dev llvm-22-dev llvm-22-tools
      clang-format-22 cmake ninja-build g++ libgtest-dev libgmock-dev python3 git
      libgrpc++-dev libprotobuf-dev chromium fonts-dejavu-core)
need=()
for p in "${pkgs[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
((${#need[@]})) || exit 0
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
