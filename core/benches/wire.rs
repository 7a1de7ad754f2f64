//! Wire encode/decode of a C2C text message (SPEC M1–M3) against a baseline
//! in the same group: `serde_json` on an equivalent plain struct with no
//! validation, no unknown-key preservation and no typed errors.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

mod baseline;

use baseline::{build_and_encode_text, plain_message, PlainMessage, TEXT};
use criterion::{criterion_group, criterion_main, Criterion};
use imbridge_core::message::{C2cMessage, Element, MessageLimits};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let limits = MessageLimits::default();
    let message = C2cMessage::new("bob", 42, 7919, vec![Element::text(TEXT)]);
    let json = message.encode(&limits).unwrap();
    let plain = plain_message();
    assert_eq!(
        serde_json::to_string(&plain).unwrap(),
        json,
        "baseline must write the same JSON"
    );

    let mut group = c.benchmark_group("wire");
    group.bench_function("encode_baseline_serde_plain_struct", |b| {
        b.iter(|| serde_json::to_string(black_box(&plain)).unwrap())
    });
    group.bench_function("encode_c2c_validated", |b| {
        b.iter(|| black_box(&message).encode(&limits).unwrap())
    });
    group.bench_function("build_and_encode_c2c_text", |b| {
        b.iter(|| build_and_encode_text(&limits))
    });
    group.bench_function("decode_baseline_serde_plain_struct", |b| {
        b.iter(|| serde_json::from_str::<PlainMessage>(black_box(&json)).unwrap())
    });
    group.bench_function("decode_c2c", |b| {
        b.iter(|| C2cMessage::decode(black_box(&json)).unwrap())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
