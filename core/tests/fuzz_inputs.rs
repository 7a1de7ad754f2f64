//! Hostile input for every decoder and simulator input (reliability).
//!
//! A mutation fuzzer on the stable toolchain: seeded from `tests/vectors/`
//! and `examples/snapshots/`, it flips, inserts, deletes, splices and
//! truncates bytes, swaps numbers for extreme ones and nests deeply, and
//! feeds each input to one target. Every target must end in `Ok` or a typed
//! error: a panic fails the test and the input is written to
//! `target/fuzz-crashes/` (then kept as a regression vector in
//! `tests/vectors/fuzz-regressions/<target>/`, which is replayed first).
//!
//! Not coverage-guided: that is `fuzz/` (cargo-fuzz, `scripts/fuzz.sh`),
//! whose targets share these names, so a crash it finds is kept in
//! `tests/vectors/fuzz-regressions/<target>/` and replayed here on the
//! stable toolchain in every test run. Time per target:
//! `IMBRIDGE_FUZZ_SECONDS` (default 2; CI runs 60). Executions per target
//! go to `target/reliability/fuzz.jsonl` for RELIABILITY.md.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use imbridge_core::dispatch::{Dispatcher, Incoming};
use imbridge_core::doctor::Snapshot;
use imbridge_core::message::{C2cMessage, GroupMessage};
use imbridge_core::outbox::simulate::Scenario;
use imbridge_core::push::simulate::PushScenario;
use imbridge_core::push::{PushFacts, PushStore, PushVendor};
use imbridge_core::redact::Secret;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn seeds_from(dirs: &[&str]) -> Vec<Vec<u8>> {
    let mut seeds = Vec::new();
    for dir in dirs {
        let mut stack = vec![repo().join(dir)];
        while let Some(path) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&path) else {
                continue;
            };
            for entry in entries.flatten() {
                let p = entry.path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|e| e == "json" || e == "jsonl") {
                    seeds.push(std::fs::read(&p).unwrap());
                }
            }
        }
    }
    seeds.sort();
    assert!(!seeds.is_empty(), "no seeds under {dirs:?}");
    seeds
}

const EXTREMES: &[&str] = &[
    "18446744073709551616",
    "-1",
    "-9223372036854775809",
    "1e309",
    "NaN",
    "0.5",
    "null",
    "\"\"",
    "\"\\ud800\"",
    "{}",
    "[]",
    "true",
];

/// One mutated input from the seeds.
fn mutate(rng: &mut fastrand::Rng, seeds: &[Vec<u8>]) -> Vec<u8> {
    let mut input = seeds[rng.usize(..seeds.len())].clone();
    for _ in 0..rng.usize(1..=4) {
        let len = input.len();
        match rng.u8(..9) {
            0 if len > 0 => input[rng.usize(..len)] = rng.u8(..),
            1 => input.insert(rng.usize(..=len), rng.u8(..)),
            2 if len > 0 => {
                let at = rng.usize(..len);
                let end = (at + rng.usize(1..=16)).min(len);
                input.drain(at..end);
            }
            3 if len > 0 => input.truncate(rng.usize(..len)),
            4 => {
                let other = &seeds[rng.usize(..seeds.len())];
                if !other.is_empty() {
                    let from = rng.usize(..other.len());
                    let end = (from + rng.usize(1..=64)).min(other.len());
                    let at = rng.usize(..=len);
                    input.splice(at..at, other[from..end].iter().copied());
                }
            }
            5 => {
                // Replace a run of digits with an extreme value.
                if let Some(start) = (0..len)
                    .map(|_| rng.usize(..len.max(1)))
                    .find(|&i| input.get(i).is_some_and(u8::is_ascii_digit))
                {
                    let end = (start..len)
                        .find(|&i| !input[i].is_ascii_digit())
                        .unwrap_or(len);
                    let value = EXTREMES[rng.usize(..EXTREMES.len())].as_bytes();
                    input.splice(start..end, value.iter().copied());
                }
            }
            6 => {
                // Replace a string value with an extreme one.
                let quotes: Vec<usize> = (0..len).filter(|&i| input[i] == b'"').collect();
                if quotes.len() >= 2 {
                    let q = rng.usize(..quotes.len() - 1);
                    let value = EXTREMES[rng.usize(..EXTREMES.len())].as_bytes();
                    input.splice(quotes[q]..=quotes[q + 1], value.iter().copied());
                }
            }
            7 => {
                let depth = rng.usize(1..=2_000);
                let at = rng.usize(..=len);
                let open: Vec<u8> = std::iter::repeat_n(b'[', depth).collect();
                input.splice(at..at, open);
            }
            _ => {
                let n = rng.usize(1..=4096);
                let at = rng.usize(..=len);
                input.splice(at..at, std::iter::repeat_n(b'a', n));
            }
        }
    }
    input
}

/// Runs `target` on the regressions, then on mutated seeds for the time
/// budget; fails on the first panic, after saving the input.
fn fuzz(name: &str, seed_dirs: &[&str], target: impl Fn(&[u8])) {
    fuzz_seeded(name, seeds_from(seed_dirs), target);
}

fn fuzz_seeded(name: &str, seeds: Vec<Vec<u8>>, target: impl Fn(&[u8])) {
    let seconds: u64 = std::env::var("IMBRIDGE_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2);
    let regressions = repo().join("tests/vectors/fuzz-regressions").join(name);
    let mut replayed = 0;
    if let Ok(entries) = std::fs::read_dir(&regressions) {
        for entry in entries.flatten() {
            let input = std::fs::read(entry.path()).unwrap();
            assert!(
                catch_unwind(AssertUnwindSafe(|| target(&input))).is_ok(),
                "{name}: regression {} panics again",
                entry.path().display()
            );
            replayed += 1;
        }
    }
    // Panics are expected to be caught here; keep their messages off stderr.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let mut rng = fastrand::Rng::with_seed(seconds ^ 0x1b_b1d6e);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut executions: u64 = 0;
    let mut crash = None;
    for seed in &seeds {
        if catch_unwind(AssertUnwindSafe(|| target(seed))).is_err() {
            crash = Some(seed.clone());
            break;
        }
        executions += 1;
    }
    while crash.is_none() && Instant::now() < deadline {
        for _ in 0..64 {
            let input = mutate(&mut rng, &seeds);
            if catch_unwind(AssertUnwindSafe(|| target(&input))).is_err() {
                crash = Some(input);
                break;
            }
            executions += 1;
        }
    }
    std::panic::set_hook(hook);
    if let Some(input) = crash {
        let dir = repo().join("target/fuzz-crashes");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{name}-{executions}.bin"));
        std::fs::write(&path, &input).unwrap();
        panic!("{name}: panic on input saved to {}", path.display());
    }
    common::append_line(
        "fuzz.jsonl",
        &format!(
            r#"{{"target":"{name}","seconds":{seconds},"executions":{executions},"seeds":{},"regressions":{replayed},"panics":0}}"#,
            seeds.len()
        ),
    );
}

fn text(input: &[u8]) -> String {
    String::from_utf8_lossy(input).into_owned()
}

#[test]
fn fuzz_wire_c2c_decode_and_reencode() {
    fuzz("wire_c2c", &["tests/vectors/wire"], |input| {
        if let Ok(message) = C2cMessage::decode(&text(input)) {
            let _ = message.encode(&Default::default());
        }
    });
}

#[test]
fn fuzz_wire_group_decode_and_reencode() {
    fuzz("wire_group", &["tests/vectors/wire"], |input| {
        if let Ok(message) = GroupMessage::decode(&text(input)) {
            let _ = message.encode(None, &Default::default());
        }
    });
}

#[test]
fn fuzz_received_messages_through_the_dispatcher() {
    let dispatcher = Dispatcher::default();
    dispatcher.set_user(Some("bob".into()));
    fuzz("received", &["tests/vectors/wire"], |input| {
        let json = text(input);
        let _ = Incoming::decode(&json);
        let _ = dispatcher.receive_json_array(0, &format!("[{json}]"), None);
    });
}

#[test]
fn fuzz_push_state_files() {
    let path = std::env::temp_dir().join(format!("imbridge-fuzz-push-{}.json", std::process::id()));
    let store = PushStore::at(&path);
    // Real snapshot files as seeds, beside the push scenarios.
    let mut seeds = seeds_from(&["tests/vectors/push"]);
    let mut facts = PushFacts::default();
    store.save(PushVendor::Apns, &facts).unwrap();
    seeds.push(std::fs::read(&path).unwrap());
    facts.token = Some(Secret::new("a-device-token"));
    facts.user = Some("alice".into());
    facts.retry_at_ms = Some(u64::MAX);
    store.save(PushVendor::Oppo, &facts).unwrap();
    seeds.push(std::fs::read(&path).unwrap());
    let _ = std::fs::remove_file(&path);
    fuzz_seeded("push_state", seeds, |input| {
        for vendor in [PushVendor::Apns, PushVendor::Oppo] {
            let _ = store.decode(vendor, input);
        }
    });
}

#[test]
fn fuzz_doctor_snapshots() {
    fuzz("doctor_snapshot", &["examples/snapshots"], |input| {
        if let Ok(snapshot) = Snapshot::parse(&text(input)) {
            let _ = imbridge_core::doctor::diagnose(&snapshot);
        }
    });
}

#[test]
fn fuzz_outbox_simulate_input() {
    fuzz("outbox_simulate", &["tests/vectors/outbox"], |input| {
        if let Ok(scenario) = Scenario::parse(&text(input)) {
            let _ = scenario.run();
        }
    });
}

#[test]
fn fuzz_push_simulate_input() {
    fuzz("push_simulate", &["tests/vectors/push"], |input| {
        if let Ok(scenario) = PushScenario::parse(&text(input)) {
            let _ = scenario.run();
        }
    });
}

#[test]
fn fuzz_id_parse() {
    fuzz(
        "id_parse",
        &["tests/vectors/ids", "tests/vectors/interop"],
        |input| {
            let text = text(input);
            if let Ok(parsed) = imbridge_core::message::parse_id(&text) {
                let _ = parsed.kind();
            }
        },
    );
}

#[test]
#[should_panic(expected = "panic on input saved")]
fn the_harness_reports_a_panicking_target() {
    fuzz_seeded("self_check", vec![b"{}".to_vec()], |input| {
        assert!(input.len() < 2, "a target bug");
    });
}
