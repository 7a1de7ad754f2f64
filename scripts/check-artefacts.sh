#!/usr/bin/env bash
# CI's run of every kind of artefact check, on one slice of each, so a
# change that breaks packaging fails CI without building every artefact
# (scripts/build-targets.sh builds them all):
# - an XCFramework holding the iOS device slice: static library, bitcode
#   stripped, Info.plist and headers, verified with llvm-objdump/llvm-nm,
#   zipped, checksum cross-checked with `swift package compute-checksum`;
#   exporting only uniffi_*/ffi_*, and linked with a second Rust static
#   library into one arm64 iOS executable (apple/check-two-rust-libs.sh);
#   the Mac route's script through shellcheck, and the verifier on the
#   Info.plist format xcodebuild writes (tests/apple/xcodebuild-format);
# - the AAR with arm64-v8a: libimbridge.so linked without the NDK and
#   verified with llvm-readelf, classes compiled against Android 15, POM,
#   installed into a file Maven repository. Linking reads bionic's symbol
#   lists from third_party/bionic-maps.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

IMBRIDGE_XCFRAMEWORK_SLICES=ios-arm64 bash scripts/build-targets.sh ios
# The slice exports only its C API and links beside a second Rust library.
(source scripts/cross-env.sh && bash scripts/apple/check-two-rust-libs.sh "$root/target/dist/IMBridgeFFI.xcframework")

# The Mac route (apple/build-xcframework-mac.sh, which needs Xcode and cannot
# run here): shellcheck, and its verifier on the Info.plist xcodebuild writes.
command -v shellcheck >/dev/null || { apt-get update -qq && apt-get install -y -qq shellcheck >/dev/null; }
shellcheck -x scripts/apple/build-xcframework-mac.sh scripts/apple/verify-xcframework.sh
xcodebuild_format=$(mktemp -d)/IMBridgeFFI.xcframework
mkdir -p "$xcodebuild_format"
cp -r target/dist/IMBridgeFFI.xcframework/ios-arm64 tests/apple/xcodebuild-format/Info.plist "$xcodebuild_format/"
bash scripts/apple/verify-xcframework.sh "$xcodebuild_format"
rm -rf "$(dirname "$xcodebuild_format")"

IMBRIDGE_ANDROID_ABIS=arm64-v8a bash scripts/build-targets.sh android
