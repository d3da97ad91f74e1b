#!/usr/bin/env bash
# The Swift binding's tests: `swift test` for bindings/swift against a meson build directory
# ($1, default build/), which must hold core/libmembercore.so and server-stub/memberstub
# (meson compile -C <dir>). SwiftPM's scratch directory is <dir>/swift, outside the sources.
# Prints the test summary and ends with one "N passed, M failed" line.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
build="$(cd "${1:-build}" && pwd)"

swift_bin="$(command -v swift || true)"
if [ -z "$swift_bin" ] && [ -x /opt/swift/usr/bin/swift ]; then swift_bin=/opt/swift/usr/bin/swift; fi
if [ -z "$swift_bin" ]; then
  echo "test-swift: no Swift toolchain (neither 'swift' on PATH nor /opt/swift/usr/bin/swift)" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
for f in "$build/core/libmembercore.so" "$build/server-stub/memberstub"; do
  if [ ! -e "$f" ]; then
    echo "test-swift: $f is missing: run meson setup/compile for $build first" >&2
    echo "0 passed, 1 failed"
    exit 1
  fi
done

export MEMBERSTUB="$build/server-stub/memberstub"
# The core's stderr log defaults stay quiet; the tests' own logger sees everything.
unset MEMBERCORE_LOG
# SwiftPM does not recompile Swift files when only the C headers they import change (a
# struct that grew would be written at its old offsets): start afresh when they differ.
headers_sum="$(cat "$root"/core/include/membercore/*.h | sha256sum | cut -d' ' -f1)"
if [ "$(cat "$build/swift/headers.sha256" 2>/dev/null)" != "$headers_sum" ]; then
  rm -rf "$build/swift"
fi
mkdir -p "$build/swift"
echo "$headers_sum" >"$build/swift/headers.sha256"
results="$build/swift/results"
mkdir -p "$results"
rm -f "$results"/*.xml

echo "== swift: $("$swift_bin" --version 2>&1 | head -n1)"
set +e
"$swift_bin" test \
  --package-path "$root/bindings/swift" \
  --scratch-path "$build/swift" \
  -Xcc "-I$root/core/include" \
  -Xlinker "-L$build/core" -Xlinker -rpath -Xlinker "$build/core" \
  --xunit-output "$results/tests.xml" 2>&1 | tee "$results/log.txt"
rc=${PIPESTATUS[0]}
set -e

# Count from the JUnit files (Swift Testing writes tests-swift-testing.xml, XCTest tests.xml).
passed=0
failed=0
for xml in "$results"/*.xml; do
  [ -f "$xml" ] || continue
  cases=$(grep -o '<testcase ' "$xml" | wc -l)
  bad=$(awk 'BEGIN{RS="</testcase>"} /<testcase / && /<failure/ {n++} END{print n+0}' "$xml")
  passed=$((passed + cases - bad))
  failed=$((failed + bad))
done
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
if [ "$((passed + failed))" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
