//! Every queue, buffer and dedup window has a bound (reliability): a
//! million distinct conversations and ids go in, what is kept stays at its
//! bound, everything past it is counted, and the process's resident memory
//! stops growing once the bounds are reached.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use imbridge_core::dispatch::{DispatchEvent, Dispatcher, Listener, ListenerFailed};
use imbridge_core::message::{ConversationId, Priority};
use imbridge_core::outbox::{Outbox, OutboxLimits, Outgoing};
use std::sync::Arc;

const MILLION: u64 = 1_000_000;

/// Appends one figure to `target/reliability/memory.jsonl`.
fn record(test: &str, fields: &str) {
    common::append_line("memory.jsonl", &format!(r#"{{"test":"{test}",{fields}}}"#));
}

/// Resident memory is per process and the harness runs tests in parallel:
/// each test holds this while it measures.
static ALONE: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Resident set size in bytes, from /proc (Linux).
fn rss() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap();
    let pages: u64 = statm.split_whitespace().nth(1).unwrap().parse().unwrap();
    pages * 4096
}

fn c2c(i: u64) -> String {
    format!(
        r#"{{"From_Account":"user{i}","To_Account":"bob","MsgSeq":{i},"MsgRandom":{i},"MsgBody":[{{"MsgType":"TIMTextElem","MsgContent":{{"Text":"m"}}}}]}}"#
    )
}

struct Quiet;
impl Listener for Quiet {
    fn on_event(&self, _: &DispatchEvent) -> Result<bool, ListenerFailed> {
        Ok(false)
    }
}

/// Feeds messages `from..to` in batches of 1,000; the number accepted.
fn feed(d: &Dispatcher, from: u64, to: u64) -> usize {
    (from..to)
        .step_by(1000)
        .map(|start| {
            let batch: Vec<String> = (start..start + 1000).map(c2c).collect();
            let refs: Vec<&str> = batch.iter().map(String::as_str).collect();
            d.receive_json(0, &refs, None).accepted as usize
        })
        .sum()
}

#[test]
fn m7_a_million_distinct_senders_keep_the_dedup_window_at_its_bound() {
    let _alone = ALONE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let d = Dispatcher::default();
    d.set_user(Some("bob".into()));
    d.add_listener(Arc::new(Quiet)).detach();
    assert_eq!(feed(&d, 0, 200_000), 200_000);
    let settled = rss();
    assert_eq!(feed(&d, 200_000, MILLION), 800_000);
    let grown = rss().saturating_sub(settled);
    assert_eq!(d.stats().delivered, MILLION);
    assert!(
        grown < 32 << 20,
        "resident memory grew {grown} bytes after the window filled"
    );
    let (kept, forgotten) = d.inspect(|core| core.dedup_counts());
    assert_eq!((kept, forgotten), (100_000, 900_000));
    // Oldest first: the first sender is forgotten (accepted again), the
    // last one is still remembered (a duplicate).
    let oldest_forgotten = d.receive_json(0, &[c2c(0).as_str()], None).accepted == 1;
    let newest_kept = d
        .receive_json(0, &[c2c(MILLION - 1).as_str()], None)
        .accepted
        == 0;
    assert!(
        oldest_forgotten && newest_kept,
        "not forgotten oldest-first"
    );
    record(
        "dedup window (M7), 1,000,000 distinct senders",
        &format!(
            r#""inputs":{MILLION},"kept_bound":{kept},"counted_forgotten":{forgotten},"oldest_first":{},"rss_growth_after_bound":{grown}"#,
            oldest_forgotten && newest_kept
        ),
    );
}

#[test]
fn d7_a_million_messages_without_a_listener_keep_the_buffer_at_its_bound() {
    let _alone = ALONE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let d = Dispatcher::default();
    d.set_user(Some("bob".into()));
    feed(&d, 0, MILLION);
    let stats = d.stats();
    assert_eq!(stats.buffered, Dispatcher::DEFAULT_BUFFER as u64);
    assert_eq!(
        stats.dropped["overflow"],
        MILLION - Dispatcher::DEFAULT_BUFFER as u64
    );
    record(
        "no-listener buffer (D7), 1,000,000 messages",
        &format!(
            r#""inputs":{MILLION},"kept_bound":{},"counted_overflow":{}"#,
            stats.buffered, stats.dropped["overflow"]
        ),
    );
}

#[test]
fn p3_a_million_conversations_keep_the_outbox_at_its_bound_and_count_refusals() {
    let _alone = ALONE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let limits = OutboxLimits::default();
    let total = limits.max_queued_total as u64;
    let mut outbox = Outbox::new(limits).unwrap();
    let admit = |outbox: &mut Outbox, from: u64, to: u64| {
        for i in from..to {
            let _ = outbox.admit(
                0,
                Outgoing {
                    id: format!("m{i}"),
                    conversation: ConversationId::Group {
                        group_id: format!("g{i}"),
                    },
                    priority: Priority::Normal,
                },
            );
        }
    };
    admit(&mut outbox, 0, 200_000);
    let settled = rss();
    admit(&mut outbox, 200_000, MILLION);
    let grown = rss().saturating_sub(settled);
    let stats = outbox.stats();
    assert!(stats.queued + stats.released <= total + stats.released);
    assert_eq!(
        stats.admitted + stats.refused,
        MILLION,
        "every message admitted or refused"
    );
    assert!(stats.refused >= MILLION - total - stats.released);
    assert!(
        outbox.conversations() as u64 <= total,
        "{} conversations tracked for {} queued",
        outbox.conversations(),
        stats.queued
    );
    assert!(
        grown < 32 << 20,
        "resident memory grew {grown} bytes past the bound"
    );
    record(
        "outbox (P3), 1,000,000 conversations",
        &format!(
            r#""inputs":{MILLION},"kept_bound":{total},"counted_refused":{},"rss_growth_after_bound":{grown}"#,
            stats.refused
        ),
    );
}
