#!/usr/bin/env bash
# Runs the reliability suite and writes its report (RELIABILITY.md):
#   scripts/reliability.sh [OUT]     default OUT: RELIABILITY.md
#   IMBRIDGE_FUZZ_SECONDS=60   time per stable fuzz / interaction target (default 60)
#   IMBRIDGE_LIBFUZZER_SECONDS=60  time per cargo-fuzz target (default 60)
#   IMBRIDGE_STRESS_SECONDS=10 time of each stress test (default 10)
#
# - Rust: mutation fuzzing of every decoder and simulator input, interaction
#   fuzzing of the outbox, dispatcher and push machine, crash-safety with
#   killed processes, memory bounds, redaction.
# - Kotlin (real JVM, real library): stress, the panic audit, redaction.
# - Swift (swift test): stress, hostile inputs, redaction.
# Every figure in the report comes from target/reliability/, written by
# these runs; a failing test fails the script and writes no report.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
out=${1:-RELIABILITY.md}
export IMBRIDGE_FUZZ_SECONDS=${IMBRIDGE_FUZZ_SECONDS:-60}
export IMBRIDGE_STRESS_SECONDS=${IMBRIDGE_STRESS_SECONDS:-10}
IMBRIDGE_LIBFUZZER_SECONDS=${IMBRIDGE_LIBFUZZER_SECONDS:-60}

# Mutation figures (scripts/mutants.sh, run separately) are kept.
mutants=$(cat target/reliability/mutants.jsonl 2>/dev/null || true)
rm -rf target/reliability target/fuzz-crashes
mkdir -p target/reliability
[ -z "$mutants" ] || printf '%s\n' "$mutants" >target/reliability/mutants.jsonl

echo "== Rust: fuzzing ${IMBRIDGE_FUZZ_SECONDS}s per target, crash-safety, memory bounds, redaction"
cargo test -q -p imbridge-core --test fuzz_inputs --test interactions --test push_crash_safety \
  --test memory_bounds --test redaction

echo "== Rust: coverage-guided fuzzing, ${IMBRIDGE_LIBFUZZER_SECONDS}s per cargo-fuzz target"
bash scripts/fuzz.sh "$IMBRIDGE_LIBFUZZER_SECONDS"

echo "== Kotlin: stress ${IMBRIDGE_STRESS_SECONDS}s, panic audit, redaction"
bash scripts/generate-bindings.sh kotlin
# Each named class must exist and run (no failIfNoSpecifiedTests=false).
(cd tests/kotlin && mvn -q test -Dtest='StressTest,PanicAuditTest,PushTest' \
  -Dimbridge.stress.seconds="$IMBRIDGE_STRESS_SECONDS")

echo "== Swift: stress ${IMBRIDGE_STRESS_SECONDS}s, hostile inputs, redaction"
swift_log=$(mktemp)
bash scripts/test-swift.sh --filter 'StressTests|HostileInputTests|PushTests' 2>&1 | tee "$swift_log"
# `swift test --filter` passes when nothing matches: demand that tests ran.
swift_ran=$( (grep -A1 "Test Suite 'Selected tests'\|Test Suite 'All tests'" "$swift_log" || true) \
  | (grep -oE 'Executed [0-9]+ tests?' || true) | tail -n1 | grep -oE '[0-9]+' || echo 0)
rm -f "$swift_log"
if [ "${swift_ran:-0}" -eq 0 ]; then
  echo "reliability: the Swift suites ran no test" >&2
  exit 1
fi

json_out="${out%.md}.json"
python3 scripts/reliability_report.py target/reliability "$json_out" >"$out"
echo "wrote $out and $json_out"
