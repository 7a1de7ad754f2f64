//! Incoming pipeline throughput: decode → dedup → delivery rules → 3
//! listeners, batches of 100 vs single messages (SPEC D3). The baseline in
//! the same group decodes the same JSON into a plain serde struct with no
//! rules and no listeners.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

mod baseline;

use baseline::{received, PlainReceived};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use imbridge_core::dispatch::{DispatchEvent, Dispatcher, Listener, ListenerFailed};
use std::hint::black_box;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

const BATCH: usize = 100;

#[derive(Default)]
struct Count(AtomicU64);

impl Listener for Count {
    fn on_event(&self, event: &DispatchEvent) -> Result<bool, ListenerFailed> {
        if let DispatchEvent::NewMessages { messages } = event {
            self.0.fetch_add(messages.len() as u64, Ordering::Relaxed);
        }
        Ok(false)
    }
}

fn dispatcher() -> (Dispatcher, Arc<Count>) {
    let d = Dispatcher::default();
    d.set_user(Some("bob".into()));
    let counter = Arc::new(Count::default());
    for _ in 0..2 {
        d.add_listener(Arc::new(Count::default())).detach();
    }
    d.add_listener(counter.clone()).detach();
    (d, counter)
}

fn bench(c: &mut Criterion) {
    let texts = received(BATCH);
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let mut group = c.benchmark_group("incoming_per_100_messages");
    group.throughput(Throughput::Elements(BATCH as u64));
    group.bench_function("baseline_serde_json_plain_struct", |b| {
        b.iter(|| {
            for t in &refs {
                black_box(serde_json::from_str::<PlainReceived>(t).unwrap());
            }
        })
    });
    group.bench_function("decode_only", |b| {
        b.iter(|| {
            for t in &refs {
                black_box(imbridge_core::dispatch::Incoming::decode(t).unwrap());
            }
        })
    });
    // Each iteration moves the clock past the 5-minute window, so no message is a duplicate.
    group.bench_function(BenchmarkId::new("pipeline_3_listeners_batch", BATCH), |b| {
        let (d, counter) = dispatcher();
        let mut now = 0u64;
        b.iter(|| {
            now += 300_001;
            black_box(d.receive_json(now, &refs, None));
        });
        assert!(counter.0.load(Ordering::Relaxed) > 0);
    });
    group.bench_function(BenchmarkId::new("pipeline_3_listeners_batch", 1), |b| {
        let (d, counter) = dispatcher();
        let mut now = 0u64;
        b.iter(|| {
            now += 300_001;
            for t in &refs {
                black_box(d.receive_json(now, &[t], None));
            }
        });
        assert!(counter.0.load(Ordering::Relaxed) > 0);
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
