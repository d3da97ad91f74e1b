#!/usr/bin/env bash
# bindings/jni/android/assemble-aar.sh OUT.aar CLASSES.jar ABI=BUILD_DIR... - packs an Android
# library archive from meson build directories, one per ABI: the AAR layout Gradle reads
#   AndroidManifest.xml            package org.membercore, minSdkVersion 28
#   classes.jar                    CLASSES.jar (the Java API, org/membercore/*.class)
#   proguard.txt                   consumer-rules.pro: the keep rules R8 applies in the app
#   R.txt                          empty (no Android resources)
#   jni/<abi>/libmembercore_jni.so and jni/<abi>/libmembercore.so  (Gradle's jniLibs)
# ABI is one of arm64-v8a, armeabi-v7a, x86_64, x86; BUILD_DIR holds bindings/jni/libmembercore_jni.so
# and core/libmembercore.so (symbolic links followed). build-android.sh calls it after its NDK
# builds; scripts/test-android.sh calls it with the host build standing in for x86_64.
#
# It refuses a libmembercore_jni.so that needs a library it does not ship and Android does not
# have (only lib*.so names load from an APK: a versioned libmembercore.so.0 would not), unless
# MC_AAR_HOST_STAND_IN=1 (the host build, whose meson gives the core a versioned soname; meson
# gives none on Android). Needs python3 (zipfile) and readelf (binutils).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
die() { echo "assemble-aar: $*" >&2; exit 1; }
[ $# -ge 3 ] || die "usage: assemble-aar.sh OUT.aar CLASSES.jar ABI=BUILD_DIR..."
out="$1"; classes="$2"; shift 2
[ -f "$classes" ] || die "$classes not found"
rules="$here/consumer-rules.pro"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT

# Libraries every Android device has (the NDK's stable system libraries).
system_libs=" libc.so libm.so libdl.so liblog.so libandroid.so libz.so libjnigraphics.so "
for spec in "$@"; do
  abi="${spec%%=*}"; dir="${spec#*=}"
  case "$abi" in
    arm64-v8a | armeabi-v7a | x86_64 | x86) ;;
    *) die "unknown ABI $abi (arm64-v8a, armeabi-v7a, x86_64, x86)" ;;
  esac
  jni="$dir/bindings/jni/libmembercore_jni.so"
  core="$dir/core/libmembercore.so"
  [ -f "$jni" ] || die "$jni not found (meson compile -C $dir)"
  [ -f "$core" ] || die "$core not found (meson compile -C $dir)"
  mkdir -p "$stage/jni/$abi"
  cp -L "$jni" "$core" "$stage/jni/$abi/"
  while read -r needed; do
    case "$system_libs" in *" $needed "*) continue ;; esac
    [ "$needed" = libmembercore.so ] && continue
    if [ "${MC_AAR_HOST_STAND_IN:-0}" = 1 ]; then
      echo "assemble-aar: $abi: libmembercore_jni.so needs $needed (host stand-in: allowed)"
      continue
    fi
    die "$abi: libmembercore_jni.so needs $needed, which the AAR does not ship"
  done < <(readelf -d "$jni" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
done

cp "$classes" "$stage/classes.jar"
cp "$rules" "$stage/proguard.txt"
: >"$stage/R.txt"
cat >"$stage/AndroidManifest.xml" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<manifest xmlns:android="http://schemas.android.com/apk/res/android" package="org.membercore">
    <uses-sdk android:minSdkVersion="28" />
</manifest>
XML
mkdir -p "$(dirname "$out")"
# A zip with fixed timestamps and order: the same inputs give the same bytes.
python3 - "$stage" "$out" <<'PY'
import os, sys, zipfile
stage, out = sys.argv[1], sys.argv[2]
names = []
for d, _, files in os.walk(stage):
    for f in files:
        names.append(os.path.relpath(os.path.join(d, f), stage))
with zipfile.ZipFile(out + ".tmp", "w", zipfile.ZIP_DEFLATED) as z:
    for n in sorted(names):
        info = zipfile.ZipInfo(n, (1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        with open(os.path.join(stage, n), "rb") as f:
            z.writestr(info, f.read())
os.replace(out + ".tmp", out)
PY
echo "assemble-aar: $out ($(cd "$stage" && find jni -name '*.so' | sort | tr '\n' ' '))"
