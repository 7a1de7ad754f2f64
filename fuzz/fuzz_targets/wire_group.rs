//! `send_group_msg` bodies: decode anything, and re-encode what decodes (M1–M4, M9).
#![no_main]
use imbridge_core::message::GroupMessage;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(message) = GroupMessage::decode(&String::from_utf8_lossy(data)) {
        let _ = message.encode(None, &Default::default());
    }
});
