#!/usr/bin/env bash
# build-android.sh [OUT_DIR] - cross-builds libmembercore_jni.so for arm64-v8a, armeabi-v7a and
# x86_64 into OUT_DIR/jniLibs/<abi>/ (default: build-android/ at the repository root), plus
# OUT_DIR/membercore.jar (the Java API) for a Gradle module: copy jniLibs/ to
# src/main/jniLibs/, the jar to libs/, and bindings/jni/android/java/ into src/main/java/.
#
# UNTESTED: the machines this repository is built on have no Android NDK. It is the recipe,
# written down; expect to adjust flags for your NDK and dependency versions.
#
# Needs: ANDROID_NDK_HOME (NDK r26+), cmake >= 3.18, ninja, javac, the JetBrains annotations
# jar (compile-only; $ANNOTATIONS_JAR, default Debian's); and the unpacked sources of
#   SQLITE_AMALGAMATION_DIR  sqlite-amalgamation-3xxxxxx (sqlite3.c, sqlite3.h)
#   CJSON_SRC                cJSON 1.7.x
#   MBEDTLS_SRC              Mbed TLS 3.6.x (LTS)
#   CURL_SRC                 curl 8.x
#   QRENCODE_SRC             libqrencode 4.1.x (LGPL-2.1+; the core's QR codes, access.h)
# Optional: ABIS (default "arm64-v8a armeabi-v7a x86_64"), ANDROID_API (default 28, the
# first with Reference.reachabilityFence, which the Java API needs).
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"

die() { echo "build-android: $*" >&2; exit 1; }
[ -n "${ANDROID_NDK_HOME:-}" ] ||
  die "ANDROID_NDK_HOME is not set: install the Android NDK (r26 or newer) and point it there"
toolchain="$ANDROID_NDK_HOME/build/cmake/android.toolchain.cmake"
[ -f "$toolchain" ] || die "$toolchain not found: ANDROID_NDK_HOME is not an NDK"
for tool in cmake ninja javac jar; do
  command -v "$tool" >/dev/null || die "$tool is not on PATH"
done
[ -f "${SQLITE_AMALGAMATION_DIR:-}/sqlite3.c" ] || die "set SQLITE_AMALGAMATION_DIR (sqlite3.c)"
for v in CJSON_SRC MBEDTLS_SRC CURL_SRC QRENCODE_SRC; do
  [ -f "${!v:-}/CMakeLists.txt" ] || die "set $v to the unpacked source tree (with CMakeLists.txt)"
done
abis="${ABIS:-arm64-v8a armeabi-v7a x86_64}"
api="${ANDROID_API:-28}"
mkdir -p "${1:-$root/build-android}"
out="$(cd "${1:-$root/build-android}" && pwd)"
version="$(sed -n "s/^ *version : '\([0-9.]*\)'.*/\1/p" "$root/meson.build" | head -n1)"

for abi in $abis; do
  work="$out/work/$abi"
  prefix="$work/prefix"
  common=(-G Ninja -DCMAKE_TOOLCHAIN_FILE="$toolchain" -DANDROID_ABI="$abi"
    -DANDROID_PLATFORM="android-$api" -DCMAKE_BUILD_TYPE=Release
    -DCMAKE_INSTALL_PREFIX="$prefix" -DCMAKE_PREFIX_PATH="$prefix"
    -DCMAKE_FIND_ROOT_PATH="$prefix" -DBUILD_SHARED_LIBS=OFF
    -DCMAKE_POSITION_INDEPENDENT_CODE=ON)
  dep() { # name source cmake-options...
    local name="$1" src="$2"
    shift 2
    echo "== $abi: $name"
    cmake -S "$src" -B "$work/$name" "${common[@]}" "$@" >/dev/null
    cmake --build "$work/$name" >/dev/null
    cmake --install "$work/$name" >/dev/null
  }
  dep mbedtls "$MBEDTLS_SRC" -DENABLE_TESTING=OFF -DENABLE_PROGRAMS=OFF
  dep cjson "$CJSON_SRC" -DENABLE_CJSON_TEST=OFF -DENABLE_CJSON_UTILS=OFF \
    -DENABLE_CUSTOM_COMPILER_FLAGS=OFF
  dep qrencode "$QRENCODE_SRC" -DWITH_TOOLS=NO -DWITH_TESTS=NO -DWITHOUT_PNG=ON \
    -DCMAKE_DISABLE_FIND_PACKAGE_PNG=TRUE -DCMAKE_DISABLE_FIND_PACKAGE_ICONV=TRUE
  # curl over mbedTLS, HTTP(S) only. Android keeps its CA certificates one per file under
  # /system/etc/security/cacerts, which mbedTLS reads as a CA path.
  dep curl "$CURL_SRC" -DCURL_USE_MBEDTLS=ON -DCURL_USE_OPENSSL=OFF \
    -DMBEDTLS_INCLUDE_DIR="$prefix/include" -DMBEDTLS_LIBRARY="$prefix/lib/libmbedtls.a" \
    -DMBEDX509_LIBRARY="$prefix/lib/libmbedx509.a" \
    -DMBEDCRYPTO_LIBRARY="$prefix/lib/libmbedcrypto.a" \
    -DCURL_CA_BUNDLE=none -DCURL_CA_PATH=/system/etc/security/cacerts \
    -DBUILD_CURL_EXE=OFF -DBUILD_TESTING=OFF -DBUILD_LIBCURL_DOCS=OFF -DBUILD_MISC_DOCS=OFF \
    -DENABLE_CURL_MANUAL=OFF -DCURL_DISABLE_LDAP=ON -DCURL_USE_LIBPSL=OFF \
    -DCURL_USE_LIBSSH2=OFF -DUSE_LIBIDN2=OFF -DUSE_NGHTTP2=OFF -DCURL_ZLIB=OFF \
    -DCURL_BROTLI=OFF -DCURL_ZSTD=OFF
  echo "== $abi: libmembercore_jni.so"
  cmake -S "$root/bindings/jni/android" -B "$work/membercore" "${common[@]}" \
    -DDEPS_PREFIX="$prefix" -DSQLITE_AMALGAMATION_DIR="$SQLITE_AMALGAMATION_DIR" \
    -DMEMBERCORE_VERSION="$version" >/dev/null
  cmake --build "$work/membercore" >/dev/null
  mkdir -p "$out/jniLibs/$abi"
  cp "$work/membercore/libmembercore_jni.so" "$out/jniLibs/$abi/"
done

echo "== membercore.jar"
rm -rf "$out/classes"
annotations="${ANNOTATIONS_JAR:-/usr/share/java/org.jetbrains.annotations-java8.jar}"
javac --release 9 -encoding UTF-8 -cp "$annotations" -d "$out/classes" \
  "$root"/bindings/jni/java/org/membercore/*.java
jar cf "$out/membercore.jar" -C "$out/classes" .
echo "done: $out/jniLibs/{$(echo "$abis" | tr ' ' ',')}/libmembercore_jni.so and $out/membercore.jar"
