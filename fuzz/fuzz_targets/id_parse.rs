//! `imbridge id parse` (M6, M12): any text is an id of some kind or a typed
//! error, and an id's canonical text (what `Display` writes: no leading
//! zeros, the form it was written in) parses back to the same id.
#![no_main]
use imbridge_core::message::{parse_id, ParsedId};
use libfuzzer_sys::fuzz_target;

fn canonical(parsed: &ParsedId) -> String {
    match parsed {
        ParsedId::ClientMessage { id, .. } => id.to_string(),
        ParsedId::C2cServerKey { key, .. } => key.to_string(),
        ParsedId::GroupServerKey { key } => key.to_string(),
        ParsedId::LegacyWeb { id } => id.to_string(),
        ParsedId::Conversation { id, form } => id.format(*form),
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(parsed) = parse_id(&text) {
        let again = canonical(&parsed);
        assert_eq!(parse_id(&again).ok(), Some(parsed), "{text:?} → {again:?}");
    }
});
