#!/usr/bin/env bash
# Packs an XCFramework for a Swift package `binaryTarget(url:checksum:)`:
#   package-xcframework.sh <dir>/MemberCoreC.xcframework [out dir, default: next to it]
# copies the privacy manifest (Sources/MemberCore/PrivacyInfo.xcprivacy) to the
# xcframework's root and into each library slice, zips it with the .xcframework folder at the
# top of the archive (as SwiftPM expects), computes the checksum with
# `swift package compute-checksum` (SwiftPM's own: the SHA-256 of the zip; sha256sum or
# shasum -a 256 when no swift is on PATH), writes it to <zip>.checksum and prints the
# binaryTarget to paste. build-xcframework.sh calls it; scripts/check-abi.sh runs it on a
# stand-in xcframework on Linux and compares the checksum with SwiftPM's.
set -euo pipefail
if [ "$#" -lt 1 ] || [ ! -d "$1" ] || [[ "${1%/}" != *.xcframework ]]; then
  echo "usage: $0 <path>/<Name>.xcframework [out dir]" >&2
  exit 2
fi
here="$(cd "$(dirname "$0")/.." && pwd)" # bindings/swift
xcf="$(cd "$1" && pwd)"
name="$(basename "$xcf")"
out="$(mkdir -p "${2:-$(dirname "$xcf")}" && cd "${2:-$(dirname "$xcf")}" && pwd)"
zip_path="$out/$name.zip"

# The manifest: at the root, and beside each slice's library (Info.plist lists the slices as
# its AvailableLibraries, one directory each).
manifest="$here/Sources/MemberCore/PrivacyInfo.xcprivacy"
cp "$manifest" "$xcf/PrivacyInfo.xcprivacy"
for slice in "$xcf"/*/; do
  cp "$manifest" "$slice/PrivacyInfo.xcprivacy"
done

rm -f "$zip_path"
# -r recursive, -y symlinks as links (framework bundles have them), -X no extra attributes.
(cd "$(dirname "$xcf")" && zip -q -r -y -X "$zip_path" "$name")

if command -v swift >/dev/null 2>&1; then
  checksum="$(swift package compute-checksum "$zip_path")"
elif command -v sha256sum >/dev/null 2>&1; then
  checksum="$(sha256sum "$zip_path" | cut -d' ' -f1)"
else
  checksum="$(shasum -a 256 "$zip_path" | cut -d' ' -f1)"
fi
echo "$checksum" >"$zip_path.checksum"
echo "wrote $zip_path"
echo "checksum $checksum (also in $zip_path.checksum)"
echo "Package.swift, once the zip is uploaded (e.g. as a release asset):"
echo "    .binaryTarget("
echo "        name: \"CMemberCore\","
echo "        url: \"https://<host>/<release>/$name.zip\","
echo "        checksum: \"$checksum\"),"
