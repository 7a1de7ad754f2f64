#!/usr/bin/env bash
# Builds the artefacts an app adds, into target/dist/, and verifies each:
#
#   ios      IMBridgeFFI.xcframework (+ .zip and its SwiftPM checksum):
#            static libraries for iOS devices, the simulator (arm64 + x86_64
#            in one fat archive) and macOS (arm64 + x86_64), assembled
#            without Xcode and checked with LLVM's Mach-O tools.
#   android  libimbridge.so per ABI, linked without the NDK
#            (scripts/android/), and imbridge-android-<version>.aar + .pom.
#   jvm      imbridge-jvm-<version>.jar + .pom (Kotlin API + host library).
# The AAR and the jar are also installed into target/dist/maven, a file
# Maven repository an app's Gradle build can use until they are published.
#
#   scripts/build-targets.sh [ios] [android] [jvm]     (default: all three)
#   scripts/build-targets.sh ios --release-url URL     also writes URL and
#       the zip's checksum into Package.swift's `releasedXCFramework`
#
# Debian's rustc-web builds the standard library for each target
# (-Zbuild-std); scripts/provision-cross.sh installs it.
set -euo pipefail
# shellcheck source=scripts/cross-env.sh
source "$(dirname "$0")/cross-env.sh"

release_url=
parts=()
while [ $# -gt 0 ]; do
  case $1 in
    --release-url) release_url=$2; shift 2 ;;
    ios|android|jvm) parts+=("$1"); shift ;;
    *) echo "usage: $0 [ios] [android] [jvm] [--release-url URL]" >&2; exit 2 ;;
  esac
done
[ ${#parts[@]} -gt 0 ] || parts=(ios android jvm)

version=$(sed -nE 's/^version = "([^"]+)"/\1/p' Cargo.toml | head -n1)
dist=$root/target/dist
mkdir -p "$dist"

for part in "${parts[@]}"; do
  case $part in
    ios) bash scripts/apple/build-xcframework.sh "$dist" "$release_url" ;;
    android) bash scripts/android/build-aar.sh "$dist" "$version" ;;
    jvm)
      mvn -B -ntp -q -f jvm/pom.xml package
      cp "jvm/target/imbridge-jvm-$version.jar" "$dist/"
      cp jvm/pom.xml "$dist/imbridge-jvm-$version.pom"
      mvn -B -ntp -q install:install-file -Dfile="$dist/imbridge-jvm-$version.jar" \
        -DpomFile="$dist/imbridge-jvm-$version.pom" -DlocalRepositoryPath="$dist/maven"
      echo "built $dist/imbridge-jvm-$version.jar ($(stat -c %s "$dist/imbridge-jvm-$version.jar") bytes)"
      ;;
  esac
done

echo
ls -l "$dist"
