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

/// The healthy snapshot with `change` applied to its JSON.
fn healthy_with(change: impl FnOnce(&mut serde_json::Value)) -> Snapshot {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../examples/snapshots/healthy.json");
    let mut json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    change(&mut json);
    Snapshot::parse(&json.to_string()).unwrap()
}

#[test]
fn g_a_snapshot_without_sections_says_which_checks_did_not_run() {
    let findings = diagnose(&Snapshot::parse(r#"{"version": 1}"#).unwrap());
    assert_eq!(findings.len(), 1, "{findings:?}");
    let f = &findings[0];
    assert_eq!(f.id, "g.not_checked");
    assert_eq!(f.severity, imbridge_core::doctor::Severity::Info);
    for rule in RULES {
        assert!(
            f.evidence.contains(rule.id),
            "{} missing from {}",
            rule.id,
            f.evidence
        );
    }
    let without_listeners = diagnose(&healthy_with(|j| {
        j.as_object_mut().unwrap().remove("listeners");
    }));
    assert_eq!(without_listeners.len(), 1);
    assert_eq!(
        without_listeners[0].evidence,
        "not checked — no listeners: q2.dropped_not_member, q2.no_listener, q2.consumed_by_earlier_listener"
    );
}

#[test]
fn g_messages_dropped_as_misrouted_are_a_finding() {
    let findings = diagnose(&healthy_with(|j| {
        j["listeners"]["dropped"] = serde_json::json!({"misrouted": 3});
    }));
    let ids: Vec<&str> = findings.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, ["q2.wrong_recipient"]);
    assert_eq!(
        findings[0].evidence,
        "3 message(s) for another user than bob were dropped (misrouted)"
    );
}

#[test]
fn g_no_listener_shows_what_waits_in_the_buffer() {
    let findings = diagnose(&healthy_with(|j| {
        j["listeners"] = serde_json::json!({"count": 0, "buffered": 12});
    }));
    assert_eq!(findings[0].id, "q2.no_listener");
    assert_eq!(
        findings[0].evidence,
        "0 listeners registered; 12 message(s) waiting in the buffer, 0 dropped because it was full"
    );
}

#[test]
fn g_evidence_reads_as_plain_words_never_rust_debug() {
    for rule in RULES {
        for finding in diagnose(&snapshot(rule.id)) {
            for debug in ["Some(", "None", "\"", "{", "["] {
                assert!(
                    !finding.evidence.contains(debug),
                    "{}: {:?} in {}",
                    finding.id,
                    debug,
                    finding.evidence
                );
            }
        }
    }
}

/// `g.not_checked` lists only rules that did not run: every rule that
/// fired on a snapshot with missing sections is absent from its evidence
/// (here `q2.wrong_recipient` and `q2.dropped_not_member`, which fire from
/// the dispatcher's counts without a message).
#[test]
fn g_not_checked_never_names_a_rule_that_fired() {
    let text = r#"{"version": 1,
        "recipient": {"logged_in_user": "bob"},
        "listeners": {"count": 1, "mode": "observer", "dropped": {"misrouted": 2, "not_member": 3}}}"#;
    let findings = diagnose(&Snapshot::parse(text).unwrap());
    let ids: Vec<&str> = findings.iter().map(|f| f.id.as_str()).collect();
    assert!(ids.contains(&"q2.wrong_recipient"), "{ids:?}");
    assert!(ids.contains(&"q2.dropped_not_member"), "{ids:?}");
    let not_checked = findings.iter().find(|f| f.id == "g.not_checked").unwrap();
    for fired in ids.iter().filter(|id| **id != "g.not_checked") {
        assert!(
            !not_checked.evidence.contains(fired),
            "{fired} fired and is listed: {}",
            not_checked.evidence
        );
    }
    // A rule that needs the missing message and did not fire is listed.
    assert!(
        not_checked.evidence.contains("q2.not_sent"),
        "{}",
        not_checked.evidence
    );
}

/// D4: messages dropped as `not_member` are a finding naming the count and
/// the groups the dispatcher knows.
#[test]
fn q2_dropped_not_member_names_the_count_and_the_known_groups() {
    let findings = diagnose(&snapshot("q2.dropped_not_member"));
    assert_eq!(findings.len(), 1);
    assert_eq!(
        findings[0].evidence,
        "4 group message(s) were dropped (not_member); the dispatcher knows only @TGS#_team"
    );
}
