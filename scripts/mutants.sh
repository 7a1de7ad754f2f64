#!/usr/bin/env bash
# Mutation testing of imbridge-core with cargo-mutants: each module's code
# is changed one mutant at a time and the core's tests must catch it.
#   scripts/mutants.sh [MODULE…]     default: message outbox dispatch push init
#   IMBRIDGE_MUTANTS_ITERATE=1 scripts/mutants.sh MODULE…
#       re-tests only the mutants the module's last run did not catch
#       (cargo-mutants --iterate); the figures add up both runs.
#
# Appends one line per module to target/reliability/mutants.jsonl —
# {"module","commit","caught","missed","unviable","timeout","score","survivors"} —
# read by scripts/reliability_report.py, which gives each survivor the
# reason it was judged harmless from scripts/mutants-harmless.tsv — and
# keeps cargo-mutants' own output in target/mutants/<module>/.
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
  iterate=()
  if [ "${IMBRIDGE_MUTANTS_ITERATE:-0}" = 1 ] && [ -f "$out/mutants.out/outcomes.json" ]; then
    iterate=(--iterate)
  else
    rm -rf "$out"
  fi
  echo "== mutants in core/src/$module/"
  # The mutants of the tree as cargo-mutants copies it now; listed before the
  # run so that editing the code while it runs does not change the figures.
  cargo mutants -p imbridge-core --list --file "core/src/$module/**" >"$out.current.txt"
  commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
  git diff --quiet HEAD -- core 2>/dev/null || commit="$commit+changes"
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
  cargo mutants -p imbridge-core --file "core/src/$module/**" --output "$out" "${iterate[@]}" \
    --timeout-multiplier 3 --jobs "${IMBRIDGE_MUTANTS_JOBS:-1}" -- "${tests[@]}" || true
  mv "$out.current.txt" "$out/current.txt"
  python3 - "$module" "$out" "$commit" >>target/reliability/mutants.jsonl <<'PY'
import json, os, sys
module, out, commit = sys.argv[1:]
def listed(name):
    path = os.path.join(out, name)
    return {l.strip() for l in open(path) if l.strip()} if os.path.exists(path) else set()
# The mutants of the code as it is now: a mutant is named by its line, so
# one of code that has since moved or gone no longer counts.
current = listed("current.txt")
# Unviable mutants are not re-tested by --iterate: remember them across runs.
unviable = (listed("unviable-all.txt") | listed("mutants.out/unviable.txt")) & current
with open(os.path.join(out, "unviable-all.txt"), "w") as f:
    f.writelines(m + "\n" for m in sorted(unviable))
# After --iterate, previously_caught.txt lists what earlier runs caught
# (and skipped as unviable).
caught = ((listed("mutants.out/caught.txt") | listed("mutants.out/previously_caught.txt")) & current) - unviable
missed = sorted(listed("mutants.out/missed.txt") & current)
timeout = listed("mutants.out/timeout.txt") & current
count = {"caught": len(caught), "missed": len(missed), "unviable": len(unviable), "timeout": len(timeout)}
viable = count["caught"] + count["missed"] + count["timeout"]
count["score"] = round(100 * (count["caught"] + count["timeout"]) / viable, 1) if viable else None
untested = len(current - unviable - caught - set(missed) - timeout)
print(json.dumps({"module": module, "commit": commit, **count, "untested": untested, "survivors": missed}))
PY
  tail -n 1 target/reliability/mutants.jsonl
done
