//! `imbridge outbox simulate` and `imbridge push simulate` over the shared
//! scenarios, run as real processes.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn dir(kind: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/vectors")
        .join(kind)
}

fn simulate(kind: &str, path: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_imbridge"))
        .args([kind, "simulate"])
        .arg(path)
        .output()
        .unwrap()
}

fn json_lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Every scenario of `kind` prints exactly its expected lines; returns how many ran.
fn assert_scenarios(kind: &str) -> usize {
    let mut count = 0;
    for entry in std::fs::read_dir(dir(kind)).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let out = simulate(kind, &path);
        assert!(
            out.status.success(),
            "{}: {}",
            path.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        let expected = std::fs::read_to_string(path.with_extension("expected.jsonl")).unwrap();
        assert_eq!(
            json_lines(&String::from_utf8(out.stdout).unwrap()),
            json_lines(&expected),
            "{}",
            path.display()
        );
        count += 1;
    }
    count
}

/// Every invalid scenario of `kind` exits 1 with `error[…]` on stderr and nothing on stdout.
fn assert_invalid(kind: &str) {
    for entry in std::fs::read_dir(dir(kind).join("invalid")).unwrap() {
        let path = entry.unwrap().path();
        let out = simulate(kind, &path);
        assert_eq!(out.status.code(), Some(1), "{}", path.display());
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.starts_with("error["), "{}: {stderr}", path.display());
        assert!(out.stdout.is_empty(), "{}", path.display());
    }
}

#[test]
fn p3_outbox_simulate_prints_exactly_the_expected_lines() {
    assert!(assert_scenarios("outbox") >= 7);
}

#[test]
fn p3_outbox_simulate_rejects_invalid_input_with_a_clear_message() {
    assert_invalid("outbox");
}

#[test]
fn t2_push_simulate_prints_one_line_per_event_as_expected() {
    assert!(assert_scenarios("push") >= 8);
}

#[test]
fn t1_push_simulate_rejects_invalid_input_with_a_clear_message() {
    assert_invalid("push");
}

#[test]
fn simulate_usage_errors_exit_2() {
    for kind in ["outbox", "push"] {
        let out = Command::new(env!("CARGO_BIN_EXE_imbridge"))
            .args([kind, "simulate"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{kind}");
    }
}
