//! D1–D7 checked against a reference model, message by message.
//!
//! Random operation sequences (log in and out, join and leave groups, add
//! listeners that observe, consume or throw, remove them, switch modes,
//! receive batches at advancing times) run against the real `Dispatcher`
//! and against a small model written from the SPEC alone. Every listener's
//! received messages (which, in which order) and every counter must agree,
//! so a lost, doubled or reordered message fails — which the library's own
//! counters cannot show.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use imbridge_core::dispatch::{
    DispatchEvent, DispatchMode, Dispatcher, Listener, ListenerFailed, ListenerHandle,
};
use imbridge_core::message::{Element, C2C_DUPLICATE_WINDOW_MS, GROUP_DUPLICATE_WINDOW_MS};
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::sync::{Arc, Mutex};

/// D7 buffer size used here: small, so overflow happens.
const BUFFER: usize = 3;
const USERS: [&str; 2] = ["bob", "carol"];
const GROUPS: [&str; 2] = ["g1", "g2"];

/// A received message the sequences draw from. Equal templates are the
/// same message sent again (a duplicate); `Group` templates with the same
/// group and random collide under M7 even with different text.
#[derive(Debug, Clone, Copy)]
enum Template {
    C2c {
        from: &'static str,
        to: &'static str,
        seq: u32,
        random: u32,
    },
    Group {
        group: &'static str,
        random: u32,
    },
}

const TEMPLATES: [Template; 8] = [
    Template::C2c {
        from: "alice",
        to: "bob",
        seq: 1,
        random: 1,
    },
    Template::C2c {
        from: "alice",
        to: "bob",
        seq: 2,
        random: 2,
    },
    Template::C2c {
        from: "alice",
        to: "carol",
        seq: 3,
        random: 3,
    },
    Template::C2c {
        from: "dave",
        to: "bob",
        seq: 1,
        random: 1,
    },
    Template::Group {
        group: "g1",
        random: 10,
    },
    Template::Group {
        group: "g1",
        random: 11,
    },
    Template::Group {
        group: "g2",
        random: 10,
    },
    Template::Group {
        group: "g1",
        random: 10,
    },
];

/// The service's JSON for template `i`; its text names the template.
fn json(i: usize) -> String {
    let body = format!(r#"[{{"MsgType":"TIMTextElem","MsgContent":{{"Text":"t{i}"}}}}]"#);
    match TEMPLATES[i] {
        Template::C2c {
            from,
            to,
            seq,
            random,
        } => format!(
            r#"{{"From_Account":"{from}","To_Account":"{to}","MsgSeq":{seq},"MsgRandom":{random},"MsgTime":1,"MsgBody":{body}}}"#
        ),
        Template::Group { group, random } => format!(
            r#"{{"GroupId":"{group}","From_Account":"alice","MsgSeq":1,"Random":{random},"MsgTime":1,"MsgBody":{body}}}"#
        ),
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Behaviour {
    Observe,
    Consume,
    Throw,
}

#[derive(Debug, Clone)]
enum Op {
    SetUser(Option<usize>),
    Join(usize),
    Leave(usize),
    Mode(bool),
    Add(Behaviour),
    Remove(usize),
    Receive { advance_ms: u64, batch: Vec<usize> },
}

fn op() -> impl Strategy<Value = Op> {
    let behaviour = prop_oneof![
        3 => Just(Behaviour::Observe),
        1 => Just(Behaviour::Consume),
        1 => Just(Behaviour::Throw),
    ];
    prop_oneof![
        1 => proptest::option::of(0..USERS.len()).prop_map(Op::SetUser),
        1 => (0..GROUPS.len()).prop_map(Op::Join),
        1 => (0..GROUPS.len()).prop_map(Op::Leave),
        1 => any::<bool>().prop_map(Op::Mode),
        2 => behaviour.prop_map(Op::Add),
        1 => (0usize..8).prop_map(Op::Remove),
        5 => (
            prop_oneof![Just(0u64), Just(1_000), Just(130_000), Just(400_000)],
            proptest::collection::vec(0..TEMPLATES.len(), 0..6)
        )
            .prop_map(|(advance_ms, batch)| Op::Receive { advance_ms, batch }),
    ]
}

/// Records which templates each listener saw, in order.
struct Recorder {
    slot: usize,
    behaviour: Behaviour,
    seen: Arc<Mutex<Vec<(usize, usize)>>>,
}

impl Listener for Recorder {
    fn on_event(&self, event: &DispatchEvent) -> Result<bool, ListenerFailed> {
        if let DispatchEvent::NewMessages(messages) = event {
            let mut seen = self.seen.lock().unwrap();
            for m in messages {
                let Some(Element::Text(t)) = m.body().first() else {
                    panic!("unexpected body")
                };
                seen.push((self.slot, t.text[1..].parse().unwrap()));
            }
        }
        match self.behaviour {
            Behaviour::Observe => Ok(false),
            Behaviour::Consume => Ok(true),
            Behaviour::Throw => Err(ListenerFailed("thrown on purpose".into())),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    C2c(&'static str, u32, u32, usize),
    Group(&'static str, u32),
}

/// The rules as SPEC D1–D7 and M7 state them, with no code shared with the
/// library.
#[derive(Default)]
struct Model {
    user: Option<&'static str>,
    groups: BTreeSet<&'static str>,
    chain: bool,
    /// (slot, behaviour) in registration order.
    listeners: Vec<(usize, Behaviour)>,
    buffer: VecDeque<usize>,
    seen: HashMap<Key, u64>,
    now: u64,
    received_by: Vec<(usize, usize)>,
    delivered: u64,
    dropped: BTreeMap<&'static str, u64>,
    failures: u64,
    consumed_by: BTreeMap<u64, u64>,
}

impl Model {
    fn receive(&mut self, advance_ms: u64, batch: &[usize]) {
        self.now += advance_ms;
        let mut accepted = Vec::new();
        for &i in batch {
            let verdict = match (self.user, TEMPLATES[i]) {
                (None, _) => Err("not_logged_in"),
                (Some(user), Template::C2c { to, .. }) if to != user => Err("misrouted"),
                (Some(_), Template::Group { group, .. }) if !self.groups.contains(group) => {
                    Err("not_member")
                }
                _ => {
                    let (key, window) = match TEMPLATES[i] {
                        // The text differs per template, so the content CRC does too.
                        Template::C2c {
                            from, seq, random, ..
                        } => (Key::C2c(from, seq, random, i), C2C_DUPLICATE_WINDOW_MS),
                        Template::Group { group, random } => {
                            (Key::Group(group, random), GROUP_DUPLICATE_WINDOW_MS)
                        }
                    };
                    match self.seen.get(&key) {
                        Some(&at) if self.now - at < window => Err("duplicate"),
                        _ => {
                            self.seen.insert(key, self.now);
                            Ok(())
                        }
                    }
                }
            };
            match verdict {
                Ok(()) => accepted.push(i),
                Err(reason) => *self.dropped.entry(reason).or_default() += 1,
            }
        }
        if accepted.is_empty() {
            return;
        }
        if self.listeners.is_empty() {
            for i in accepted {
                if self.buffer.len() == BUFFER {
                    // D7: the oldest makes room.
                    self.buffer.pop_front();
                    *self.dropped.entry("overflow").or_default() += 1;
                }
                self.buffer.push_back(i);
            }
            return;
        }
        let listeners = self.listeners.clone();
        self.deliver(&accepted, &listeners, self.chain);
    }

    fn deliver(&mut self, messages: &[usize], listeners: &[(usize, Behaviour)], chain: bool) {
        let mut called = 0;
        let mut failed = 0;
        for &(slot, behaviour) in listeners {
            called += 1;
            self.received_by.extend(messages.iter().map(|&i| (slot, i)));
            match behaviour {
                Behaviour::Throw => failed += 1,
                Behaviour::Consume if chain => {
                    *self.consumed_by.entry(slot as u64 + 1).or_default() += messages.len() as u64;
                    break;
                }
                _ => {}
            }
        }
        self.failures += failed;
        if called > failed {
            self.delivered += messages.len() as u64;
        }
    }

    fn add(&mut self, slot: usize, behaviour: Behaviour) {
        self.listeners.push((slot, behaviour));
        if self.listeners.len() == 1 && !self.buffer.is_empty() {
            // D7: the first listener gets what waited, in arrival order.
            let waiting: Vec<usize> = self.buffer.drain(..).collect();
            self.deliver(&waiting, &[(slot, behaviour)], false);
        }
    }
}

fn run(ops: &[Op]) -> Result<(), TestCaseError> {
    let dispatcher = Dispatcher::new(DispatchMode::Observer, BUFFER);
    let seen = Arc::new(Mutex::new(Vec::new()));
    let mut model = Model::default();
    let mut handles: Vec<(usize, ListenerHandle)> = Vec::new();
    let mut next_slot = 0;
    for op in ops {
        match op {
            Op::SetUser(u) => {
                model.user = u.map(|i| USERS[i]);
                dispatcher.set_user(model.user.map(str::to_string));
            }
            Op::Join(g) => {
                model.groups.insert(GROUPS[*g]);
                dispatcher.join_group(GROUPS[*g]);
            }
            Op::Leave(g) => {
                model.groups.remove(GROUPS[*g]);
                dispatcher.leave_group(GROUPS[*g]);
            }
            Op::Mode(chain) => {
                model.chain = *chain;
                dispatcher.set_mode(if *chain {
                    DispatchMode::Chain
                } else {
                    DispatchMode::Observer
                });
            }
            Op::Add(behaviour) => {
                let slot = next_slot;
                next_slot += 1;
                let handle = dispatcher.add_listener(Arc::new(Recorder {
                    slot,
                    behaviour: *behaviour,
                    seen: Arc::clone(&seen),
                }));
                prop_assert_eq!(handle.id().0, slot as u64 + 1);
                handles.push((slot, handle));
                model.add(slot, *behaviour);
            }
            Op::Remove(k) => {
                if !handles.is_empty() {
                    let (slot, handle) = handles.remove(k % handles.len());
                    drop(handle);
                    model.listeners.retain(|(s, _)| *s != slot);
                }
            }
            Op::Receive { advance_ms, batch } => {
                model.receive(*advance_ms, batch);
                let text = format!(
                    "[{}]",
                    batch.iter().map(|&i| json(i)).collect::<Vec<_>>().join(",")
                );
                dispatcher
                    .receive_json_array(model.now, &text, None)
                    .unwrap();
            }
        }
        prop_assert_eq!(&*seen.lock().unwrap(), &model.received_by, "after {:?}", op);
        let stats = dispatcher.stats();
        prop_assert_eq!(stats.delivered, model.delivered, "delivered after {:?}", op);
        let dropped: BTreeMap<&str, u64> = stats
            .dropped
            .iter()
            .filter(|(_, n)| **n > 0)
            .map(|(k, n)| (*k, *n))
            .collect();
        prop_assert_eq!(&dropped, &model.dropped, "dropped after {:?}", op);
        prop_assert_eq!(stats.listener_failures, model.failures);
        prop_assert_eq!(&stats.consumed_by, &model.consumed_by);
        prop_assert_eq!(stats.buffered, model.buffer.len() as u64);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn d1_d7_dispatcher_matches_the_model_message_by_message(
        ops in proptest::collection::vec(op(), 1..60)
    ) {
        run(&ops)?;
    }
}

/// The cases the reliability audit's surviving mutants needed: the D7
/// buffer keeps the newest, and a batch arrives in order.
#[test]
fn d7_the_buffer_drops_the_oldest_and_batches_keep_their_order() {
    let ops = [
        Op::SetUser(Some(0)),
        Op::Receive {
            advance_ms: 0,
            batch: vec![0, 1],
        },
        Op::Receive {
            advance_ms: 0,
            batch: vec![3, 0],
        },
        Op::Join(0),
        Op::Receive {
            advance_ms: 0,
            batch: vec![4, 5],
        },
        Op::Add(Behaviour::Observe),
        Op::Receive {
            advance_ms: 0,
            batch: vec![1, 0, 3],
        },
        Op::Receive {
            advance_ms: C2C_DUPLICATE_WINDOW_MS,
            batch: vec![0, 1],
        },
    ];
    run(&ops).unwrap();
}
