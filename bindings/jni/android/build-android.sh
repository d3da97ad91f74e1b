#!/usr/bin/env bash
# build-android.sh [OUT_DIR] - the Android release build: for each ABI (arm64-v8a, armeabi-v7a,
# x86_64) a meson cross build with the NDK's clang (cross/android-<abi>.ini, API level 28, the
# same meson.build and file lists as every other build), then assemble-aar.sh packs
# OUT_DIR/membercore.aar: classes.jar, jni/<abi>/libmembercore_jni.so + libmembercore.so,
# proguard.txt (consumer-rules.pro), AndroidManifest.xml, R.txt. Default OUT_DIR: build-android/.
#
# NOT RUN where this repository is tested: no Android NDK can be installed there. What is run
# (scripts/test-android.sh): the cross files parse and name the NDK's clang, assemble-aar.sh
# packs the host build standing in for one ABI, and the keep rules cover the glue's lookups.
#
# Needs: ANDROID_NDK_HOME (NDK r26 or newer), meson >= 1.0, ninja, a JDK (javac, jar), pkg-config,
# python3, readelf, the JetBrains annotations jar (compile-only: $ANNOTATIONS_JAR, default the
# path of Debian's libjetbrains-annotations-java); and MC_ANDROID_PREFIX, a directory with one install prefix per ABI:
#   $MC_ANDROID_PREFIX/<abi>/{include,lib,lib/pkgconfig}
# holding STATIC libraries (lib*.a, so that the AAR ships only our two .so files) and their
# pkg-config files for: sqlite3 (3.40+), libcjson (1.7.x), mbedtls/mbedx509/mbedcrypto (3.6 LTS),
# libcurl (8.x, built over mbedTLS, CA path /system/etc/security/cacerts), libqrencode (4.1.x),
# and libmicrohttpd (only because meson.build configures memberstub; nothing of it is linked into
# the AAR). Build each with the NDK for each ABI, e.g. with CMake
#   cmake -S $SRC -B b -G Ninja -DCMAKE_TOOLCHAIN_FILE=$ANDROID_NDK_HOME/build/cmake/android.toolchain.cmake \
#     -DANDROID_ABI=<abi> -DANDROID_PLATFORM=android-28 -DBUILD_SHARED_LIBS=OFF \
#     -DCMAKE_POSITION_INDEPENDENT_CODE=ON -DCMAKE_INSTALL_PREFIX=$MC_ANDROID_PREFIX/<abi> && \
#   cmake --build b && cmake --install b
# (curl: add -DCURL_USE_MBEDTLS=ON -DCURL_USE_OPENSSL=OFF -DCURL_CA_BUNDLE=none
#  -DCURL_CA_PATH=/system/etc/security/cacerts -DCURL_USE_LIBPSL=OFF -DUSE_NGHTTP2=OFF
#  -DCURL_ZLIB=OFF; qrencode: -DWITH_TOOLS=NO -DWITHOUT_PNG=ON; sqlite: its amalgamation's
#  ./configure --host=<target> --disable-shared with the NDK's clang as CC; libmicrohttpd the same
#  way), or with meson and this directory's cross files for projects that build with meson.
# Check that each <abi>/lib/pkgconfig has sqlite3.pc, libcjson.pc, libcurl.pc, libqrencode.pc,
# mbedcrypto.pc (or libmbedcrypto.a) and libmicrohttpd.pc before running this script.
# Optional: ABIS (default "arm64-v8a armeabi-v7a x86_64"), ANDROID_API (default 28, the first
# with Reference.reachabilityFence, which the Java API needs).
#
# The Android-only classes (android/java: KeystoreSecureStorage, LogcatLogger) need android.jar
# to compile, so they are not in classes.jar: add them to the app module's sources.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"

die() { echo "build-android: $*" >&2; exit 1; }
[ -n "${ANDROID_NDK_HOME:-}" ] ||
  die "ANDROID_NDK_HOME is not set: install the Android NDK (r26 or newer) and point it there"
[ -d "$ANDROID_NDK_HOME/toolchains/llvm/prebuilt" ] ||
  die "$ANDROID_NDK_HOME/toolchains/llvm/prebuilt not found: ANDROID_NDK_HOME is not an NDK"
[ -n "${MC_ANDROID_PREFIX:-}" ] || die "set MC_ANDROID_PREFIX (see this script's header)"
for tool in meson ninja javac jar pkg-config python3 readelf; do
  command -v "$tool" >/dev/null || die "$tool is not on PATH"
done
case "$(uname -s)" in
  Linux) host_tag=linux-x86_64 ;;
  Darwin) host_tag=darwin-x86_64 ;; # the NDK's macOS toolchain is universal under this name
  *) die "the NDK has no toolchain for $(uname -s)" ;;
esac
abis="${ABIS:-arm64-v8a armeabi-v7a x86_64}"
api="${ANDROID_API:-28}"
mkdir -p "${1:-$root/build-android}"
out="$(cd "${1:-$root/build-android}" && pwd)"

specs=()
for abi in $abis; do
  cross="$here/cross/android-$abi.ini"
  [ -f "$cross" ] || die "no cross file for $abi ($cross)"
  prefix="$MC_ANDROID_PREFIX/$abi"
  [ -d "$prefix/lib/pkgconfig" ] || die "$prefix/lib/pkgconfig not found (see the header)"
  work="$out/work/$abi"
  mkdir -p "$work"
  # The constants the cross file uses; meson reads cross files in order.
  cat >"$work/ndk.ini" <<INI
[constants]
ndk = '$ANDROID_NDK_HOME'
host_tag = '$host_tag'
api = '$api'
prefix = '$prefix'
INI
  echo "== $abi: meson setup"
  meson setup --wipe "$work/build" "$root" --cross-file "$work/ndk.ini" --cross-file "$cross" \
    -Dbuildtype=release -Db_ndebug=true -Dstrip=true -Dtests=false \
    -Ddefault_library=shared \
    ${ANNOTATIONS_JAR:+-Dannotations_jar="$ANNOTATIONS_JAR"} >"$work/setup.log" ||
    die "$abi: meson setup failed (see $work/setup.log)"
  echo "== $abi: libmembercore.so, libmembercore_jni.so, membercore.jar"
  meson compile -C "$work/build" membercore_jni membercore-jar >"$work/compile.log" ||
    die "$abi: meson compile failed (see $work/compile.log)"
  specs+=("$abi=$work/build")
done

first="${abis%% *}"
bash "$here/assemble-aar.sh" "$out/membercore.aar" \
  "$out/work/$first/build/bindings/jni/membercore.jar" "${specs[@]}"
echo "done: $out/membercore.aar"
