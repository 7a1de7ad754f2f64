#!/usr/bin/env bash
# Builds ios/build/imbridgeFFI.xcframework (device + simulator slices) and
# generates the Swift bindings into Sources/IMBridge/Generated, so that
# Package.swift's binary target resolves on Apple platforms.
#
# Needs macOS with Xcode and the Rust targets:
#   rustup target add aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios
set -euo pipefail
ios=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$ios/.." && pwd)
cd "$root"

targets=(aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios)
for t in "${targets[@]}"; do
  cargo build --release -p imbridge-ffi --lib --target "$t"
done

build=$ios/build
rm -rf "$build/imbridgeFFI.xcframework" "$build/headers" "$build/sim"
mkdir -p "$build/headers" "$build/sim"

# One simulator library for both simulator architectures.
lipo -create \
  target/aarch64-apple-ios-sim/release/libimbridge.a \
  target/x86_64-apple-ios/release/libimbridge.a \
  -output "$build/sim/libimbridge.a"

# Swift bindings and the C header from the workspace's own uniffi-bindgen,
# reading the metadata of the unstripped host dev build.
cargo build -q -p imbridge-ffi --lib
cargo build -q -p imbridge-ffi --features bindgen --bin uniffi-bindgen
host_lib=$(ls target/debug/libimbridge.dylib target/debug/libimbridge.so 2>/dev/null | head -n1)
gen=$(mktemp -d)
target/debug/uniffi-bindgen generate --library "$host_lib" --language swift --out-dir "$gen"
mkdir -p "$ios/Sources/IMBridge/Generated"
cp "$gen/IMBridge.swift" "$ios/Sources/IMBridge/Generated/IMBridge.swift"
cp "$gen/imbridgeFFI.h" "$build/headers/"
cp "$gen/imbridgeFFI.modulemap" "$build/headers/module.modulemap"
rm -rf "$gen"

xcodebuild -create-xcframework \
  -library target/aarch64-apple-ios/release/libimbridge.a -headers "$build/headers" \
  -library "$build/sim/libimbridge.a" -headers "$build/headers" \
  -output "$build/imbridgeFFI.xcframework"

echo "built $build/imbridgeFFI.xcframework"
