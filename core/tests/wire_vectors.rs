//! The shared wire vectors (`tests/vectors/wire/`), as the Kotlin and Swift
//! suites read them: every valid body round-trips unchanged, every invalid
//! one fails with the documented code and field (SPEC M1–M10).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use imbridge_core::message::{GroupType, MessageError, MessageLimits, SendBody};
use serde_json::Value;
use std::path::PathBuf;

fn vectors_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/wire")
}

struct Vector {
    file: String,
    expect: String,
    field: Option<String>,
    group_type: Option<GroupType>,
    text: String,
}

fn vectors() -> Vec<Vector> {
    let index: Value =
        serde_json::from_str(&std::fs::read_to_string(vectors_dir().join("index.json")).unwrap())
            .unwrap();
    index["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            let file = v["file"].as_str().unwrap().to_string();
            Vector {
                text: std::fs::read_to_string(vectors_dir().join(&file)).unwrap(),
                file,
                expect: v["expect"].as_str().unwrap().to_string(),
                field: v.get("field").and_then(Value::as_str).map(str::to_string),
                group_type: v
                    .get("group_type")
                    .and_then(Value::as_str)
                    .map(|t| GroupType::from_name(t).unwrap()),
            }
        })
        .collect()
}

#[test]
fn m1_m4_every_valid_vector_round_trips_unchanged() {
    let mut count = 0;
    for v in vectors().iter().filter(|v| v.expect == "ok") {
        let out = SendBody::check(&v.text, v.group_type, &MessageLimits::default())
            .unwrap_or_else(|e| panic!("{}: {e}", v.file));
        let input: Value = serde_json::from_str(&v.text).unwrap();
        let output: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(input, output, "{} did not round-trip", v.file);
        count += 1;
    }
    assert!(count >= 15, "only {count} valid vectors");
}

#[test]
fn x3_every_invalid_vector_fails_with_its_code_and_field() {
    let mut count = 0;
    for v in vectors().iter().filter(|v| v.expect != "ok") {
        let err = SendBody::check(&v.text, v.group_type, &MessageLimits::default())
            .err()
            .unwrap_or_else(|| panic!("{} was accepted", v.file));
        assert_eq!(err.code_or_name(), v.expect, "{}: {err}", v.file);
        if let Some(field) = &v.field {
            match &err {
                MessageError::InvalidField { field: got, .. } => {
                    assert_eq!(got, field, "{}: {err}", v.file)
                }
                other => panic!(
                    "{}: expected a field error naming {field}, got {other}",
                    v.file
                ),
            }
        }
        count += 1;
    }
    assert!(count >= 30, "only {count} invalid vectors");
}

#[test]
fn m3_m4_encode_then_typed_decode_is_lossless() {
    for v in vectors().iter().filter(|v| v.expect == "ok") {
        match SendBody::decode(&v.text).unwrap() {
            SendBody::C2c(m) => {
                let again = imbridge_core::message::C2cMessage::decode(
                    &m.encode(&MessageLimits::default()).unwrap(),
                )
                .unwrap();
                assert_eq!(again, m, "{}", v.file);
            }
            SendBody::Group(m) => {
                let json = m.encode(v.group_type, &MessageLimits::default()).unwrap();
                let again = imbridge_core::message::GroupMessage::decode(&json).unwrap();
                assert_eq!(again, m, "{}", v.file);
            }
        }
    }
}
