//! A reference model of SPEC D1–D7 and the M7 duplicate rule, written
//! from the SPEC alone, and a runner that drives the real `Dispatcher` and
//! the model with the same operations and compares them after each one:
//! every listener's messages (which, in which order) and every counter.
//! Shared by the proptest (`tests/dispatch_model.rs`) and the cargo-fuzz
//! target `dispatch_ops` (`fuzz/`).
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use imbridge_core::dispatch::{
    DispatchEvent, DispatchMode, Dispatcher, Listener, ListenerFailed, ListenerHandle,
};
use imbridge_core::message::{Element, C2C_DUPLICATE_WINDOW_MS, GROUP_DUPLICATE_WINDOW_MS};
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::sync::{Arc, Mutex};

/// `Err` with both sides when they differ.
macro_rules! check_eq {
    ($left:expr, $right:expr) => {
        check_eq!($left, $right, "")
    };
    ($left:expr, $right:expr, $($fmt:tt)+) => {{
        let (l, r) = (&$left, &$right);
        if l != r {
            return Err(format!("{:?} != {:?}: {}", l, r, format!($($fmt)+)));
        }
    }};
}

/// D7 buffer size used here: small, so overflow happens.
pub const BUFFER: usize = 3;
pub const USERS: [&str; 2] = ["bob", "carol"];
pub const GROUPS: [&str; 2] = ["g1", "g2"];

/// A received message the sequences draw from. Equal templates are the
/// same message sent again (a duplicate); `Group` templates with the same
/// group and random collide under M7 even with different text.
#[derive(Debug, Clone, Copy)]
pub enum Template {
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

pub const TEMPLATES: [Template; 8] = [
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
pub fn json(i: usize) -> String {
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
pub enum Behaviour {
    Observe,
    Consume,
    Throw,
}

#[derive(Debug, Clone)]
pub enum Op {
    SetUser(Option<usize>),
    Join(usize),
    Leave(usize),
    Mode(bool),
    Add(Behaviour),
    Remove(usize),
    Receive { advance_ms: u64, batch: Vec<usize> },
}

/// Records which templates each listener saw, in order.
pub struct Recorder {
    slot: usize,
    behaviour: Behaviour,
    seen: Arc<Mutex<Vec<(usize, usize)>>>,
}

impl Listener for Recorder {
    fn on_event(&self, event: &DispatchEvent) -> Result<bool, ListenerFailed> {
        if let DispatchEvent::NewMessages { messages } = event {
            let mut seen = self.seen.lock().unwrap();
            for m in messages {
                let Some(Element::Text(t)) = m.elements.first() else {
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
pub enum Key {
    C2c(&'static str, u32, u32, usize),
    Group(&'static str, u32),
}

/// The rules as SPEC D1–D7 and M7 state them, with no code shared with the
/// library.
#[derive(Default)]
pub struct Model {
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

pub fn run(ops: &[Op]) -> Result<(), String> {
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
                check_eq!(handle.id().0, slot as u64 + 1);
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
        check_eq!(&*seen.lock().unwrap(), &model.received_by, "after {:?}", op);
        let stats = dispatcher.stats();
        check_eq!(stats.delivered, model.delivered, "delivered after {:?}", op);
        let dropped: BTreeMap<&str, u64> = stats
            .dropped
            .iter()
            .filter(|(_, n)| **n > 0)
            .map(|(k, n)| (k.as_str(), *n))
            .collect();
        check_eq!(&dropped, &model.dropped, "dropped after {:?}", op);
        check_eq!(stats.listener_failures, model.failures);
        let consumed_by: BTreeMap<u64, u64> = stats.consumed_by.into_iter().collect();
        check_eq!(&consumed_by, &model.consumed_by);
        check_eq!(stats.buffered, model.buffer.len() as u64);
    }
    Ok(())
}
