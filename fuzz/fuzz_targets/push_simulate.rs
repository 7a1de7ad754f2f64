//! `imbridge push simulate` input: parse anything, run what parses (T1–T3).
#![no_main]
use imbridge_core::push::simulate::PushScenario;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(scenario) = PushScenario::parse(&String::from_utf8_lossy(data)) {
        let _ = scenario.run();
    }
});
