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
    assert_eq!(out.status.code(), Some(1), "an error finding exits 1");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("errors (1):\n  q2.no_listener: 0 listeners registered"),
        "{text}"
    );
    assert!(text.contains("fix: Register a message listener"), "{text}");
}

#[test]
fn g_doctor_on_a_healthy_snapshot_says_so() {
    let out = doctor(&[&example("healthy")]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim(),
        "no findings: every checked rule passed"
    );
    let warnings_only = doctor(&[&example("q3.app_state_not_reported")]);
    assert!(warnings_only.status.success(), "warnings alone exit 0");
    assert!(String::from_utf8(warnings_only.stdout)
        .unwrap()
        .starts_with("warnings (1):"));
}

#[test]
fn g_doctor_lists_errors_before_warnings() {
    let dir = std::env::temp_dir().join(format!("imbridge-doctor-order-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mixed = dir.join("mixed.json");
    let mut snapshot: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(example("q3.app_state_not_reported")).unwrap(),
    )
    .unwrap();
    snapshot["recipient"]["notifications_enabled"] = serde_json::Value::Bool(false);
    std::fs::write(&mixed, snapshot.to_string()).unwrap();
    let text = String::from_utf8(doctor(&[mixed.to_str().unwrap()]).stdout).unwrap();
    let errors = text.find("errors (1)").unwrap();
    let warnings = text.find("warnings (1)").unwrap();
    assert!(errors < warnings, "{text}");
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
