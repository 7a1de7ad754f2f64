#!/usr/bin/env bash
# Mutation testing of imbridge-core with cargo-mutants: each module's code
# is changed one mutant at a time and the core's tests must catch it.
#   scripts/mutants.sh [MODULE…]     default: message outbox dispatch push init
#
# Appends one line per module to target/reliability/mutants.jsonl —
# {"module","caught","missed","unviable","timeout","score"} — read by
# scripts/reliability_report.py, and keeps cargo-mutants' own output
# (the missed mutants are in target/mutants/<module>/mutants.out/missed.txt).
# Not run in every CI run: a module takes minutes to an hour.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
modules=("$@")
[ ${#modules[@]} -gt 0 ] || modules=(message outbox dispatch push init)

if ! cargo mutants --version >/dev/null 2>&1; then
  cargo install cargo-mutants --locked
fi
mkdir -p target/reliability target/mutants
for module in "${modules[@]}"; do
  out=target/mutants/$module
  rm -rf "$out"
  echo "== mutants in core/src/$module/"
  # The unit tests and the integration tests that check behaviour; the
  # time-boxed fuzzers and the multi-process tests are left out (they add
  # minutes per mutant and catch nothing the others miss in these modules).
  # memory_bounds (20 s: a million messages) only bounds the dispatcher's
  # and the outbox's memory, so only those modules run it.
  tests=(--lib --test dispatch_model --test interactions --test redaction --test wire_vectors
    --test scenario_vectors --test doctor_snapshots --test web_sdk_vectors --test red_packet_vectors
    --test secret_vectors)
  case "$module" in dispatch | outbox) tests+=(--test memory_bounds) ;; esac
  # cargo-mutants exits non-zero when mutants are missed; the figures say so.
  cargo mutants -p imbridge-core --file "core/src/$module/**" --output "$out" \
    --timeout-multiplier 3 --jobs "${IMBRIDGE_MUTANTS_JOBS:-1}" -- "${tests[@]}" || true
  python3 - "$module" "$out/mutants.out/outcomes.json" >>target/reliability/mutants.jsonl <<'PY'
import json, sys
module, path = sys.argv[1:]
outcomes = json.load(open(path))["outcomes"]
count = {"caught": 0, "missed": 0, "unviable": 0, "timeout": 0}
for o in outcomes:
    summary = o.get("summary", "")
    key = {"CaughtMutant": "caught", "MissedMutant": "missed", "Unviable": "unviable", "Timeout": "timeout"}.get(summary)
    if key:
        count[key] += 1
viable = count["caught"] + count["missed"] + count["timeout"]
count["score"] = round(100 * (count["caught"] + count["timeout"]) / viable, 1) if viable else None
print(json.dumps({"module": module, **count}))
PY
  tail -n 1 target/reliability/mutants.jsonl
done
