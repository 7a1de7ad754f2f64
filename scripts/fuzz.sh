#!/usr/bin/env bash
# Coverage-guided fuzzing of imbridge-core with cargo-fuzz (libFuzzer):
#   scripts/fuzz.sh [SECONDS] [TARGET…]    default: 60 s for every target
#
# Targets (fuzz/fuzz_targets/): byte-level decoders — wire_c2c, wire_group,
# received, push_state, doctor_snapshot, outbox_simulate, push_simulate,
# id_parse — and operation sequences checked against the SPEC —
# dispatch_ops (the reference model of D1–D7), outbox_ops, push_ops.
#
# Each run starts from the committed corpus (fuzz/corpus/<target>/) plus
# seeds from the shared vectors, adds what it finds to the corpus, and
# appends one line per target to target/reliability/libfuzzer.jsonl:
# {"target","seconds","executions","edges","features","corpus","crashes"}.
# A crash fails the script; its input is in fuzz/artifacts/<target>/ — keep
# it as tests/vectors/fuzz-regressions/<target>/ (replayed on stable by
# core/tests/fuzz_inputs.rs) once fixed.
#
# cargo-fuzz needs nightly flags: RUSTC_BOOTSTRAP=1 lets the stable
# toolchain accept them. cargo-fuzz is installed here when missing.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
seconds=${1:-60}
shift || true
all=(wire_c2c wire_group received push_state doctor_snapshot outbox_simulate push_simulate id_parse
  dispatch_ops outbox_ops push_ops)
[ $# -gt 0 ] && targets=("$@") || targets=("${all[@]}")

if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked --version 0.13.2
fi
export RUSTC_BOOTSTRAP=1

# Seeds from the shared vectors, by target.
seeds_for() {
  case "$1" in
    wire_c2c | wire_group | received) echo tests/vectors/wire/valid tests/vectors/wire/invalid ;;
    push_state | push_simulate) echo tests/vectors/push ;;
    doctor_snapshot) echo examples/snapshots ;;
    outbox_simulate) echo tests/vectors/outbox ;;
    id_parse) echo tests/vectors/ids ;;
    *) ;;
  esac
}

out=target/reliability
mkdir -p "$out"
(cd fuzz && cargo fuzz build --release) >/dev/null
status=0
for target in "${targets[@]}"; do
  corpus=fuzz/corpus/$target
  mkdir -p "$corpus" "fuzz/artifacts/$target"
  seeds=$(mktemp -d)
  for dir in $(seeds_for "$target"); do
    find "$dir" -type f -name '*.json*' -exec cp {} "$seeds"/ \; 2>/dev/null || true
  done
  if [ "$target" = id_parse ]; then
    # One id per seed file, from the id vectors.
    python3 - "$seeds" <<'PY'
import json, sys, pathlib
out = pathlib.Path(sys.argv[1])
for i, v in enumerate(json.load(open("tests/vectors/ids/parse.json"))["vectors"]):
    (out / f"id{i}").write_text(v["id"])
for i, v in enumerate(json.load(open("tests/vectors/interop/web_sdk.json"))["legacy_message_ids"]):
    (out / f"web{i}").write_text(v["id"])
PY
  fi
  log=$(mktemp)
  echo "== $target: ${seconds}s"
  if (cd fuzz && cargo fuzz run --release "$target" "../$corpus" "$seeds" -- \
        -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="artifacts/$target/" \
        -max_len="${IMBRIDGE_FUZZ_MAX_LEN:-4096}" -timeout=10 -rss_limit_mb=2048) >"$log" 2>&1; then
    crashes=0
  else
    crashes=1
    status=1
    tail -n 40 "$log"
  fi
  python3 - "$target" "$seconds" "$crashes" "$log" "$corpus" >>"$out/libfuzzer.jsonl" <<'PY'
import json, os, re, sys
target, seconds, crashes, log, corpus = sys.argv[1:]
text = open(log, errors="replace").read()
def last(pattern):
    found = re.findall(pattern, text)
    return int(found[-1]) if found else None
print(json.dumps({
    "target": target,
    "seconds": int(seconds),
    "executions": last(r"stat::number_of_executed_units:\s*(\d+)"),
    "edges": last(r"\bcov: (\d+)"),
    "features": last(r"\bft: (\d+)"),
    "corpus": len(os.listdir(corpus)),
    "crashes": int(crashes),
}))
PY
  tail -n 1 "$out/libfuzzer.jsonl"
  rm -rf "$seeds" "$log"
done
exit $status
