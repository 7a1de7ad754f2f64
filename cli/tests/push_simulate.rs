//! `imbridge push simulate` over the shared scenarios, run as a real process.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/push")
}

fn simulate(path: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_imbridge"))
        .args(["push", "simulate"])
        .arg(path)
        .output()
        .unwrap()
}

#[test]
fn t2_simulate_prints_one_line_per_event_as_expected() {
    let mut count = 0;
    for entry in std::fs::read_dir(dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let out = simulate(&path);
        assert!(
            out.status.success(),
            "{}: {}",
            path.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        let got: Vec<Value> = String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let expected: Vec<Value> = std::fs::read_to_string(path.with_extension("expected.jsonl"))
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(got, expected, "{}", path.display());
        count += 1;
    }
    assert!(count >= 8);
}

#[test]
fn t1_simulate_rejects_invalid_input_with_a_clear_message() {
    for entry in std::fs::read_dir(dir().join("invalid")).unwrap() {
        let path = entry.unwrap().path();
        let out = simulate(&path);
        assert_eq!(out.status.code(), Some(1), "{}", path.display());
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.starts_with("error["), "{}: {stderr}", path.display());
    }
}
