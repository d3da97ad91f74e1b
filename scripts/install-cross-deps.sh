#!/usr/bin/env bash
# Installs, from Debian's packages, what scripts/test-cross.sh needs and this machine lacks:
# qemu-user, the armhf and arm64 cross compilers, and the target's development libraries from
# Debian's multiarch archive (dpkg --add-architecture armhf arm64; every one of them is
# Multi-Arch: same, so it installs beside the amd64 one). Idempotent: does nothing when all
# is present. Called by scripts/install-deps.sh.
set -euo pipefail

arches=(armhf arm64)
packages=(qemu-user gcc-arm-linux-gnueabihf gcc-aarch64-linux-gnu)
# What the core, memberstub and the C suites link (as in install-deps.sh), for each target.
libs=(libsqlite3-dev libcurl4-openssl-dev libcjson-dev libmbedtls-dev libqrencode-dev
  libmicrohttpd-dev check libpng-dev)
for a in "${arches[@]}"; do
  for l in "${libs[@]}"; do
    packages+=("$l:$a")
  done
done

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ "${#missing[@]}" -eq 0 ] && exit 0

echo "install-cross-deps: installing ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  sudo_cmd=(sudo)
fi
for a in "${arches[@]}"; do
  if ! dpkg --print-foreign-architectures | grep -qx "$a"; then
    "${sudo_cmd[@]}" dpkg --add-architecture "$a"
  fi
done
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
# Installing a library for armhf may upgrade its amd64 twin: Multi-Arch: same wants one version.
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
