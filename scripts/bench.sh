#!/usr/bin/env bash
# Runs every benchmark and writes BENCHMARKS.md (ratios measured in one run):
#   scripts/bench.sh            full run (about 15 minutes on 2 cores)
#   BENCH_QUICK=1 scripts/bench.sh   smoke run: short, noisy, same rows
#
# - Rust: criterion benches of imbridge-core (wire, outbox, dispatch), each
#   against a baseline in the same group, and instruction counts of the
#   same rows under callgrind (core/benches/instructions.rs), which timing
#   noise cannot move.
# - Kotlin/JVM: CrossingBench (JUnit, tag "bench"), rows (a)–(e), UniFFI over
#   JNA against the JNI fast path and a plain-Kotlin reference.
# - Swift/Linux: the IMBridgeBench executable, release build, rows (a)–(e).
# - Size: the stripped release cdylib and its code by crate (scripts/size_by_crate.py),
#   and per ABI: the Android libraries and the iOS device slice from
#   scripts/build-targets.sh (BENCH_SKIP_CROSS=1 skips them; their rows then
#   show as missing).
# Writes BENCHMARKS.md and BENCHMARKS.json (the same rows, for tools).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

out=$root/target/bench
rm -rf "$out" && mkdir -p "$out"
results=$out/results.jsonl
: >"$results"

# The executable of the `instructions` bench, from cargo's JSON messages on stdin.
bench_executable() {
  python3 -c 'import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("executable") and m["target"]["name"] == "instructions":
        print(m["executable"])'
}

# Instructions per operation of each row of core/benches/instructions.rs
# built as BIN: callgrind runs it for 10 and for 1,010 operations, and the
# difference / 1,000 goes to results.jsonl as ir_<PREFIX><row>.
count_instructions() {
  local bin=$1 prefix=$2 row n
  for row in $("$bin" --list); do
    for n in 10 1010; do
      valgrind --tool=callgrind --callgrind-out-file="$out/callgrind.$prefix$row.$n" "$bin" "$row" "$n" 2>/dev/null
    done
    python3 - "$out/callgrind.$prefix$row" "$prefix$row" >>"$results" <<'PY'
import json, sys
base, row = sys.argv[1:]
def total(n):
    return next(int(l.split()[1]) for l in open(f"{base}.{n}") if l.startswith("totals:"))
print(json.dumps({"lang": "rust", "row": f"ir_{row}", "ir": (total(1010) - total(10)) / 1000}))
PY
  done
}

if [ "${BENCH_QUICK:-0}" = 1 ]; then
  criterion_args=(--warm-up-time 1 --measurement-time 1)
  scale=0.1
else
  criterion_args=(--warm-up-time 3 --measurement-time 10)
  scale=1
fi

echo "== Rust (criterion)"
for bench in wire outbox dispatch; do
  cargo bench -q -p imbridge-core --bench "$bench" -- "${criterion_args[@]}" >"$out/criterion-$bench.log" 2>&1
done

echo "== Rust instruction counts (callgrind)"
command -v valgrind >/dev/null || { apt-get update -qq && apt-get install -y -qq valgrind >/dev/null; }
count_instructions "$(cargo bench -q -p imbridge-core --bench instructions --no-run --message-format=json 2>/dev/null |
  bench_executable)" ""

echo "== size"
cargo build -q --release -p imbridge-ffi --lib
stat -c %s target/release/libimbridge.so >"$out/size.txt"
# The same build unstripped, in its own target dir, for the symbol table.
CARGO_PROFILE_RELEASE_STRIP=false CARGO_TARGET_DIR=target/unstripped \
  cargo build -q --release -p imbridge-ffi --lib
python3 scripts/size_by_crate.py target/unstripped/release/libimbridge.so >"$out/bloat.txt"
if [ "${BENCH_SKIP_CROSS:-0}" != 1 ]; then
  bash scripts/provision-cross.sh >/dev/null
  bash scripts/build-targets.sh android ios >"$out/cross.log" 2>&1 || { tail -40 "$out/cross.log"; exit 1; }
  python3 - "$out/sizes.json" <<'PY'
import glob, json, subprocess, sys, zipfile
dist = "target/dist"
sizes = {}
# The libraries as shipped: the entries of the AAR this run built.
aar = zipfile.ZipFile(max(glob.glob(f"{dist}/imbridge-android-*.aar")))
for abi, key in (("arm64-v8a", "android-arm64"), ("armeabi-v7a", "android-armv7"), ("x86_64", "android-x86_64"), ("x86", "android-x86")):
    sizes[key] = aar.getinfo(f"jni/{abi}/libimbridge.so").file_size
# A static archive holds what the app's linker may take: its members' code and data.
out = subprocess.run(["llvm-size", f"{dist}/IMBridgeFFI.xcframework/ios-arm64/libimbridge.a"],
                     capture_output=True, text=True, check=True).stdout
sizes["ios-arm64"] = sum(int(l.split()[0]) + int(l.split()[1]) for l in out.splitlines()[1:] if l.split() and l.split()[0].isdigit())
json.dump(sizes, open(sys.argv[1], "w"))
PY
  # What the phone build's size costs in speed: the instruction counts of
  # the same rows built by the phones' compiler for this machine, as the
  # release profile (opt-level 3) and as the phones' mobile profile.
  for profile in release mobile; do
    count_instructions "$(source scripts/cross-env.sh && CARGO_TARGET_DIR=$root/target/phone-cost \
      cargo build -q -Zbuild-std=std,panic_unwind -Zbuild-std-features=panic-unwind --target x86_64-unknown-linux-gnu \
        --profile "$profile" -p imbridge-core --bench instructions --message-format=json 2>/dev/null |
      bench_executable)" "phone_${profile}_"
  done
fi

echo "== Kotlin/JVM"
bash scripts/generate-bindings.sh kotlin
(cd tests/kotlin && mvn -q test -Dtest='CrossingBench,BaselineBench' -Dgroups=bench -DexcludedGroups=none \
  -Dimbridge.bench.out="$results" -Dimbridge.bench.scale="$scale" \
  >"$out/kotlin.log" 2>&1) || { cat "$out/kotlin.log"; exit 1; }

echo "== Swift"
IMBRIDGE_BENCH_OUT="$results" IMBRIDGE_BENCH_SCALE="$scale" \
  bash scripts/swift.sh run -c release IMBridgeBench >"$out/swift.log" 2>&1 || { tail -40 "$out/swift.log"; exit 1; }

python3 scripts/bench_report.py "$out" BENCHMARKS.json >BENCHMARKS.md
echo "wrote BENCHMARKS.md and BENCHMARKS.json"
