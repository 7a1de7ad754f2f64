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
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

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

version=$(bash scripts/version.sh)
dist=$root/target/dist
mkdir -p "$dist"

for part in "${parts[@]}"; do
  case $part in
    # The phone targets build with Debian's rustc into target/cross
    # (cross-env.sh); the host parts (bindings, the jar's library) never do.
    ios)
      # shellcheck source=scripts/cross-env.sh
      (source scripts/cross-env.sh && bash scripts/apple/build-xcframework.sh "$dist" "$release_url")
      ;;
    android)
      # shellcheck source=scripts/cross-env.sh
      (source scripts/cross-env.sh && bash scripts/android/build-aar.sh "$dist" "$version")
      ;;
    jvm)
      # Builds target/release/libimbridge.so with the host toolchain
      # (generate-bindings.sh) and packs that file.
      mvn -B -ntp -q -f jvm/pom.xml package
      cp "jvm/target/imbridge-jvm-$version.jar" "$dist/"
      unzip -p "$dist/imbridge-jvm-$version.jar" linux-x86-64/libimbridge.so | cmp -s - target/release/libimbridge.so ||
        { echo "build-targets: the jar does not hold the library this run built" >&2; exit 1; }
      python3 scripts/maven/write_pom.py imbridge-jvm "$version" "$dist/imbridge-jvm-$version.pom"
      mvn -B -ntp -q install:install-file -Dfile="$dist/imbridge-jvm-$version.jar" \
        -DpomFile="$dist/imbridge-jvm-$version.pom" -DlocalRepositoryPath="$dist/maven"
      echo "built $dist/imbridge-jvm-$version.jar ($(stat -c %s "$dist/imbridge-jvm-$version.jar") bytes)"
      ;;
  esac
done

echo
ls -l "$dist"
