#!/usr/bin/env python3
"""Writes BENCHMARKS.md (to stdout) and BENCHMARKS.json (to the path given
second) from one run of scripts/bench.sh.

Reads criterion's estimates under target/criterion, the JSON lines the
Kotlin and Swift harnesses wrote, the library sizes (host and per ABI) and
the crate table. Every ratio compares two figures measured in the same run;
a row whose figures are missing is shown as missing, never as met."""
import datetime
import json
import os
import platform
import subprocess
import sys

out = sys.argv[1]
json_path = sys.argv[2] if len(sys.argv) > 2 else None
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
alloc = {}
instructions = {}
with open(os.path.join(out, "results.jsonl")) as f:
    for line in f:
        if line.strip():
            r = json.loads(line)
            if "ir" in r:
                instructions[r["row"]] = r["ir"]
                continue
            rows[(r["lang"], r["row"])] = r["ns"]
            if "alloc_bytes" in r:
                alloc[(r["lang"], r["row"])] = r["alloc_bytes"]

# The rows of BENCHMARKS.json, in the order the headline table shows them.
table = []


def add(row, platform, library, baseline, baseline_value, target, met, unit="ns"):
    """One headline row; `met` is None when the row has no target or a figure is missing."""
    r = {"row": row, "platform": platform, {"bytes": "bytes", "ir": "instructions"}.get(unit, "library_ns"): library,
         "baseline": baseline, "baseline_ns": baseline_value,
         "ratio": round(library / baseline_value, 3) if library and baseline_value else None,
         "target": target, "met": met if library is not None and (baseline_value is not None or baseline is None) else None}
    table.append(r)


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


def r(lang, row):
    return rows.get((lang, row))


def ratio_row(row, platform, library, baselines, target_ratio):
    """`library` against each named baseline; `target_ratio` None = no target (the floor)."""
    for name, value, has_target in baselines:
        if has_target and target_ratio is not None:
            met = library is not None and value is not None and library <= target_ratio * value
            add(row, platform, library, name, value, f"≤ {target_ratio:g}× {name}", met)
        else:
            add(row, platform, library, name, value, "— (reported, no target)", None)


jvm_send = r("kotlin", "send_library_jni")
ratio_row("send one text message (build + validate + encode), JNI", "jvm", jvm_send,
          [("kotlinx.serialization", r("kotlin", "send_kotlinx"), True), ("org.json JSONObject", r("kotlin", "send_orgjson"), True),
           ("StringBuilder (floor)", r("kotlin", "send_floor"), False)], 1.0)
ratio_row("send one text message, UniFFI record over JNA", "jvm", r("kotlin", "send_library_uniffi_record"),
          [("kotlinx.serialization", r("kotlin", "send_kotlinx"), True)], 1.0)
swift_send_rows = [v for v in (r("swift", "b_encode_one_uniffi_record"), r("swift", "b_encode_one_flat")) if v is not None]
swift_send = min(swift_send_rows) if swift_send_rows else None
ratio_row("send one text message (build + validate + encode)", "swift", swift_send,
          [("Codable + JSONEncoder", r("swift", "send_codable"), True), ("JSONSerialization", r("swift", "send_jsonserialization"), True),
           ("byte appender (floor)", r("swift", "d_encode_plain_swift"), False)], 1.0)
ratio_row("login-sync burst, 10,000 messages, 3 listeners, per message (JNI)", "jvm", r("kotlin", "burst_library_jni"),
          [("kotlinx.serialization + HashMap dedup", r("kotlin", "burst_kotlinx"), True),
           ("org.json + HashMap dedup", r("kotlin", "burst_orgjson"), True)], 0.5)
ratio_row("login-sync burst, 10,000 messages, 3 listeners, per message", "swift", r("swift", "burst_library"),
          [("Codable + Dictionary dedup", r("swift", "burst_codable"), True),
           ("JSONSerialization + Dictionary dedup", r("swift", "burst_jsonserialization"), True)], 0.5)
ratio_row("flat frame: dispatch per message per listener, batch 100", "swift", r("swift", "e_per_listener_fast_plans_batch100"),
          [("UniFFI generic record lifting (before)", r("swift", "e_per_listener_generic_lifting_batch100"), False)], None)
ratio_row("flat frame: login-sync burst, per message", "swift", r("swift", "burst_library"),
          [("UniFFI generic record lifting (before)", r("swift", "burst_library_generic_lifting"), False)], None)
per_listener = r("swift", "e_per_listener_fast_plans_batch100")
add("dispatch per message per listener, batch 100", "swift", per_listener, None, None, "≤ 500 ns",
    per_listener is not None and per_listener <= 500)
for lang, platform, names in (("kotlin", "jvm", [("kotlinx", "kotlinx.serialization"), ("orgjson", "org.json")]),
                              ("swift", "swift", [("codable", "Codable"), ("jsonserialization", "JSONSerialization")])):
    for what, label in (("encode", "cold start to the first encoded message"), ("delivery", "cold start to the first delivered message")):
        lib = r(lang, f"cold_first_{what}_library")
        for key, name in names:
            add(label, platform, lib, name, r(lang, f"cold_first_{what}_{key}"), "stated, no target", None)

sizes_path = os.path.join(out, "sizes.json")
sizes = json.load(open(sizes_path)) if os.path.exists(sizes_path) else {}
size_target = 1_500_000
for platform, label in (("android-arm64", "stripped libimbridge.so, arm64-v8a"), ("android-armv7", "stripped libimbridge.so, armeabi-v7a"),
                        ("android-x86_64", "stripped libimbridge.so, x86_64"), ("android-x86", "stripped libimbridge.so, x86"),
                        ("ios-arm64", "iOS device slice: code + data of libimbridge.a's members")):
    b = sizes.get(platform)
    targeted = platform in ("android-arm64", "ios-arm64")
    add(label, platform, b, None, None, "≤ 1,500,000 bytes" if targeted else "stated, no target",
        (b is not None and b <= size_target) if targeted else None, unit="bytes")


def fig(v, unit):
    if v is None:
        return "missing"
    if unit == "bytes":
        return f"{v:,} B"
    if v >= 1e6:
        return f"{v / 1e6:,.1f} ms"
    return f"{v / 1e3:,.1f} µs" if v >= 1e5 else f"{v:,.1f} ns"


print("## Headline rows (the targets)")
print()
print("Each row is the library's figure against a baseline measured in the same run; \"floor\" rows are the hand-written")
print("encoders no app team writes, reported without a target. The same rows are in BENCHMARKS.json.")
print()
print("| row | platform | imbridge | baseline | baseline figure | ratio | target | |")
print("|---|---|---:|---|---:|---:|---|---|")
for t in table:
    unit = "bytes" if "bytes" in t else "ns"
    value = t.get("bytes", t.get("library_ns"))
    targeted = not t["target"].startswith(("stated", "—"))
    met = verdict(t["met"]) if t["met"] is not None else ("**missing**" if targeted or value is None else "")
    rat = "—" if t["ratio"] is None else f"{t['ratio']:.2f}×"
    print(f"| {t['row']} | {t['platform']} | {fig(value, unit)} | {t['baseline'] or '—'} | "
          f"{fig(t['baseline_ns'], unit) if t['baseline'] else '—'} | {rat} | {t['target']} | {met} |")
print()
for lang, key, label in (("kotlin", "burst_library_jni", "JVM library"), ("kotlin", "burst_kotlinx", "kotlinx.serialization"),
                         ("kotlin", "burst_orgjson", "org.json"), ("swift", "burst_library", "Swift library"),
                         ("swift", "burst_codable", "Codable"), ("swift", "burst_jsonserialization", "JSONSerialization")):
    v = r(lang, key)
    if v is not None:
        a = alloc.get((lang, key))
        extra = f", {a:,.0f} bytes allocated on the JVM heap per message" if a is not None else ""
        print(f"- Burst, {label}: {v * 10_000 / 1e6:,.1f} ms per 10,000 messages ({v:,.0f} ns per message{extra}).")
print("- JVM allocation is counted by `ThreadMXBean.getThreadAllocatedBytes`; the library's own (Rust) allocations are not on the JVM heap and not counted. Swift allocation is not counted.")
print()

# Why a target was missed, from this run's own figures.
missed = [t for t in table if t["met"] is False]
if missed:
    print("### Missed targets, and why (this run's figures)")
    print()
    rust_send = median("wire/build_and_encode_c2c_text")
    rust_pipeline = median("incoming_per_100_messages/pipeline_3_listeners_batch/100")
    rust_pipeline = rust_pipeline and rust_pipeline / 100
    names = {t["row"] for t in missed}
    if any(n.startswith("send one text message") and "JNI" in n or "UniFFI record over JNA" in n for n in names):
        jni, kx = r("kotlin", "send_library_jni"), r("kotlin", "send_kotlinx")
        noop, batch = r("kotlin", "a_noop_jni"), r("kotlin", "c_encode_batch100_jni")
        if jni and kx and rust_send:
            print(f"- JVM send: of the library's {jni:,.0f} ns, building and encoding in Rust is {rust_send:,.0f} ns (criterion) "
                  f"and the JNI call itself {noop or 0:,.0f} ns; the other {jni - rust_send - (noop or 0):,.0f} ns are the strings "
                  "crossing as UTF-8 both ways and the result's frame. Batches of 100 per call cost "
                  f"{batch or 0:,.0f} ns per message, so that work is per message, not per call. kotlinx.serialization does the "
                  f"whole send in {kx:,.0f} ns on the JVM's JIT.")
    if any(n.startswith("login-sync burst") and "JNI" in n for n in names):
        lib, kx = r("kotlin", "burst_library_jni"), r("kotlin", "burst_kotlinx")
        if lib and kx and rust_pipeline:
            beyond = "so half of it is out of reach before anything crosses" if rust_pipeline > 0.5 * kx else "under half of it"
            print(f"- JVM burst: the Rust pipeline alone (criterion, batch 100, 3 Rust listeners) is {rust_pipeline:,.0f} ns per "
                  f"message, {rust_pipeline / kx:.2f}× kotlinx.serialization's whole pipeline ({kx:,.0f} ns), {beyond}. The rest of "
                  f"the library's {lib:,.0f} ns is the receipt's serialisation, the JNI copy and reading it on the JVM.")
    if any(n.startswith("stripped libimbridge.so") or n.startswith("iOS device slice") for n in names):
        print("- Size: see the code by crate below; the message module's serde decoders (each typed body decoded through "
              "serde_path_to_error for errors that name the field) are the largest part.")
    for t in missed:
        if not (t["row"].startswith(("send one text message", "login-sync burst", "stripped libimbridge.so", "iOS device slice"))):
            print(f"- {t['row']} ({t['platform']}): missed; no analysis in this report.")
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
    add(name, "rust", a, "serde_json plain struct", b, "≤ 1.3×", ok)
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
    add(f"incoming pipeline, 3 Rust listeners, batch {batch}", "rust", p, "serde_json decode", base, "≥ 1 M msg/s", p is not None and p <= 1000)
print()


def instruction_row(row, label, library, baseline, baseline_value, baseline_first=False):
    """One table line of instruction counts, and its row in BENCHMARKS.json."""
    show = lambda v: "missing" if v is None else f"{v:,.0f}"
    figures = (baseline_value, library) if baseline_first else (library, baseline_value)
    print(f"| {label} | {show(figures[0])} | {show(figures[1])} | {ratio(library, baseline_value)} |")
    table.append({"row": row, "platform": "rust", "instructions": library, "baseline": baseline,
                  "baseline_instructions": baseline_value,
                  "ratio": round(library / baseline_value, 3) if library and baseline_value else None,
                  "target": "stated, no target", "met": None})


print("### Instructions per message (callgrind)")
print()
print("Counted by `valgrind --tool=callgrind` on `core/benches/instructions.rs` (the same operations as the rows above,")
print("batch 1 for the pipeline): unlike the timings, these do not move with the machine's load.")
print()
print("| row | imbridge | baseline | ratio |")
print("|---|---:|---:|---:|")
for name, lib, base in (("wire encode C2C text (validated) vs serde_json plain struct", "encode_c2c_validated", "encode_baseline_serde_plain_struct"),
                        ("build + encode one text message vs serde_json plain struct", "build_and_encode_c2c_text", "encode_baseline_serde_plain_struct"),
                        ("wire decode C2C text vs serde_json plain struct", "decode_c2c", "decode_baseline_serde_plain_struct"),
                        ("incoming pipeline, 3 Rust listeners, batch 1 vs serde_json decode", "pipeline_3_listeners_per_message",
                         "pipeline_baseline_serde_decode_per_message")):
    instruction_row(f"instructions: {name}", name, instructions.get(f"ir_{lib}"), "serde_json plain struct",
                    instructions.get(f"ir_{base}"))
print()


print("### The phone build's cost (callgrind)")
print()
print("The phones get the `mobile` profile (opt-level \"s\", std without its backtrace printer) for size. The same rows,")
print("built by the phones' compiler for this machine as `release` and as `mobile`, instructions per message:")
print()
print("| row | release (opt-level 3) | mobile (opt-level s) | mobile ÷ release |")
print("|---|---:|---:|---:|")
for row in ("encode_c2c_validated", "build_and_encode_c2c_text", "decode_c2c", "pipeline_3_listeners_per_message"):
    instruction_row(f"phone build cost: {row}", row, instructions.get(f"ir_phone_mobile_{row}"), "release profile (opt-level 3)",
                    instructions.get(f"ir_phone_release_{row}"), baseline_first=True)
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
    print(f"Best library path: {ns(best)} ns = {ratio(best, ref)} of (d), the hand-written floor (no target; "
          "the send targets are against the JSON libraries, in the headline rows).")
    print()
    print("| (e) dispatch, 3 listeners, JSON decode included | whole pipeline, ns/msg | per message per listener | ≤ 100 ns (old target) | each listener beyond the first |")
    print("|---|---:|---:|---|---:|")
    for key, label in e_rows:
        whole = rows.get((lang, key.replace("per_listener", "dispatch").replace("dispatch_uniffi", "dispatch_uniffi_listeners")))
        per = rows.get((lang, key))
        marginal = rows.get((lang, key.replace("per_listener", "marginal_listener")))
        print(f"| {label} | {ns(whole)} | {ns(per)} | {verdict(per is not None and per <= 100)} | {ns(marginal)} |")
    print()


print("## Kotlin on the JVM (JNA for UniFFI, JNI for the fast path)")
print()
lang_table("kotlin", "d_encode_plain_kotlin", "the StringBuilder floor",
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
lang_table("swift", "d_encode_plain_swift", "the byte-appender floor",
           [("b_encode_one_uniffi_record", "(b) build + encode one message per call (record)"),
            ("b_encode_one_flat", "(b′) one message per call (flat columns)"),
            ("c_encode_batch100_flat", "(c) batch of 100 per call (flat columns)")],
           [("a_noop_uniffi", "(a) no-op UniFFI call")],
           [("e_per_listener_fast_plans_batch1", "Dispatcher, batch 1"),
            ("e_per_listener_fast_plans_batch100", "Dispatcher, batch 100")])

print("## Size")
print()
size = int(open(os.path.join(out, "size.txt")).read())
print(f"Stripped release `libimbridge.so` (host x86_64, LTO, 1 codegen unit): **{size:,} bytes** ({size / 2**20:.2f} MiB). "
      "The per-ABI sizes and their targets are in the headline rows" + ("." if sizes else " (not built this run: BENCH_SKIP_CROSS=1)."))
add("stripped libimbridge.so, host x86_64 (Linux)", "rust", size, None, None, "stated, no target", None, unit="bytes")
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

if json_path:
    with open(json_path, "w") as f:
        json.dump(table, f, indent=2, ensure_ascii=False)
        f.write("\n")
