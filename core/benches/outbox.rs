//! Outbox cost per message in steady state: 10,000 messages queued across
//! 1,000 conversations, each round releasing them all and admitting 10,000
//! new ones (SPEC P2–P4). The baseline in the same group is the least any
//! queue must do for the same messages: push into and pop from a VecDeque.
//!
//! Also prints the heap bytes held per queued message, measured with a
//! counting allocator.
#![allow(
    missing_docs,
    unsafe_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use imbridge_core::message::{ConversationId, Priority};
use imbridge_core::outbox::{Outbox, OutboxLimits, Outgoing};
use std::alloc::{GlobalAlloc, Layout, System};
use std::collections::VecDeque;
use std::sync::atomic::{AtomicIsize, Ordering};
use std::time::{Duration, Instant};

/// Counts live heap bytes so the bench can report memory per queued message.
struct Counting;
static LIVE: AtomicIsize = AtomicIsize::new(0);

// SAFETY: forwards every call to the system allocator unchanged; only adds counting.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(
            new_size as isize - layout.size() as isize,
            Ordering::Relaxed,
        );
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

const CONVERSATIONS: usize = 1_000;
const PER_CONVERSATION: usize = 10;
const QUEUED: usize = CONVERSATIONS * PER_CONVERSATION;
const PRIORITIES: [Priority; 4] = [
    Priority::High,
    Priority::Normal,
    Priority::Low,
    Priority::Lowest,
];

fn batch(round: usize) -> Vec<Outgoing> {
    (0..QUEUED)
        .map(|i| Outgoing {
            id: format!("msg-{round}-{i:05}"),
            conversation: ConversationId::C2c {
                user_id: format!("user{:04}", i % CONVERSATIONS),
            },
            priority: PRIORITIES[i % 4],
        })
        .collect()
}

/// An outbox whose 1,000 windows are full and 10,000 messages wait.
fn loaded() -> Outbox {
    let limits = OutboxLimits {
        c2c_per_window: PER_CONVERSATION as u32,
        lowest_max_wait_ms: 10_000,
        max_queued_total: u32::try_from(2 * QUEUED).unwrap_or(u32::MAX),
        ..OutboxLimits::default()
    };
    let mut outbox = Outbox::new(limits).unwrap();
    for m in batch(0) {
        outbox.admit(0, m).unwrap();
    }
    assert_eq!(outbox.poll(0).released.len(), QUEUED);
    for m in batch(1) {
        outbox.admit(1, m).unwrap();
    }
    assert_eq!(outbox.poll(1).released.len(), 0);
    outbox
}

fn bench(c: &mut Criterion) {
    report_memory();
    let mut group = c.benchmark_group("outbox_per_message");
    group.throughput(Throughput::Elements(QUEUED as u64));
    group.bench_function(
        BenchmarkId::new("baseline_vecdeque_push_pop", QUEUED),
        |b| {
            b.iter_custom(|rounds| {
                let mut queue: VecDeque<Outgoing> = VecDeque::with_capacity(QUEUED);
                let mut total = Duration::ZERO;
                for round in 0..rounds as usize {
                    let messages = batch(round);
                    let start = Instant::now();
                    queue.extend(messages);
                    let drained = queue.drain(..).count();
                    total += start.elapsed();
                    assert_eq!(drained, QUEUED);
                }
                total
            })
        },
    );
    group.bench_function(BenchmarkId::new("outbox_admit_and_release", QUEUED), |b| {
        b.iter_custom(|rounds| {
            let mut outbox = loaded();
            let mut total = Duration::ZERO;
            for round in 0..rounds {
                let now = 1 + (round + 1) * 1_000;
                let messages = batch(round as usize + 2);
                let start = Instant::now();
                let released = outbox.poll(now).released.len();
                for m in messages {
                    let _ = outbox.admit(now, m);
                }
                total += start.elapsed();
                assert_eq!(released, QUEUED);
            }
            total
        })
    });
    group.finish();
}

/// Heap held per queued message: everything a fresh outbox holds after
/// taking 10,000 messages for 1,000 conversations, divided by 10,000
/// (per-conversation state included, amortised over its 10 messages).
fn report_memory() {
    let messages = batch(9);
    // Allocated before the measurement starts but kept by the outbox (ids)
    // or freed by it (each message's conversation string: it keeps one copy
    // per conversation, which the delta counts).
    let id_bytes: usize = messages.iter().map(|m| m.id.capacity()).sum();
    let conversation_bytes: usize = messages
        .iter()
        .map(|m| match &m.conversation {
            ConversationId::C2c { user_id: s } | ConversationId::Group { group_id: s } => {
                s.capacity()
            }
        })
        .sum();
    let before = LIVE.load(Ordering::Relaxed);
    let mut outbox = Outbox::new(OutboxLimits::default()).unwrap();
    for m in messages {
        outbox.admit(0, m).unwrap();
    }
    let after = LIVE.load(Ordering::Relaxed);
    assert_eq!(outbox.stats().queued, QUEUED as u64);
    let held = after - before + (id_bytes + conversation_bytes) as isize;
    println!(
        "outbox memory: {:.1} bytes per queued message, of which {:.1} is the id text ({} queued across {} conversations)",
        held as f64 / QUEUED as f64,
        id_bytes as f64 / QUEUED as f64,
        QUEUED,
        CONVERSATIONS
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
