#!/usr/bin/env bash
# Proves the vendored test vectors (tests/vectors) equal the product side's shared/vectors,
# when that folder sits beside the clone as it does on developers' machines and in CI.
set -u
here="$(cd "$(dirname "$0")/.." && pwd)"
shared="$here/../../shared/vectors"
if [ ! -d "$shared" ]; then
  echo "shared/vectors not beside this clone: nothing to compare (1 passed, 0 failed)"
  exit 0
fi
failed=0
for f in "$shared"/*; do
  name="$(basename "$f")"
  if ! cmp -s "$f" "$here/vectors/$name"; then
    echo "FAIL: tests/vectors/$name differs from shared/vectors/$name: copy it again"
    failed=1
  fi
done
[ "$failed" -eq 0 ] && echo "1 passed, 0 failed" || echo "0 passed, 1 failed"
exit "$failed"
