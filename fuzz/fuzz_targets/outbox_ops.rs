//! P1–P4 as operation sequences (admit, advance time, poll), polled as a
//! driver polls — at every "ask again" time the outbox names — and checked
//! message by message against what the SPEC says, not against the outbox's
//! own counters: each admitted message leaves exactly once (released or
//! shed), only Lowest is shed and never later than its wait, no refused
//! message ever leaves, a poll releases by priority then admission order,
//! one conversation keeps first-in first-out within a priority, and no
//! conversation exceeds its rate in any sliding window.
#![no_main]
use arbitrary::{Result, Unstructured};
use imbridge_core::message::{ConversationId, Priority};
use imbridge_core::outbox::{Outbox, OutboxLimits, Outgoing};
use libfuzzer_sys::fuzz_target;
use std::collections::HashMap;

const CONVERSATIONS: [&str; 4] = ["c2c_a", "c2c_b", "group_g1", "group_g2"];
const PRIORITIES: [Priority; 4] = [
    Priority::High,
    Priority::Normal,
    Priority::Low,
    Priority::Lowest,
];

fn limits() -> OutboxLimits {
    OutboxLimits {
        group_per_window: 3,
        c2c_per_window: 2,
        window_ms: 1_000,
        lowest_max_wait_ms: 1_500,
        max_queued_per_conversation: 4,
        max_queued_total: 10,
    }
}

struct Sent {
    conversation: usize,
    priority: Priority,
    admitted_ms: u64,
    seq: usize,
}

/// What the SPEC says every poll must respect, kept message by message.
struct Checker {
    limits: OutboxLimits,
    /// Every admitted message, by id.
    admitted: HashMap<String, Sent>,
    /// When each message left (released or shed).
    left: HashMap<String, u64>,
    /// Release times per conversation, for the sliding-window check.
    releases: Vec<Vec<u64>>,
    /// The last admission sequence released per (conversation, priority).
    last_seq: HashMap<(usize, Priority), usize>,
}

impl Checker {
    fn new(limits: OutboxLimits) -> Self {
        Checker {
            limits,
            admitted: HashMap::new(),
            left: HashMap::new(),
            releases: vec![Vec::new(); CONVERSATIONS.len()],
            last_seq: HashMap::new(),
        }
    }

    fn leave(&mut self, id: &str, now: u64) {
        assert!(
            self.left.insert(id.to_string(), now).is_none(),
            "{id} left twice"
        );
    }

    /// Polls at `now` and checks everything the poll returned.
    fn poll(&mut self, outbox: &mut Outbox, now: u64) {
        let poll = outbox.poll(now);
        let mut order = Vec::new();
        for m in &poll.released {
            let sent = self
                .admitted
                .get(&m.id)
                .expect("released a message never admitted");
            let (conversation, priority, seq) = (sent.conversation, sent.priority, sent.seq);
            if priority == Priority::Lowest {
                assert!(
                    now <= sent.admitted_ms + self.limits.lowest_max_wait_ms,
                    "{} sent after its wait",
                    m.id
                );
            }
            self.leave(&m.id, now);
            let key = (conversation, priority);
            if let Some(&before) = self.last_seq.get(&key) {
                assert!(
                    seq > before,
                    "{} overtook an earlier message of its priority",
                    m.id
                );
            }
            self.last_seq.insert(key, seq);
            self.releases[conversation].push(now);
            order.push((priority, seq));
        }
        assert!(
            order.windows(2).all(|w| w[0] <= w[1]),
            "a poll released out of priority/admission order"
        );
        for m in &poll.shed {
            let sent = self
                .admitted
                .get(&m.id)
                .expect("shed a message never admitted");
            assert_eq!(
                sent.priority,
                Priority::Lowest,
                "{} shed but not Lowest",
                m.id
            );
            self.leave(&m.id, now);
        }
        self.check_windows();
    }

    /// No conversation sent more than its rate in any sliding window (P1).
    fn check_windows(&self) {
        for (c, times) in self.releases.iter().enumerate() {
            let limit = if CONVERSATIONS[c].starts_with("group_") {
                self.limits.group_per_window
            } else {
                self.limits.c2c_per_window
            };
            for (i, &t) in times.iter().enumerate() {
                let in_window = times[..=i]
                    .iter()
                    .filter(|&&s| s + self.limits.window_ms > t)
                    .count();
                assert!(
                    in_window <= limit as usize,
                    "{} sent {in_window} in one window",
                    CONVERSATIONS[c]
                );
            }
        }
    }

    /// Everything admitted left, exactly once.
    fn check_all_left(&self) {
        for id in self.admitted.keys() {
            assert!(
                self.left.contains_key(id),
                "{id} was admitted and never left"
            );
        }
        assert_eq!(self.left.len(), self.admitted.len());
    }
}

fn run(u: &mut Unstructured<'_>) -> Result<()> {
    let mut outbox = Outbox::new(limits()).unwrap();
    let mut check = Checker::new(limits());
    let mut now = 0u64;
    let mut next = 0usize;
    while !u.is_empty() {
        match u.int_in_range(0..=5)? {
            0..=2 => {
                let conversation = u.choose_index(CONVERSATIONS.len())?;
                let priority = *u.choose(&PRIORITIES)?;
                let id = format!("m{next}");
                next += 1;
                let message = Outgoing {
                    id: id.clone(),
                    conversation: ConversationId::parse(CONVERSATIONS[conversation]).unwrap(),
                    priority,
                };
                if outbox.admit(now, message).is_ok() {
                    check.admitted.insert(
                        id,
                        Sent {
                            conversation,
                            priority,
                            admitted_ms: now,
                            seq: next,
                        },
                    );
                }
            }
            3 | 4 => {
                // A driver wakes at every time the outbox asks for (P4).
                let until = now + u.int_in_range(0..=1_500)?;
                while let Some(at) = outbox.next_poll_ms().filter(|&at| at <= until) {
                    now = now.max(at);
                    check.poll(&mut outbox, now);
                }
                now = until;
            }
            _ => check.poll(&mut outbox, now),
        }
    }
    // Drain: everything admitted leaves, exactly once.
    for _ in 0..10_000 {
        let Some(at) = outbox.next_poll_ms() else {
            break;
        };
        now = now.max(at);
        check.poll(&mut outbox, now);
    }
    check.check_all_left();
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    let _ = run(&mut Unstructured::new(data));
});
