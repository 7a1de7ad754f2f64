#!/usr/bin/env bash
# Builds libimbridge.so for one Android ABI without the NDK, then verifies
# it (verify-so.sh). Needs the cross toolchain in the environment
# (scripts/provision-cross.sh) and builds the ABI's stub sysroot first.
#
#   build-so.sh ABI OUT_DIR        -> OUT_DIR/<ABI>/libimbridge.so
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
abi=$1; out=$2
api=21   # minSdk of the AAR (android/build.gradle.kts)

# shellcheck source=scripts/android/abi.sh
source "$here/abi.sh"

sysroot=$root/target/android-sysroot
bash "$here/build-sysroot.sh" "$abi" "$api" "$sysroot"

# rustc picks the linker flavour from the name: <clang-target><api>-clang.
bin=$sysroot/bin
mkdir -p "$bin"
ln -sf "$here/android-linker" "$bin/$clang_target$api-clang"
target_var=$(tr 'a-z-' 'A-Z_' <<<"$rust_target")
export "CARGO_TARGET_${target_var}_LINKER=$bin/$clang_target$api-clang"
export IMBRIDGE_ANDROID_SYSROOT=$sysroot/$abi
# For build scripts that compile C for the target (std's unwind crate asks
# whether -lunwind links).
export "CC_${rust_target//-/_}=clang-14 --target=$clang_target$api -L$sysroot/$abi"
export "AR_${rust_target//-/_}=llvm-ar-14"

(cd "$root" && cargo rustc --quiet -Zbuild-std=std,panic_unwind -Zbuild-std-features=panic-unwind --profile mobile --target "$rust_target" \
  -p imbridge-ffi --lib --crate-type cdylib)

mkdir -p "$out/$abi"
cp "$CARGO_TARGET_DIR/$rust_target/mobile/libimbridge.so" "$out/$abi/libimbridge.so"
bash "$here/verify-so.sh" "$out/$abi/libimbridge.so" "$abi" "$sysroot/$abi"
