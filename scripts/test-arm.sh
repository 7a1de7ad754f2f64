#!/usr/bin/env bash
# Runs the Rust tests of imbridge-core and imbridge-ffi built for 64-bit and
# 32-bit ARM Linux under qemu-user: aarch64 (arm64-v8a phones) and armv7
# (armeabi-v7a phones, where usize is 32 bits and u64 alignment and atomics
# differ from the x86_64 host). Unit and integration tests; not doc tests
# and not benches. Kotlin and Swift tests need a JVM / Swift and stay on the
# host.
#
#   scripts/test-arm.sh               both targets
#   scripts/test-arm.sh TARGET...     only these
set -euo pipefail
# shellcheck source=scripts/cross-env.sh
source "$(dirname "$0")/cross-env.sh"

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(aarch64-unknown-linux-gnu armv7-unknown-linux-gnueabihf)

summary=()
for t in "${targets[@]}"; do
  runner_var=CARGO_TARGET_$(tr 'a-z-' 'A-Z_' <<<"$t")_RUNNER
  # Tests that start a second process run their own binary through the
  # same emulator (core/tests/common/child.rs).
  export IMBRIDGE_TEST_RUNNER=${!runner_var}
  echo "==> cargo test --target $t (under ${IMBRIDGE_TEST_RUNNER%% *})"
  log=$(mktemp)
  cargo test -Zbuild-std=std,panic_unwind --profile test-arm --target "$t" \
    -p imbridge-core -p imbridge-ffi --lib --tests 2>&1 | tee "$log"
  passed=$( (grep -oE 'test result: ok\. [0-9]+ passed' "$log" || true) | awk '{s+=$4} END {print s+0}')
  binaries=$(grep -cE '^test result: ' "$log" || true)
  rm -f "$log"
  # A run that executed nothing proves nothing.
  if [ "$passed" -eq 0 ]; then
    echo "test-arm: no test ran for $t" >&2
    exit 1
  fi
  summary+=("$(printf '%-32s %s passed in %s test binaries' "$t:" "$passed" "$binaries")")
done

printf '\n'
printf 'arm %s\n' "${summary[@]}"
