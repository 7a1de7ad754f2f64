//! SPEC G: every rule fires on its example snapshot in
//! `examples/snapshots/<rule id>.json` (and nothing else does), and the
//! healthy snapshot gives no finding at all.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use imbridge_core::doctor::{diagnose, Snapshot, RULES};
use std::path::PathBuf;

fn snapshot(name: &str) -> Snapshot {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join(format!("../examples/snapshots/{name}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Snapshot::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn g_healthy_snapshot_has_no_finding() {
    assert_eq!(diagnose(&snapshot("healthy")), vec![]);
}

#[test]
fn g_every_rule_fires_on_its_example_and_only_it() {
    for rule in RULES {
        let findings = diagnose(&snapshot(rule.id));
        let ids: Vec<&str> = findings.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, [rule.id], "{}", rule.id);
        assert!(!findings[0].evidence.is_empty());
        assert!(!findings[0].fix.is_empty());
    }
}

#[test]
fn g_rules_cover_every_checklist_item_of_q2_and_q3() {
    let covered: Vec<&str> = RULES.iter().map(|r| r.covers).collect();
    for item in [
        "sent successfully",
        "recipient has logged in",
        "conversation",
        "group member",
        "listener has been registered",
        "addElement",
        "returned true",
        "certificate has been uploaded",
        "token was uploaded",
        "certificate ID was reported",
        "foreground/background",
        "TIMCustomElem",
        "MsgRandom",
        "no-alert",
        "main process",
        "vendor channel",
        "MasterSecret",
        "recipient ID",
        "offline push listener",
        "notifications are enabled",
        "MsgLifeTime 0",
        "offline push is enabled for the message",
    ] {
        assert!(
            covered.iter().any(|c| c.contains(item)),
            "no rule covers {item:?}"
        );
    }
}

#[test]
fn g_malformed_snapshots_are_typed_errors() {
    for bad in [
        "{",
        "{\"version\": 2}",
        "{\"version\": 1, \"surprise\": 1}",
        "[]",
    ] {
        assert!(Snapshot::parse(bad).is_err(), "{bad}");
    }
    let unreadable = Snapshot::parse(r#"{"version":1,"message":{"body":{"nothing":1}}}"#).unwrap();
    assert_eq!(diagnose(&unreadable)[0].id, "g.message_unreadable");
}
