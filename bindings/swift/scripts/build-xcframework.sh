#!/usr/bin/env bash
# Build bindings/swift/MemberCoreC.xcframework: libmembercore and its dependencies (cJSON,
# mbedTLS, libqrencode, curl over Secure Transport) as one static library per platform, for
# iOS device (arm64), iOS simulator (arm64 + x86_64) and macOS (arm64 + x86_64: Package.swift
# declares .macOS(.v12) too), with the public headers and the CMemberCore module map; then
# package-xcframework.sh adds the privacy manifest, zips it and prints its checksum for a
# `binaryTarget(url:checksum:)` (README.md, "Distributing the XCFramework").
# SQLite is the system's: the core compiles against the SDK's sqlite3.h and the app links
# the SDK's libsqlite3 (Package.swift's linkedLibrary("sqlite3")); no amalgamation inside.
# Package.swift uses the xcframework instead of the system library once it exists.
#
# UNTESTED here: written on Linux, where it cannot run. It needs macOS with Xcode (xcrun,
# xcodebuild, the iphoneos / iphonesimulator / macosx SDKs), curl, tar and zip; it downloads
# the pinned source releases below into $WORK (default bindings/swift/.build-ios) and prints
# their SHA-256 so they can be pinned after a first review. Its last step,
# package-xcframework.sh, is run on Linux by scripts/check-abi.sh on a stand-in.
set -euo pipefail

if [ "$(uname -s)" != "Darwin" ] || ! command -v xcodebuild >/dev/null 2>&1 ||
  ! xcrun --sdk iphoneos --show-sdk-path >/dev/null 2>&1 ||
  ! xcrun --sdk macosx --show-sdk-path >/dev/null 2>&1; then
  echo "build-xcframework: needs macOS with Xcode and its iOS and macOS SDKs (this is $(uname -s));" >&2
  echo "  on Linux, test the binding with scripts/test-swift.sh instead." >&2
  exit 1
fi

here="$(cd "$(dirname "$0")/.." && pwd)"   # bindings/swift
root="$(cd "$here/../.." && pwd)"
work="${WORK:-$here/.build-ios}"
min_ios="${MIN_IOS:-15.0}"     # Package.swift: .iOS(.v15)
min_macos="${MIN_MACOS:-12.0}" # Package.swift: .macOS(.v12)
version="$(sed -n "s/^ *version : '\([^']*\)'.*/\1/p" "$root/meson.build" | head -n1)"

cjson_url="https://github.com/DaveGamble/cJSON/archive/refs/tags/v1.7.18.tar.gz"
mbedtls_url="https://github.com/Mbed-TLS/mbedtls/releases/download/mbedtls-3.6.2/mbedtls-3.6.2.tar.bz2"
curl_url="https://curl.se/download/curl-8.11.1.tar.xz"   # last series with Secure Transport
qrencode_url="https://github.com/fukuchi/libqrencode/archive/refs/tags/v4.1.1.tar.gz"

mkdir -p "$work/src"
fetch() { # url dir
  local file="$work/src/$(basename "$1")"
  [ -f "$file" ] || curl -fL --retry 3 -o "$file" "$1"
  echo "sha256 $(shasum -a 256 "$file" | cut -d' ' -f1)  $(basename "$1")"
  rm -rf "$work/src/$2" && mkdir -p "$work/src/$2"
  case "$file" in
    *.zip) (cd "$work/src/$2" && unzip -q "$file" && mv */* . ) ;;
    *) tar -xf "$file" -C "$work/src/$2" --strip-components=1 ;;
  esac
}
fetch "$cjson_url" cjson
fetch "$mbedtls_url" mbedtls
fetch "$curl_url" curl
fetch "$qrencode_url" qrencode

# The core's sources, as core/meson.build lists them (platform/linux is not used on iOS:
# the Swift binding supplies the Keychain and the log hook).
core_sources=$(sed -n "s/^ *'\(src\/[^']*\.c\)',*$/\1/p" "$root/core/meson.build")

build_slice() { # sdk arch out
  local sdk="$1" arch="$2" out="$3"
  local sysroot; sysroot="$(xcrun --sdk "$sdk" --show-sdk-path)"
  local minflag="-miphoneos-version-min=$min_ios"
  [ "$sdk" = iphonesimulator ] && minflag="-mios-simulator-version-min=$min_ios"
  [ "$sdk" = macosx ] && minflag="-mmacosx-version-min=$min_macos"
  local cc="$(xcrun --sdk "$sdk" -f clang) -arch $arch -isysroot $sysroot $minflag"
  local cflags="-O2 -fPIC -fvisibility=hidden"
  local obj="$out/obj"
  rm -rf "$out" && mkdir -p "$obj" "$out/prefix"
  echo "== $sdk $arch"

  # curl (static, Secure Transport, nothing optional)
  local host="$arch-apple-darwin"; [ "$arch" = arm64 ] && host="aarch64-apple-darwin"
  (cd "$work/src/curl" && make distclean >/dev/null 2>&1 || true
   CC="$cc" CFLAGS="$cflags" ./configure --host="$host" --prefix="$out/prefix" \
     --disable-shared --enable-static --with-secure-transport --without-libpsl \
     --without-brotli --without-zstd --without-nghttp2 --without-libidn2 --disable-ldap \
     --disable-rtsp --disable-dict --disable-telnet --disable-tftp --disable-pop3 \
     --disable-imap --disable-smtp --disable-gopher --disable-mqtt --disable-manual >/dev/null
   make -j"$(sysctl -n hw.ncpu)" >/dev/null && make install >/dev/null)

  # cJSON, mbedTLS, libqrencode: plain compiles (SQLite: the SDK's). libqrencode without its configure:
  # the definitions its config.h would carry (the pthread mutex: the core encodes on any thread).
  for f in qrencode qrinput bitstream qrspec rsecc split mask mqrspec mmask; do
    $cc $cflags -DHAVE_LIBPTHREAD=1 -DHAVE_STRDUP=1 -DSTATIC_IN_RELEASE=static \
      -DMAJOR_VERSION=4 -DMINOR_VERSION=1 -DMICRO_VERSION=1 -DVERSION='"4.1.1"' \
      -c "$work/src/qrencode/$f.c" -o "$obj/qrencode_$f.o"
  done
  $cc $cflags -c "$work/src/cjson/cJSON.c" -o "$obj/cJSON.o"
  for f in "$work/src/mbedtls/library/"*.c; do
    $cc $cflags -I"$work/src/mbedtls/include" -c "$f" -o "$obj/mbedtls_$(basename "${f%.c}").o"
  done

  # The core (sqlite3.h from the SDK's usr/include, the compiler's default path).
  for f in $core_sources; do
    $cc $cflags -std=c11 -D_DARWIN_C_SOURCE -DMC_VERSION="\"$version\"" \
      -I"$root/core/include" -I"$root/core/src" -I"$root/platform" \
      -I"$work/src/cjson" -I"$work/src/mbedtls/include" -I"$work/src/qrencode" \
      -I"$out/prefix/include" -c "$root/core/$f" -o "$obj/core_$(echo "${f%.c}" | tr / _).o"
  done

  libtool -static -o "$out/libmembercore.a" "$obj"/*.o "$out/prefix/lib/libcurl.a"
}

build_slice iphoneos arm64 "$work/ios-arm64"
build_slice iphonesimulator arm64 "$work/sim-arm64"
build_slice iphonesimulator x86_64 "$work/sim-x86_64"
mkdir -p "$work/sim"
build_slice macosx arm64 "$work/mac-arm64"
build_slice macosx x86_64 "$work/mac-x86_64"
mkdir -p "$work/sim" "$work/mac"
lipo -create "$work/sim-arm64/libmembercore.a" "$work/sim-x86_64/libmembercore.a" \
  -output "$work/sim/libmembercore.a"
lipo -create "$work/mac-arm64/libmembercore.a" "$work/mac-x86_64/libmembercore.a" \
  -output "$work/mac/libmembercore.a"
# No SQLite inside: the library must leave every sqlite3_* symbol undefined.
if nm "$work/mac/libmembercore.a" 2>/dev/null | grep -q ' T _sqlite3_open_v2$'; then
  echo "build-xcframework: libmembercore.a defines sqlite3_open_v2: SQLite must be the SDK's" >&2
  exit 1
fi

# Headers: the public API and the module map SwiftPM / Xcode import as CMemberCore.
headers="$work/headers"
rm -rf "$headers" && mkdir -p "$headers"
cp -R "$root/core/include/membercore" "$headers/"
cat >"$headers/module.modulemap" <<'EOF'
module CMemberCore {
    header "membercore/membercore.h"
    export *
}
EOF

rm -rf "$here/MemberCoreC.xcframework"
xcodebuild -create-xcframework \
  -library "$work/ios-arm64/libmembercore.a" -headers "$headers" \
  -library "$work/sim/libmembercore.a" -headers "$headers" \
  -library "$work/mac/libmembercore.a" -headers "$headers" \
  -output "$here/MemberCoreC.xcframework"
echo "wrote $here/MemberCoreC.xcframework"
# The privacy manifest, the zip and its checksum (into $OUT, default $work/dist).
bash "$here/scripts/package-xcframework.sh" "$here/MemberCoreC.xcframework" "${OUT:-$work/dist}"
