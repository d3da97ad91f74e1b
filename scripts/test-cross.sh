#!/usr/bin/env bash
# 32-bit and ARM, proven here: cross-builds the core, memberstub and the C suites with Debian's
# cross compilers and multiarch libraries (scripts/cross/*.ini) for armhf (32-bit ARMv7 with a
# 32-bit long, pointer and time_t, as on Android's armeabi-v7a) into ${1:-build}-armhf/ and for
# arm64 (arm64-v8a) into ${1:-build}-arm64/, and runs C suites under qemu-user (the meson exe
# wrapper; memberstub and the crash children run under qemu too, through
# tests/support/cross_run.sh.in). By default, to bound the time (docs/decisions.md, "32-bit and
# ARM under qemu-user"): on armhf the unit suite, memberstub's pure rules and every integration
# test but the three long-haul ones (test_sync_faults, test_sync_crash, test_sync_bulk: the same
# engine under faults, crashes and volume: ten minutes of qemu time, no new width); on arm64 the
# unit suite and an integration smoke (uploads, the wire). CROSS_FULL=1 runs every unit,
# integration and stub test on both; CROSS_ARCHES="armhf", one architecture.
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

# qemu runs the code several times slower than the host: Check's per-test timeouts (4 s unless a
# suite says otherwise) and meson's per-suite ones are multiplied (a hang still ends the run).
export CK_TIMEOUT_MULTIPLIER="${CK_TIMEOUT_MULTIPLIER:-4}"

for arch in $arches; do
  dir="$prefix-$arch"
  case "$arch" in
    armhf | arm64) ;;
    *) fail_setup "unknown architecture $arch (armhf or arm64)"; continue ;;
  esac
  started=$SECONDS
  echo "== cross $arch: build ($dir/, scripts/cross/debian-$arch.ini)"
  setup=(meson setup "$dir" --cross-file "scripts/cross/debian-$arch.ini")
  [ -f "$dir/build.ninja" ] && setup+=(--reconfigure)
  if ! "${setup[@]}" >/dev/null; then
    fail_setup "meson setup of $dir failed (scripts/install-deps.sh installs the cross tools)"
    continue
  fi
  if ! meson compile -C "$dir" >/dev/null; then
    meson compile -C "$dir" 2>&1 | grep -E "error|FAILED" | head -40 >&2 || true
    fail_setup "the $arch build failed (meson compile -C $dir)"
    continue
  fi
  # What runs: "label|meson test selection" (a --suite, and test names within it).
  runs=("unit|--suite unit")
  if [ "${CROSS_FULL:-0}" = 1 ]; then
    runs+=("integration|--suite integration" "stub|--suite stub")
  elif [ "$arch" = armhf ]; then
    mapfile -t names < <(meson test -C "$dir" --no-rebuild --list --suite integration 2>/dev/null |
      sed -n 's|^.* / \(test_[a-z_0-9]*\)$|\1|p' |
      grep -vxE 'test_sync_faults|test_sync_crash|test_sync_bulk')
    if [ "${#names[@]}" -eq 0 ]; then # no names would run every test: count it as a failure
      fail_setup "no integration test listed in $dir"
    else
      runs+=("integration|--suite integration ${names[*]}")
    fi
    # memberstub's pure rules (seconds): its 32-bit arithmetic too, without its HTTP suites.
    mapfile -t names < <(meson test -C "$dir" --no-rebuild --list --suite stub 2>/dev/null |
      sed -n 's|^.* / \(test_[a-z_0-9]*_rules\)$|\1|p; s|^.* / \(test_sync_parts\)$|\1|p')
    [ "${#names[@]}" -gt 0 ] && runs+=("stub rules|--suite stub ${names[*]}")
  else
    runs+=("integration smoke|--suite integration test_uploads test_wire")
  fi
  echo "== cross $arch: built in $((SECONDS - started)) s; under qemu-user: ${runs[*]%%|*}"
  for run in "${runs[@]}"; do
    label="${run%%|*}"
    log="$(mktemp)"
    set +e
    # shellcheck disable=SC2086 # the selection is words
    meson test -C "$dir" --no-rebuild ${run#*|} --print-errorlogs --num-processes 2 \
      --timeout-multiplier 4 2>&1 | tee "$log"
    rc=${PIPESTATUS[0]}
    set -e
    ok=$(sed -n 's/^Ok: *\([0-9]*\).*/\1/p' "$log" | tail -n1)
    fail=$(sed -n 's/^Fail: *\([0-9]*\).*/\1/p' "$log" | tail -n1)
    timeout=$(sed -n 's/^Timeout: *\([0-9]*\).*/\1/p' "$log" | tail -n1)
    rm -f "$log"
    ok=${ok:-0}
    fail=$((${fail:-0} + ${timeout:-0}))
    if [ "$rc" -ne 0 ] && [ "$fail" -eq 0 ]; then fail=1; fi
    echo "== cross $arch $label: $ok passed, $fail failed"
    total_ok=$((total_ok + ok))
    total_fail=$((total_fail + fail))
  done
  echo "== cross $arch: $((SECONDS - started)) s in all"
done

echo "$total_ok passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
