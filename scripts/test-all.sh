#!/usr/bin/env bash
# Every test in every language: Rust (fmt, clippy, unit, property and
# integration tests), Kotlin on the JVM (Maven + JUnit 5 through JNA), the
# Android-only Kotlin against Android 15 under Robolectric (android/pom.xml)
# and Swift (`swift test`, in a Debian trixie chroot when the host has no
# Swift).
#
# On a fresh Debian machine with Rust, a JDK and Maven this installs what
# else it needs (debootstrap and the Swift chroot). Each suite prints its
# own summary; the last line adds them up.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

log=$(mktemp)
android_log=$(mktemp)
trap 'rm -f "$log" "$android_log"' EXIT

step() { printf '\n==> %s\n' "$*"; }

step "rustfmt"
cargo fmt --all -- --check

step "README snippets match the tests that compile them"
python3 scripts/check-readme-snippets.py

step "clippy"
cargo clippy --workspace --all-targets --quiet -- -D warnings

step "Rust tests"
cargo test --workspace 2>&1 | tee -a "$log"

step "Kotlin tests (JVM)"
(cd tests/kotlin && mvn -B -ntp test) 2>&1 | tee -a "$log"

step "Android Kotlin tests (Robolectric, Android 15 and Android 7.0, the minimum)"
(cd android && mvn -B -ntp test) 2>&1 | tee "$android_log"

step "Swift tests"
bash scripts/test-swift.sh 2>&1 | tee -a "$log"

# A number, or 0 when a summary line could not be read (each suite has
# already failed this script on its own if any of its tests failed).
num() { if [[ ${1:-} =~ ^[0-9]+$ ]]; then echo "$1"; else echo 0; fi; }

# Totals: cargo's "test result" lines, Surefire's final "Tests run" line,
# XCTest's "All tests" summary.
rust_passed=$( (grep -oE 'test result: ok\. [0-9]+ passed' "$log" || true) | awk '{s+=$4} END {print s+0}')
rust_failed=$( (grep -oE '[0-9]+ passed; [0-9]+ failed' "$log" || true) | awk '{s+=$3} END {print s+0}')
# Surefire's "Tests run" summaries of a log (one per surefire execution:
# the Android module runs once per SDK), added up as "<run> <failed>".
surefire_counts() {
  (grep -E '^\[(INFO|ERROR|WARNING)\] Tests run: [0-9]+, Failures: [0-9]+, Errors: [0-9]+, Skipped: [0-9]+$' "$1" || true) |
    sed -E 's/.*Tests run: ([0-9]+), Failures: ([0-9]+), Errors: ([0-9]+).*/\1 \2 \3/' |
    awk '{run += $1; failed += $2 + $3} END {print run + 0, failed + 0}'
}
read -r kotlin_run kotlin_failed < <(surefire_counts "$log")
read -r android_run android_failed < <(surefire_counts "$android_log")
swift_line=$( (grep -A1 "Test Suite 'All tests'" "$log" || true) | (grep -E 'Executed [0-9]+ tests' || true) | tail -n1)
swift_run=$(sed -E 's/.*Executed ([0-9]+) tests.*/\1/' <<<"$swift_line")
swift_failed=$(sed -E 's/.* ([0-9]+) failures.*/\1/' <<<"$swift_line")
# Opt-in measurements are skipped in the test run; they neither pass nor fail.
swift_skipped=$( (grep -oE '[0-9]+ tests? skipped' <<<"$swift_line" || true) | (grep -oE '^[0-9]+' || true))
swift_run=$(num "$swift_run"); swift_failed=$(num "$swift_failed"); swift_skipped=$(num "$swift_skipped")
swift_run=$((swift_run - swift_skipped))

printf '\nrust: %s passed, %s failed\n' "$rust_passed" "$rust_failed"
printf 'kotlin: %s passed, %s failed\n' "$((kotlin_run - kotlin_failed))" "$kotlin_failed"
printf 'android (robolectric): %s passed, %s failed\n' "$((android_run - android_failed))" "$android_failed"
printf 'swift: %s passed, %s failed\n' "$((swift_run - swift_failed))" "$swift_failed"
printf 'total: %s passed, %s failed\n' \
  "$((rust_passed + kotlin_run - kotlin_failed + android_run - android_failed + swift_run - swift_failed))" \
  "$((rust_failed + kotlin_failed + android_failed + swift_failed))"

# A suite that ran no test proves nothing: an unreadable or empty summary
# fails the run.
for suite in rust:$rust_passed kotlin:$kotlin_run android:$android_run swift:$swift_run; do
  if [ "${suite#*:}" -eq 0 ]; then
    echo "test-all: the ${suite%%:*} suite ran no test" >&2
    exit 1
  fi
done
