#!/usr/bin/env bash
# 32-bit and ARM, proven here: cross-builds the core, memberstub and the C suites with Debian's
# cross compilers and multiarch libraries (scripts/cross/*.ini) for armhf (32-bit ARMv7 with a
# 32-bit long, pointer and time_t, as on Android's armeabi-v7a) into ${1:-build}-armhf/ and for
# arm64 (arm64-v8a) into ${1:-build}-arm64/, and runs their unit and integration suites under
# qemu-user (the meson exe wrapper; memberstub and the crash children run under qemu too,
# through tests/support/cross_run.sh.in). Which suites run where, and why, is in
# docs/decisions.md ("32-bit and ARM under qemu-user"): CROSS_SUITES overrides the suites
# (e.g. "unit integration stub"), CROSS_ARCHES the architectures ("armhf arm64").
# Ends with one "N passed, M failed" line.
set -euo pipefail
cd "$(dirname "$0")/.."
prefix="${1:-build}"
arches="${CROSS_ARCHES:-armhf arm64}"

total_ok=0
total_fail=0
fail_setup() { # what failed: counted as one failure
  echo "test-cross: $*" >&2
  total_fail=$((total_fail + 1))
}

for tool in qemu-arm qemu-aarch64 arm-linux-gnueabihf-gcc aarch64-linux-gnu-gcc; do
  if ! command -v "$tool" >/dev/null; then
    echo "test-cross: $tool is missing (run scripts/install-deps.sh)" >&2
    echo "0 passed, 1 failed"
    exit 1
  fi
done

for arch in $arches; do
  dir="$prefix-$arch"
  case "$arch" in
    # armhf is the 32-bit target (the one that finds size, format and time bugs): unit and
    # integration. arm64 shares the 64-bit data model of the native runs: unit only, unless
    # CROSS_SUITES says otherwise (the cost is in docs/decisions.md).
    armhf) suites="${CROSS_SUITES:-unit integration}" ;;
    arm64) suites="${CROSS_SUITES:-unit}" ;;
    *) fail_setup "unknown architecture $arch (armhf or arm64)"; continue ;;
  esac
  started=$SECONDS
  echo "== cross $arch: build ($dir/, scripts/cross/debian-$arch.ini)"
  if [ -f "$dir/build.ninja" ]; then
    meson setup --reconfigure "$dir" --cross-file "scripts/cross/debian-$arch.ini" >/dev/null
  else
    meson setup "$dir" --cross-file "scripts/cross/debian-$arch.ini" >/dev/null
  fi
  if ! meson compile -C "$dir" >/dev/null; then
    meson compile -C "$dir" 2>&1 | grep -E "error|FAILED" | head -40 >&2 || true
    fail_setup "the $arch build failed (meson compile -C $dir)"
    continue
  fi
  echo "== cross $arch: built in $((SECONDS - started)) s; suites under qemu-user: $suites"
  for suite in $suites; do
    log="$(mktemp)"
    set +e
    # qemu is several times slower than the host: the suites' own timeouts, doubled.
    meson test -C "$dir" --no-rebuild --suite "$suite" --print-errorlogs --num-processes 2 \
      --timeout-multiplier 2 2>&1 | tee "$log"
    rc=${PIPESTATUS[0]}
    set -e
    ok=$(sed -n 's/^Ok: *\([0-9]*\).*/\1/p' "$log" | tail -n1)
    fail=$(sed -n 's/^Fail: *\([0-9]*\).*/\1/p' "$log" | tail -n1)
    timeout=$(sed -n 's/^Timeout: *\([0-9]*\).*/\1/p' "$log" | tail -n1)
    rm -f "$log"
    ok=${ok:-0}
    fail=$((${fail:-0} + ${timeout:-0}))
    if [ "$rc" -ne 0 ] && [ "$fail" -eq 0 ]; then fail=1; fi
    echo "== cross $arch $suite: $ok passed, $fail failed"
    total_ok=$((total_ok + ok))
    total_fail=$((total_fail + fail))
  done
  echo "== cross $arch: $((SECONDS - started)) s in all"
done

echo "$total_ok passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
