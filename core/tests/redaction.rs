//! T5: no token or secret reaches a log line, a `Debug` or `Display`
//! string, an error message or a diagnostics snapshot or finding — not even
//! in part — across every push scenario, valid and invalid. Each secret is
//! replaced by a marker of 24 letters from g–z / G–Z (no hex digit, so a
//! fingerprint can never match one), every `log` record is captured at
//! Trace, and every 6-character piece of every marker is looked for in
//! everything shown.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use imbridge_core::push::simulate::PushScenario;
use imbridge_core::push::{PushEvent, PushMachine, PushStore};
use serde_json::Value;
use std::path::Path;
use std::sync::Mutex;

static SHOWN: Mutex<Vec<String>> = Mutex::new(Vec::new());

struct Capture;

impl log::Log for Capture {
    fn enabled(&self, _: &log::Metadata<'_>) -> bool {
        true
    }
    fn log(&self, record: &log::Record<'_>) {
        SHOWN
            .lock()
            .unwrap()
            .push(format!("{} {}", record.target(), record.args()));
    }
    fn flush(&self) {}
}

/// A 24-letter marker with no hex digit, different for each `n`.
fn marker(n: usize) -> String {
    const LETTERS: &[u8] = b"ghijklmnopqrstuvwxyzGHIJKLMNOPQRSTUVWXYZ";
    let mut rng = fastrand::Rng::with_seed(0x5eed_0000 + n as u64);
    (0..24)
        .map(|_| char::from(LETTERS[rng.usize(..LETTERS.len())]))
        .collect()
}

fn with_markers(value: &mut Value, markers: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                let secret = matches!(key.as_str(), "token" | "app_secret" | "master_secret");
                match v {
                    Value::String(s) if secret && !s.is_empty() => {
                        *s = marker(markers.len());
                        markers.push(s.clone());
                    }
                    other => with_markers(other, markers),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| with_markers(v, markers)),
        _ => {}
    }
}

/// The first 6-character piece of a marker that `line` shows, if any.
fn leak<'a>(line: &str, markers: &'a [String]) -> Option<&'a str> {
    markers.iter().find_map(|m| {
        (0..=m.len() - 6)
            .map(|i| &m[i..i + 6])
            .find(|piece| line.contains(piece))
    })
}

#[test]
fn t5_no_secret_in_logs_or_debug_output_across_every_push_scenario() {
    static CAPTURE: Capture = Capture;
    log::set_logger(&CAPTURE).unwrap();
    log::set_max_level(log::LevelFilter::Trace);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/push");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    let mut all_markers = Vec::new();
    let mut shown_debug = Vec::new();
    for file in &files {
        let name = file.file_stem().unwrap().to_string_lossy().to_string();
        let mut root: Value =
            serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        let mut markers = Vec::new();
        with_markers(&mut root, &mut markers);
        let markers: Vec<String> = markers
            .into_iter()
            .map(|m| {
                // Unique across files: re-draw with the global count.
                let fresh = marker(all_markers.len() + 1000);
                let text = root.to_string().replace(&m, &fresh);
                root = serde_json::from_str(&text).unwrap();
                all_markers.push(fresh.clone());
                fresh
            })
            .collect();
        let scenario = PushScenario::parse(&root.to_string()).unwrap();
        shown_debug.push(format!("{scenario:?}"));
        scenario.run().unwrap();

        // The same channel driven by hand, saved and restored from disk.
        let config: imbridge_core::push::PushChannelConfig =
            serde_json::from_value(root["channel"].clone()).unwrap();
        shown_debug.push(format!("{config:?}"));
        let store = PushStore::at(std::env::temp_dir().join(format!(
            "imbridge-redact-{name}-{}.json",
            std::process::id()
        )));
        let mut machine = PushMachine::new(config.clone()).unwrap();
        for event in root["events"].as_array().unwrap() {
            if let Some(token) = event["token"].as_str() {
                let event = PushEvent::Token {
                    token: imbridge_core::redact::Secret::new(token),
                };
                shown_debug.push(format!("{event:?}"));
                let actions = machine.handle_and_save(0, event, &store);
                shown_debug.push(format!("{actions:?} {machine:?}"));
            }
        }
        let (restored, problem) = PushMachine::restore(config, &store).unwrap();
        shown_debug.push(format!("{restored:?} {problem:?}"));
        let _ = std::fs::remove_file(store.path());
        let _ = markers;
    }
    // Invalid scenarios and configs: every error, shown both ways, and what
    // a failing run logs.
    let invalid_dir = dir.join("invalid");
    let mut invalid: Vec<_> = std::fs::read_dir(&invalid_dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    invalid.sort();
    let mut errors = 0;
    for file in &invalid {
        let text = std::fs::read_to_string(file).unwrap();
        let mut root: Value = match serde_json::from_str(&text) {
            Ok(root) => root,
            Err(_) => continue,
        };
        let mut markers = Vec::new();
        with_markers(&mut root, &mut markers);
        let fresh: Vec<String> = markers
            .iter()
            .map(|_| marker(all_markers.len() + 5000))
            .collect();
        let mut text = root.to_string();
        for (m, f) in markers.iter().zip(&fresh) {
            text = text.replace(m, f);
            all_markers.push(f.clone());
        }
        match PushScenario::parse(&text).and_then(|s| s.run().map(|_| s)) {
            Ok(s) => shown_debug.push(format!("{s:?}")),
            Err(e) => {
                errors += 1;
                shown_debug.push(format!("{e} {e:?}"));
            }
        }
    }
    // Configs that are invalid only because of their secrets: OPPO with the
    // AppSecret as MasterSecret, with no MasterSecret, and an empty token.
    let app_secret = marker(9000);
    let token = marker(9001);
    all_markers.extend([app_secret.clone(), token.clone()]);
    for config in [
        serde_json::json!({"vendor": "oppo", "business_id": 1, "app_secret": app_secret, "master_secret": app_secret, "channel_id": "c"}),
        serde_json::json!({"vendor": "oppo", "business_id": 1, "app_secret": app_secret, "channel_id": "c"}),
    ] {
        let config: imbridge_core::push::PushChannelConfig =
            serde_json::from_value(config).unwrap();
        shown_debug.push(format!("{config:?}"));
        let e = PushMachine::new(config).unwrap_err();
        errors += 1;
        shown_debug.push(format!("{e} {e:?}"));
    }
    let mut machine = PushMachine::new(
        serde_json::from_value(
            serde_json::json!({"vendor": "fcm", "business_id": 1, "app_version": "1"}),
        )
        .unwrap(),
    )
    .unwrap();
    machine.handle(0, PushEvent::Enable).unwrap();
    machine
        .handle(
            1,
            PushEvent::Token {
                token: imbridge_core::redact::Secret::new(token.as_str()),
            },
        )
        .unwrap();
    machine
        .handle(
            2,
            PushEvent::Login {
                user_id: "alice".into(),
            },
        )
        .unwrap();
    shown_debug.push(format!("{machine:?} {:?}", machine.status()));
    // The diagnostics snapshot and its findings.
    let snapshot = imbridge_core::doctor::export_snapshot(
        &imbridge_core::doctor::Live {
            channels: vec![&machine],
            ..Default::default()
        },
        imbridge_core::doctor::AppFacts::default(),
    );
    shown_debug.push(serde_json::to_string(&snapshot).unwrap());
    for finding in imbridge_core::doctor::diagnose(&snapshot) {
        shown_debug.push(format!("{finding:?}"));
    }
    assert!(
        errors >= 8,
        "only {errors} invalid inputs gave an error: nothing was checked"
    );
    let logs = SHOWN.lock().unwrap().clone();
    assert!(
        !logs.is_empty(),
        "no log line was captured: nothing was checked"
    );
    assert!(
        shown_debug.iter().any(|s| s.contains("Secret(#")),
        "no secret was shown at all: nothing was checked"
    );
    for line in logs.iter().chain(&shown_debug) {
        if let Some(piece) = leak(line, &all_markers) {
            panic!("part of a secret ({piece}) shown: {line}");
        }
    }
    std::fs::write(
        common::reliability_dir().join("redaction-rust.json"),
        format!(
            r#"{{"lang":"rust","scenarios":{},"invalid_inputs":{},"secrets":{},"log_lines":{},"debug_strings":{},"leaks":0,"leak_check":"any 6-character piece"}}"#,
            files.len(),
            invalid.len() + 2,
            all_markers.len(),
            logs.len(),
            shown_debug.len()
        ),
    )
    .unwrap();
}
