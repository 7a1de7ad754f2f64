//! `imbridge doctor` over the example snapshots, run as a real process.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;
use std::process::{Command, Output};

fn doctor(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_imbridge"))
        .arg("doctor")
        .args(args)
        .output()
        .unwrap()
}

fn example(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join(format!("../examples/snapshots/{name}.json"))
        .display()
        .to_string()
}

#[test]
fn g_doctor_names_the_finding_its_evidence_and_fix() {
    let out = doctor(&[&example("q2.no_listener")]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("error q2.no_listener: 0 listeners registered"),
        "{text}"
    );
    assert!(text.contains("fix: Register a message listener"), "{text}");
}

#[test]
fn g_doctor_on_a_healthy_snapshot_says_so() {
    let out = doctor(&[&example("healthy")]);
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim(),
        "no findings: every checked rule passed"
    );
}

#[test]
fn g_doctor_json_is_one_object_per_finding() {
    let out = doctor(&[&example("q3.oppo_app_secret"), "--json"]);
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["id"], "q3.oppo_app_secret");
    assert_eq!(lines[0]["severity"], "error");
}

#[test]
fn g_list_rules_shows_every_q2_and_q3_rule() {
    let out = doctor(&["--list-rules"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.lines().filter(|l| l.starts_with("q2.")).count() >= 7);
    assert!(text.lines().filter(|l| l.starts_with("q3.")).count() >= 14);
}

#[test]
fn g_doctor_rejects_a_malformed_snapshot() {
    let dir = std::env::temp_dir().join(format!("imbridge-doctor-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(
        &bad,
        r#"{"version": 1, "recipient": {"logged_in_user": 5}}"#,
    )
    .unwrap();
    let out = doctor(&[bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .starts_with("error[6017]: invalid recipient.logged_in_user"));
}
