//! `imbridge outbox simulate` input: parse anything, run what parses (P1–P4).
#![no_main]
use imbridge_core::outbox::simulate::Scenario;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(scenario) = Scenario::parse(&String::from_utf8_lossy(data)) {
        let _ = scenario.run();
    }
});
