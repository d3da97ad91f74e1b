#!/usr/bin/env bash
# Installs, from Debian's packages, whatever the build, the demo and the tests
# need and this machine lacks. Idempotent: does nothing when all is present.
set -euo pipefail

packages=(
  meson ninja-build pkg-config gcc
  libsqlite3-dev libcurl4-openssl-dev libcjson-dev libmbedtls-dev
  libqrencode-dev libmicrohttpd-dev check libpng-dev
  curl python3 sqlite3 clang-format zbar-tools
  junit4 libhamcrest-java
  libjetbrains-annotations-java # the Java API's @NotNull/@Nullable (compile-only)
  kotlin libkotlinx-coroutines-java # scripts/test-kotlin.sh: kotlinc 1.3, coroutines 1.0.1
  libkotlinx-atomicfu-java # needed at run time by Debian's coroutines jar, not a dependency
  clang libclang-rt-dev
  openssl # tests/integration/test_tls makes its certificates and pins with the openssl CLI
  # scripts/check-abi.sh: abidw/abidiff compare libmembercore with core/abi/libmembercore.abi
  abigail-tools
  # scripts/check-abi.sh links a program statically with `pkg-config --static --libs
  # membercore`: libcurl's Libs.private names these libraries, found through their -dev links
  libnghttp2-dev librtmp-dev libssh2-1-dev libpsl-dev libkrb5-dev libldap-dev libzstd-dev
  zip # scripts/check-abi.sh zips a stand-in XCFramework as build-xcframework.sh does
  proguard-cli # scripts/test-android.sh: the consumer keep rules in a shrunk, obfuscated build
)
# pip, for the Python packages below, when this python3 has none.
if ! python3 -m pip --version >/dev/null 2>&1; then
  packages+=(python3-pip)
fi
# The JNI binding needs a JDK (javac, jar, jni.h): Debian's, unless one is on PATH already.
if ! command -v javac >/dev/null 2>&1; then
  packages+=(openjdk-17-jdk-headless)
fi

# Python's icalendar, pinned: the calendar tests read the exported file back with it
# (tests/integration/check_ics.py). From PyPI with pip, as Debian's is older.
ICALENDAR_VERSION=6.1.0
ensure_icalendar() {
  if python3 -c "import icalendar, sys; sys.exit(icalendar.__version__ != '$ICALENDAR_VERSION')" \
      2>/dev/null; then
    return
  fi
  echo "install-deps: installing icalendar==$ICALENDAR_VERSION (pip)"
  python3 -m pip install -q "icalendar==$ICALENDAR_VERSION" 2>/dev/null ||
    python3 -m pip install -q --break-system-packages "icalendar==$ICALENDAR_VERSION"
}

# Python's schemathesis, pinned: scripts/test-schemathesis.sh checks memberstub against
# server-stub/openapi.yaml with it. From PyPI with pip (Debian has none).
SCHEMATHESIS_VERSION=4.32.5
ensure_schemathesis() {
  if python3 -c "import importlib.metadata as m, sys; \
sys.exit(m.version('schemathesis') != '$SCHEMATHESIS_VERSION')" 2>/dev/null; then
    return
  fi
  echo "install-deps: installing schemathesis==$SCHEMATHESIS_VERSION (pip)"
  python3 -m pip install -q "schemathesis==$SCHEMATHESIS_VERSION" 2>/dev/null ||
    python3 -m pip install -q --break-system-packages "schemathesis==$SCHEMATHESIS_VERSION"
}

# scripts/test-cross.sh's qemu-user, cross compilers and armhf/arm64 multiarch libraries.
bash "$(dirname "$0")/install-cross-deps.sh"

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  ensure_icalendar
  ensure_schemathesis
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
ensure_icalendar
ensure_schemathesis
