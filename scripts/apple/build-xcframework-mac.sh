#!/usr/bin/env bash
# IMBridgeFFI.xcframework on a Mac, with Apple's tools: rustup's prebuilt
# targets, cargo, lipo, xcodebuild -create-xcframework and SwiftPM. The route
# for an iOS developer who wants a version no release has published yet
# (README, "Use it in your app"); scripts/build-targets.sh ios is the
# Debian route (no Xcode) that CI runs.
#
#   bash scripts/apple/build-xcframework-mac.sh
#   -> target/dist/IMBridgeFFI.xcframework (+ .zip, .zip.sha256)
#
# Needs: Xcode (or its command-line tools with xcodebuild), rustup, python3.
# Then add the checkout as a local package and reset SwiftPM's cache once
# (`swift package purge-cache`; Xcode: File > Packages > Reset Package Caches).
#
# Not run where imbridge is developed (no macOS there). What is checked
# there: this script with shellcheck; the verifier it ends with
# (verify-xcframework.sh) on an Info.plist in xcodebuild's format
# (tests/apple/xcodebuild-format); the module map and the localisation of
# the Rust runtime's symbols, shared with the Debian route.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

for tool in xcodebuild xcrun rustup cargo lipo python3 swift; do
  command -v "$tool" >/dev/null || { echo "build-xcframework-mac: '$tool' not found (needs Xcode, rustup and python3)" >&2; exit 1; }
done

# The package's minimums (Package.swift: .iOS(.v13), .macOS(.v11)).
export IPHONEOS_DEPLOYMENT_TARGET=13.0 MACOSX_DEPLOYMENT_TARGET=11.0
targets=(aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios aarch64-apple-darwin x86_64-apple-darwin)
rustup target add "${targets[@]}"

work=$root/target/xcframework-mac
rm -rf "$work"
mkdir -p "$work/thin" "$work/include/IMBridgeFFI"
for t in "${targets[@]}"; do
  echo "==> libimbridge.a for $t"
  cargo rustc --quiet --profile mobile --target "$t" -p imbridge-ffi --lib --crate-type staticlib
  lib=target/$t/mobile/libimbridge.a
  # Embedded LLVM bitcode (the App Store refuses it): stripped where Xcode
  # still ships bitcode_strip; the verifier below fails if any is left.
  if xcrun --find bitcode_strip >/dev/null 2>&1; then
    xcrun bitcode_strip -r "$lib" -o "$work/thin/$t.stripped.a"
    lib=$work/thin/$t.stripped.a
  fi
  # Only the C API stays global, so a second Rust library links beside it.
  python3 scripts/apple/macho_localize.py "$lib" "$work/thin/$t.a"
done

# One library per slice, each named libimbridge.a (xcodebuild keeps the name).
slice() { # slice ID TARGET...
  local id=$1
  shift
  mkdir -p "$work/$id"
  local inputs=()
  for t in "$@"; do inputs+=("$work/thin/$t.a"); done
  lipo -create "${inputs[@]}" -output "$work/$id/libimbridge.a"
}
slice ios-arm64 aarch64-apple-ios
slice ios-arm64_x86_64-simulator aarch64-apple-ios-sim x86_64-apple-ios
slice macos-arm64_x86_64 aarch64-apple-darwin x86_64-apple-darwin

# Headers/IMBridgeFFI/: a folder of its own, so two XCFrameworks' module
# maps do not collide in an app's build.
cp ios/Sources/IMBridgeFFI/IMBridgeFFI.h scripts/apple/module.modulemap "$work/include/IMBridgeFFI/"

fw=target/dist/IMBridgeFFI.xcframework
rm -rf "$fw" "$fw.zip"
mkdir -p target/dist
xcodebuild -create-xcframework \
  -library "$work/ios-arm64/libimbridge.a" -headers "$work/include" \
  -library "$work/ios-arm64_x86_64-simulator/libimbridge.a" -headers "$work/include" \
  -library "$work/macos-arm64_x86_64/libimbridge.a" -headers "$work/include" \
  -output "$fw"

IMBRIDGE_OBJDUMP="xcrun objdump" IMBRIDGE_NM="xcrun nm" bash scripts/apple/verify-xcframework.sh "$fw"

(cd target/dist && ditto -c -k --sequesterRsrc --keepParent IMBridgeFFI.xcframework IMBridgeFFI.xcframework.zip)
swift package compute-checksum "$fw.zip" | tee "$fw.zip.sha256"
echo "built $fw; add this checkout as a local package, then run 'swift package purge-cache'"
