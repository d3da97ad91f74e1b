#!/usr/bin/env bash
# The packaging checks of the test command, on a meson build directory ($1, default build/,
# compiled): what libmembercore exports (only mc_*, all in the MEMBERCORE_<major> version
# node), its ABI against the committed baseline core/abi/libmembercore.abi (abidiff, with
# the suppressions of core/abi/libmembercore.abignore; fixture libraries prove the check
# refuses what docs/abi.md refuses), the install tree (memberstub only with
# -Dinstall_stub=true) and membercore.pc (a program linked shared and statically with
# `pkg-config`), and the Swift package's release pieces (privacy manifest, the
# XCFramework zip and its checksum). Ends with one "N passed, M failed" line.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
build="$(cd "${1:-build}" && pwd)"
baseline="$root/core/abi/libmembercore.abi"
suppressions="$root/core/abi/libmembercore.abignore"
so="$build/core/libmembercore.so"

passed=0
failed=0
pass() { echo "ok   - $1"; passed=$((passed + 1)); }
fail() { echo "FAIL - $1"; failed=$((failed + 1)); }
finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit
}
for tool in abidw abidiff readelf nm pkg-config meson cc python3 zip; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    fail "$tool is missing (scripts/install-deps.sh installs it)"
  fi
done
if [ ! -e "$so" ] || [ ! -e "$build/core/libmembercore.a" ]; then
  fail "$so and libmembercore.a are missing: meson compile -C $build first"
fi
[ "$failed" -eq 0 ] || finish

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

soname_of_abi() { sed -n "s/^<abi-corpus [^>]*soname='\([^']*\)'.*/\1/p" "$1" | head -n1; }
arch_of_abi() { sed -n "s/^<abi-corpus [^>]*architecture='\([^']*\)'.*/\1/p" "$1" | head -n1; }

# abi_compare <old.abi> <new.abi>: the verdict of the ABI check, on stdout; status 0 when
# the new ABI may ship under the old one's soname (or the soname was bumped), 1 otherwise.
abi_compare() {
  local old="$1" new="$2" old_soname new_soname rc
  old_soname="$(soname_of_abi "$old")"
  new_soname="$(soname_of_abi "$new")"
  if [ "$old_soname" != "$new_soname" ]; then
    echo "soname bumped ($old_soname -> $new_soname): a new major may change anything;"
    echo "  make this ABI the baseline: bash scripts/update-abi-baseline.sh, and commit it"
    return 0
  fi
  set +e
  abidiff --suppressions "$suppressions" --no-added-syms "$old" "$new" >"$tmp/abidiff.txt" 2>&1
  rc=$?
  set -e
  if [ "$rc" -eq 0 ]; then
    local added
    added="$(abidiff --suppressions "$suppressions" "$old" "$new" 2>&1 | grep -c "^  \[A\] " || true)"
    echo "compatible with $old_soname ($added functions or variables added)"
    return 0
  fi
  if [ $((rc & 3)) -ne 0 ]; then
    echo "abidiff could not compare (status $rc):"
    sed 's/^/    /' "$tmp/abidiff.txt"
    return 1
  fi
  echo "INCOMPATIBLE ABI change without a soname bump (still $old_soname):"
  grep -v '^$' "$tmp/abidiff.txt" | sed 's/^/    /'
  echo "  undo it, or bump soversion in core/meson.build (and the version node in"
  echo "  core/libmembercore.map) and regenerate the baseline: bash scripts/update-abi-baseline.sh"
  return 1
}

echo "== exported symbols of $so"
soname="$(readelf -d "$so" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')"
major="${soname##*.so.}"
node="MEMBERCORE_$major"
readelf --dyn-syms -W "$so" | awk 'NR > 3 && $7 != "UND" && $8 != "" {print $8}' >"$tmp/exported.txt"
grep -v -x "$node" "$tmp/exported.txt" | grep -v -E "^mc_[a-z0-9_]+@@$node\$" >"$tmp/stray.txt" || true
count="$(grep -c -E "^mc_[a-z0-9_]+@@$node\$" "$tmp/exported.txt" || true)"
if [ -s "$tmp/stray.txt" ]; then
  fail "symbols exported outside mc_*@@$node: $(head -n5 "$tmp/stray.txt" | tr '\n' ' ')"
elif [ "$count" -lt 100 ]; then
  fail "only $count mc_* symbols exported with version $node (expected the whole API)"
else
  pass "$count symbols exported, every one mc_*@@$node (soname $soname)"
fi
if readelf -V "$so" | grep -q "Name: $node\$"; then
  pass "version node $node (soname major $major) defined in $soname"
else
  fail "no version definition $node in $soname: core/libmembercore.map must name it"
fi
internal="$(nm "$so" | grep -c ' t mci_' || true)"
if [ "$internal" -gt 0 ] && ! grep -q '^mci_' "$tmp/exported.txt"; then
  pass "$internal internal mci_* functions in the library, none exported (local: *)"
else
  fail "expected local mci_* functions, not exported (found $internal local)"
fi

echo "== ABI of $soname against core/abi/libmembercore.abi"
bash scripts/abi-dump.sh "$so" core/include/membercore "$tmp/built.abi"
if ! readelf -S -W "$so" | grep -q ' \.debug_info '; then
  fail "ABI check: $so has no DWARF (.debug_info): abidw sees no types; build with -g (the default debugoptimized)"
elif [ "$(arch_of_abi "$baseline")" != "$(arch_of_abi "$tmp/built.abi")" ]; then
  echo "skip - the baseline is for $(arch_of_abi "$baseline"), this build is $(arch_of_abi "$tmp/built.abi")"
elif abi_compare "$baseline" "$tmp/built.abi" >"$tmp/verdict.txt"; then
  sed 's/^/    /' "$tmp/verdict.txt"
  pass "ABI check: $(head -n1 "$tmp/verdict.txt")"
else
  cat "$tmp/verdict.txt"
  fail "ABI check: $soname breaks the ABI of core/abi/libmembercore.abi"
fi
ABI_BASELINE="$tmp/regenerated.abi" bash scripts/update-abi-baseline.sh "$build" >"$tmp/update.txt"
if abidiff "$tmp/regenerated.abi" "$tmp/built.abi" >/dev/null 2>&1 &&
  grep -q "wrote $tmp/regenerated.abi: $soname" "$tmp/update.txt"; then
  pass "scripts/update-abi-baseline.sh regenerates a baseline equal to the built ABI"
else
  fail "scripts/update-abi-baseline.sh: $(cat "$tmp/update.txt")"
fi

echo "== the ABI check on fixture libraries (tests/abi/fixture), built in variants"
fixture="$root/tests/abi/fixture"
fixture_build() { # name soname cflags...
  local name="$1" fsoname="$2"
  shift 2
  cc -std=c11 -g -O1 -fPIC -shared -Wall -Werror -I"$fixture" "$@" -Wl,-soname,"$fsoname" \
    -o "$tmp/$name.so" "$fixture/fixture.c"
  bash scripts/abi-dump.sh "$tmp/$name.so" "$fixture" "$tmp/$name.abi"
}
fixture_build base libfixture.so.0
expect() { # accept|refuse what-the-verdict-names description fixture-cflags...
  local want="$1" needle="$2" what="$3" got
  shift 3
  fixture_build variant libfixture.so.0 "$@"
  if abi_compare "$tmp/base.abi" "$tmp/variant.abi" >"$tmp/verdict.txt"; then
    got=accept
  else
    got=refuse
  fi
  if [ "$got" = "$want" ] && grep -q -- "$needle" "$tmp/verdict.txt"; then
    pass "$what: $got, naming '$needle'"
  else
    sed 's/^/    /' "$tmp/verdict.txt"
    fail "$what: expected $want naming '$needle', got $got"
  fi
}
expect accept "compatible" "unchanged"
expect accept "1 functions or variables added" "a function added" -DFIX_ADDED
expect accept "compatible" "mc_config grown at its end (suppressed)" -DFIX_CONFIG_GROWN
expect accept "compatible" "an enum value appended" -DFIX_ENUM_APPENDED
expect refuse "inserted_in_the_middle" "mc_config: a field inserted before others" -DFIX_CONFIG_INSERTED
expect refuse "struct mc_slot' changed" "mc_slot (array element) grown at its end" -DFIX_SLOT_GROWN
expect refuse "mc_lookup" "a parameter's type changed" -DFIX_PARAM_CHANGED
expect refuse "Removed function" "a function removed" -DFIX_REMOVED
expect refuse "MC_STATE_HELD" "enum values renumbered" -DFIX_ENUM_RENUMBERED
fixture_build bumped libfixture.so.1 -DFIX_REMOVED -DFIX_CONFIG_INSERTED
if abi_compare "$tmp/base.abi" "$tmp/bumped.abi" >"$tmp/verdict.txt" &&
  grep -q "soname bumped (libfixture.so.0 -> libfixture.so.1)" "$tmp/verdict.txt" &&
  grep -q "scripts/update-abi-baseline.sh" "$tmp/verdict.txt"; then
  pass "breaking changes with a soname bump: accepted, told to regenerate the baseline"
else
  sed 's/^/    /' "$tmp/verdict.txt"
  fail "breaking changes with a soname bump: expected accepted with the regenerate advice"
fi

echo "== install tree (meson install --destdir) and membercore.pc"
install_stub="$(meson introspect "$build" --buildoptions |
  python3 -c "import json,sys; print([o['value'] for o in json.load(sys.stdin) if o['name']=='install_stub'][0])")"
dest="$tmp/dest"
meson install -C "$build" --destdir "$dest" --no-rebuild --quiet >"$tmp/install.txt" 2>&1 ||
  cat "$tmp/install.txt"
prefix="$(meson introspect "$build" --buildoptions |
  python3 -c "import json,sys; print([o['value'] for o in json.load(sys.stdin) if o['name']=='prefix'][0])")"
pcfile="$(find "$dest" -name membercore.pc | head -n1)"
missing=""
for f in include/membercore/membercore.h include/membercore/transport.h bin/memberctl; do
  [ -e "$dest$prefix/$f" ] || missing="$missing $f"
done
for f in "libmembercore.so.0" "libmembercore.a"; do
  [ -n "$(find "$dest" -name "$f")" ] || missing="$missing $f"
done
[ -n "$pcfile" ] || missing="$missing membercore.pc"
if [ -z "$missing" ]; then
  pass "installed: headers, libmembercore.so.0, libmembercore.a, membercore.pc, memberctl"
else
  fail "missing from the install tree:$missing"
fi
if [ "$install_stub" = "False" ] && [ -z "$(find "$dest" -name 'memberstub*')" ]; then
  pass "install_stub=false (the default): no memberstub in the install tree"
elif [ "$install_stub" = "True" ] && [ -e "$dest$prefix/bin/memberstub" ]; then
  pass "install_stub=true: memberstub installed"
else
  fail "install_stub=$install_stub but memberstub is $(find "$dest" -name 'memberstub*' | head -n1)"
fi
# The other value of the option, from a configuration alone (nothing is compiled).
other=true
[ "$install_stub" = "True" ] && other=false
meson setup "$tmp/other" "$root" -Dinstall_stub=$other -Dtests=false >"$tmp/setup.txt" 2>&1 ||
  cat "$tmp/setup.txt"
if meson introspect "$tmp/other" --installed 2>/dev/null | grep -q '/bin/memberstub"'; then
  stub_listed=true
else
  stub_listed=false
fi
if [ "$stub_listed" = "$other" ]; then
  pass "install_stub=$other: memberstub $([ "$other" = true ] && echo "is" || echo "is not") in meson's install list"
else
  fail "install_stub=$other: memberstub listed for install: $stub_listed"
fi

# The installed .pc, as if installed with --prefix=$dest$prefix (meson install --destdir
# keeps the configured prefix in it).
mkdir -p "$tmp/pc"
sed "s|^prefix=.*|prefix=$dest$prefix|" "$pcfile" >"$tmp/pc/membercore.pc"
export PKG_CONFIG_PATH="$tmp/pc"
requires="$(pkg-config --print-requires-private membercore | tr '\n' ' ')"
libs_private="$(pkg-config --static --libs-only-l membercore | tr '\n' ' ')"
pc_ok=true
for r in sqlite3 libcurl libcjson libqrencode; do
  echo "$requires" | grep -q -w -- "$r" || pc_ok=false
done
echo "$libs_private" | grep -q -- "-lmbedcrypto" || pc_ok=false
if [ "$pc_ok" = true ]; then
  pass "membercore.pc: Requires.private $requires; --static adds -lmbedcrypto"
else
  fail "membercore.pc: Requires.private '$requires', static libs '$libs_private'"
fi
libdir="$(pkg-config --variable=libdir membercore)"
app="$root/tests/packaging/pc_app.c"
expected="^membercore $(meson introspect "$build" --projectinfo |
  python3 -c "import json,sys; print(json.load(sys.stdin)['version'])"), store schema [0-9]+, signed in: no
qr version 1, width 21\$"
run_app() { # binary data-dir
  mkdir -p "$2"
  "$1" "$2" >"$tmp/app.txt" 2>&1 && [ -e "$2/membercore.db" ] &&
    grep -q -z -E "$expected" <(tr -d '\r' <"$tmp/app.txt")
}
# shellcheck disable=SC2046
if cc -std=c11 -Wall -Werror "$app" $(pkg-config --cflags --libs membercore) \
  -Wl,-rpath,"$libdir" -o "$tmp/app_shared" 2>"$tmp/cc.txt" &&
  readelf -d "$tmp/app_shared" | grep -q 'NEEDED.*\[libmembercore.so.0\]' &&
  ldd "$tmp/app_shared" | grep -q "libmembercore.so.0 => $libdir/" &&
  run_app "$tmp/app_shared" "$tmp/data-shared"; then
  pass "shared: cc app.c \$(pkg-config --cflags --libs membercore) runs with the installed .so"
else
  cat "$tmp/cc.txt" "$tmp/app.txt" 2>/dev/null | head -n20
  fail "shared link against the installed membercore"
fi
static_libs="$(pkg-config --static --libs membercore | sed 's/-lmembercore\b/-l:libmembercore.a/')"
# shellcheck disable=SC2086
if cc -std=c11 -Wall -Werror "$app" $(pkg-config --cflags membercore) $static_libs \
  -o "$tmp/app_static" 2>"$tmp/cc.txt" &&
  ! readelf -d "$tmp/app_static" | grep -q 'NEEDED.*libmembercore' &&
  run_app "$tmp/app_static" "$tmp/data-static"; then
  pass "static: libmembercore.a linked with \$(pkg-config --static --libs membercore), runs"
else
  cat "$tmp/cc.txt" "$tmp/app.txt" 2>/dev/null | head -n20
  fail "static link against libmembercore.a with pkg-config --static"
fi
# Without --static the archive's own dependencies are missing: the private part is needed.
shared_libs="$(pkg-config --libs membercore | sed 's/-lmembercore\b/-l:libmembercore.a/')"
# shellcheck disable=SC2086
if ! cc -std=c11 "$app" $(pkg-config --cflags membercore) $shared_libs -o "$tmp/app_bad" \
  2>"$tmp/cc.txt" && grep -q "undefined reference to .sqlite3_" "$tmp/cc.txt"; then
  pass "static without --static fails (undefined sqlite3_*): Requires.private is what links it"
else
  fail "linking libmembercore.a without the private dependencies was expected to fail"
fi
unset PKG_CONFIG_PATH

echo "== the Swift package's release files (bindings/swift; Xcode itself cannot run here)"
swift_dir="$root/bindings/swift"
manifest="$swift_dir/Sources/MemberCore/PrivacyInfo.xcprivacy"
# What the manifest must declare follows from the code: the file timestamp APIs when the
# core calls stat/fstat, UserDefaults when the Swift sources use it.
needs=""
grep -rqE '\b(f|l)?stat(at)?\s*\(' "$root/core/src" && needs="$needs NSPrivacyAccessedAPICategoryFileTimestamp"
grep -rq --include='*.swift' 'UserDefaults' "$swift_dir/Sources" && needs="$needs NSPrivacyAccessedAPICategoryUserDefaults"
if python3 - "$manifest" $needs >"$tmp/plist.txt" 2>&1 <<'PY'; then
import plistlib, sys
path, needs = sys.argv[1], sys.argv[2:]
with open(path, "rb") as f:
    d = plistlib.load(f)
problems = []
if d.get("NSPrivacyTracking") is not False:
    problems.append("NSPrivacyTracking must be false")
if d.get("NSPrivacyTrackingDomains") != []:
    problems.append("NSPrivacyTrackingDomains must be an empty array")
collected = d.get("NSPrivacyCollectedDataTypes")
if not isinstance(collected, list) or not collected:
    problems.append("NSPrivacyCollectedDataTypes: a non-empty array")
    collected = []
purposes = {"NSPrivacyCollectedDataTypePurpose" + p for p in (
    "ThirdPartyAdvertising", "DeveloperAdvertising", "Analytics", "ProductPersonalization",
    "AppFunctionality", "Other")}
for entry in collected:
    kind = entry.get("NSPrivacyCollectedDataType", "")
    if not kind.startswith("NSPrivacyCollectedDataType"):
        problems.append(f"collected entry without a type: {entry}")
    if not isinstance(entry.get("NSPrivacyCollectedDataTypeLinked"), bool):
        problems.append(f"{kind}: NSPrivacyCollectedDataTypeLinked must be a boolean")
    if entry.get("NSPrivacyCollectedDataTypeTracking") is not False:
        problems.append(f"{kind}: NSPrivacyCollectedDataTypeTracking must be false")
    p = entry.get("NSPrivacyCollectedDataTypePurposes")
    if not p or not set(p) <= purposes:
        problems.append(f"{kind}: NSPrivacyCollectedDataTypePurposes {p}")
accessed = {}
for entry in d.get("NSPrivacyAccessedAPITypes") or []:
    reasons = entry.get("NSPrivacyAccessedAPITypeReasons")
    if not reasons or not all(isinstance(r, str) and "." in r for r in reasons):
        problems.append(f"{entry.get('NSPrivacyAccessedAPIType')}: reasons {reasons}")
    accessed[entry.get("NSPrivacyAccessedAPIType")] = reasons
for need in needs:
    if need not in accessed:
        problems.append(f"{need} is used by the code but not declared")
if problems:
    print("; ".join(problems))
    sys.exit(1)
print(f"{len(collected)} collected data types, no tracking, accessed APIs: "
      + ", ".join(f"{k} {v}" for k, v in accessed.items()))
PY
  pass "PrivacyInfo.xcprivacy: a valid plist: $(cat "$tmp/plist.txt")"
else
  fail "PrivacyInfo.xcprivacy: $(cat "$tmp/plist.txt")"
fi

swift_bin="$(command -v swift || true)"
if [ -z "$swift_bin" ] && [ -x /opt/swift/usr/bin/swift ]; then swift_bin=/opt/swift/usr/bin/swift; fi
if [ -n "$swift_bin" ] &&
  "$swift_bin" package dump-package --package-path "$swift_dir" --scratch-path "$tmp/swift-scratch" >"$tmp/package.json" 2>"$tmp/dump.txt" &&
  python3 - "$tmp/package.json" >"$tmp/dump.txt" 2>&1 <<'PY'; then
import json, sys
d = json.load(open(sys.argv[1]))
core = [t for t in d["targets"] if t["name"] == "MemberCore"][0]
assert any(r["path"] == "PrivacyInfo.xcprivacy" for r in core.get("resources", [])), "no resource"
libs = [s["kind"]["linkedLibrary"]["_0"] for s in core["settings"] if "linkedLibrary" in s["kind"]
        and set(s.get("condition", {}).get("platformNames", [])) == {"ios", "macos"}]
assert "sqlite3" in libs, f"the SDK's sqlite3 is not linked on Apple platforms: {libs}"
print("MemberCore: resource PrivacyInfo.xcprivacy, links the SDK's sqlite3 on iOS and macOS")
PY
  pass "Package.swift (swift package dump-package): $(cat "$tmp/dump.txt")"
else
  fail "Package.swift: $(cat "$tmp/dump.txt" 2>/dev/null || echo "no swift toolchain")"
fi

# build-xcframework.sh: slices for every platform Package.swift declares, at its minimums,
# and no SQLite of its own.
build_script="$swift_dir/scripts/build-xcframework.sh"
ios_min="$(sed -n 's/.*\.iOS(\.v\([0-9]*\)).*/\1/p' "$swift_dir/Package.swift")"
mac_min="$(sed -n 's/.*\.macOS(\.v\([0-9]*\)).*/\1/p' "$swift_dir/Package.swift")"
if grep -q "MIN_IOS:-$ios_min.0" "$build_script" && grep -q "MIN_MACOS:-$mac_min.0" "$build_script" &&
  grep -q '^build_slice macosx arm64' "$build_script" &&
  grep -q '^build_slice macosx x86_64' "$build_script" &&
  grep -q '^build_slice iphoneos arm64' "$build_script" &&
  grep -q '^ *-library "$work/mac/libmembercore.a"' "$build_script" &&
  ! grep -qE 'sqlite-amalgamation|sqlite3\.c\b' "$build_script"; then
  pass "build-xcframework.sh: iOS $ios_min.0 and macOS $mac_min.0 (arm64 + x86_64) slices, no bundled SQLite"
else
  fail "build-xcframework.sh: slices or minimums differ from Package.swift (iOS $ios_min, macOS $mac_min), or SQLite is bundled"
fi

# package-xcframework.sh on a stand-in xcframework: the zip, the manifest inside, and a
# checksum equal to SwiftPM's (with swift on PATH and without it).
standin="$tmp/standin/MemberCoreC.xcframework"
for slice in ios-arm64 ios-arm64_x86_64-simulator macos-arm64_x86_64; do
  mkdir -p "$standin/$slice/Headers/membercore"
  cp "$root"/core/include/membercore/*.h "$standin/$slice/Headers/membercore/"
  printf 'stand-in archive %s\n' "$slice" >"$standin/$slice/libmembercore.a"
done
python3 -c "import plistlib, sys; plistlib.dump({'XCFrameworkFormatVersion': '1.0', \
'CFBundlePackageType': 'XFWK', 'AvailableLibraries': []}, open(sys.argv[1], 'wb'))" "$standin/Info.plist"
swift_path="$(dirname "${swift_bin:-/nonexistent/swift}"):$PATH"
if PATH="$swift_path" bash "$swift_dir/scripts/package-xcframework.sh" "$standin" "$tmp/dist" \
  >"$tmp/package.txt" 2>&1; then
  zip_file="$tmp/dist/MemberCoreC.xcframework.zip"
  want="$("$swift_bin" package compute-checksum "$zip_file" 2>/dev/null || echo none)"
  unzip -Z1 "$zip_file" >"$tmp/zip.txt" 2>/dev/null || python3 -c \
    "import zipfile, sys; print('\n'.join(zipfile.ZipFile(sys.argv[1]).namelist()))" "$zip_file" >"$tmp/zip.txt"
  entries_ok=true
  for f in Info.plist PrivacyInfo.xcprivacy ios-arm64/PrivacyInfo.xcprivacy \
    ios-arm64_x86_64-simulator/PrivacyInfo.xcprivacy macos-arm64_x86_64/PrivacyInfo.xcprivacy \
    macos-arm64_x86_64/libmembercore.a macos-arm64_x86_64/Headers/membercore/membercore.h; do
    grep -qx "MemberCoreC.xcframework/$f" "$tmp/zip.txt" || entries_ok=false
  done
  if [ "$entries_ok" = true ] && [ "$(cat "$zip_file.checksum")" = "$want" ] &&
    [ "$want" = "$(sha256sum "$zip_file" | cut -d' ' -f1)" ] &&
    grep -q "checksum: \"$want\")" "$tmp/package.txt" &&
    cmp -s "$manifest" "$standin/macos-arm64_x86_64/PrivacyInfo.xcprivacy"; then
    pass "package-xcframework.sh: zip with the manifest in every slice, checksum = swift package compute-checksum"
  else
    sed 's/^/    /' "$tmp/package.txt" "$tmp/zip.txt"
    fail "package-xcframework.sh: zip entries or checksum (swift says $want)"
  fi
  # Without swift on PATH, the same checksum from sha256sum.
  nopath="$(printf '%s' "$PATH" | tr ':' '\n' | grep -v -x "$(dirname "${swift_bin:-/x/y}")" | paste -sd:)"
  if PATH="$nopath" bash "$swift_dir/scripts/package-xcframework.sh" "$standin" "$tmp/dist2" \
    >/dev/null 2>&1 && [ "$(cat "$tmp/dist2/MemberCoreC.xcframework.zip.checksum")" = \
    "$(sha256sum "$tmp/dist2/MemberCoreC.xcframework.zip" | cut -d' ' -f1)" ]; then
    pass "package-xcframework.sh without swift: the checksum from sha256sum"
  else
    fail "package-xcframework.sh without swift on PATH"
  fi
else
  cat "$tmp/package.txt"
  fail "package-xcframework.sh failed on a stand-in xcframework"
fi

finish
