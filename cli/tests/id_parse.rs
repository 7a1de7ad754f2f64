//! `imbridge id parse` over the shared id vectors, run as a real process (SPEC M6, M12).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn vectors(path: &str) -> Value {
    let path = format!("{}/../tests/vectors/{path}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn imbridge(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_imbridge"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn lines(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn m6_id_parse_prints_what_the_shared_vectors_expect() {
    let file = vectors("ids/parse.json");
    let cases = file["vectors"].as_array().unwrap();
    assert!(cases.len() >= 15);
    for case in cases {
        let id = case["id"].as_str().unwrap();
        let out = imbridge(&["id", "parse", id], None);
        let [line] = lines(&out).try_into().unwrap();
        assert_eq!(line["id"], id);
        if case["expect"].is_null() {
            assert_eq!(out.status.code(), Some(1), "{id}");
            assert!(
                line["error"].as_str().unwrap().contains("is none of"),
                "{id}: {line}"
            );
        } else {
            assert!(out.status.success(), "{id}: {line}");
            let mut expected = case["expect"].clone();
            expected["id"] = Value::from(id);
            assert_eq!(line, expected, "{id}");
        }
    }
}

#[test]
fn m6_id_parse_reads_web_sdk_ids_from_stdin_one_per_line() {
    let file = vectors("interop/web_sdk.json");
    let ids = file["legacy_message_ids"].as_array().unwrap();
    let text: String = ids
        .iter()
        .map(|m| format!("{}\n", m["id"].as_str().unwrap()))
        .collect();
    let out = imbridge(&["id", "parse", "-"], Some(&format!("{text}\n")));
    assert!(out.status.success());
    let got = lines(&out);
    assert_eq!(got.len(), ids.len());
    for (line, m) in got.iter().zip(ids) {
        assert_eq!(line["kind"], "legacy_web_msg_id");
        for key in ["conversation", "msg_seq", "random", "sent_by_me"] {
            assert_eq!(line[key], m[key], "{key} of {}", m["id"]);
        }
    }
}

#[test]
fn m6_id_parse_exits_1_when_any_id_is_not_understood_and_2_without_ids() {
    let out = imbridge(&["id", "parse", "c2c_bob", "nonsense"], None);
    assert_eq!(out.status.code(), Some(1));
    let got = lines(&out);
    assert_eq!(got[0]["kind"], "conversation_id");
    assert_eq!(got[1]["id"], "nonsense");
    assert!(got[1].get("error").is_some());
    let out = imbridge(&["id", "parse"], None);
    assert_eq!(out.status.code(), Some(2));
}
