//! `imbridge outbox simulate` over the shared scenarios, run as a real process.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;
use std::process::Command;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/outbox")
}

fn simulate(path: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_imbridge"))
        .args(["outbox", "simulate"])
        .arg(path)
        .output()
        .unwrap()
}

#[test]
fn p3_simulate_prints_exactly_the_expected_lines() {
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
        let expected = std::fs::read_to_string(path.with_extension("expected.jsonl")).unwrap();
        assert_eq!(
            String::from_utf8(out.stdout).unwrap(),
            expected,
            "{}",
            path.display()
        );
        count += 1;
    }
    assert!(count >= 7);
}

#[test]
fn p3_simulate_rejects_invalid_input_with_a_clear_message() {
    for entry in std::fs::read_dir(dir().join("invalid")).unwrap() {
        let path = entry.unwrap().path();
        let out = simulate(&path);
        assert_eq!(out.status.code(), Some(1), "{}", path.display());
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.starts_with("error["), "{}: {stderr}", path.display());
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn p3_simulate_usage_errors_exit_2() {
    let out = Command::new(env!("CARGO_BIN_EXE_imbridge"))
        .args(["outbox", "simulate"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
