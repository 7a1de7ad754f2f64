//! The shared push scenarios (`tests/vectors/push/`): each replayed through
//! `PushScenario::run` gives exactly the expected lines; each invalid one is
//! a typed error (SPEC T1–T3).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use imbridge_core::push::simulate::PushScenario;
use serde_json::Value;
use std::path::PathBuf;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/push")
}

#[test]
fn t2_every_scenario_gives_exactly_the_expected_lines() {
    let mut count = 0;
    for entry in std::fs::read_dir(dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let scenario = PushScenario::parse(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let expected: Vec<Value> = std::fs::read_to_string(path.with_extension("expected.jsonl"))
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(scenario.run().unwrap(), expected, "{}", path.display());
        count += 1;
    }
    assert!(count >= 8);
}

#[test]
fn t1_every_invalid_scenario_is_a_typed_error() {
    let mut count = 0;
    for entry in std::fs::read_dir(dir().join("invalid")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let result = PushScenario::parse(&text).and_then(|s| s.run());
        assert!(result.is_err(), "{} was accepted", path.display());
        count += 1;
    }
    assert!(count >= 9);
}
