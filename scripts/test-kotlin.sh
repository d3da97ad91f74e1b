#!/usr/bin/env bash
# The Kotlin side of the JNI binding, with Debian's kotlinc (1.3) and kotlinx-coroutines (1.0.1):
# builds the meson build directory $1 (default build/), then
#  1. compiles the Kotlin layer (bindings/jni/kotlin/org/membercore/ktx) against membercore.jar;
#  2. checks that Kotlin sees the Java API's nullability: a file that dereferences a @Nullable
#     result and one that passes null for a @NotNull parameter must both be refused;
#  3. checks that README.md and bindings/jni/README.md carry the same Kotlin example (between
#     the kotlin-example markers) and compiles it, over compile-only Android stand-ins, and
#     compiles bindings/jni/README.md's coroutines example (kotlin-ktx-example);
#  4. compiles and runs the Kotlin JUnit 4 tests (bindings/jni/kotlin/test) against a real
#     memberstub (started and stopped by the tests; $MEMBERSTUB names it).
# The Flow form (bindings/jni/kotlin/flow: kotlinx-coroutines >= 1.5, Kotlin >= 1.7) is compiled
# too when $KOTLINX_COROUTINES_JAR and $KOTLINC_FLOW name them; Debian 12 has neither, so it is
# reported as skipped (written, not run), counted neither way; what runs here is a type-check
# of its use of the Java API against stand-ins of the coroutines 1.5 API (kotlin/flow-standins).
# Ends with one "N passed, M failed" line. Costs 1 to 3 minutes (kotlinc starts 5 times, 10-40 s each on a busy 2-core machine).
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${1:-build}"

fail_setup() {
  echo "test-kotlin: $*" >&2
  echo "0 passed, 1 failed"
  exit 1
}

if [ ! -f "$dir/build.ninja" ]; then
  meson setup "$dir" >/dev/null
fi
meson compile -C "$dir" >/dev/null || fail_setup "the build failed (meson compile -C $dir)"

jni="$dir/bindings/jni"
share=/usr/share/java
coroutines="$share/kotlinx-coroutines-core.jar"
atomicfu="$share/atomicfu.jar" # Debian's coroutines jar needs it at run time
annotations="$share/org.jetbrains.annotations-java8.jar"
junit="$share/junit4.jar"
hamcrest="$share/hamcrest-core.jar"
stdlib="$share/kotlin-stdlib.jar"
for f in "$jni/libmembercore_jni.so" "$jni/membercore.jar" "$jni/membercore-tests.jar" \
  "$coroutines" "$atomicfu" "$annotations" "$junit" "$hamcrest" "$stdlib" \
  "$dir/server-stub/memberstub"; do
  [ -e "$f" ] || fail_setup "$f is missing (run scripts/install-deps.sh)"
done
command -v kotlinc >/dev/null || fail_setup "kotlinc is not on PATH (package kotlin)"

out="$dir/bindings/jni/kotlin"
rm -rf "$out"
mkdir -p "$out"
log="$out/kotlinc.log"
passed=0
failed=0
pass() { echo "ok: $*"; passed=$((passed + 1)); }
fail() { echo "FAILED: $*"; failed=$((failed + 1)); }

# kotlinc 1.3.31 runs on JDK 17 as it is (the JVM only warns about -Xverify:none, which the
# kotlinc script passes): that line is dropped from the logs.
kc() { # kotlinc arguments...; its output in $log
  set +e
  kotlinc -jvm-target 1.8 "$@" >"$log" 2>&1
  local rc=$?
  set -e
  grep -v -e '-Xverify:none' "$log" || true
  return "$rc"
}

src=bindings/jni/kotlin
ktx="$out/membercore-ktx.jar"
# 1. The Kotlin layer: warnings are errors; produce (SyncChannel.kt) is experimental in 1.0.1.
if kc -Werror -Xuse-experimental=kotlinx.coroutines.ExperimentalCoroutinesApi \
  -cp "$jni/membercore.jar:$coroutines" -d "$ktx" "$src"/org/membercore/ktx/*.kt; then
  pass "the Kotlin layer compiles (kotlinc $(kotlinc -version 2>&1 | sed -n 's/.*kotlinc-jvm \([^ ]*\).*/\1/p'))"
else
  fail "the Kotlin layer does not compile"
fi

# The Flow form needs kotlinx-coroutines >= 1.5 (callbackFlow, trySend) and a kotlinc that can
# read it and knows @OptIn (Kotlin >= 1.7): given as $KOTLINX_COROUTINES_JAR and $KOTLINC_FLOW.
if [ -n "${KOTLINX_COROUTINES_JAR:-}" ] && [ -n "${KOTLINC_FLOW:-}" ]; then
  if "$KOTLINC_FLOW" -Werror -cp "$jni/membercore.jar:$KOTLINX_COROUTINES_JAR" -d "$out/flow" \
    "$src"/flow/org/membercore/ktx/*.kt; then
    pass "the Flow form compiles against $KOTLINX_COROUTINES_JAR"
  else
    fail "the Flow form does not compile against $KOTLINX_COROUTINES_JAR"
  fi
else
  echo "skipped: the Flow form ($src/flow) needs kotlinx-coroutines >= 1.5 and Kotlin >= 1.7;" \
    "Debian 12 has $(basename "$(readlink -f "$coroutines")") and kotlinc 1.3: written, not compiled here"
fi

# 2. Nullability as Kotlin sees it: each snippet must be refused with the nullability error
# (one kotlinc run for both; each error names its file).
snippet() { # name, Kotlin body
  printf 'import org.membercore.*\n\n%s\n' "$2" >"$out/$1.kt"
}
snippet nullable_result 'fun f(core: MemberCore): Int = core.auth().pendingPhone().length'
snippet notnull_parameter 'fun f(): Config.Builder = Config.builder(null)'
if kc -cp "$jni/membercore.jar" -d "$out/refused" "$out/nullable_result.kt" \
  "$out/notnull_parameter.kt"; then
  fail "kotlinc accepted a @Nullable result dereferenced and null for a @NotNull parameter"
else
  for check in "nullable_result.kt:.*only safe (?.) or non-null asserted (!!.) calls are allowed" \
    "notnull_parameter.kt:.*null can not be a value of a non-null type"; do
    if grep -qi -- "$check" "$log"; then
      pass "refused: ${check%%:*} (${check#*.\*})"
    else
      fail "not refused for nullability: ${check%%:*}"
    fi
  done
fi

# 3. The READMEs' Kotlin examples: the main one the same in both READMEs, and each compiles,
# pasted into a function (readme/*.kt.head) over compile-only Android stand-ins (readme/stubs).
extract() { # marker, README file: the kotlin block after that marker
  awk -v marker="<!-- $1" 'index($0, marker) == 1 { m = 1; next }
       m && /^```kotlin$/ { k = 1; next }
       k && /^```$/ { exit }
       k { print }' "$2"
}
extract kotlin-example: README.md >"$out/readme-root.kt.part"
extract kotlin-example: bindings/jni/README.md >"$out/readme-jni.kt.part"
extract kotlin-ktx-example: bindings/jni/README.md >"$out/readme-ktx.kt.part"
if [ ! -s "$out/readme-root.kt.part" ]; then
  fail "README.md has no Kotlin example between kotlin-example markers"
elif cmp -s "$out/readme-root.kt.part" "$out/readme-jni.kt.part"; then
  pass "README.md and bindings/jni/README.md carry the same Kotlin example"
else
  fail "README.md and bindings/jni/README.md differ in the Kotlin example:"
  diff "$out/readme-root.kt.part" "$out/readme-jni.kt.part" || true
fi
stubs="$out/readme-stubs"
mkdir -p "$stubs"
find "$src/readme/stubs" -name '*.java' -print0 |
  xargs -0 javac --release 9 -encoding UTF-8 -cp "$jni/membercore.jar:$annotations" -d "$stubs"
# Both examples in one kotlinc run (each error names its file).
examples=()
for example in ReadmeExample:readme-jni KtxExample:readme-ktx; do
  name="${example%%:*}"
  part="$out/${example#*:}.kt.part"
  [ -s "$part" ] || fail "$name: no such block in bindings/jni/README.md"
  { cat "$src/readme/$name.kt.head" "$part"; echo "}"; } >"$out/$name.kt"
  examples+=("$out/$name.kt")
done
if kc -Werror -cp "$jni/membercore.jar:$stubs:$ktx:$coroutines" -d "$out/readme" "${examples[@]}"; then
  pass "the READMEs' Kotlin examples compile (${examples[*]##*/})"
else
  fail "the READMEs' Kotlin examples do not compile (${examples[*]})"
fi

# The Flow form against stand-ins of the coroutines 1.5 API it uses (kotlin/flow-standins),
# without its @OptIn line (Kotlin 1.7): its use of the Java API type-checks. Not a compile
# against the real library, which stays "written, not run" here (see above).
grep -v -e '^@OptIn(' -e '^import kotlinx.coroutines.ExperimentalCoroutinesApi$' \
  "$src/flow/org/membercore/ktx/SyncFlow.kt" >"$out/SyncFlowChecked.kt"
if kc -Werror -Xuse-experimental=kotlinx.coroutines.ExperimentalCoroutinesApi \
  -cp "$jni/membercore.jar:$coroutines" -d "$out/flow-checked" "$src"/flow-standins/*.kt \
  "$out/SyncFlowChecked.kt"; then
  pass "SyncFlow.kt type-checks against stand-ins of the coroutines 1.5 Flow API"
else
  fail "SyncFlow.kt does not type-check against the stand-ins (kotlin/flow-standins)"
fi

# 4. The Kotlin tests, on the host JVM against the built library and a real memberstub.
tests="$out/membercore-ktx-tests.jar"
cp="$jni/membercore.jar:$jni/membercore-tests.jar:$ktx:$coroutines:$atomicfu:$junit:$hamcrest:$stdlib"
if ! kc -Werror -cp "$cp" -d "$tests" "$src"/test/org/membercore/*.kt; then
  fail "the Kotlin tests do not compile"
  echo "$passed passed, $failed failed"
  exit 1
fi
mapfile -t classes < <(unzip -Z1 "$tests" 2>/dev/null || jar tf "$tests")
names=()
for c in "${classes[@]}"; do
  case "$c" in
    *Test.class) c="${c%.class}"; names+=("${c//\//.}") ;;
  esac
done
MEMBERSTUB="$(cd "$dir/server-stub" && pwd)/memberstub"
export MEMBERSTUB
junit_log="$out/junit.log"
set +e
timeout 300 java -Xcheck:jni -Djava.library.path="$(cd "$jni" && pwd)" -cp "$tests:$cp" \
  org.junit.runner.JUnitCore "${names[@]}" 2>&1 | tee "$junit_log"
rc=${PIPESTATUS[0]}
set -e
run=0
junit_failed=0
if ok_line=$(grep -E '^OK \([0-9]+ tests?\)' "$junit_log" | tail -n1); then
  run=$(sed -E 's/^OK \(([0-9]+).*/\1/' <<<"$ok_line")
elif counts=$(grep -E '^Tests run: [0-9]+, +Failures: [0-9]+' "$junit_log" | tail -n1); then
  run=$(sed -E 's/^Tests run: ([0-9]+).*/\1/' <<<"$counts")
  junit_failed=$(sed -E 's/.*Failures: ([0-9]+).*/\1/' <<<"$counts")
fi
passed=$((passed + run - junit_failed))
failed=$((failed + junit_failed))
if grep -q 'WARNING in native method' "$junit_log"; then
  fail "-Xcheck:jni reported JNI warnings"
fi
if [ "$rc" -ne 0 ] && [ "$junit_failed" -eq 0 ]; then
  fail "the JVM exited with status $rc"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
