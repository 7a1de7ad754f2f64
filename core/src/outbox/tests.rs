//! Rule tests of the outbox (SPEC P1–P4) and property tests over random
//! arrival streams.

use super::*;
use crate::message::{ConversationId, Priority};
use proptest::prelude::*;
use std::collections::{HashMap, HashSet};

fn conv(s: &str) -> ConversationId {
    ConversationId::parse(s).unwrap()
}

fn msg(id: &str, conversation: &str, priority: Priority) -> Outgoing {
    Outgoing {
        id: id.to_string(),
        conversation: conv(conversation),
        priority,
    }
}

fn ids(poll: &OutboxPoll) -> Vec<&str> {
    poll.released.iter().map(|r| r.id.as_str()).collect()
}

fn outbox(limits: OutboxLimits) -> Outbox {
    Outbox::new(limits).unwrap()
}

#[test]
fn p2_c2c_releases_at_most_5_per_second_by_default() {
    let mut o = outbox(OutboxLimits::default());
    for i in 0..7 {
        o.admit(0, msg(&format!("m{i}"), "c2c_bob", Priority::Normal))
            .unwrap();
    }
    let first = o.poll(0);
    assert_eq!(ids(&first), ["m0", "m1", "m2", "m3", "m4"]);
    assert_eq!(first.next_poll_ms, Some(1_000));
    assert!(o.poll(999).released.is_empty());
    assert_eq!(ids(&o.poll(1_000)), ["m5", "m6"]);
    assert_eq!(o.next_poll_ms(), None);
}

#[test]
fn p2_group_releases_at_most_40_per_second_by_default() {
    let mut o = outbox(OutboxLimits::default());
    for i in 0..45 {
        o.admit(0, msg(&format!("m{i}"), "group_g", Priority::Normal))
            .unwrap();
    }
    assert_eq!(o.poll(0).released.len(), 40);
    assert_eq!(o.poll(1_000).released.len(), 5);
}

#[test]
fn p2_window_slides_instead_of_resetting() {
    let mut o = outbox(OutboxLimits::default());
    for i in 0..3 {
        o.admit(0, msg(&format!("a{i}"), "c2c_bob", Priority::Normal))
            .unwrap();
    }
    o.poll(0);
    for i in 0..5 {
        o.admit(500, msg(&format!("b{i}"), "c2c_bob", Priority::Normal))
            .unwrap();
    }
    assert_eq!(ids(&o.poll(500)), ["b0", "b1"]);
    // At 1000 only the three slots used at 0 have left (1000−1000, 1000].
    assert_eq!(ids(&o.poll(1_000)), ["b2", "b3", "b4"]);
}

#[test]
fn p2_per_conversation_limit_replaces_the_default() {
    let mut o = outbox(OutboxLimits::default());
    o.set_conversation_limit(conv("c2c_vip"), Some(2)).unwrap();
    for i in 0..4 {
        o.admit(0, msg(&format!("v{i}"), "c2c_vip", Priority::Normal))
            .unwrap();
        o.admit(0, msg(&format!("o{i}"), "c2c_other", Priority::Normal))
            .unwrap();
    }
    let poll = o.poll(0);
    assert_eq!(
        poll.released
            .iter()
            .filter(|r| r.conversation == conv("c2c_vip"))
            .count(),
        2
    );
    assert_eq!(
        poll.released
            .iter()
            .filter(|r| r.conversation == conv("c2c_other"))
            .count(),
        4
    );
    o.set_conversation_limit(conv("c2c_vip"), Some(10)).unwrap();
    assert_eq!(
        o.poll(1).released.len(),
        2,
        "a raised limit applies at the next poll"
    );
}

#[test]
fn p2_zero_limits_are_6017() {
    let zero_rate = OutboxLimits {
        c2c_per_window: 0,
        ..OutboxLimits::default()
    };
    let err = Outbox::new(zero_rate).unwrap_err();
    assert_eq!(err.code().code(), 6017);
    let mut o = outbox(OutboxLimits::default());
    assert!(o.set_conversation_limit(conv("c2c_x"), Some(0)).is_err());
}

#[test]
fn p3_high_overtakes_queued_lower_priorities() {
    let mut o = outbox(OutboxLimits::default());
    for i in 0..5 {
        o.admit(0, msg(&format!("fill{i}"), "c2c_bob", Priority::Normal))
            .unwrap();
    }
    o.poll(0);
    o.admit(10, msg("low", "c2c_bob", Priority::Low)).unwrap();
    o.admit(20, msg("normal", "c2c_bob", Priority::Normal))
        .unwrap();
    o.admit(30, msg("lowest", "c2c_bob", Priority::Lowest))
        .unwrap();
    o.admit(40, msg("high", "c2c_bob", Priority::High)).unwrap();
    assert!(o.poll(40).released.is_empty());
    assert_eq!(ids(&o.poll(1_000)), ["high", "normal", "low", "lowest"]);
}

#[test]
fn p3_one_poll_releases_across_conversations_in_admission_order() {
    let mut o = outbox(OutboxLimits::default());
    for (id, conversation) in [
        ("a", "c2c_bob"),
        ("b", "c2c_carol"),
        ("c", "c2c_bob"),
        ("d", "group_g"),
        ("e", "c2c_carol"),
    ] {
        o.admit(0, msg(id, conversation, Priority::Normal)).unwrap();
    }
    assert_eq!(ids(&o.poll(0)), ["a", "b", "c", "d", "e"]);
}

#[test]
fn p3_fifo_within_one_priority() {
    let mut o = outbox(OutboxLimits {
        c2c_per_window: 1,
        ..OutboxLimits::default()
    });
    for i in 0..3 {
        o.admit(i, msg(&format!("m{i}"), "c2c_bob", Priority::Low))
            .unwrap();
    }
    assert_eq!(ids(&o.poll(2)), ["m0"]);
    assert_eq!(ids(&o.poll(1_002)), ["m1"]);
    assert_eq!(ids(&o.poll(2_002)), ["m2"]);
}

#[test]
fn p3_lowest_is_shed_after_its_wait_with_the_reason() {
    let mut o = outbox(OutboxLimits {
        lowest_max_wait_ms: 500,
        ..OutboxLimits::default()
    });
    // Admitted at 100, not 0, so that the wait is told apart from the time.
    for i in 0..5 {
        o.admit(100, msg(&format!("n{i}"), "c2c_bob", Priority::Normal))
            .unwrap();
    }
    o.admit(100, msg("like", "c2c_bob", Priority::Lowest))
        .unwrap();
    let first = o.poll(100);
    assert_eq!(first.released.len(), 5);
    assert_eq!(first.next_poll_ms, Some(600));
    let later = o.poll(600);
    assert!(later.released.is_empty());
    assert_eq!(later.shed.len(), 1);
    let shed = &later.shed[0];
    assert_eq!(shed.id, "like");
    assert_eq!(shed.shed_ms, 600);
    assert_eq!(
        shed.reason,
        ShedReason::WaitExceeded {
            waited_ms: 500,
            max_wait_ms: 500
        }
    );
    assert_eq!(o.stats().shed, 1);
}

#[test]
fn p3_lowest_whose_slot_opens_at_its_deadline_is_sent_not_shed() {
    let mut o = outbox(OutboxLimits {
        c2c_per_window: 1,
        lowest_max_wait_ms: 1_000,
        ..OutboxLimits::default()
    });
    o.admit(0, msg("n", "c2c_bob", Priority::Normal)).unwrap();
    o.admit(0, msg("like", "c2c_bob", Priority::Lowest))
        .unwrap();
    assert_eq!(ids(&o.poll(0)), ["n"]);
    let at_deadline = o.poll(1_000);
    assert_eq!(ids(&at_deadline), ["like"]);
    assert!(at_deadline.shed.is_empty());
}

#[test]
fn p3_full_queue_sheds_its_oldest_lowest_to_admit() {
    let mut o = outbox(OutboxLimits {
        c2c_per_window: 1,
        max_queued_per_conversation: 3,
        ..OutboxLimits::default()
    });
    o.admit(0, msg("sent", "c2c_bob", Priority::Normal))
        .unwrap();
    o.poll(0);
    o.admit(1, msg("lowest", "c2c_bob", Priority::Lowest))
        .unwrap();
    o.admit(2, msg("a", "c2c_bob", Priority::Normal)).unwrap();
    o.admit(3, msg("b", "c2c_bob", Priority::Normal)).unwrap();
    o.admit(4, msg("high", "c2c_bob", Priority::High)).unwrap();
    let shed = o.take_shed();
    assert_eq!(shed.len(), 1);
    assert_eq!(shed[0].id, "lowest");
    assert_eq!(shed[0].reason, ShedReason::QueueFull { bound: 3 });
    let queued: Vec<String> = o.queued().into_iter().map(|q| q.id).collect();
    assert_eq!(queued, ["high", "a", "b"]);
}

#[test]
fn p3_full_queue_refuses_high_normal_low_with_10023() {
    let mut o = outbox(OutboxLimits {
        c2c_per_window: 1,
        max_queued_per_conversation: 2,
        ..OutboxLimits::default()
    });
    o.admit(0, msg("a", "c2c_bob", Priority::Normal)).unwrap();
    o.poll(0);
    for id in ["b", "c"] {
        o.admit(0, msg(id, "c2c_bob", Priority::Normal)).unwrap();
    }
    for p in [Priority::High, Priority::Normal, Priority::Low] {
        let err = o.admit(1, msg("refused", "c2c_bob", p)).unwrap_err();
        assert_eq!(err.code().code(), 10023);
        assert!(matches!(
            err,
            OutboxError::QueueFull {
                queued: 2,
                bound: 2,
                ..
            }
        ));
    }
    assert_eq!(o.stats().refused, 3);
    assert!(o.queued().iter().all(|q| q.id != "refused"));
}

#[test]
fn p3_lowest_arriving_at_a_full_queue_is_itself_shed() {
    let mut o = outbox(OutboxLimits {
        c2c_per_window: 1,
        max_queued_per_conversation: 1,
        ..OutboxLimits::default()
    });
    o.admit(0, msg("a", "c2c_bob", Priority::Normal)).unwrap();
    o.admit(0, msg("b", "c2c_bob", Priority::Normal))
        .unwrap_err();
    o.admit(0, msg("like", "c2c_bob", Priority::Lowest))
        .unwrap();
    let shed = o.poll(0).shed;
    assert_eq!(shed.len(), 1);
    assert_eq!(shed[0].id, "like");
    let s = o.stats();
    assert_eq!(
        (s.admitted, s.released, s.shed, s.queued, s.refused),
        (2, 1, 1, 0, 1)
    );
}

#[test]
fn p3_total_bound_applies_across_conversations() {
    let mut o = outbox(OutboxLimits {
        c2c_per_window: 1,
        max_queued_total: 2,
        ..OutboxLimits::default()
    });
    o.admit(0, msg("a", "c2c_a", Priority::Normal)).unwrap();
    o.admit(0, msg("b", "c2c_b", Priority::Normal)).unwrap();
    assert!(matches!(
        o.admit(0, msg("c", "c2c_c", Priority::High)),
        Err(OutboxError::QueueFull { bound: 2, .. })
    ));
}

#[test]
fn p3_admit_all_answers_each_message_in_order() {
    let limits = OutboxLimits {
        max_queued_per_conversation: 1,
        ..OutboxLimits::default()
    };
    let mut o = outbox(limits);
    let message = |id: &str, conversation: ConversationId, priority| OutgoingMessage {
        id: id.to_string(),
        conversation,
        priority,
    };
    let c2c = |user: &str| ConversationId::C2c {
        user_id: user.to_string(),
    };
    let answers = o.admit_all(
        0,
        vec![
            message("a", c2c("bob"), None),
            // Built field by field, as over the FFI: checked like parsed text.
            message("b", c2c(""), None),
            message("c", c2c("bob"), Some(Priority::High)),
            message(
                "d",
                ConversationId::Group {
                    group_id: "g".to_string(),
                },
                Some(Priority::Low),
            ),
        ],
    );
    assert_eq!(answers.len(), 4);
    assert_eq!(answers[0], Admission::Accepted);
    assert!(
        matches!(&answers[1], Admission::Refused { code: 6017, reason } if reason.contains("empty id")),
        "{:?}",
        answers[1]
    );
    assert!(
        matches!(answers[2], Admission::Refused { code: 10023, .. }),
        "{:?}",
        answers[2]
    );
    assert_eq!(answers[3], Admission::Accepted);
    let poll = o.poll(0);
    assert_eq!(ids(&poll), ["a", "d"]);
    assert_eq!(poll.released[0].priority, Priority::Normal);
}

#[test]
fn p4_a_late_poll_releases_what_came_due_before_it() {
    let mut o = outbox(OutboxLimits::default());
    for i in 0..7 {
        o.admit(0, msg(&format!("m{i}"), "c2c_bob", Priority::Normal))
            .unwrap();
    }
    assert_eq!(o.poll(0).released.len(), 5);
    assert_eq!(o.next_poll_ms(), Some(1_000));
    // The app asks again well after the window opened, not at 1,000.
    assert_eq!(ids(&o.poll(2_500)), ["m5", "m6"]);
    assert_eq!(o.next_poll_ms(), None);
}

#[test]
fn p2_limits_reports_the_limits_in_force() {
    let limits = OutboxLimits {
        c2c_per_window: 2,
        window_ms: 500,
        ..OutboxLimits::default()
    };
    assert_eq!(outbox(limits.clone()).limits(), &limits);
}

#[test]
fn p3_shed_reasons_have_stable_names_that_start_their_sentence() {
    let wait = ShedReason::WaitExceeded {
        waited_ms: 2_100,
        max_wait_ms: 2_000,
    };
    let full = ShedReason::QueueFull { bound: 4 };
    assert_eq!(wait.name(), "lowest_max_wait_exceeded");
    assert_eq!(full.name(), "queue_full");
    assert_eq!(
        wait.to_string(),
        "lowest_max_wait_exceeded: waited 2100 ms, limit 2000 ms"
    );
    assert_eq!(full.to_string(), "queue_full: 4 messages queued");
}

#[test]
fn p4_next_poll_is_none_when_idle_and_now_after_admission() {
    let mut o = outbox(OutboxLimits::default());
    assert_eq!(o.next_poll_ms(), None);
    o.admit(70, msg("a", "c2c_bob", Priority::Normal)).unwrap();
    assert_eq!(o.next_poll_ms(), Some(70));
    assert_eq!(ids(&o.poll(70)), ["a"]);
    assert_eq!(o.next_poll_ms(), None);
}

#[test]
fn p4_time_never_goes_back() {
    let mut o = outbox(OutboxLimits {
        c2c_per_window: 1,
        ..OutboxLimits::default()
    });
    o.admit(5_000, msg("a", "c2c_bob", Priority::Normal))
        .unwrap();
    o.admit(5_000, msg("b", "c2c_bob", Priority::Normal))
        .unwrap();
    assert_eq!(ids(&o.poll(5_000)), ["a"]);
    // A clock that jumps back is read as "still 5000": b must wait for 6000.
    assert!(o.poll(10).released.is_empty());
    assert_eq!(ids(&o.poll(6_000)), ["b"]);
}

#[test]
fn p4_extreme_times_neither_panic_nor_spin() {
    let mut o = outbox(OutboxLimits {
        c2c_per_window: 1,
        ..OutboxLimits::default()
    });
    o.admit(u64::MAX - 1, msg("a", "c2c_bob", Priority::Lowest))
        .unwrap();
    o.admit(u64::MAX - 1, msg("b", "c2c_bob", Priority::Lowest))
        .unwrap();
    assert_eq!(o.poll(u64::MAX - 1).released.len(), 1);
    let last = o.poll(u64::MAX);
    assert_eq!(last.shed.len() + last.released.len(), 1);
}

#[test]
fn p4_idle_conversations_are_forgotten() {
    let mut o = outbox(OutboxLimits::default());
    for i in 0..3_000 {
        o.admit(
            0,
            msg(&format!("m{i}"), &format!("c2c_u{i}"), Priority::Normal),
        )
        .unwrap();
    }
    o.poll(0);
    assert_eq!(o.conversations(), 3_000);
    o.admit(5_000, msg("late", "c2c_late", Priority::Normal))
        .unwrap();
    o.poll(5_000);
    assert!(
        o.conversations() <= 1,
        "{} conversations kept",
        o.conversations()
    );
}

/// A driver that polls exactly when the outbox asks, as the Kotlin and
/// Swift drivers do, and records everything it is told.
#[derive(Default)]
struct Log {
    released: Vec<(ReleasedMessage, usize)>,
    shed: Vec<ShedMessage>,
    refused: HashSet<String>,
    /// After each poll: (time, conversations that still had messages queued).
    backlog: Vec<(u64, HashSet<ConversationId>)>,
    polls: usize,
}

impl Log {
    fn poll(&mut self, o: &mut Outbox, now: u64) {
        let poll = o.poll(now);
        self.polls += 1;
        for r in poll.released {
            self.released.push((r, self.polls));
        }
        self.shed.extend(poll.shed);
        self.backlog.push((
            now,
            o.queued().into_iter().map(|q| q.conversation).collect(),
        ));
    }
}

fn arrivals() -> impl Strategy<Value = Vec<(u64, usize, Priority)>> {
    let priority = prop_oneof![
        Just(Priority::High),
        Just(Priority::Normal),
        Just(Priority::Low),
        Just(Priority::Lowest)
    ];
    proptest::collection::vec((0u64..400, 0usize..5, priority), 1..120)
}

const CONVERSATIONS: [&str; 5] = ["c2c_a", "c2c_b", "c2c_c", "group_g", "group_h"];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn p2_p3_invariants_hold_for_random_arrivals(
        gaps in arrivals(),
        per_window in 1u32..5,
        bound in 1u32..8,
        max_wait in 0u64..3_000,
    ) {
        let limits = OutboxLimits {
            c2c_per_window: per_window,
            group_per_window: per_window + 1,
            max_queued_per_conversation: bound,
            lowest_max_wait_ms: max_wait,
            ..OutboxLimits::default()
        };
        let mut o = Outbox::new(limits.clone()).unwrap();
        let mut log = Log::default();
        let mut now = 0;
        // id -> (conversation, priority, polls done before its admission, admission order)
        let mut admitted: HashMap<String, (ConversationId, Priority, usize, u64)> = HashMap::new();
        for (i, (gap, c, priority)) in gaps.iter().enumerate() {
            let at = now + gap;
            while let Some(t) = o.next_poll_ms().filter(|&t| t < at) {
                log.poll(&mut o, t);
            }
            now = at;
            let id = format!("m{i}");
            let conversation = conv(CONVERSATIONS[*c]);
            match o.admit(now, Outgoing { id: id.clone(), conversation: conversation.clone(), priority: *priority }) {
                Ok(()) => { admitted.insert(id, (conversation, *priority, log.polls, i as u64)); }
                Err(e) => {
                    prop_assert_eq!(e.code().code(), 10023);
                    prop_assert_ne!(*priority, Priority::Lowest, "Lowest is shed, never refused");
                    log.refused.insert(id);
                }
            }
            log.poll(&mut o, now);
        }
        while let Some(t) = o.next_poll_ms() {
            log.poll(&mut o, t);
        }

        // Nothing lost, nothing duplicated: every admitted message is released or shed exactly once.
        let mut seen = HashSet::new();
        for id in log.released.iter().map(|(r, _)| &r.id).chain(log.shed.iter().map(|s| &s.id)) {
            prop_assert!(seen.insert(id.clone()), "{} reported twice", id);
            prop_assert!(admitted.contains_key(id), "{} was never admitted", id);
        }
        prop_assert_eq!(seen.len(), admitted.len());
        prop_assert!(o.queued().is_empty());
        let s = o.stats();
        prop_assert_eq!(s.admitted, s.released + s.shed);

        // Only Lowest is shed, and a wait shed waited its full time.
        for shed in &log.shed {
            prop_assert_eq!(shed.priority, Priority::Lowest);
            if let ShedReason::WaitExceeded { waited_ms, .. } = shed.reason {
                prop_assert!(waited_ms >= max_wait);
            }
        }

        // The sliding window is never exceeded.
        let mut times: HashMap<&ConversationId, Vec<u64>> = HashMap::new();
        for (r, _) in &log.released {
            times.entry(&r.conversation).or_default().push(r.released_ms);
        }
        for (c, ts) in &times {
            let limit = limits.per_window(c) as usize;
            for (i, &t) in ts.iter().enumerate() {
                let in_window = ts[..=i].iter().filter(|&&u| u + limits.window_ms > t).count();
                prop_assert!(in_window <= limit, "{} sends in the window ending at {} for {}", in_window, t, c);
            }
        }

        // Priority then FIFO: a message released later must not have been
        // both waiting already and ahead of the earlier one in order.
        for (i, (a, a_poll)) in log.released.iter().enumerate() {
            for (b, _) in &log.released[i + 1..] {
                let (_, _, _, seq_a) = admitted[&a.id];
                let (_, _, b_polls_before, seq_b) = admitted[&b.id];
                // b was waiting when a was released iff it was admitted before that poll.
                if a.conversation != b.conversation || b_polls_before >= *a_poll {
                    continue;
                }
                prop_assert!(
                    (a.priority, seq_a) < (b.priority, seq_b),
                    "{} ({:?}) went before {} ({:?}), which was already waiting", a.id, a.priority, b.id, b.priority
                );
            }
        }

        // Work conservation: after each poll, a conversation with a backlog has a full window.
        for (now, backlog) in &log.backlog {
            for c in backlog {
                let sent = times.get(c).map_or(0, |ts| ts.iter().filter(|&&u| u <= *now && u + limits.window_ms > *now).count());
                prop_assert_eq!(sent, limits.per_window(c) as usize, "{} waited at {} with room in its window", c, now);
            }
        }
    }
}
