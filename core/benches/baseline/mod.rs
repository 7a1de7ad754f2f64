//! The baselines the Rust benches compare against: the same JSON through
//! plain serde structs — no validation, no unknown-key preservation, no
//! typed errors, no rules — and the library operation each row measures
//! where both benches run it. Shared by the criterion benches and the
//! instruction counts (`instructions.rs`).
#![allow(non_snake_case, dead_code, clippy::unwrap_used)]

use imbridge_core::message::{C2cMessage, Element, MessageLimits};
use serde::{Deserialize, Serialize};
use std::hint::black_box;

/// `TIMTextElem`'s content.
#[derive(Serialize, Deserialize)]
pub struct PlainText {
    pub Text: String,
}

/// One text element.
#[derive(Serialize, Deserialize)]
pub struct PlainElem {
    pub MsgType: String,
    pub MsgContent: PlainText,
}

/// A `sendmsg` body with one text element.
#[derive(Serialize, Deserialize)]
pub struct PlainMessage {
    pub SyncOtherMachine: u8,
    pub To_Account: String,
    pub MsgSeq: u32,
    pub MsgRandom: u32,
    pub MsgBody: Vec<PlainElem>,
}

/// A received C2C text message.
#[derive(Deserialize)]
pub struct PlainReceived {
    pub From_Account: String,
    pub To_Account: String,
    pub MsgSeq: u32,
    pub MsgRandom: u32,
    pub MsgTime: u64,
    pub MsgBody: Vec<PlainElem>,
}

/// The text both wire benches send.
pub const TEXT: &str = "message number 42, with some text: \"quoted\" é";

/// The plain form of `C2cMessage::new("bob", 42, 7919, [text(TEXT)])`.
pub fn plain_message() -> PlainMessage {
    PlainMessage {
        SyncOtherMachine: 1,
        To_Account: "bob".into(),
        MsgSeq: 42,
        MsgRandom: 7919,
        MsgBody: vec![PlainElem {
            MsgType: "TIMTextElem".into(),
            MsgContent: PlainText { Text: TEXT.into() },
        }],
    }
}

/// A batch of received C2C text messages for "bob", each new.
pub fn received(batch: usize) -> Vec<String> {
    (0..batch)
        .map(|i| {
            format!(
                r#"{{"From_Account":"alice","To_Account":"bob","MsgSeq":{i},"MsgRandom":{},"MsgTime":1700000000,"MsgBody":[{{"MsgType":"TIMTextElem","MsgContent":{{"Text":"message number {i} with some text"}}}}]}}"#,
                i * 7919
            )
        })
        .collect()
}

/// The library's row "build + encode one text message": a C2C text message
/// built, validated and encoded.
pub fn build_and_encode_text(limits: &MessageLimits) -> String {
    C2cMessage::new(
        black_box("bob"),
        42,
        7919,
        vec![Element::text(black_box(TEXT))],
    )
    .encode(limits)
    .unwrap()
}
