#!/usr/bin/env bash
# The iOS device slice exports only its C API and links beside another Rust
# static library: builds tests/apple/second-rust-lib for aarch64-apple-ios
# (same toolchain, same std, so the same runtime symbol names), then links
# both archives and a main() calling into each into one arm64 iOS executable
# with LLVM's ld64.lld. A duplicate symbol fails the link. libSystem is not
# on this machine: its symbols are left to the dynamic loader
# (-undefined dynamic_lookup), so only symbols within the two libraries are
# checked, which is where duplicates come from. Also lists the slice's
# exported symbols and fails on any that is not uniffi_* / ffi_*.
#
#   check-two-rust-libs.sh XCFRAMEWORK_DIR
# (run by scripts/check-artefacts.sh with the cross toolchain sourced)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
slice=$1/ios-arm64/libimbridge.a
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The global symbols an archive defines, one per line, sorted.
defined_globals() { llvm-nm-14 -g --defined-only "$1" 2>/dev/null | awk 'NF == 3 {print $3}' | sort -u; }

exported=$(defined_globals "$slice")
foreign=$(grep -vE '^_(uniffi_|ffi_)' <<<"$exported" || true)
echo "ios-arm64 exports $(wc -l <<<"$exported") symbols; $(grep -c . <<<"$foreign" || true) outside the C API"
if [ -n "$foreign" ]; then
  echo "check-two-rust-libs: the slice exports more than its C API:" >&2
  head -n 20 <<<"$foreign" >&2
  exit 1
fi

echo "==> a second Rust static library for aarch64-apple-ios"
IPHONEOS_DEPLOYMENT_TARGET=13.0 cargo build --quiet -Zbuild-std=std,panic_unwind -Zbuild-std-features=panic-unwind \
  --release --target aarch64-apple-ios --manifest-path "$root/tests/apple/second-rust-lib/Cargo.toml"
second=$CARGO_TARGET_DIR/aarch64-apple-ios/release/libsecond_rust_lib.a
llvm-objcopy-14 --remove-section=__LLVM,__bitcode --remove-section=__LLVM,__cmdline "$second" "$work/libsecond.a"
shared=$(comm -12 <(echo "$exported") <(defined_globals "$work/libsecond.a") | wc -l)
echo "symbols both libraries define globally: $shared"

cat >"$work/main.c" <<'C'
/* No SDK headers here: the C types UniFFI's header uses, spelled out. */
typedef struct { unsigned long long capacity; unsigned long long len; unsigned char *data; } RustBuffer;
typedef struct { signed char code; RustBuffer error_buf; } RustCallStatus;
RustBuffer uniffi_imbridge_fn_func_imbridge_version(RustCallStatus *status);
unsigned int second_rust_lib_answer(unsigned int n);
int main(void) {
    RustCallStatus status = {0};
    RustBuffer version = uniffi_imbridge_fn_func_imbridge_version(&status);
    return (int)(version.len + second_rust_lib_answer(7) + status.code);
}
C
clang-14 -target arm64-apple-ios13.0 -ffreestanding -nostdinc -c "$work/main.c" -o "$work/main.o"
echo "==> ld64.lld: main.o + libimbridge.a (ios-arm64) + libsecond.a -> one arm64 iOS executable"
ld64.lld-14 -arch arm64 -platform_version ios 13.0 13.0 -o "$work/app" "$work/main.o" "$slice" "$work/libsecond.a" \
  -undefined dynamic_lookup -dead_strip
llvm-objdump-14 --macho --private-header "$work/app" | grep -q EXECUTE
echo "linked: $(wc -c <"$work/app") bytes, no duplicate symbol"
