//! The shared outbox scenarios (`tests/vectors/outbox/`): each replayed
//! through `Scenario::run` must give exactly the expected lines, and each
//! invalid scenario must be refused with a typed error (SPEC P1–P4).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use imbridge_core::outbox::simulate::{Outcome, Scenario};
use std::path::PathBuf;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/outbox")
}

fn scenarios() -> Vec<(String, String, Vec<Outcome>)> {
    let mut all: Vec<_> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| {
            let expected_path = p.with_extension("expected.jsonl");
            let expected = std::fs::read_to_string(&expected_path)
                .unwrap()
                .lines()
                .map(|l| serde_json::from_str(l).unwrap())
                .collect();
            (
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
                expected,
            )
        })
        .collect();
    all.sort_by(|a, b| a.0.cmp(&b.0));
    all
}

#[test]
fn p3_every_scenario_gives_exactly_the_expected_lines() {
    let all = scenarios();
    assert!(all.len() >= 7, "only {} scenarios", all.len());
    for (name, text, expected) in all {
        let scenario = Scenario::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(scenario.run().unwrap(), expected, "{name}");
        assert_eq!(
            expected.len(),
            scenario.messages.len(),
            "{name}: one line per message"
        );
    }
}

#[test]
fn p3_every_invalid_scenario_is_a_typed_error() {
    let mut count = 0;
    for entry in std::fs::read_dir(dir().join("invalid")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let result = Scenario::parse(&text).and_then(|s| s.run());
        assert!(result.is_err(), "{} was accepted", path.display());
        count += 1;
    }
    assert!(count >= 7);
}
