//! Instruction counts for the Rust rows of BENCHMARKS.md, where timing
//! noise on a shared machine (±15 % run to run) hides differences:
//! `scripts/bench.sh` runs this under `valgrind --tool=callgrind` twice per
//! row — `instructions ROW 10` and `instructions ROW 1010` — and reports the
//! difference ÷ 1000, so set-up and start-up cancel out.
//!
//!   instructions ROW ITERATIONS
//!   instructions --list
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

mod baseline;

use baseline::{build_and_encode_text, plain_message, received, PlainMessage, PlainReceived, TEXT};
use imbridge_core::dispatch::{Dispatcher, Listener};
use imbridge_core::message::{C2cMessage, Element, MessageLimits};
use std::hint::black_box;
use std::sync::Arc;

/// A listener that takes every event.
struct Take;

impl Listener for Take {
    fn on_event(
        &self,
        event: &imbridge_core::dispatch::DispatchEvent,
    ) -> Result<bool, imbridge_core::dispatch::ListenerFailed> {
        black_box(event);
        Ok(false)
    }
}

/// The rows: name, and one operation (per message).
const ROWS: &[&str] = &[
    "encode_c2c_validated",
    "encode_baseline_serde_plain_struct",
    "build_and_encode_c2c_text",
    "decode_c2c",
    "decode_baseline_serde_plain_struct",
    "pipeline_3_listeners_per_message",
    "pipeline_baseline_serde_decode_per_message",
];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--list") {
        println!("{}", ROWS.join("\n"));
        return;
    }
    let (Some(row), Some(iterations)) =
        (args.get(1), args.get(2).and_then(|n| n.parse::<u64>().ok()))
    else {
        eprintln!(
            "usage: instructions ROW ITERATIONS   (rows: {})",
            ROWS.join(", ")
        );
        std::process::exit(2);
    };
    let limits = MessageLimits::default();
    let message = C2cMessage::new("bob", 42, 7919, vec![Element::text(TEXT)]);
    let json = message.encode(&limits).unwrap();
    let plain = plain_message();
    let texts = received(100);
    let dispatcher = Dispatcher::default();
    dispatcher.set_user(Some("bob".into()));
    for _ in 0..3 {
        dispatcher.add_listener(Arc::new(Take)).detach();
    }
    // The pipeline row receives one message per operation, each new (a
    // fresh second past the dedup windows for every round of 100).
    let mut now = 0u64;
    for i in 0..iterations {
        match row.as_str() {
            "encode_c2c_validated" => drop(black_box(black_box(&message).encode(&limits).unwrap())),
            "encode_baseline_serde_plain_struct" => {
                drop(black_box(serde_json::to_string(black_box(&plain)).unwrap()))
            }
            "build_and_encode_c2c_text" => drop(black_box(build_and_encode_text(&limits))),
            "decode_c2c" => drop(black_box(C2cMessage::decode(black_box(&json)).unwrap())),
            "decode_baseline_serde_plain_struct" => drop(black_box(
                serde_json::from_str::<PlainMessage>(black_box(&json)).unwrap(),
            )),
            "pipeline_3_listeners_per_message" => {
                let t = &texts[(i % 100) as usize];
                if i % 100 == 0 {
                    now += 300_001;
                }
                drop(black_box(dispatcher.receive_json(now, &[t.as_str()], None)));
            }
            "pipeline_baseline_serde_decode_per_message" => {
                let t = &texts[(i % 100) as usize];
                drop(black_box(serde_json::from_str::<PlainReceived>(t).unwrap()));
            }
            other => {
                eprintln!("unknown row {other}; rows: {}", ROWS.join(", "));
                std::process::exit(2);
            }
        }
    }
}
