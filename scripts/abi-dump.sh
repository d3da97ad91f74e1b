#!/usr/bin/env bash
# Writes the ABI of one shared library as libabigail XML: abi-dump.sh <lib.so> <public
# headers dir> <out.abi>. Only the types declared under the headers dir count (the public
# API), and the XML carries no source locations or paths, so that it changes only when the
# ABI does. The one definition of these flags: scripts/update-abi-baseline.sh writes the
# committed baseline with it and scripts/check-abi.sh the library under test.
set -euo pipefail
if [ "$#" -ne 3 ]; then
  echo "usage: $0 <lib.so> <public headers dir> <out.abi>" >&2
  exit 2
fi
abidw --headers-dir "$2" --drop-private-types --no-show-locs --no-corpus-path \
  --no-comp-dir-path --no-elf-needed --type-id-style hash --out-file "$3" "$1"
