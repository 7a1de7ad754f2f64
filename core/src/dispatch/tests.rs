//! SPEC D1–D7 and the M7 receive side.

use super::*;
use crate::message::ConversationId;
use proptest::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

fn c2c(from: &str, to: &str, seq: u32, random: u32, text: &str) -> String {
    format!(
        r#"{{"From_Account":"{from}","To_Account":"{to}","MsgSeq":{seq},"MsgRandom":{random},"MsgTime":1700000000,"MsgBody":[{{"MsgType":"TIMTextElem","MsgContent":{{"Text":"{text}"}}}}]}}"#
    )
}

fn group(group: &str, random: u32) -> String {
    format!(
        r#"{{"GroupId":"{group}","From_Account":"carol","MsgSeq":7,"Random":{random},"MsgTime":1700000000,"MsgBody":[{{"MsgType":"TIMTextElem","MsgContent":{{"Text":"hi"}}}}]}}"#
    )
}

/// Records every event it sees; optionally consumes.
#[derive(Default)]
struct Recorder {
    batches: Mutex<Vec<usize>>,
    events: AtomicUsize,
    consume: bool,
}

impl Listener for Recorder {
    fn on_event(&self, event: &DispatchEvent) -> Result<bool, ListenerFailed> {
        self.events.fetch_add(1, Ordering::SeqCst);
        if let DispatchEvent::NewMessages { messages } = event {
            self.batches.lock().unwrap().push(messages.len());
        }
        Ok(self.consume)
    }
}

/// Every input not delivered, as (index, reason).
fn dropped(report: &ReceiveReport) -> Vec<(u32, DropReason)> {
    report.dropped.iter().map(|d| (d.index, d.reason)).collect()
}

/// Inputs that did not decode: each carries its typed error.
fn decode_errors(report: &ReceiveReport) -> usize {
    let errors = report.dropped.iter().filter(|d| d.error.is_some()).count();
    let malformed = report
        .dropped
        .iter()
        .filter(|d| d.reason == DropReason::Malformed)
        .count();
    assert_eq!(
        errors, malformed,
        "exactly the malformed inputs carry an error"
    );
    errors
}

fn logged_in() -> Dispatcher {
    let d = Dispatcher::default();
    d.set_user(Some("bob".into()));
    d.join_group("g1");
    d
}

fn delivered(r: &Recorder) -> usize {
    r.batches.lock().unwrap().iter().sum()
}

#[test]
fn d3_a_batch_is_one_listener_call() {
    let d = logged_in();
    let r = Arc::new(Recorder::default());
    d.add_listener(r.clone()).detach();
    let msgs: Vec<String> = (0..100).map(|i| c2c("alice", "bob", i, i, "x")).collect();
    let refs: Vec<&str> = msgs.iter().map(String::as_str).collect();
    let report = d.receive_json(0, &refs, None);
    assert_eq!(report.accepted, 100);
    assert_eq!(*r.batches.lock().unwrap(), vec![100]);
}

#[test]
fn d3_a_json_array_batch_is_one_crossing_with_the_same_verdicts() {
    let d = logged_in();
    let r = Arc::new(Recorder::default());
    d.add_listener(r.clone()).detach();
    let array = format!(
        "[{},{},{}]",
        c2c("alice", "bob", 1, 1, "x"),
        c2c("alice", "dave", 2, 2, "x"),
        "{}"
    );
    let report = d.receive_json_array(0, &array, None).unwrap();
    assert_eq!(report.accepted, 1);
    assert_eq!(
        dropped(&report),
        vec![(1, DropReason::Misrouted), (2, DropReason::Malformed)]
    );
    assert_eq!(decode_errors(&report), 1);
    assert_eq!(*r.batches.lock().unwrap(), vec![1]);
    assert!(matches!(
        d.receive_json_array(0, "{\"not\":\"an array\"}", None),
        Err(crate::message::MessageError::InvalidField { .. })
    ));
    assert!(matches!(
        d.receive_json_array(0, "[", None),
        Err(crate::message::MessageError::Json { .. })
    ));
}

#[test]
fn d4_c2c_for_another_user_is_misrouted() {
    let d = logged_in();
    let r = Arc::new(Recorder::default());
    d.add_listener(r.clone()).detach();
    let report = d.receive_json(0, &[&c2c("alice", "dave", 1, 1, "x")], None);
    assert_eq!(dropped(&report), vec![(0, DropReason::Misrouted)]);
    let wrong_conversation = ConversationId::C2c {
        user_id: "mallory".into(),
    };
    let report = d.receive_json(
        0,
        &[&c2c("alice", "bob", 2, 2, "x")],
        Some(&wrong_conversation),
    );
    assert_eq!(dropped(&report), vec![(0, DropReason::Misrouted)]);
    assert_eq!(delivered(&r), 0);
    assert_eq!(d.stats().dropped["misrouted"], 2);
}

#[test]
fn d4_group_message_needs_membership() {
    let d = logged_in();
    d.add_listener(Arc::new(Recorder::default())).detach();
    assert_eq!(
        dropped(&d.receive_json(0, &[&group("g2", 1)], None)),
        vec![(0, DropReason::NotMember)]
    );
    d.join_group("g2");
    assert_eq!(d.receive_json(0, &[&group("g2", 1)], None).accepted, 1);
    d.leave_group("g2");
    assert_eq!(
        dropped(&d.receive_json(0, &[&group("g2", 2)], None)),
        vec![(0, DropReason::NotMember)]
    );
}

#[test]
fn d4_nothing_is_delivered_while_logged_out() {
    let d = Dispatcher::default();
    d.add_listener(Arc::new(Recorder::default())).detach();
    assert_eq!(
        dropped(&d.receive_json(0, &[&c2c("alice", "bob", 1, 1, "x")], None)),
        vec![(0, DropReason::NotLoggedIn)]
    );
    assert_eq!(d.stats().dropped["not_logged_in"], 1);
}

#[test]
fn m7_duplicates_are_dropped_by_the_service_keys() {
    let d = logged_in();
    d.add_listener(Arc::new(Recorder::default())).detach();
    let m = c2c("alice", "bob", 1, 9, "x");
    assert_eq!(d.receive_json(0, &[&m], None).accepted, 1);
    assert_eq!(
        dropped(&d.receive_json(119_999, &[&m], None)),
        vec![(0, DropReason::Duplicate)]
    );
    // Different content, same seq and random: not a duplicate (CRC differs).
    assert_eq!(
        d.receive_json(1, &[&c2c("alice", "bob", 1, 9, "y")], None)
            .accepted,
        1
    );
    assert_eq!(
        d.receive_json(120_001, &[&m], None).accepted,
        1,
        "the 120 s window has passed"
    );
    let g = group("g1", 5);
    assert_eq!(d.receive_json(0, &[&g], None).accepted, 1);
    assert_eq!(
        dropped(&d.receive_json(299_999, &[&g], None)),
        vec![(0, DropReason::Duplicate)]
    );
    assert_eq!(d.stats().dropped["duplicate"], 2);
}

#[test]
fn m7_dedup_memory_is_bounded() {
    let mut f = DuplicateFilter::with_capacity(100);
    for i in 0..1_000u32 {
        let m = Incoming::decode(&group(&format!("g{i}"), i)).unwrap();
        assert!(!f.is_duplicate(&m, 0));
    }
    assert!(f.len() <= 100);
    assert_eq!(f.forgotten(), 900);
}

#[test]
fn malformed_input_is_a_typed_error_and_counted() {
    let d = logged_in();
    let report = d.receive_json(0, &["{not json", r#"{"To_Account":"bob"}"#], None);
    assert_eq!(decode_errors(&report), 2);
    assert_eq!(
        dropped(&report),
        vec![(0, DropReason::Malformed), (1, DropReason::Malformed)]
    );
    assert_eq!(d.stats().dropped["malformed"], 2);
}

#[test]
fn dropped_inputs_are_reported_in_input_order_whatever_the_reason() {
    let d = logged_in();
    d.add_listener(Arc::new(Recorder::default())).detach();
    let report = d.receive_json(
        0,
        &[
            &c2c("alice", "bob", 1, 1, "x"),
            "{not json",
            &c2c("alice", "dave", 2, 2, "x"),
            "[]",
        ],
        None,
    );
    assert_eq!(report.accepted, 1);
    assert_eq!(
        dropped(&report),
        vec![
            (1, DropReason::Malformed),
            (2, DropReason::Misrouted),
            (3, DropReason::Malformed)
        ]
    );
    assert!(matches!(
        report.dropped[0].error,
        Some(crate::message::MessageError::Json { line: 1, .. })
    ));
}

#[test]
fn d1_same_listener_twice_is_one_registration_and_order_is_kept() {
    let d = logged_in();
    let order = Arc::new(Mutex::new(Vec::new()));
    struct Named(&'static str, Arc<Mutex<Vec<&'static str>>>);
    impl Listener for Named {
        fn on_event(&self, _: &DispatchEvent) -> Result<bool, ListenerFailed> {
            self.1.lock().unwrap().push(self.0);
            Ok(false)
        }
    }
    let a: Arc<dyn Listener> = Arc::new(Named("a", order.clone()));
    let b: Arc<dyn Listener> = Arc::new(Named("b", order.clone()));
    let ha = d.add_listener(a.clone()).detach();
    d.add_listener(b).detach();
    assert_eq!(d.add_listener(a).detach(), ha);
    assert_eq!(d.listener_count(), 2);
    d.receive_json(0, &[&c2c("alice", "bob", 1, 1, "x")], None);
    assert_eq!(*order.lock().unwrap(), ["a", "b"]);
    assert!(d.remove_listener(ha));
    assert!(!d.remove_listener(ha));
}

#[test]
fn d2_chain_mode_stops_at_the_consumer_and_counts_it() {
    let d = logged_in();
    d.set_mode(DispatchMode::Chain);
    let first = Arc::new(Recorder {
        consume: true,
        ..Recorder::default()
    });
    let second = Arc::new(Recorder::default());
    let id = d.add_listener(first.clone()).detach();
    d.add_listener(second.clone()).detach();
    d.receive_json(
        0,
        &[
            &c2c("alice", "bob", 1, 1, "x"),
            &c2c("alice", "bob", 2, 2, "x"),
        ],
        None,
    );
    assert_eq!(delivered(&first), 2);
    assert_eq!(delivered(&second), 0);
    assert_eq!(d.stats().consumed_by[&id.0], 2);
    d.set_mode(DispatchMode::Observer);
    d.receive_json(0, &[&c2c("alice", "bob", 3, 3, "x")], None);
    assert_eq!(delivered(&second), 1, "observers all see it");
}

#[test]
fn d6_a_failing_listener_is_counted_and_the_others_still_run() {
    struct Fails;
    impl Listener for Fails {
        fn on_event(&self, _: &DispatchEvent) -> Result<bool, ListenerFailed> {
            Err(ListenerFailed("IllegalStateException".into()))
        }
    }
    let d = logged_in();
    d.add_listener(Arc::new(Fails)).detach();
    let r = Arc::new(Recorder::default());
    d.add_listener(r.clone()).detach();
    d.receive_json(0, &[&c2c("alice", "bob", 1, 1, "x")], None);
    assert_eq!(delivered(&r), 1);
    assert_eq!(d.stats().listener_failures, 1);
}

#[test]
fn d6_a_panicking_listener_does_not_stop_the_others() {
    struct Boom;
    impl Listener for Boom {
        fn on_event(&self, _: &DispatchEvent) -> Result<bool, ListenerFailed> {
            panic!("listener bug")
        }
    }
    let d = logged_in();
    d.add_listener(Arc::new(Boom)).detach();
    let r = Arc::new(Recorder::default());
    d.add_listener(r.clone()).detach();
    d.receive_json(0, &[&c2c("alice", "bob", 1, 1, "x")], None);
    assert_eq!(delivered(&r), 1);
    assert_eq!(d.stats().listener_failures, 1);
}

#[test]
fn d5_listener_may_add_remove_and_reenter_from_its_callback() {
    struct Reentrant {
        d: Arc<Dispatcher>,
        me: Mutex<Option<ListenerId>>,
        added: Arc<Recorder>,
        calls: AtomicUsize,
    }
    impl Listener for Reentrant {
        fn on_event(&self, _: &DispatchEvent) -> Result<bool, ListenerFailed> {
            if self.calls.fetch_add(1, Ordering::SeqCst) == 0 {
                // Adds a listener (it must not see this event), removes itself,
                // and dispatches again from inside the callback.
                self.d.add_listener(self.added.clone()).detach();
                if let Some(id) = *self.me.lock().unwrap() {
                    self.d.remove_listener(id);
                }
                self.d
                    .receive_json(0, &[&c2c("alice", "bob", 99, 99, "again")], None);
            }
            Ok(false)
        }
    }
    let d = Arc::new(logged_in());
    let added = Arc::new(Recorder::default());
    let r = Arc::new(Reentrant {
        d: d.clone(),
        me: Mutex::new(None),
        added: added.clone(),
        calls: AtomicUsize::new(0),
    });
    let id = d.add_listener(r.clone()).detach();
    *r.me.lock().unwrap() = Some(id);
    d.receive_json(0, &[&c2c("alice", "bob", 1, 1, "x")], None);
    assert_eq!(
        r.calls.load(Ordering::SeqCst),
        1,
        "removed itself before the nested event"
    );
    assert_eq!(
        *added.batches.lock().unwrap(),
        vec![1],
        "saw only the nested event"
    );
}

#[test]
fn d7_without_listener_messages_wait_and_go_to_the_first_listener() {
    let d = Dispatcher::new(DispatchMode::Observer, 3);
    d.set_user(Some("bob".into()));
    let msgs: Vec<String> = (0..5).map(|i| c2c("alice", "bob", i, i, "x")).collect();
    for m in &msgs {
        d.receive_json(0, &[m], None);
    }
    let stats = d.stats();
    assert_eq!(stats.buffered, 3);
    assert_eq!(stats.dropped["overflow"], 2);
    let roomy = Dispatcher::new(DispatchMode::Observer, 10);
    roomy.set_user(Some("bob".into()));
    roomy.receive_json(0, &[&msgs[0]], None);
    assert_eq!(roomy.stats().buffered, 1);
    assert!(
        roomy.stats().dropped.is_empty(),
        "nothing was dropped, so no counter: {:?}",
        roomy.stats().dropped
    );
    let r = Arc::new(Recorder::default());
    d.add_listener(r.clone()).detach();
    assert_eq!(*r.batches.lock().unwrap(), vec![3]);
    assert_eq!(d.stats().buffered, 0);
}

#[test]
fn d3_other_events_reach_listeners_or_are_counted() {
    let d = logged_in();
    d.dispatch(DispatchEvent::ReadReceipt {
        conversation: ConversationId::C2c {
            user_id: "alice".into(),
        },
        reader: "alice".into(),
        read_time: 1,
    });
    assert_eq!(d.stats().events_without_listener, 1);
    let r = Arc::new(Recorder::default());
    d.add_listener(r.clone()).detach();
    d.dispatch(DispatchEvent::Revoked {
        conversation: ConversationId::C2c {
            user_id: "alice".into(),
        },
        message_id: "1_2_3".into(),
        operator: "alice".into(),
        reason: "typo".into(),
    });
    assert_eq!(r.events.load(Ordering::SeqCst), 1);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    /// D5 across threads: random add/remove/receive from 4 threads; every
    /// listener sees each message at most once, and nothing deadlocks.
    #[test]
    fn d5_random_interleavings_deliver_at_most_once(ops in proptest::collection::vec((0u8..3, 0u8..4), 10..60)) {
        let d = Arc::new(logged_in());
        let listeners: Vec<Arc<Counting>> = (0..4).map(|_| Arc::new(Counting::default())).collect();
        let ids: Vec<Mutex<Option<ListenerId>>> = (0..4).map(|_| Mutex::new(None)).collect();
        let ids = Arc::new(ids);
        let next_seq = Arc::new(AtomicUsize::new(0));
        let chunks: Vec<Vec<(u8, u8)>> = ops.chunks(ops.len().div_ceil(4)).map(<[_]>::to_vec).collect();
        let handles: Vec<_> = chunks.into_iter().map(|chunk| {
            let d = d.clone();
            let listeners = listeners.clone();
            let ids = ids.clone();
            let next_seq = next_seq.clone();
            std::thread::spawn(move || {
                for (op, which) in chunk {
                    let w = which as usize;
                    match op {
                        0 => { *ids[w].lock().unwrap() = Some(d.add_listener(listeners[w].clone()).detach()); }
                        1 => { if let Some(id) = *ids[w].lock().unwrap() { d.remove_listener(id); } }
                        _ => {
                            let seq = next_seq.fetch_add(1, Ordering::SeqCst) as u32;
                            d.receive_json(0, &[&c2c("alice", "bob", seq, seq, "x")], None);
                        }
                    }
                }
            })
        }).collect();
        for h in handles {
            h.join().unwrap();
        }
        for l in &listeners {
            let seen = l.seen.lock().unwrap();
            let mut unique = seen.clone();
            unique.sort_unstable();
            unique.dedup();
            prop_assert_eq!(unique.len(), seen.len(), "a message reached a listener twice");
        }
        let stats = d.stats();
        prop_assert_eq!(stats.received, next_seq.load(Ordering::SeqCst) as u64);
    }
}

#[derive(Default)]
struct Counting {
    seen: Mutex<Vec<u32>>,
}

impl Listener for Counting {
    fn on_event(&self, event: &DispatchEvent) -> Result<bool, ListenerFailed> {
        if let DispatchEvent::NewMessages { messages } = event {
            let mut seen = self.seen.lock().unwrap();
            for m in messages.iter().filter(|m| m.to_account.is_some()) {
                seen.push(u32::try_from(m.msg_seq).unwrap());
            }
        }
        Ok(false)
    }
}

#[test]
fn d6_a_lone_failing_listener_delivers_nothing() {
    struct Fails;
    impl Listener for Fails {
        fn on_event(&self, _: &DispatchEvent) -> Result<bool, ListenerFailed> {
            Err(ListenerFailed("IllegalStateException".into()))
        }
    }
    let d = logged_in();
    let _fails = d.add_listener(Arc::new(Fails));
    d.receive_json(0, &[&c2c("alice", "bob", 1, 1, "x")], None);
    let stats = d.stats();
    assert_eq!(stats.delivered, 0, "nobody took it");
    assert_eq!(stats.listener_failures, 1);
}

#[test]
fn d1_dropping_the_handle_unregisters_and_detach_keeps_it() {
    let d = logged_in();
    let r = Arc::new(Recorder::default());
    {
        let _handle = d.add_listener(r.clone());
        assert_eq!(d.listener_count(), 1);
    }
    assert_eq!(d.listener_count(), 0, "dropped handle unregistered it");
    d.receive_json(0, &[&c2c("alice", "bob", 1, 1, "x")], None);
    assert_eq!(
        delivered(&r),
        0,
        "a dropped listener gets nothing (buffered instead)"
    );
    let id = d.add_listener(r.clone()).detach();
    assert_eq!(delivered(&r), 1, "the buffer went to the first listener");
    assert_eq!(d.listener_count(), 1);
    let mut again = d.add_listener(r.clone());
    assert_eq!(again.id(), id, "same listener, same registration");
    assert!(again.remove());
    assert!(!again.remove(), "removing twice is harmless");
    assert_eq!(d.listener_count(), 0);
}

#[test]
fn d1_a_handle_outliving_its_dispatcher_is_harmless() {
    let d = logged_in();
    let mut handle = d.add_listener(Arc::new(Recorder::default()));
    drop(d);
    assert!(!handle.remove());
}

mod sans_io {
    //! The core's decisions alone: no listener objects, no driver.
    use super::*;

    fn core() -> DispatchCore {
        let mut core = DispatchCore::default();
        core.set_user(Some("bob".into()));
        core
    }

    fn batch(seqs: std::ops::Range<u32>) -> String {
        let items: Vec<String> = seqs.map(|i| c2c("alice", "bob", i, i, "x")).collect();
        format!("[{}]", items.join(","))
    }

    #[test]
    fn d1_d2_a_delivery_names_every_listener_in_order_with_the_mode() {
        let mut core = core();
        let a = core.add_listener().id;
        let b = core.add_listener().id;
        core.set_mode(DispatchMode::Chain);
        let receipt = core.receive_json_array(0, &batch(0..3), None).unwrap();
        assert_eq!(receipt.report.accepted, 3);
        let [delivery] = receipt.deliveries.as_slice() else {
            panic!("one delivery per batch: {:?}", receipt.deliveries)
        };
        assert_eq!(&*delivery.listeners, &[a, b]);
        assert_eq!(delivery.mode, DispatchMode::Chain);
        assert_eq!(delivery.messages(), 3);
    }

    #[test]
    fn d2_run_stops_at_the_consumer_only_in_chain_mode() {
        let mut core = core();
        let ids: Vec<ListenerId> = (0..3).map(|_| core.add_listener().id).collect();
        let mut receipt = core.receive_json_array(0, &batch(0..1), None).unwrap();
        let mut delivery = receipt.deliveries.remove(0);
        let consume_at_second = |id: ListenerId, _: &DispatchEvent| Some(Ok(id == ids[1]));
        let observed = delivery.run(consume_at_second);
        assert_eq!((observed.called, observed.consumed_by), (3, None));
        assert!(!observed.needs_report(3));
        delivery.mode = DispatchMode::Chain;
        let chained = delivery.run(consume_at_second);
        assert_eq!((chained.called, chained.consumed_by), (2, Some(ids[1])));
        assert!(chained.needs_report(3));
    }

    #[test]
    fn d6_outcomes_correct_the_counters() {
        let mut core = core();
        let a = core.add_listener().id;
        let b = core.add_listener().id;
        core.receive_json_array(0, &batch(0..2), None).unwrap();
        assert_eq!(core.stats().delivered, 2, "counted when decided");
        core.record_outcome(&DeliveryOutcome {
            messages: 2,
            called: 2,
            consumed_by: None,
            failed: vec![a],
        });
        assert_eq!(core.stats().delivered, 2, "b took them");
        core.record_outcome(&DeliveryOutcome {
            messages: 2,
            called: 2,
            consumed_by: None,
            failed: vec![a, b],
        });
        let stats = core.stats();
        assert_eq!(stats.delivered, 0, "nobody took them");
        assert_eq!(stats.listener_failures, 3);
    }

    #[test]
    fn d5_messages_whose_listeners_all_left_are_counted_as_dropped() {
        let mut core = core();
        core.add_listener();
        core.receive_json_array(0, &batch(0..4), None).unwrap();
        core.record_outcome(&DeliveryOutcome {
            messages: 4,
            ..DeliveryOutcome::default()
        });
        let stats = core.stats();
        assert_eq!(stats.delivered, 0);
        assert_eq!(stats.dropped[LISTENER_REMOVED], 4);
    }

    #[test]
    fn d7_the_first_listener_gets_the_buffer_as_its_own_delivery() {
        let mut core = core();
        assert!(core
            .receive_json_array(0, &batch(0..2), None)
            .unwrap()
            .deliveries
            .is_empty());
        assert_eq!(core.stats().buffered, 2);
        let first = core.add_listener();
        assert_eq!(first.deliveries.len(), 1);
        assert_eq!(&*first.deliveries[0].listeners, &[first.id]);
        assert!(core.add_listener().deliveries.is_empty(), "only the first");
        assert_eq!(core.stats().buffered, 0);
        assert!(core.remove_listener(first.id));
        assert!(!core.remove_listener(first.id));
    }
}

#[test]
fn m4_a_received_directed_group_message_is_a_group_message() {
    let json = r#"{"GroupId":"g1","From_Account":"carol","MsgSeq":7,"Random":3,"To_Account":["bob"],"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi"}}]}"#;
    let Incoming::Group(m) = Incoming::decode(json).unwrap() else {
        panic!("a directed group message decodes as a group message")
    };
    assert_eq!(m.group_id, "g1");
    assert_eq!(m.to_account, Some(vec!["bob".to_string()]));
    assert!(m.extra.is_empty());
    let d = logged_in();
    let _r = d.add_listener(Arc::new(Recorder::default()));
    assert_eq!(d.receive_json(0, &[json], None).accepted, 1);
}

#[test]
fn d3_every_field_of_a_received_message_is_kept() {
    let c2c = r#"{"From_Account":"alice","To_Account":"bob","MsgSeq":3729430001,"MsgRandom":9,"MsgTime":1700000000,"MsgKey":"1_2_3","OnlineOnlyFlag":0,"CloudCustomData":"{\"k\":1}","EventTime":1700000000123,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi"}}]}"#;
    let Incoming::C2c(m) = Incoming::decode(c2c).unwrap() else {
        panic!("c2c")
    };
    assert_eq!(m.msg_seq, 3_729_430_001);
    assert_eq!(m.msg_key.as_deref(), Some("1_2_3"));
    assert_eq!(m.cloud_custom_data.as_deref(), Some(r#"{"k":1}"#));
    assert_eq!(m.online_only_flag, Some(false));
    assert_eq!(
        m.extra.get("EventTime"),
        Some(&serde_json::json!(1_700_000_000_123u64))
    );
    let group = r#"{"GroupId":"@TGS#_c","From_Account":"carol","MsgSeq":7,"Random":3,"MsgTime":1,"TopicId":"@TGS#_c@TOPIC#_t","CloudCustomData":"x","OnlineOnlyFlag":1,"Type":"Community","MsgBody":[]}"#;
    let Incoming::Group(g) = Incoming::decode(group).unwrap() else {
        panic!("group")
    };
    assert_eq!(g.topic_id.as_deref(), Some("@TGS#_c@TOPIC#_t"));
    assert_eq!(g.cloud_custom_data.as_deref(), Some("x"));
    assert_eq!(g.online_only_flag, Some(true));
    assert_eq!(g.extra.get("Type"), Some(&serde_json::json!("Community")));
}

#[test]
fn d3_online_only_flag_is_0_or_1_and_anything_else_is_reported() {
    // The same type as GroupMessage.online_only_flag: a bool, 0/1 on the
    // wire. Another number is a malformed message, dropped and reported
    // with its typed error (6017), never guessed at.
    let d = logged_in();
    let _r = d.add_listener(Arc::new(Recorder::default()));
    let flagged = |flag: &str| {
        format!(
            r#"{{"From_Account":"alice","To_Account":"bob","MsgSeq":{flag},"MsgRandom":1,"OnlineOnlyFlag":{flag},"MsgBody":[]}}"#
        )
    };
    let report = d.receive_json(0, &[&flagged("0"), &flagged("1"), &flagged("2")], None);
    assert_eq!(report.accepted, 2);
    assert_eq!(dropped(&report), vec![(2, DropReason::Malformed)]);
    let error = report.dropped[0].error.as_ref().expect("a typed error");
    assert_eq!(error.code().map(|c| c.code()), Some(6017));
    assert!(error.to_string().contains("OnlineOnlyFlag"), "{error}");
}

#[test]
fn d1_d4_the_core_reports_its_user_groups_mode_and_registrations() {
    let mut core = DispatchCore::new(DispatchMode::Chain, 10);
    assert_eq!(core.user(), None);
    core.set_user(Some("bob".into()));
    assert_eq!(core.user(), Some("bob"));
    assert_eq!(core.mode(), DispatchMode::Chain);
    core.join_group("g2");
    core.join_group("g1");
    assert_eq!(core.groups(), ["g1", "g2"]);
    let r = core.add_listener();
    assert!(core.is_registered(r.id));
    assert!(core.remove_listener(r.id));
    assert!(!core.is_registered(r.id));
    assert_eq!(ListenerFailed("it threw".into()).to_string(), "it threw");
}

#[test]
fn d3_decoded_messages_go_through_the_same_rules() {
    let text =
        r#"{"From_Account":"alice","To_Account":"bob","MsgSeq":1,"MsgRandom":1,"MsgBody":[]}"#;
    let message = Incoming::decode(text).unwrap();
    assert_eq!(message.sender(), "alice");
    let mut core = DispatchCore::default();
    core.set_user(Some("bob".into()));
    let first = core.add_listener();
    let receipt = core.receive(0, vec![message.clone(), message.clone()], None);
    assert_eq!(receipt.report.accepted, 1);
    assert_eq!(dropped(&receipt.report), [(1, DropReason::Duplicate)]);
    assert_eq!(&*receipt.deliveries[0].listeners, &[first.id]);
    let d = Dispatcher::new(DispatchMode::Chain, 10);
    assert_eq!(d.mode(), DispatchMode::Chain);
    d.set_user(Some("bob".into()));
    let recorder = Arc::new(Recorder::default());
    let _handle = d.add_listener(recorder.clone());
    let report = d.receive(0, vec![message], None);
    assert_eq!(report.accepted, 1);
    assert_eq!(d.stats().delivered, 1);
}
