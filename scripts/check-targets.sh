#!/usr/bin/env bash
# Type-checks and lints imbridge-core and imbridge-ffi for every phone and
# Apple target the artefacts ship for: `cargo check` and clippy with
# `-D warnings`, the standard library built from source (-Zbuild-std) by
# Debian's rustc-web (scripts/provision-cross.sh installs it).
#
# This is what compiles the `cfg(target_os = "android")` and Apple-only code
# paths that host builds never see. All targets go through one cargo
# invocation, so host build scripts and proc macros are built once.
#
#   scripts/check-targets.sh              every target below
#   scripts/check-targets.sh TARGET...    only these
set -euo pipefail
# shellcheck source=scripts/cross-env.sh
source "$(dirname "$0")/cross-env.sh"

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(
    aarch64-linux-android armv7-linux-androideabi x86_64-linux-android i686-linux-android
    aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios aarch64-apple-darwin
  )
fi

args=(-Zbuild-std=std,panic_unwind -p imbridge-core -p imbridge-ffi --lib)
for t in "${targets[@]}"; do args+=(--target "$t"); done

# Debian's clippy (with std built from source) flags a `thread_local!`
# whose initialiser is already `const { … }` (core/src/dispatch/dedup.rs);
# rustup's clippy on the host does not. Every other lint stays an error.
lints=(-D warnings -A clippy::missing_const_for_thread_local)

echo "==> cargo check (${#targets[@]} targets)"
cargo check --quiet "${args[@]}"
echo "==> clippy -D warnings (${#targets[@]} targets)"
"$IMBRIDGE_CLIPPY" clippy --quiet "${args[@]}" -- "${lints[@]}"

for t in "${targets[@]}"; do
  printf 'target %-26s check ok, clippy ok\n' "$t"
done
