#!/bin/sh
# javac-jar.sh JAVAC JAR OUT.jar CLASSPATH JAVAC_FLAGS -- SOURCES...
# Compile SOURCES with javac (CLASSPATH may be empty, JAVAC_FLAGS is one space-separated word
# list) into a fresh directory and pack it as OUT.jar. Used by bindings/jni/meson.build.
set -eu
javac="$1"; jar="$2"; out="$3"; cp="$4"; flags="$5"
shift 5
[ "$1" = "--" ] && shift
classes="$out.classes"
rm -rf "$classes"
mkdir -p "$classes"
# shellcheck disable=SC2086 # flags is a word list on purpose
"$javac" $flags ${cp:+-cp "$cp"} -d "$classes" "$@"
"$jar" cf "$out" -C "$classes" .
