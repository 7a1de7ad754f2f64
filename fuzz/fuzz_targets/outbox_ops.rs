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

fn run(u: &mut Unstructured<'_>) -> Result<()> {
    let limits = limits();
    let mut outbox = Outbox::new(limits.clone()).unwrap();
    let mut now = 0u64;
    let mut admitted: HashMap<String, Sent> = HashMap::new();
    let mut left: HashMap<String, u64> = HashMap::new();
    let mut releases: Vec<Vec<u64>> = vec![Vec::new(); CONVERSATIONS.len()];
    let mut last_seq: HashMap<(usize, Priority), usize> = HashMap::new();
    let mut next = 0usize;
    let check_poll = |outbox: &mut Outbox,
                      now: u64,
                      admitted: &HashMap<String, Sent>,
                      left: &mut HashMap<String, u64>,
                      releases: &mut Vec<Vec<u64>>,
                      last_seq: &mut HashMap<(usize, Priority), usize>| {
        let poll = outbox.poll(now);
        let mut order = Vec::new();
        for m in &poll.released {
            let sent = admitted
                .get(&m.id)
                .expect("released a message never admitted");
            assert!(
                left.insert(m.id.clone(), now).is_none(),
                "{} left twice",
                m.id
            );
            if sent.priority == Priority::Lowest {
                assert!(
                    now <= sent.admitted_ms + limits.lowest_max_wait_ms,
                    "{} sent after its wait",
                    m.id
                );
            }
            let key = (sent.conversation, sent.priority);
            if let Some(&before) = last_seq.get(&key) {
                assert!(
                    sent.seq > before,
                    "{} overtook an earlier message of its priority",
                    m.id
                );
            }
            last_seq.insert(key, sent.seq);
            releases[sent.conversation].push(now);
            order.push((sent.priority, sent.seq));
        }
        assert!(
            order.windows(2).all(|w| w[0] <= w[1]),
            "a poll released out of priority/admission order"
        );
        for m in &poll.shed {
            let sent = admitted.get(&m.id).expect("shed a message never admitted");
            assert_eq!(
                sent.priority,
                Priority::Lowest,
                "{} shed but not Lowest",
                m.id
            );
            assert!(
                left.insert(m.id.clone(), now).is_none(),
                "{} left twice",
                m.id
            );
        }
        for (c, times) in releases.iter().enumerate() {
            let limit = if CONVERSATIONS[c].starts_with("group_") {
                limits.group_per_window
            } else {
                limits.c2c_per_window
            };
            for (i, &t) in times.iter().enumerate() {
                let in_window = times[..=i]
                    .iter()
                    .filter(|&&s| s + limits.window_ms > t)
                    .count();
                assert!(
                    in_window <= limit as usize,
                    "{} sent {in_window} in one window",
                    CONVERSATIONS[c]
                );
            }
        }
    };
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
                    admitted.insert(
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
                    check_poll(
                        &mut outbox,
                        now,
                        &admitted,
                        &mut left,
                        &mut releases,
                        &mut last_seq,
                    );
                }
                now = until;
            }
            _ => check_poll(
                &mut outbox,
                now,
                &admitted,
                &mut left,
                &mut releases,
                &mut last_seq,
            ),
        }
    }
    // Drain: everything admitted leaves, exactly once.
    for _ in 0..10_000 {
        let Some(at) = outbox.next_poll_ms() else {
            break;
        };
        now = now.max(at);
        check_poll(
            &mut outbox,
            now,
            &admitted,
            &mut left,
            &mut releases,
            &mut last_seq,
        );
    }
    for id in admitted.keys() {
        assert!(left.contains_key(id), "{id} was admitted and never left");
    }
    assert_eq!(left.len(), admitted.len());
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    let _ = run(&mut Unstructured::new(data));
});
