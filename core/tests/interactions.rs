//! Interaction fuzzing (reliability): random sequences of operations
//! driven into the outbox, the dispatcher and the push machine, with their
//! invariants checked after every step — not only the absence of crashes.
//!
//! - Outbox (P2, P3): admitted = released + shed + queued; no message
//!   reported twice or reported without admission; only Lowest is shed and
//!   only non-Lowest refused (10023); the sliding window never exceeded;
//!   the queues within their bounds.
//! - Dispatcher (D2, D4, D5, M7): each input delivered or dropped with a
//!   reason; each message reaches a listener at most once; in chain mode
//!   nothing after the consumer sees it.
//! - Push machine (T2): never Registered/Registering/RetryWait while logged
//!   out; a report carries the current token and user; backoff bounded.
//!
//! Time per target: `IMBRIDGE_FUZZ_SECONDS` (default 2; CI runs more).
//! Executions go to `target/reliability/interactions.jsonl`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use imbridge_core::dispatch::{
    DispatchEvent, DispatchMode, Dispatcher, Listener, ListenerFailed, ListenerId,
};
use imbridge_core::message::{ConversationId, Priority};
use imbridge_core::outbox::{Outbox, OutboxLimits, Outgoing};
use imbridge_core::push::{
    defaults, ApnsEnvironment, PushAction, PushChannelConfig, PushEvent, PushMachine, PushState,
    PushVendor,
};
use imbridge_core::redact::Secret;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn budget() -> Duration {
    Duration::from_secs(
        std::env::var("IMBRIDGE_FUZZ_SECONDS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(2),
    )
}

fn record(target: &str, sequences: u64, steps: u64) {
    common::append_line(
        "interactions.jsonl",
        &format!(
            r#"{{"target":"{target}","seconds":{},"sequences":{sequences},"steps":{steps},"violations":0}}"#,
            budget().as_secs()
        ),
    );
}

const PRIORITIES: [Priority; 4] = [
    Priority::High,
    Priority::Normal,
    Priority::Low,
    Priority::Lowest,
];

#[test]
fn outbox_invariants_hold_after_every_step() {
    let deadline = Instant::now() + budget();
    let mut rng = fastrand::Rng::with_seed(3);
    let (mut sequences, mut steps) = (0u64, 0u64);
    while Instant::now() < deadline {
        sequences += 1;
        let limits = OutboxLimits {
            c2c_per_window: rng.u32(1..4),
            group_per_window: rng.u32(1..4),
            max_queued_per_conversation: rng.u32(1..6),
            max_queued_total: rng.u32(1..12),
            lowest_max_wait_ms: rng.u64(0..3_000),
            ..OutboxLimits::default()
        };
        let mut o = Outbox::new(limits.clone()).unwrap();
        let mut now = 0u64;
        let mut admitted: HashSet<String> = HashSet::new();
        let mut reported: HashSet<String> = HashSet::new();
        let mut released_at: HashMap<ConversationId, Vec<u64>> = HashMap::new();
        for step in 0..rng.usize(1..120) {
            steps += 1;
            now += rng.u64(0..800);
            let conversations = ["c2c_a", "c2c_b", "group_g", "group_h"];
            let conversation = ConversationId::parse(conversations[rng.usize(..4)]).unwrap();
            match rng.u8(..10) {
                0..=6 => {
                    let priority = PRIORITIES[rng.usize(..4)];
                    let id = format!("s{sequences}m{step}");
                    match o.admit(
                        now,
                        Outgoing {
                            id: id.clone(),
                            conversation,
                            priority,
                        },
                    ) {
                        Ok(()) => {
                            admitted.insert(id);
                        }
                        Err(e) => {
                            assert_eq!(e.code().code(), 10023);
                            assert_ne!(priority, Priority::Lowest, "Lowest is shed, never refused");
                        }
                    }
                }
                _ => {
                    let poll = o.poll(now);
                    for r in &poll.released {
                        released_at
                            .entry(r.conversation.clone())
                            .or_default()
                            .push(r.released_ms);
                    }
                    let ids = poll
                        .released
                        .iter()
                        .map(|r| &r.id)
                        .chain(poll.shed.iter().map(|s| &s.id));
                    for id in ids {
                        assert!(admitted.contains(id), "{id} reported without admission");
                        assert!(reported.insert(id.clone()), "{id} reported twice");
                    }
                    assert!(
                        poll.shed.iter().all(|s| s.priority == Priority::Lowest),
                        "only Lowest is shed"
                    );
                }
            }
            let s = o.stats();
            assert_eq!(s.admitted, s.released + s.shed + s.queued, "conservation");
            assert!(
                s.queued <= u64::from(limits.max_queued_total),
                "total bound"
            );
            for q in o.queued() {
                assert!(admitted.contains(&q.id));
            }
            for (c, times) in &released_at {
                let limit = o.limits().per_window(c) as usize;
                let last = *times.last().unwrap();
                let in_window = times
                    .iter()
                    .filter(|&&t| t + o.limits().window_ms > last)
                    .count();
                assert!(
                    in_window <= limit,
                    "window exceeded for {c}: {in_window} > {limit}"
                );
            }
        }
    }
    record("outbox", sequences, steps);
}

/// A listener recording what it saw; in chain mode, consumes when told to.
struct Probe {
    seen: Mutex<Vec<u32>>,
    consume: bool,
}

impl Listener for Probe {
    fn on_event(&self, event: &DispatchEvent) -> Result<bool, ListenerFailed> {
        if let DispatchEvent::NewMessages { messages } = event {
            let mut seen = self.seen.lock().unwrap();
            for m in messages.iter().filter(|m| m.to_account.is_some()) {
                seen.push(u32::try_from(m.msg_seq).unwrap());
            }
        }
        Ok(self.consume)
    }
}

#[test]
fn dispatcher_invariants_hold_after_every_step() {
    let deadline = Instant::now() + budget();
    let mut rng = fastrand::Rng::with_seed(5);
    let (mut sequences, mut steps) = (0u64, 0u64);
    while Instant::now() < deadline {
        sequences += 1;
        let d = Dispatcher::new(DispatchMode::Observer, rng.usize(1..20));
        d.set_user(Some("bob".into()));
        let probes: Vec<Arc<Probe>> = (0..4)
            .map(|i| {
                Arc::new(Probe {
                    seen: Mutex::new(Vec::new()),
                    consume: i == 1,
                })
            })
            .collect();
        let mut ids: Vec<Option<ListenerId>> = vec![None; 4];
        let mut seq = 0u32;
        for _ in 0..rng.usize(1..60) {
            steps += 1;
            match rng.u8(..8) {
                0 => {
                    let w = rng.usize(..4);
                    ids[w] = Some(d.add_listener(probes[w].clone()).detach());
                }
                1 => {
                    if let Some(id) = ids[rng.usize(..4)].take() {
                        d.remove_listener(id);
                    }
                }
                2 => d.set_mode(if rng.bool() {
                    DispatchMode::Chain
                } else {
                    DispatchMode::Observer
                }),
                _ => {
                    let before: Vec<usize> = probes
                        .iter()
                        .map(|p| p.seen.lock().unwrap().len())
                        .collect();
                    let n = rng.usize(1..8);
                    let batch: Vec<String> = (0..n)
                        .map(|_| {
                            // Some duplicates, some misrouted, some malformed.
                            let s = if rng.u8(..6) == 0 { seq } else { seq + 1 };
                            seq = s;
                            let to = if rng.u8(..7) == 0 { "eve" } else { "bob" };
                            if rng.u8(..15) == 0 {
                                "{broken".to_string()
                            } else {
                                format!(r#"{{"From_Account":"a","To_Account":"{to}","MsgSeq":{s},"MsgRandom":{s},"MsgBody":[{{"MsgType":"TIMTextElem","MsgContent":{{"Text":"m"}}}}]}}"#)
                            }
                        })
                        .collect();
                    let refs: Vec<&str> = batch.iter().map(String::as_str).collect();
                    let mode = d.mode();
                    let report = d.receive_json(0, &refs, None);
                    assert_eq!(
                        report.accepted as usize + report.dropped.len(),
                        n,
                        "every input accounted for"
                    );
                    // At most once per listener, over the whole sequence.
                    for p in &probes {
                        let seen = p.seen.lock().unwrap();
                        let unique: HashSet<&u32> = seen.iter().collect();
                        assert_eq!(
                            unique.len(),
                            seen.len(),
                            "a message reached a listener twice"
                        );
                    }
                    // Chain: nothing registered after the consumer saw this batch.
                    if mode == DispatchMode::Chain && report.accepted > 0 {
                        let order: Vec<usize> = {
                            let mut registered: Vec<(ListenerId, usize)> = ids
                                .iter()
                                .enumerate()
                                .filter_map(|(i, id)| id.map(|id| (id, i)))
                                .collect();
                            registered.sort();
                            registered.into_iter().map(|(_, i)| i).collect()
                        };
                        if let Some(pos) = order.iter().position(|&i| i == 1) {
                            for &later in &order[pos + 1..] {
                                let now_len = probes[later].seen.lock().unwrap().len();
                                assert_eq!(
                                    now_len, before[later],
                                    "listener after the consumer saw the batch"
                                );
                            }
                        }
                    }
                }
            }
            let s = d.stats();
            let dropped: u64 = s.dropped.values().sum();
            assert!(
                s.delivered + dropped + s.buffered >= s.received.saturating_sub(s.buffered),
                "conservation"
            );
            assert!(s.buffered as usize <= 20, "D7 bound");
        }
    }
    record("dispatcher", sequences, steps);
}

fn apns() -> PushChannelConfig {
    PushChannelConfig {
        vendor: Some(PushVendor::Apns),
        business_id: 12345,
        environment: Some(ApnsEnvironment::Production),
        app_version: "1.0".into(),
        ..PushChannelConfig::default()
    }
}

fn any_event(rng: &mut fastrand::Rng) -> PushEvent {
    match rng.u8(..13) {
        0 => PushEvent::Enable,
        1 => PushEvent::Disable,
        2 => PushEvent::Token {
            token: Secret::new(["t1", "t2", "t3"][rng.usize(..3)]),
        },
        3 => PushEvent::Login {
            user_id: ["alice", "bob"][rng.usize(..2)].to_string(),
        },
        4 => PushEvent::Logout,
        5 => PushEvent::Kicked,
        6 => PushEvent::UserSigExpired,
        7 => PushEvent::ReportResult {
            ok: rng.bool(),
            retryable: rng.bool(),
            reason: None,
        },
        8 => PushEvent::UnregisterResult { ok: rng.bool() },
        9 => PushEvent::Background {
            unread: rng.u32(..100),
        },
        10 => PushEvent::Foreground,
        11 => PushEvent::Tick,
        _ => PushEvent::Config {
            config: PushChannelConfig {
                app_version: ["1.0", "2.0"][rng.usize(..2)].into(),
                ..apns()
            },
        },
    }
}

#[test]
fn push_machine_invariants_hold_after_every_step() {
    let deadline = Instant::now() + budget();
    let mut rng = fastrand::Rng::with_seed(7);
    let (mut sequences, mut steps) = (0u64, 0u64);
    while Instant::now() < deadline {
        sequences += 1;
        let mut m = PushMachine::new(apns()).unwrap();
        let mut now = 0u64;
        for _ in 0..rng.usize(1..100) {
            steps += 1;
            now += rng.u64(0..10_000_000);
            let actions = m.handle(now, any_event(&mut rng)).unwrap();
            if matches!(
                m.state(),
                PushState::Registered | PushState::Registering | PushState::RetryWait
            ) {
                assert!(m.logged_in(), "{:?} while logged out", m.state());
            }
            for action in &actions {
                match action {
                    PushAction::Report {
                        token,
                        user_id: user,
                        business_id,
                    } => {
                        assert_eq!(Some(token), m.facts().token.as_ref());
                        assert_eq!(Some(user), m.facts().user.as_ref());
                        assert_eq!(*business_id, m.config().business_id);
                    }
                    PushAction::ScheduleRetry { at_ms } => {
                        let wait = at_ms - now;
                        assert!(
                            (defaults::MIN_BACKOFF_MS..=defaults::MAX_BACKOFF_MS).contains(&wait)
                        );
                    }
                    _ => {}
                }
            }
        }
    }
    record("push_machine", sequences, steps);
}
