//! The shared scenarios of `tests/vectors/outbox/` (SPEC P1–P4) and
//! `tests/vectors/push/` (SPEC T1–T3): each replayed gives exactly the
//! expected lines; each invalid one is a typed error.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use imbridge_core::message::MessageError;
use imbridge_core::outbox::simulate::Scenario;
use imbridge_core::push::simulate::PushScenario;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn dir(kind: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/vectors")
        .join(kind)
}

/// (scenario path, its text, the expected output lines) for every scenario of `kind`.
fn scenarios(kind: &str) -> Vec<(PathBuf, String, Vec<Value>)> {
    let mut all: Vec<_> = std::fs::read_dir(dir(kind))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| {
            let expected = std::fs::read_to_string(p.with_extension("expected.jsonl"))
                .unwrap()
                .lines()
                .map(|l| serde_json::from_str(l).unwrap())
                .collect();
            let text = std::fs::read_to_string(&p).unwrap();
            (p, text, expected)
        })
        .collect();
    all.sort_by(|a, b| a.0.cmp(&b.0));
    all
}

/// Every invalid scenario of `kind` must fail in `run`.
fn assert_invalid_rejected(kind: &str, run: impl Fn(&str) -> Result<(), MessageError>) -> usize {
    let mut count = 0;
    for entry in std::fs::read_dir(dir(kind).join("invalid")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            run(&text).is_err(),
            "{} was accepted",
            Path::new(&path).display()
        );
        count += 1;
    }
    count
}

#[test]
fn p3_every_outbox_scenario_gives_exactly_the_expected_lines() {
    let all = scenarios("outbox");
    assert!(all.len() >= 7, "only {} scenarios", all.len());
    for (path, text, expected) in all {
        let scenario = Scenario::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let got: Vec<Value> = scenario
            .run()
            .unwrap()
            .iter()
            .map(|o| serde_json::to_value(o).unwrap())
            .collect();
        assert_eq!(got, expected, "{}", path.display());
        assert_eq!(
            expected.len(),
            scenario.messages.len(),
            "{}: one line per message",
            path.display()
        );
    }
}

#[test]
fn p3_every_invalid_outbox_scenario_is_a_typed_error() {
    assert!(assert_invalid_rejected("outbox", |t| Scenario::parse(t)?.run().map(drop)) >= 7);
}

#[test]
fn t2_every_push_scenario_gives_exactly_the_expected_lines() {
    let all = scenarios("push");
    assert!(all.len() >= 8, "only {} scenarios", all.len());
    for (path, text, expected) in all {
        let scenario =
            PushScenario::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(scenario.run().unwrap(), expected, "{}", path.display());
    }
}

#[test]
fn t1_every_invalid_push_scenario_is_a_typed_error() {
    assert!(assert_invalid_rejected("push", |t| PushScenario::parse(t)?.run().map(drop)) >= 9);
}

#[test]
fn p4_a_scenario_at_the_end_of_the_clock_ends() {
    // A second message at u64::MAX can never be sent (its window never
    // opens): the replay must stop and report it queued, not poll forever.
    let max = u64::MAX;
    let json = format!(
        r#"{{"limits":{{"c2c_per_window":1}},"until_ms":{max},"messages":[
            {{"id":"a","at_ms":{max},"conversation":"c2c_bob","priority":"Normal"}},
            {{"id":"b","at_ms":{max},"conversation":"c2c_bob","priority":"Normal"}}]}}"#
    );
    let lines: Vec<Value> = Scenario::parse(&json)
        .unwrap()
        .run()
        .unwrap()
        .iter()
        .map(|o| serde_json::to_value(o).unwrap())
        .collect();
    assert_eq!(
        lines,
        [
            serde_json::json!({"id": "a", "sent_ms": max}),
            serde_json::json!({"id": "b", "queued": true}),
        ]
    );
}
