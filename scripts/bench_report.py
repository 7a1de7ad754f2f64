#!/usr/bin/env python3
"""Writes BENCHMARKS.md (to stdout) from one run of scripts/bench.sh.

Reads criterion's estimates under target/criterion, the JSON lines the
Kotlin and Swift harnesses wrote, the library size and cargo-bloat's crate
table. Every ratio compares two figures measured in the same run."""
import datetime
import json
import os
import platform
import subprocess
import sys

out = sys.argv[1]
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
crit = os.path.join(root, "target", "criterion")


def median(path):
    """Criterion's median estimate in ns, or None when the bench did not run."""
    try:
        with open(os.path.join(crit, path, "new", "estimates.json")) as f:
            return json.load(f)["median"]["point_estimate"]
    except (OSError, KeyError, ValueError):
        return None


def cmd(*args):
    try:
        return subprocess.run(args, capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        return "n/a"


rows = {}
with open(os.path.join(out, "results.jsonl")) as f:
    for line in f:
        if line.strip():
            r = json.loads(line)
            rows[(r["lang"], r["row"])] = r["ns"]


def ns(v):
    return "—" if v is None else f"{v:,.1f}"


def ratio(a, b):
    return "—" if a is None or b is None or b == 0 else f"{a / b:.2f}×"


def verdict(ok):
    return "met" if ok else "**missed**"


cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
quick = os.environ.get("BENCH_QUICK") == "1"
print("# BENCHMARKS")
print()
print("Produced by `scripts/bench.sh`" + (" (BENCH_QUICK=1: short smoke run, noisy)" if quick else "") +
      "; do not edit by hand. Nanoseconds per message, medians; ratios compare figures of the same run.")
print()
print(f"- Date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC")
print(f"- Machine: {platform.node()}, {os.cpu_count()} cores, {cpu}, {platform.system()} {platform.release()}")
java = subprocess.run(["java", "-version"], capture_output=True, text=True, check=False).stderr.splitlines()
print(f"- Toolchains: {cmd('rustc', '--version')}; {java[0] if java else 'java n/a'}; Swift 6 (Debian trixie chroot)")
print()

print("## Rust (criterion)")
print()
print("| row | imbridge | baseline (same group) | ratio | target | |")
print("|---|---:|---:|---:|---|---|")
enc, enc_base = median("wire/encode_c2c_validated"), median("wire/encode_baseline_serde_plain_struct")
build = median("wire/build_and_encode_c2c_text")
dec, dec_base = median("wire/decode_c2c"), median("wire/decode_baseline_serde_plain_struct")
for name, a, b in [("wire encode C2C text (validated) vs serde_json plain struct", enc, enc_base),
                   ("wire decode C2C text (typed errors, unknown keys kept) vs serde_json plain struct", dec, dec_base)]:
    ok = a is not None and b is not None and a / b <= 1.3
    print(f"| {name} | {ns(a)} | {ns(b)} | {ratio(a, b)} | ≤ 1.3× | {verdict(ok)} |")
print(f"| build + encode one text message | {ns(build)} | {ns(enc_base)} | {ratio(build, enc_base)} | — | |")
ob, ob_base = median("outbox_per_message/outbox_admit_and_release/10000"), median("outbox_per_message/baseline_vecdeque_push_pop/10000")
ob = ob and ob / 10000
ob_base = ob_base and ob_base / 10000
print(f"| outbox admit + release (10,000 queued) vs VecDeque push + pop | {ns(ob)} | {ns(ob_base)} | {ratio(ob, ob_base)} | < 1,000 ns | {verdict(ob is not None and ob < 1000)} |")
base = median("incoming_per_100_messages/baseline_serde_json_plain_struct")
base = base and base / 100
for batch in (100, 1):
    p = median(f"incoming_per_100_messages/pipeline_3_listeners_batch/{batch}")
    p = p and p / 100
    rate = f"{1e3 / p:.2f} M msg/s" if p else "—"
    print(f"| incoming pipeline, 3 Rust listeners, batch {batch} ({rate}) vs serde_json decode | {ns(p)} | {ns(base)} | {ratio(p, base)} | ≥ 1 M msg/s | {verdict(p is not None and p <= 1000)} |")
print()


def lang_table(lang, ref_row, ref_name, best_rows, noop_rows, e_rows):
    print(f"| row | ns/msg | vs {ref_name} (d) |")
    print("|---|---:|---:|")
    ref = rows.get((lang, ref_row))
    for key, label in noop_rows + best_rows + [(ref_row, f"(d) {ref_name}, no Rust")]:
        v = rows.get((lang, key))
        print(f"| {label} | {ns(v)} | {ratio(v, ref)} |")
    best = min((rows[(lang, k)] for k, _ in best_rows if (lang, k) in rows), default=None)
    print()
    print(f"Best library path: {ns(best)} ns = {ratio(best, ref)} of (d); target ≤ 0.50×: "
          f"{verdict(best is not None and ref is not None and best <= 0.5 * ref)}.")
    print()
    print("| (e) dispatch, 3 listeners, JSON decode included | whole pipeline, ns/msg | per message per listener | target ≤ 100 ns | each listener beyond the first |")
    print("|---|---:|---:|---|---:|")
    for key, label in e_rows:
        whole = rows.get((lang, key.replace("per_listener", "dispatch").replace("dispatch_uniffi", "dispatch_uniffi_listeners")))
        per = rows.get((lang, key))
        marginal = rows.get((lang, key.replace("per_listener", "marginal_listener")))
        print(f"| {label} | {ns(whole)} | {ns(per)} | {verdict(per is not None and per <= 100)} | {ns(marginal)} |")
    print()


print("## Kotlin on the JVM (JNA for UniFFI, JNI for the fast path)")
print()
lang_table("kotlin", "d_encode_plain_kotlin", "plain Kotlin",
           [("b_encode_one_uniffi_record", "(b) build + encode one message per UniFFI call (record)"),
            ("b_encode_one_jni", "(b′) one message per JNI call"),
            ("c_encode_batch100_uniffi", "(c) batch of 100 per UniFFI call (flat columns)"),
            ("c_encode_batch100_jni", "(c′) batch of 100 per JNI call")],
           [("a_noop_uniffi", "(a) no-op UniFFI call (JNA)"), ("a_noop_jni", "(a′) no-op JNI call")],
           [("e_per_listener_uniffi_batch1", "Dispatcher, batches over UniFFI (JNA), batch 1"),
            ("e_per_listener_fast_jni_batch1", "Dispatcher, batches over JNI, batch 1"),
            ("e_per_listener_uniffi_batch100", "Dispatcher, batches over UniFFI (JNA), batch 100"),
            ("e_per_listener_fast_jni_batch100", "Dispatcher, batches over JNI, batch 100")])

print("## Swift on Linux (release build)")
print()
lang_table("swift", "d_encode_plain_swift", "plain Swift",
           [("b_encode_one_uniffi_record", "(b) build + encode one message per call (record)"),
            ("b_encode_one_flat", "(b′) one message per call (flat columns)"),
            ("c_encode_batch100_flat", "(c) batch of 100 per call (flat columns)")],
           [("a_noop_uniffi", "(a) no-op UniFFI call")],
           [("e_per_listener_fast_plans_batch1", "Dispatcher, batch 1"),
            ("e_per_listener_fast_plans_batch100", "Dispatcher, batch 100")])

print("## Size")
print()
size = int(open(os.path.join(out, "size.txt")).read())
print(f"Stripped release `libimbridge.so` (host, LTO, 1 codegen unit): **{size:,} bytes** "
      f"({size / 2**20:.2f} MiB); target ≤ 1 MiB: {verdict(size <= 2**20)}.")
print()
bloat = os.path.join(out, "bloat.txt")
if os.path.exists(bloat) and os.path.getsize(bloat) > 0:
    print("Code by crate (`scripts/size_by_crate.py` on the same build unstripped; cargo-bloat cannot read a package with several crate types):")
    print()
    print("```")
    print(open(bloat).read().rstrip())
    print("```")
else:
    print("No crate breakdown this run.")
