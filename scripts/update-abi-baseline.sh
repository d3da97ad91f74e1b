#!/usr/bin/env bash
# Regenerates core/abi/libmembercore.abi, the ABI baseline scripts/check-abi.sh compares the
# built library against, from <build>/core/libmembercore.so (default build/, compiled first).
# Run it after a soname bump, or to record added functions and compatible growth
# (docs/abi.md, "The ABI check"), and commit the baseline with the change.
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build}"
out="${ABI_BASELINE:-core/abi/libmembercore.abi}"
meson compile -C "$build" core/membercore:shared_library >/dev/null
bash scripts/abi-dump.sh "$build/core/libmembercore.so" core/include/membercore "$out"
soname="$(sed -n "s/.*soname='\([^']*\)'.*/\1/p" "$out" | head -n1)"
echo "wrote $out: $soname, $(grep -c '<elf-symbol ' "$out") exported symbols"
