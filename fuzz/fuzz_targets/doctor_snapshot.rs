//! Doctor snapshots (G): parse anything, diagnose what parses.
#![no_main]
use imbridge_core::doctor::{diagnose, Snapshot};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(snapshot) = Snapshot::parse(&String::from_utf8_lossy(data)) {
        let _ = diagnose(&snapshot);
    }
});
