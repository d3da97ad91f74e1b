#!/usr/bin/env bash
# The JNI binding's tests: builds the meson build directory $1 (default build/), then runs the
# JUnit 4 tests of bindings/jni on the host JVM (with -Xcheck:jni) against the built
# libmembercore_jni and a real memberstub (the tests start and stop it; $MEMBERSTUB names it).
# Prints JUnit's summary and ends with one "N passed, M failed" line.
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${1:-build}"

fail_setup() {
  echo "test-jni: $*" >&2
  echo "0 passed, 1 failed"
  exit 1
}

if [ ! -f "$dir/build.ninja" ]; then
  meson setup "$dir" >/dev/null
fi
meson compile -C "$dir" >/dev/null || fail_setup "the build failed (meson compile -C $dir)"

jni="$dir/bindings/jni"
junit=/usr/share/java/junit4.jar
hamcrest=/usr/share/java/hamcrest-core.jar
for f in "$jni/libmembercore_jni.so" "$jni/membercore.jar" "$jni/membercore-tests.jar" \
  "$junit" "$hamcrest" "$dir/server-stub/memberstub"; do
  [ -e "$f" ] || fail_setup "$f is missing (no JDK or junit4? run scripts/install-deps.sh)"
done
command -v java >/dev/null || fail_setup "java is not on PATH"

MEMBERSTUB="$(cd "$dir/server-stub" && pwd)/memberstub"
export MEMBERSTUB
libdir="$(cd "$jni" && pwd)"
# Every *Test class in the tests jar.
mapfile -t classes < <(unzip -Z1 "$jni/membercore-tests.jar" 2>/dev/null ||
  jar tf "$jni/membercore-tests.jar")
tests=()
for c in "${classes[@]}"; do
  case "$c" in
    *Test.class) c="${c%.class}"; tests+=("${c//\//.}") ;;
  esac
done
[ "${#tests[@]}" -gt 0 ] || fail_setup "no test classes in $jni/membercore-tests.jar"

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
set +e
# --add-opens: the desktop JDK's HttpURLConnection refuses PATCH (the photo upload), which
# HttpUrlConnectionTransport then sets by reflection; Android's accepts it as is.
timeout 900 java -Xcheck:jni -Djava.library.path="$libdir" \
  --add-opens java.base/java.net=ALL-UNNAMED \
  -cp "$jni/membercore-tests.jar:$jni/membercore.jar:$junit:$hamcrest" \
  org.junit.runner.JUnitCore "${tests[@]}" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e

run=0
junit_failed=0
if ok_line=$(grep -E '^OK \([0-9]+ tests?\)' "$log" | tail -n1); then
  run=$(sed -E 's/^OK \(([0-9]+).*/\1/' <<<"$ok_line")
elif counts=$(grep -E '^Tests run: [0-9]+, +Failures: [0-9]+' "$log" | tail -n1); then
  run=$(sed -E 's/^Tests run: ([0-9]+).*/\1/' <<<"$counts")
  junit_failed=$(sed -E 's/.*Failures: ([0-9]+).*/\1/' <<<"$counts")
fi
passed=$((run - junit_failed))
failed=$junit_failed
# -Xcheck:jni reports JNI misuse as warnings: any counts as one more failure.
jni_warnings=$(grep -c 'WARNING in native method' "$log" || true)
if [ "$jni_warnings" -gt 0 ]; then
  echo "test-jni: -Xcheck:jni reported $jni_warnings warning(s)"
  failed=$((failed + 1))
fi
if [ "$rc" -ne 0 ] && [ "$junit_failed" -eq 0 ]; then
  echo "test-jni: the JVM exited with status $rc"
  failed=$((failed + 1)) # it died or timed out, whatever was counted
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
