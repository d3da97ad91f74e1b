#!/usr/bin/env bash
# The Android release build's checks, on this machine (no NDK here: see
# bindings/jni/android/build-android.sh for the part only written): builds the meson build
# directory $1 (default build/), then
#  - the keep rules (bindings/jni/android/consumer-rules.pro) cover every class, member and
#    native the JNI glue looks up (scripts/check-keep-rules.py), which it reads in all its styles;
#  - the check fails, naming what is missing, on a copy of the rules without one rule, and on a
#    glue file with lookups the rules or the jar lack (a new area table, a wrapper, a name read at
#    run time);
#  - ProGuard (Debian's, standing in for R8) shrinks and obfuscates the jar and the JUnit tests
#    with those rules, and JNI tests pass on the result; without one rule, JNI_OnLoad fails;
#  - each cross file (bindings/jni/android/cross) parses and names the NDK's clang for its target;
#  - assemble-aar.sh packs the host build standing in for x86_64 into the AAR layout.
# Ends with one "N passed, M failed" line.
set -uo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
dir="${1:-build}"
passed=0
failed=0
ok() { echo "ok   $*"; passed=$((passed + 1)); }
bad() { echo "FAIL $*"; failed=$((failed + 1)); }
finish() { echo "$passed passed, $failed failed"; [ "$failed" -eq 0 ]; exit $?; }

if [ ! -f "$dir/build.ninja" ]; then
  meson setup "$dir" >/dev/null || { bad "meson setup $dir"; finish; }
fi
meson compile -C "$dir" membercore_jni membercore-jar >/dev/null ||
  { bad "meson compile -C $dir membercore_jni membercore-jar"; finish; }
jar="$dir/bindings/jni/membercore.jar"
rules=bindings/jni/android/consumer-rules.pro
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
check() { python3 scripts/check-keep-rules.py --build "$dir" "$@"; }

# expect_fail LABEL OUTPUT_FILE STRING... : the check failed and printed each STRING
expect_fail() {
  local label="$1" log="$2" rc="$3" s missing=""
  shift 3
  for s in "$@"; do
    grep -F -- "$s" "$log" | grep -q '^FAIL' || missing="$missing [$s]"
  done
  if [ "$rc" -ne 0 ] && [ -z "$missing" ]; then ok "$label"; else
    bad "$label (exit $rc; not reported:$missing)"
    sed 's/^/    /' "$log" | tail -n 15
  fi
}

echo "== keep rules against the glue and $jar"
check --list >"$tmp/real.log" 2>&1
rc=$?
tail -n1 "$tmp/real.log"
if [ "$rc" -eq 0 ]; then ok "the keep rules cover every lookup of the glue"; else
  bad "the keep rules cover every lookup of the glue"
  grep '^FAIL' "$tmp/real.log" | head -n 20
fi
# The lookups read in each style of the glue (else a pass would prove nothing).
missing=""
for s in "native org/membercore/Native.close(J)V" \
  "GetMethodID org/membercore/MemberCoreException.<init>(ILjava/lang/String;IIILjava/lang/String;I)V" \
  "GetMethodID org/membercore/Room.<init>(Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;I[Ljava/lang/String;Lorg/membercore/Money;I[J[I[Lorg/membercore/BuildingTime;ILjava/lang/String;)V" \
  "GetStaticFieldID org/membercore/LogLevel.WARN Lorg/membercore/LogLevel;" \
  "GetMethodID org/membercore/SecureStorage.get(Ljava/lang/String;)Ljava/lang/String;" \
  "GetMethodID org/membercore/Clock.nowMs()J" "class org/membercore/Native "; do
  grep -qF -- "lookup: $s" "$tmp/real.log" || missing="$missing [$s]"
done
natives=$(grep -c '^lookup: native ' "$tmp/real.log")
tables=$(grep -c '^static const JNINativeMethod' bindings/jni/src/*.c | awk -F: '{n += $2} END {print n}')
if [ -z "$missing" ] && [ "$natives" -ge 100 ]; then
  ok "the check reads tables (mcj_class_spec, JNINativeMethod through mcj_area), macros, a string array and direct calls ($natives natives from $tables tables)"
else
  bad "the check reads the glue's lookups (missing:$missing; $natives natives)"
fi

echo "== the check fails on rules missing one rule, naming what is not kept"
drop() { # pattern file: a copy of the rules without the rule whose first line matches
  python3 - "$rules" "$1" "$2" <<'PY'
import re, sys
src, pat, out = sys.argv[1:]
lines, res, skip = open(src).read().split("\n"), [], False
for l in lines:
    if re.search(pat, l):
        skip = "{" in l and "}" not in l
        continue
    if skip:
        skip = not l.startswith("}")
        continue
    res.append(l)
open(out, "w").write("\n".join(res))
PY
}
drop '^-keep.* class org\.membercore\.Money \{' "$tmp/no-money.pro"
check --rules "$tmp/no-money.pro" >"$tmp/log" 2>&1
expect_fail "without Money's rule: its constructor and class" "$tmp/log" $? \
  "org.membercore.Money { <init>(long, java.lang.String, java.lang.String); }: no keep rule" \
  "class org.membercore.Money: no -keep rule keeps it"
drop 'class \* implements org\.membercore\.SecureStorage' "$tmp/no-impl.pro"
check --rules "$tmp/no-impl.pro" >"$tmp/log" 2>&1
expect_fail "without the implementations' rule: SecureStorage.get in app classes" "$tmp/log" $? \
  "org.membercore.SecureStorage { java.lang.String get(java.lang.String); }: looked up on an interface"
sed 's/^ *native <methods>;$//' "$rules" >"$tmp/no-natives.pro"
check --rules "$tmp/no-natives.pro" >"$tmp/log" 2>&1
expect_fail "without native <methods>: each registered native" "$tmp/log" $? \
  "native org.membercore.Native { void close(long); }: no keep rule" \
  "native org.membercore.Native { org.membercore.Today today(long); }: no keep rule"
{ echo '-keep class org.membercore.** { *; }'; echo '-keep class org.membercore.Native { native <methods>; }'; } >"$tmp/blanket.pro"
check --rules "$tmp/blanket.pro" >"$tmp/log" 2>&1
expect_fail "a blanket keep of the package is refused (and does not keep constructors)" "$tmp/log" $? \
  "keeps a whole package by wildcard" "<init>(long, java.lang.String, java.lang.String); }: no keep rule"

echo "== the check finds new lookups by itself: a glue file in the glue's styles"
cat >"$tmp/fixture.c" <<C
/* fixture: lookups in the glue's styles that the jar or the keep rules lack */
#include <stdlib.h>
#include "$root/bindings/jni/src/glue.h"
#define FX_PKG "org/membercore/"
static struct {
    jclass transport, money;
    jmethodID send, nope;
} fx;
static const mcj_class_spec classes[] = {
    {FX_PKG "FixtureTransport", "send", "(" MCJ_S ")V", &fx.transport, &fx.send},
    {FX_PKG "Money", "nope", "()V", &fx.money, &fx.nope},
};
static const JNINativeMethod natives[] = {
    {"fixtureNative", "(J)V", NULL},
};
const mcj_area mcj_fixture_area = MCJ_AREA("fixture", classes, natives);
static jmethodID fixture_find(JNIEnv *env, const char *cls, const char *name, const char *sig)
{
    jclass c = (*env)->FindClass(env, cls);
    return c ? (*env)->GetMethodID(env, c, name, sig) : NULL;
}
void fixture_use(JNIEnv *env)
{
    (void)fixture_find(env, FX_PKG "Money", "getMinor", "()J");
    jclass c = (*env)->FindClass(env, getenv("FIXTURE_CLASS"));
    (void)c;
}
C
mapfile -t glue < <(ls bindings/jni/src/*.c platform/android/*.c)
check --glue "${glue[@]}" "$tmp/fixture.c" >"$tmp/log" 2>&1
rc=$?
expect_fail "a new area's class missing from the jar" "$tmp/log" $rc \
  "class org/membercore/FixtureTransport is not in the jar"
expect_fail "a new area's method missing from the jar" "$tmp/log" $rc \
  "org.membercore.Money: method nope()V does not exist in the jar"
expect_fail "a new native missing from Native" "$tmp/log" $rc \
  "org.membercore.Native: method fixtureNative(J)V does not exist in the jar"
expect_fail "a lookup through a wrapper function, not kept" "$tmp/log" $rc \
  "org.membercore.Money { long getMinor(); }: no keep rule"
expect_fail "a class name read at run time" "$tmp/log" $rc "cannot read the class name of a FindClass"

echo "== cross files: each parses and names the NDK's clang (no NDK here: meson stops there)"
printf "[constants]\nndk = '%s/ndk'\nhost_tag = 'linux-x86_64'\napi = '28'\nprefix = '%s/prefix'\n" \
  "$tmp" "$tmp" >"$tmp/ndk.ini"
for pair in arm64-v8a:aarch64-linux-android armeabi-v7a:armv7a-linux-androideabi \
  x86_64:x86_64-linux-android; do
  abi="${pair%%:*}" target="${pair#*:}"
  meson setup "$tmp/cross-$abi" --cross-file "$tmp/ndk.ini" \
    --cross-file "bindings/jni/android/cross/android-$abi.ini" >"$tmp/log" 2>&1
  want="$tmp/ndk/toolchains/llvm/prebuilt/linux-x86_64/bin/${target}28-clang"
  if grep -qF "Unknown compiler(s): [['$want']]" "$tmp/log"; then
    ok "cross/android-$abi.ini: ${target}28-clang"
  else
    bad "cross/android-$abi.ini: expected meson to look for $want"
    tail -n 5 "$tmp/log" | sed 's/^/    /'
  fi
done

echo "== a release build's shrinking and renaming: ProGuard (Debian's proguard-cli, as R8 would in an"
echo "   app) over membercore.jar and the JUnit tests with the consumer rules, then JNI tests on the result"
# ProGuard 6.2.2 reads class files up to Java 13: the JDK's classes (java.base and the modules
# the tests use), which it reads only for the class hierarchy and member names (library classes:
# nothing of them is written), are handed to it with their version field set to Java 8's. The app's own rules are AGP's default for
# enums, and the tests' entry points (JUnit finds them by reflection).
proguard_run() { # rules out.jar log
  cat >"$tmp/app.pro" <<PRO
-injars $root/$jar
-injars $root/$dir/bindings/jni/membercore-tests.jar
-outjars $2
-libraryjars $tmp/java-base.jar
-libraryjars /usr/share/java/junit4.jar
-libraryjars /usr/share/java/hamcrest-core.jar
-libraryjars /usr/share/java/org.jetbrains.annotations-java8.jar
-dontoptimize
-keepattributes *Annotation*,Signature,InnerClasses,EnclosingMethod,Exceptions
-keepclassmembers enum * { public static **[] values(); public static ** valueOf(java.lang.String); }
-keep public class org.membercore.*Test { public <init>(); @org.junit.* *; }
-printmapping $2.map
-include $1
PRO
  proguard @"$tmp/app.pro" >"$3" 2>&1
}
junit_run() { # jar classes...
  local j="$1"
  shift
  # --add-opens as scripts/test-jni.sh gives it (the Java transport's PATCH on a desktop JDK).
  MEMBERSTUB="$root/$dir/server-stub/memberstub" timeout 300 java -Xcheck:jni \
    -Djava.library.path="$root/$dir/bindings/jni" --add-opens java.base/java.net=ALL-UNNAMED \
    -cp "$j:/usr/share/java/junit4.jar:/usr/share/java/hamcrest-core.jar" \
    org.junit.runner.JUnitCore "$@" 2>&1
}
java_home="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
if ! command -v proguard >/dev/null; then
  bad "proguard is not installed (scripts/install-deps.sh installs proguard-cli)"
elif ! meson compile -C "$dir" membercore-tests-jar memberstub >/dev/null 2>&1; then
  bad "meson compile -C $dir membercore-tests-jar memberstub"
elif ! python3 - "$tmp/java-base.jar" "$java_home"/jmods/{java.base,java.logging,java.net.http,jdk.httpserver}.jmod <<'PY'
import io, os, sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_STORED) as o:
    for jmod in sys.argv[2:]:
        if not os.path.exists(jmod) and not jmod.endswith("java.base.jmod"):
            continue
        z = zipfile.ZipFile(io.BytesIO(open(jmod, "rb").read()[4:]))  # "JM\1\0", then a zip
        for n in z.namelist():
            if n.startswith(("classes/java/", "classes/javax/", "classes/com/sun/net/")) and \
                    n.endswith(".class"):
                b = bytearray(z.read(n))
                b[6:8] = (52).to_bytes(2, "big")
                o.writestr(n[len("classes/"):], bytes(b))
PY
then
  bad "could not read the JDK's jmods ($java_home/jmods)"
else
  # Tests that cross every kind of lookup: all areas at JNI_OnLoad, Clock, SecureStorage and
  # Logger called back, ListenerRegistration.dispatch, Today's many result classes, and the
  # app's HTTP transport called from C when the tests have it (TransportTest).
  subset=()
  for c in LifecycleTest ClockTest ListenersTest TodayTest AccountFlowTest TransportTest; do
    unzip -Z1 "$dir/bindings/jni/membercore-tests.jar" "org/membercore/$c.class" >/dev/null 2>&1 &&
      subset+=("org.membercore.$c")
  done
  if proguard_run "$root/$rules" "$tmp/app.jar" "$tmp/pg.log"; then
    renamed=$(grep -cE '^org\.membercore\.[A-Za-z$]+ -> org\.membercore\.[a-z]+(\$[a-z0-9]+)?:$' "$tmp/app.jar.map")
    total=$(grep -cE '^org\.membercore\.[A-Za-z$]+ -> ' "$tmp/app.jar.map")
    junit_run "$tmp/app.jar" "${subset[@]}" >"$tmp/junit.log"
    if grep -qE '^OK \([0-9]+ tests\)' "$tmp/junit.log" && [ "$renamed" -gt 20 ] &&
      ! grep -q 'WARNING in native method' "$tmp/junit.log"; then
      ok "shrunk and obfuscated ($renamed of $total classes renamed): $(grep -E '^OK' "$tmp/junit.log") of ${#subset[@]} JNI test classes pass under -Xcheck:jni"
    else
      bad "JNI tests on the obfuscated jar ($renamed of $total classes renamed)"
      grep -E '^(Tests run|OK)|^[0-9]+\) |Error' "$tmp/junit.log" | head -n 10 | sed 's/^/    /'
    fi
  else
    bad "proguard with $rules"
    tail -n 10 "$tmp/pg.log" | sed 's/^/    /'
  fi
  # The rule dropped keeps members only the C glue calls (TransportBridge.exchange and cancel,
  # what every request of the default Java transport goes through): no Java code or test
  # references them, so without their rule shrinking removes them and the glue's lookup fails.
  # (Money's constructor would not do: ValueEqualityTest calls it, which keeps it.)
  drop '^-keep.* class org\.membercore\.TransportBridge \{' "$tmp/no-bridge.pro"
  if proguard_run "$tmp/no-bridge.pro" "$tmp/nobridge.jar" "$tmp/pg.log"; then
    junit_run "$tmp/nobridge.jar" org.membercore.LifecycleTest >"$tmp/junit.log"
    if grep -q 'NoSuchMethodError' "$tmp/junit.log" && ! grep -qE '^OK' "$tmp/junit.log"; then
      ok "without TransportBridge's rule the obfuscated build fails (NoSuchMethodError)"
    else
      bad "without TransportBridge's rule the obfuscated build should fail"
      grep -E '^(Tests run|OK)|^[0-9]+\) ' "$tmp/junit.log" | head -n 5 | sed 's/^/    /'
    fi
  else
    bad "proguard with $tmp/no-bridge.pro"
  fi
fi

echo "== AAR: assemble-aar.sh with the host build standing in for x86_64"
aar="$tmp/out/membercore.aar"
if MC_AAR_HOST_STAND_IN=1 bash bindings/jni/android/assemble-aar.sh "$aar" "$jar" \
  "x86_64=$dir" >"$tmp/log" 2>&1; then
  python3 - "$aar" "$rules" >"$tmp/aar.log" 2>&1 <<'PY'
import io, sys, zipfile
aar, rules = sys.argv[1], sys.argv[2]
z = zipfile.ZipFile(aar)
names = set(z.namelist())
want = {"AndroidManifest.xml", "classes.jar", "proguard.txt", "R.txt",
        "jni/x86_64/libmembercore_jni.so", "jni/x86_64/libmembercore.so"}
res = []
res.append(("layout: " + ", ".join(sorted(want)), names == want, sorted(names ^ want)))
res.append(("proguard.txt is consumer-rules.pro", z.read("proguard.txt") == open(rules, "rb").read(), ""))
cj = zipfile.ZipFile(io.BytesIO(z.read("classes.jar")))
cls = [n for n in cj.namelist() if n.startswith("org/membercore/") and n.endswith(".class")]
res.append(("classes.jar holds org/membercore classes (%d, Native and MemberCore among them)" % len(cls),
            "org/membercore/Native.class" in cls and "org/membercore/MemberCore.class" in cls and len(cls) > 50, ""))
elf = all(z.read(n)[:4] == b"\x7fELF" and z.read(n)[18] == 62 for n in want if n.endswith(".so"))
res.append(("jni/x86_64/*.so are x86-64 ELF shared objects", elf, ""))
m = z.read("AndroidManifest.xml").decode()
res.append(("AndroidManifest.xml: package org.membercore, minSdkVersion 28",
            'package="org.membercore"' in m and 'minSdkVersion="28"' in m, ""))
for label, good, extra in res:
    print(("ok   " if good else "FAIL ") + label + ("" if good else " %s" % extra))
PY
  while read -r line; do
    case "$line" in "ok   "*) ok "${line#ok   }" ;; "FAIL "*) bad "${line#FAIL }" ;; *) echo "$line" ;; esac
  done <"$tmp/aar.log"
  cp "$aar" "$tmp/first.aar"
  MC_AAR_HOST_STAND_IN=1 bash bindings/jni/android/assemble-aar.sh "$aar" "$jar" "x86_64=$dir" >/dev/null 2>&1
  if cmp -s "$aar" "$tmp/first.aar"; then ok "the same inputs give the same AAR bytes"; else
    bad "the same inputs give the same AAR bytes"; fi
else
  bad "assemble-aar.sh failed"
  sed 's/^/    /' "$tmp/log"
fi
if bash bindings/jni/android/assemble-aar.sh "$tmp/refused.aar" "$jar" "x86_64=$dir" >"$tmp/log" 2>&1; then
  bad "assemble-aar.sh refuses a libmembercore_jni.so needing a library the AAR does not ship"
elif grep -q "needs libmembercore.so.0, which the AAR does not ship" "$tmp/log"; then
  ok "assemble-aar.sh refuses a libmembercore_jni.so needing a library the AAR does not ship (the host's versioned soname)"
else
  bad "assemble-aar.sh failed otherwise: $(tail -n1 "$tmp/log")"
fi
finish
