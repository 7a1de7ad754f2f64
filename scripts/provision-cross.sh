#!/usr/bin/env bash
# Provisions what cross-compiling imbridge for phones needs on Debian 12,
# without rustup targets, the Android NDK or Xcode:
#
# - Debian's `rustc-web` (a recent rustc with its full library source) and
#   its clippy, unpacked into $IMBRIDGE_CROSS_DIR beside rustup's toolchain
#   (not installed: rustup's own rustc stays the default). With
#   RUSTC_BOOTSTRAP=1 and cargo's -Zbuild-std it builds the standard library
#   for any built-in target: Android, iOS, macOS, ARM Linux.
# - qemu-user and the ARM Linux cross linkers, to run test binaries built
#   for aarch64 and armv7 (scripts/test-arm.sh).
# - clang/lld/llvm 14, to link Android .so files and inspect ELF / Mach-O
#   (scripts/build-targets.sh).
#
# Whatever version of rustc-web Debian serves is taken; an existing unpacked
# toolchain is reused. Prints the path of an env file to source:
#
#   source "$(bash scripts/provision-cross.sh)"
#   cargo check -Zbuild-std=std,panic_unwind --target aarch64-linux-android ...
set -euo pipefail

dir=${IMBRIDGE_CROSS_DIR:-/opt/imbridge-cross}
env_file=$dir/env.sh

host_packages=(qemu-user gcc-aarch64-linux-gnu gcc-arm-linux-gnueabihf
  libc6-dev-arm64-cross libc6-dev-armhf-cross clang-14 lld-14 llvm-14 zip unzip curl)

missing=()
for p in "${host_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done

if [ -f "$dir/.ready" ] && [ ${#missing[@]} -eq 0 ]; then
  echo "$env_file"
  exit 0
fi

if [ "$(id -u)" != 0 ]; then
  echo "provision-cross: needs root to install ${missing[*]:-the toolchain} (or set IMBRIDGE_CROSS_DIR to a provisioned folder)" >&2
  exit 1
fi

{
  apt-get update -qq
  if [ ${#missing[@]} -gt 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi

  if [ ! -f "$dir/.ready" ]; then
    # The version is in the package names (libstd-rust-web-1.96, libllvm22):
    # read them off the candidates' dependencies rather than writing them here.
    depends_of() { apt-cache depends "$1" | awk '/Depends:/ {print $2}' | tr -d '<>'; }
    std_pkg=$(depends_of libstd-rust-web-dev | grep -E '^libstd-rust-web-[0-9.]+$' | head -n1)
    llvm_pkg=$( (depends_of "$std_pkg"; depends_of rustc-web) | grep -E '^libllvm[0-9]+$' | head -n1)
    [ -n "$std_pkg" ] && [ -n "$llvm_pkg" ] || { echo "provision-cross: rustc-web is not served by this machine's apt sources" >&2; exit 1; }

    rm -rf "$dir.partial"
    mkdir -p "$dir.partial/debs"
    (cd "$dir.partial/debs" &&
      apt-get download -qq -o APT::Sandbox::User=root rustc-web rust-web-src rust-web-clippy libstd-rust-web-dev "$std_pkg" "$llvm_pkg")
    for d in "$dir.partial"/debs/*.deb; do dpkg-deb -x "$d" "$dir.partial/root"; done
    rm -rf "$dir.partial/debs"

    # rust-src is where -Zbuild-std looks for the library's source.
    sysroot=$dir/root/usr
    cat >"$dir.partial/env.sh" <<EOF
# Sourced by imbridge's cross scripts: Debian's rustc for -Zbuild-std builds.
export IMBRIDGE_CROSS_DIR="$dir"
export RUSTC="$sysroot/bin/rustc"
export IMBRIDGE_CLIPPY="$sysroot/bin/cargo-clippy"
export LD_LIBRARY_PATH="$sysroot/lib/x86_64-linux-gnu\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}"
export RUSTC_BOOTSTRAP=1
export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=aarch64-linux-gnu-gcc
export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_RUNNER="qemu-aarch64 -L /usr/aarch64-linux-gnu"
export CARGO_TARGET_ARMV7_UNKNOWN_LINUX_GNUEABIHF_LINKER=arm-linux-gnueabihf-gcc
export CARGO_TARGET_ARMV7_UNKNOWN_LINUX_GNUEABIHF_RUNNER="qemu-arm -L /usr/arm-linux-gnueabihf"
EOF
    touch "$dir.partial/.ready"
    # Only a complete folder takes the real name, so an interrupted run is redone.
    rm -rf "$dir"
    mv "$dir.partial" "$dir"
  fi
  # shellcheck source=/dev/null
  . "$env_file"
  echo "provision-cross: $("$RUSTC" --version) in $dir" >&2
} >&2

echo "$env_file"
