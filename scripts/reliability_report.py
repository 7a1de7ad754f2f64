#!/usr/bin/env python3
"""Writes RELIABILITY.md (to stdout) from the files scripts/reliability.sh's
runs left in target/reliability/. Nothing here is typed in by hand: a
missing file is reported as not run."""
import datetime
import json
import os
import platform
import re
import sys

d = sys.argv[1]


def lines(name):
    path = os.path.join(d, name)
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [json.loads(l) for l in f if l.strip()]


def one(name):
    rows = lines(name)
    return rows[0] if rows else None


def n(v):
    return f"{v:,}" if isinstance(v, int) else str(v)


print("# RELIABILITY")
print()
print("Produced by `scripts/reliability.sh` from its own runs; do not edit by hand.")
print()
print(f"- Date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC; machine: {os.cpu_count()} cores, "
      f"{platform.system()} {platform.release()}")
fuzz = lines("fuzz.jsonl")
if fuzz:
    print(f"- Stable mutation fuzzing: {fuzz[0]['seconds']} s per target (IMBRIDGE_FUZZ_SECONDS)")
print()

print("## Coverage-guided fuzzing (cargo-fuzz, libFuzzer)")
print()
libfuzzer = lines("libfuzzer.jsonl")
if libfuzzer:
    print("Byte-level targets decode anything and must end in a value or a typed error; the `_ops` targets run "
          "operation sequences checked against the SPEC (`dispatch_ops` against the reference model of D1–D7). "
          "Corpus: `fuzz/corpus/<target>/`, seeded from the shared vectors (`scripts/fuzz.sh`).")
    print()
    print("| target | seconds | executions | edges (cov) | features (ft) | corpus | crashes |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in libfuzzer:
        print(f"| {r['target']} | {r['seconds']} | {n(r['executions'])} | {n(r['edges'])} | {n(r['features'])} | "
              f"{n(r['corpus'])} | {r['crashes']} |")
else:
    print("Not run.")
print()

print("## Mutation testing (cargo-mutants, `scripts/mutants.sh`)")
print()
mutants = lines("mutants.jsonl")
if mutants:
    print("| module | code at | caught | missed | unviable | timeout | not yet tested | caught of viable |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    # The latest run per module (a later --iterate run supersedes an earlier one).
    latest = {r["module"]: r for r in mutants}
    for r in latest.values():
        score = f"{r['score']} %" if r['score'] is not None else "—"
        print(f"| `core/src/{r['module']}/` | {r.get('commit', '—')} | {r['caught']} | {r['missed']} | {r['unviable']} | {r['timeout']} | "
              f"{r.get('untested', '—')} | {score} |")
    not_run = [m for m in ("message", "outbox", "dispatch", "push", "init") if m not in latest]
    if not_run:
        print()
        print("Not run yet: " + ", ".join(f"`core/src/{m}/`" for m in not_run) + " (no score is claimed for them).")
    harmless = {}
    for line in open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "mutants-harmless.tsv")):
        if line.strip() and not line.startswith("#"):
            mutant, why = line.rstrip("\n").split("\t", 1)
            harmless[mutant] = why
    survivors = [(r["module"], m) for r in latest.values() for m in r.get("survivors", [])]
    if survivors:
        print()
        print("Survivors (alive after every test), each with why it was judged harmless (`scripts/mutants-harmless.tsv`):")
        print()
        for module, mutant in survivors:
            # An entry naming the line (`file:line:col: …`) wins over one
            # for every line of that mutant (`file: …`).
            key = re.sub(r":\d+:\d+:", ":", mutant)
            print(f"- `{mutant}` — {harmless.get(mutant, harmless.get(key, '**not judged**'))}")
else:
    print("Not run in this report (`scripts/mutants.sh` takes long; run it, then `scripts/reliability.sh`).")
print()

print("## Hostile input per interface")
print()
print("| interface | how | inputs tried | outcome |")
print("|---|---|---:|---|")
names = {
    "wire_c2c": "wire JSON, C2C `sendmsg` (decode, re-encode)",
    "wire_group": "wire JSON, group `send_group_msg` (decode, re-encode)",
    "received": "received messages through the dispatcher",
    "push_state": "persisted push state files",
    "doctor_snapshot": "doctor snapshots (parse, diagnose)",
    "outbox_simulate": "`outbox simulate` input",
    "push_simulate": "`push simulate` input",
    "id_parse": "`id parse` input (any id text)",
}
for r in fuzz:
    print(f"| {names.get(r['target'], r['target'])} | mutation fuzzing from {r['seeds']} seed vectors"
          f"{', ' + str(r['regressions']) + ' regression inputs' if r['regressions'] else ''} | {n(r['executions'])} | "
          f"{'no panic' if r['panics'] == 0 else str(r['panics']) + ' PANICS'} |")
for lang, name in (("Kotlin", "audit-kotlin.jsonl"), ("Swift", "audit-swift.jsonl")):
    rows = lines(name)
    if not rows:
        print(f"| {lang} API | panic audit | — | not run |")
        continue
    calls = sum(r["calls"] for r in rows)
    ok = sum(r["ok"] for r in rows)
    typed = sum(r["typed_error"] for r in rows)
    other = sum(r["other"] for r in rows)
    how = ("every exported function and object method, one hostile argument at a time" if lang == "Kotlin"
           else "representative set: decoders, builders, dispatch, outbox, push, diagnostics")
    print(f"| {lang} API, {len(rows)} functions | {how} | {calls:,} | {ok:,} returned, {typed:,} typed errors; "
          f"{other} internal/panic errors |")
print()
print("Hostile arguments: empty, whitespace, 1 MiB and 10 MB strings, NUL, unpaired UTF-16 surrogates (Kotlin), "
      "malformed JSON and JSON nested 10,000 deep, 1e309, negative and extreme integers, NaN and infinities, empty, "
      "unequal and 10,000-element lists and arrays, every enum value, valid-looking configs with one bad field; mutations: byte flips, inserts, deletions, splices between vectors, truncation, numbers and "
      "strings swapped for extremes, 2,000-deep nesting.")
print()
print("The table's Rust rows are the stable mutation fuzzer (`core/tests/fuzz_inputs.rs`), which runs in every test "
      "run; the coverage-guided runs are in the section above. A crash is saved under `target/fuzz-crashes/` "
      "(`fuzz/artifacts/` for cargo-fuzz) and, once fixed, replayed from `tests/vectors/fuzz-regressions/`.")
print()

print("## Interaction fuzzing (invariants after every step)")
print()
print("| target | sequences | steps | violations |")
print("|---|---:|---:|---:|")
for r in lines("interactions.jsonl"):
    print(f"| {r['target']} | {n(r['sequences'])} | {n(r['steps'])} | {r['violations']} |")
print()

print("## Stress (8 threads, watchdog)")
print()
print("| language | seconds | messages received | listener deliveries | outgoing | released | shed | refused | "
      "queued after drain | adds up | push events | failures |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|")
for name in ("stress-kotlin.json", "stress-swift.json"):
    r = one(name)
    if r:
        total = r['released'] + r['shed'] + r['refused'] + r.get('queued_after_drain', 0)
        adds = "yes" if total == r['outgoing'] else f"NO ({total:,} of {r['outgoing']:,})"
        print(f"| {r['lang']} | {r['seconds']} | {n(r['messages_received'])} | {n(r['deliveries'])} | {n(r['outgoing'])} | "
              f"{n(r['released'])} | {n(r['shed'])} | {n(r['refused'])} | {n(r.get('queued_after_drain', 0))} | {adds} | "
              f"{n(r['push_events'])} | {r['failures']} |")
    else:
        print(f"| {name.split('-')[1].split('.')[0]} | not run | | | | | | | | | | |")
print()
print("Asserted in every run: each accepted message, by its id, reached each of the 3 permanent listeners exactly "
      "once, and no other message did; received = delivered + dropped by reason; outgoing = admitted + refused, and "
      "after draining the outbox (polling until nothing is queued) admitted = released + shed. \"adds up\" is "
      "computed from the row itself.")
print()

print("## Crash-safety of persisted push state (T4)")
print()
r = one("crash-safety.json")
if r:
    print(f"A writer process saving two states in turn was killed (SIGKILL) {r['kills']} times at random points, "
          f"{r.get('killed_mid_write', '?')} of them mid-write (its temporary file left behind): "
          f"the next read found the first state {r['read_first_state']} times and the second "
          f"{r['read_second_state']} times; half states: {r['half_states']}, panics: {r['panics']}. A snapshot cut at "
          "every length is a typed error, and restoring from one resets to NoToken with the error reported.")
else:
    print("Not run.")
print()

print("## Memory bounds")
print()
print("| structure | inputs | kept (bound) | past the bound | resident growth after the bound |")
print("|---|---:|---:|---|---:|")
for r in lines("memory.jsonl"):
    past = (f"{n(r['counted_overflow'])} counted as overflow" if "counted_overflow" in r else
            f"{n(r['counted_refused'])} refused (10023), counted" if "counted_refused" in r else
            f"{n(r['counted_forgotten'])} forgotten, counted; oldest first: {'yes' if r.get('oldest_first') else 'NO'}"
            if "counted_forgotten" in r else "not measured")
    growth = f"{r['rss_growth_after_bound']:,} B" if "rss_growth_after_bound" in r else "—"
    print(f"| {r['test']} | {n(r['inputs'])} | {n(r['kept_bound'])} | {past} | {growth} |")
print()

print("## Redaction (T5)")
print()
r = one("redaction-rust.json")
if r:
    print(f"Rust: {r['scenarios']} push scenarios and {r.get('invalid_inputs', 0)} invalid inputs with {r['secrets']} "
          f"secrets replaced by unique markers; {r['log_lines']:,} log lines (Trace) and {r['debug_strings']} "
          f"`Debug` / `Display` / error / snapshot / finding strings searched for any 6-character piece of a secret; "
          f"leaks: {r['leaks']}.")
else:
    print("Rust: not run.")
kotlin = lines("redaction-kotlin.jsonl")
if kotlin:
    print(f"Kotlin (`PushTest.t5_*`): {len(kotlin)} scenarios, {sum(r['secrets'] for r in kotlin)} secrets, "
          f"{sum(r['lines'] for r in kotlin):,} log lines and `toString()` strings searched for any 6-character "
          f"piece of a secret; leaks: {sum(r['leaks'] for r in kotlin)}.")
else:
    print("Kotlin: not run.")
swift = one("redaction-swift.json")
if swift:
    print(f"Swift (`PushTests.test_t5_*`): {swift['scenarios']} scenarios, {swift['secrets']} secrets, "
          f"{swift['lines']:,} log lines and `description` / `dump` strings searched the same way; leaks: {swift['leaks']}.")
else:
    print("Swift: not run.")
print()
print("## Unsafe code")
print()
# Counted from the sources of this checkout, not typed in.
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
def rust_files(folder):
    for base, _, files in os.walk(os.path.join(root, folder)):
        for name in files:
            if name.endswith(".rs"):
                yield os.path.join(base, name)
core_lib = open(os.path.join(root, "core/src/lib.rs")).read()
core_forbids = "forbid(unsafe_code)" in core_lib
unsafe_blocks = {}
for path in list(rust_files("core/src")) + list(rust_files("bindings/src")):
    text = open(path).read()
    blocks = len(re.findall(r"\bunsafe\s*\{", text))
    if blocks:
        unsafe_blocks[os.path.relpath(path, root)] = (blocks, text.count("// SAFETY:"))
print(f"`imbridge-core`: `forbid(unsafe_code)` {'present' if core_forbids else 'ABSENT'} in `core/src/lib.rs` "
      "(without the `uniffi` feature; with it, `deny`, since UniFFI's generated scaffolding is the one exception). "
      "`unsafe` blocks in `core/src` and `bindings/src`, counted in this checkout: "
      + (", ".join(f"`{p}`: {b} (with {c} `// SAFETY:` comments)" for p, (b, c) in sorted(unsafe_blocks.items()))
         or "none") + ".")

# The same figures for tools, beside the report.
if len(sys.argv) > 2:
    audit = []
    for lang, name in (("kotlin", "audit-kotlin.jsonl"), ("swift", "audit-swift.jsonl")):
        rows = lines(name)
        if rows:
            audit.append({"language": lang, "functions": len(rows), "calls": sum(r["calls"] for r in rows),
                          "internal_errors": sum(r.get("other", 0) for r in rows)})
    stress = [r for r in (one("stress-kotlin.json"), one("stress-swift.json")) if r]
    with open(sys.argv[2], "w") as f:
        json.dump({
            "fuzz": [{k: r[k] for k in ("target", "executions", "edges", "corpus", "crashes")} for r in libfuzzer],
            "mutation_fuzz": fuzz,
            "mutants": list({r["module"]: r for r in lines("mutants.jsonl")}.values()),
            "audit": audit,
            "stress": stress,
        }, f, indent=2)
        f.write("\n")
