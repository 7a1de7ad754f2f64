//! Persisted push state files (T4): any bytes decode to a state or a typed error.
#![no_main]
use imbridge_core::push::{PushStore, PushVendor};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let store = PushStore::at(std::env::temp_dir().join("imbridge-fuzz-push-state.json"));
    for vendor in [PushVendor::Apns, PushVendor::Oppo] {
        let _ = store.decode(vendor, data);
    }
});
