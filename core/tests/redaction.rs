//! T5: no token or secret reaches a log line or a `Debug` string, across
//! every push scenario, the push state on disk and the diagnostics
//! snapshot. Each scenario's secrets are replaced by markers that cannot
//! occur by chance, every `log` record is captured at Trace, and each
//! marker is looked for in everything shown.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

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

fn with_markers(value: &mut Value, file: &str, markers: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                let secret = matches!(key.as_str(), "token" | "app_secret" | "master_secret");
                match v {
                    Value::String(s) if secret && !s.is_empty() => {
                        *s = format!("zq-{key}-{file}-{}-secret", markers.len());
                        markers.push(s.clone());
                    }
                    other => with_markers(other, file, markers),
                }
            }
        }
        Value::Array(items) => items
            .iter_mut()
            .for_each(|v| with_markers(v, file, markers)),
        _ => {}
    }
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
        with_markers(&mut root, &name, &mut markers);
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
        all_markers.extend(markers);
    }
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
        for marker in &all_markers {
            assert!(!line.contains(marker.as_str()), "secret shown: {line}");
        }
    }
    std::fs::write(
        common::reliability_dir().join("redaction-rust.json"),
        format!(
            r#"{{"lang":"rust","scenarios":{},"secrets":{},"log_lines":{},"debug_strings":{},"leaks":0}}"#,
            files.len(),
            all_markers.len(),
            logs.len(),
            shown_debug.len()
        ),
    )
    .unwrap();
}
