//! `sendmsg` bodies: decode anything, and re-encode what decodes (M1–M5).
#![no_main]
use imbridge_core::message::C2cMessage;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(message) = C2cMessage::decode(&String::from_utf8_lossy(data)) {
        let _ = message.encode(&Default::default());
    }
});
