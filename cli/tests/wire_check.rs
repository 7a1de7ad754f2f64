//! `imbridge wire check` over the shared vectors, run as a real process.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn vectors_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/wire")
}

fn imbridge(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_imbridge"))
        .args(args)
        .output()
        .unwrap()
}

fn index() -> Vec<Value> {
    let text = std::fs::read_to_string(vectors_dir().join("index.json")).unwrap();
    let index: Value = serde_json::from_str(&text).unwrap();
    index["vectors"].as_array().unwrap().clone()
}

fn args_for(v: &Value) -> Vec<String> {
    let mut args = vec![
        "wire".to_string(),
        "check".to_string(),
        vectors_dir()
            .join(v["file"].as_str().unwrap())
            .display()
            .to_string(),
    ];
    if let Some(t) = v.get("group_type").and_then(Value::as_str) {
        args.extend(["--group-type".to_string(), t.to_string()]);
    }
    args
}

#[test]
fn m1_wire_check_round_trips_every_valid_vector() {
    for v in index().iter().filter(|v| v["expect"] == "ok") {
        let args = args_for(v);
        let out = imbridge(&args.iter().map(String::as_str).collect::<Vec<_>>());
        assert!(
            out.status.success(),
            "{}: {}",
            v["file"],
            String::from_utf8_lossy(&out.stderr)
        );
        let input: Value = serde_json::from_str(
            &std::fs::read_to_string(vectors_dir().join(v["file"].as_str().unwrap())).unwrap(),
        )
        .unwrap();
        let output: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(input, output, "{}", v["file"]);
    }
}

#[test]
fn x3_wire_check_rejects_every_invalid_vector_with_its_code() {
    for v in index().iter().filter(|v| v["expect"] != "ok") {
        let args = args_for(v);
        let out = imbridge(&args.iter().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(out.status.code(), Some(1), "{}", v["file"]);
        let stderr = String::from_utf8(out.stderr).unwrap();
        let prefix = format!("error[{}]: ", v["expect"].as_str().unwrap());
        assert!(stderr.starts_with(&prefix), "{}: {stderr}", v["file"]);
        if let Some(field) = v.get("field").and_then(Value::as_str) {
            assert!(
                stderr.contains(field),
                "{}: {stderr} does not name {field}",
                v["file"]
            );
        }
        assert!(out.stdout.is_empty(), "{}", v["file"]);
    }
}

#[test]
fn m3_wire_check_reads_stdin() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_imbridge"))
        .args(["wire", "check", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let body = r#"{"SyncOtherMachine":2,"To_Account":"bob","MsgSeq":1,"MsgRandom":2,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi"}}]}"#;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(body.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap().trim(), body);
}

#[test]
fn cli_usage_errors_exit_2() {
    for args in [
        &["wire"][..],
        &["wire", "check"],
        &["wire", "check", "a", "--group-type", "Club"],
        &["nope"],
    ] {
        let out = imbridge(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stderr).starts_with("error[usage]: "));
    }
}

#[test]
fn cli_missing_file_is_an_io_error() {
    let out = imbridge(&["wire", "check", "/nonexistent/body.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("error[io]: "));
}
