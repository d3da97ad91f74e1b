#!/usr/bin/env bash
# The libFuzzer harnesses of tests/fuzz (docs/security.md, "Fuzzing"): builds them with clang
# under AddressSanitizer + UndefinedBehaviorSanitizer in their own build dir ($1, default
# build-fuzz/; the whole build instrumented with -fsanitize=fuzzer-no-link), then runs each for
# a bounded time on a scratch copy of its seed corpus (tests/fuzz/corpus/<harness>/; the
# repository's seeds are never written), with tests/fuzz/<harness>.dict when there is one.
# Prints the executions per harness; a crash, leak, sanitizer report or failed check fails that
# harness, and its input is kept under $dir/artifacts/ to be turned into a regression test.
# Ends with one "N passed, M failed" line.
#   FUZZ_SECONDS=12   seconds per harness (the test command's budget: 8 harnesses, ~2 min)
#   FUZZ_ONLY="fuzz_phone fuzz_link"   run only these
#   FUZZ_JOBS=1       parallel fuzzing processes per harness (libFuzzer -fork=N when > 1)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
dir="${1:-build-fuzz}"
seconds="${FUZZ_SECONDS:-12}"
jobs="${FUZZ_JOBS:-1}"
harnesses=(fuzz_pull_page fuzz_push_answer fuzz_auth_reply fuzz_door_code fuzz_phone fuzz_link
  fuzz_datetime fuzz_stub_request)
if [ -n "${FUZZ_ONLY:-}" ]; then
  read -r -a harnesses <<<"$FUZZ_ONLY"
fi

fail_setup() {
  echo "test-fuzz: $*" >&2
  echo "0 passed, 1 failed"
  exit 1
}

command -v clang >/dev/null || fail_setup "clang is not on PATH (run scripts/install-deps.sh)"
# The project's warnings gate is gcc's (scripts/test.sh); clang's extra -Wshadow and
# -Wsometimes-uninitialized findings are shown here but do not stop the fuzzing.
options=(-Dfuzz=true -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debugoptimized
  -Dwerror=false -Dc_args=-fsanitize=fuzzer-no-link)
if [ -f "$dir/build.ninja" ]; then
  meson setup --reconfigure "$dir" "${options[@]}" >/dev/null
else
  CC=clang meson setup "$dir" "${options[@]}" >/dev/null || fail_setup "meson setup $dir failed"
fi
targets=()
for h in "${harnesses[@]}"; do targets+=("tests/fuzz/$h"); done
meson compile -C "$dir" "${targets[@]}" >"$dir/fuzz-build.log" 2>&1 ||
  { tail -n 40 "$dir/fuzz-build.log" >&2; fail_setup "the build failed (see $dir/fuzz-build.log)"; }

export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:allocator_may_return_null=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
mkdir -p "$dir/artifacts"
# Scratch (the stores the harnesses write, the growing corpora) in memory where there is one:
# every store commit is an fsync, which on disk slows the HTTP harnesses tenfold.
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
  scratch="$(mktemp -d /dev/shm/test-fuzz.XXXXXX)"
else
  scratch="$(mktemp -d)"
fi
trap 'rm -rf "$scratch"' EXIT
passed=0
failed=0
total_execs=0
for h in "${harnesses[@]}"; do
  exe="$dir/tests/fuzz/$h"
  seeds="$root/tests/fuzz/corpus/$h"
  work="$scratch/$h"
  mkdir -p "$work"
  log="$dir/artifacts/$h.log"
  dict=()
  if [ -f "$root/tests/fuzz/$h.dict" ]; then dict=(-dict="$root/tests/fuzz/$h.dict"); fi
  fork=()
  if [ "$jobs" -gt 1 ]; then fork=(-fork="$jobs" -ignore_crashes=0); fi
  set +e
  TMPDIR="$scratch" "$exe" "${fork[@]}" "${dict[@]}" -max_total_time="$seconds" -print_final_stats=1 \
    -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$dir/artifacts/$h-" \
    "$work" "$seeds" >"$log" 2>&1
  rc=$?
  set -e
  execs=$(sed -n 's/^stat::number_of_executed_units: *\([0-9]*\).*/\1/p' "$log" | tail -n1)
  if [ -z "$execs" ]; then # -fork prints its own totals
    execs=$(sed -n 's/.*#\([0-9]*\): cov.*/\1/p' "$log" | tail -n1)
  fi
  execs=${execs:-0}
  total_execs=$((total_execs + execs))
  if [ "$rc" -eq 0 ] && ! grep -qE "ERROR: (AddressSanitizer|libFuzzer|LeakSanitizer)|runtime error:" "$log"; then
    echo "== $h: $execs executions in ${seconds} s, no crash"
    passed=$((passed + 1))
  else
    echo "== $h: FAILED after $execs executions (exit $rc); log $log, input under $dir/artifacts/"
    grep -E "ERROR|runtime error|SUMMARY|^fuzz_|^ *#[0-9]+ .* in [a-z_]+ /" "$log" | head -n 25
    failed=$((failed + 1))
  fi
done
echo "== fuzzing: ${#harnesses[@]} harnesses, $total_execs executions in all"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
