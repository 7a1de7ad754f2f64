//! Delivery plans: the fast way to deliver incoming messages to listeners
//! that live in Kotlin or Swift (SPEC D1–D7).
//!
//! A foreign-trait listener costs one crossing and one conversion of the
//! whole batch *per listener*. A deferred listener instead is a slot in the
//! core's registry: the core still decides everything (registration order,
//! the listener set fixed when an event starts, chain mode, the D7 buffer,
//! the counters), but instead of calling the listener it writes down "event
//! E goes to listeners [a, b, c]". The plan crosses once, is converted once,
//! and the Kotlin/Swift layer calls its own listeners from it, then reports
//! back only what the core cannot see (a chain consumption, a failure).
//!
//! The plan is captured per thread for the length of one planned call:
//! delivery is synchronous on the caller's thread, so the deferred slots
//! that fire during the call are exactly the ones of this call. A deferred
//! listener reached outside a planned call (a plain `receive` on the same
//! dispatcher) cannot be served: it is counted as a listener failure and
//! logged, never skipped silently.

use crate::dispatch::{
    event_out, modified_event, parse_conversation, read_receipt_event, report_out, revoked_event,
    DispatchEvent, DispatchMode, Dispatcher, ListenerHandle, ReceiveReport,
};
use crate::error::MessageError;
use imbridge_core::dispatch as core;
use std::cell::RefCell;
use std::sync::Arc;

/// Deliver `event` to the listeners in `listeners`, in that order (D1),
/// with `mode`'s semantics (D2): in chain mode stop after the first that
/// consumes it.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct DeliveryPlan {
    /// The event, converted once for every listener of the plan.
    pub event: DispatchEvent,
    /// Listener handle ids, in registration order, fixed when the event started (D5).
    pub listeners: Vec<u64>,
    /// Observer or chain.
    pub mode: DispatchMode,
}

/// A deferred listener's registration: its handle, and the plans to run at
/// once (the messages that waited in the D7 buffer for a first listener).
#[derive(Debug, Clone, uniffi::Record)]
pub struct DeferredRegistration {
    /// Removes the listener from the core's registry.
    pub handle: Arc<ListenerHandle>,
    /// Plans to run now, in order.
    pub plans: Vec<DeliveryPlan>,
}

#[derive(Default)]
struct Capture {
    plans: Vec<DeliveryPlan>,
    /// Address of the core event the last plan was made for: every
    /// deferred slot of one dispatch sees the same event object.
    last_event: usize,
}

thread_local! {
    static CAPTURE: RefCell<Option<Capture>> = const { RefCell::new(None) };
}

/// Runs `f` with plan capture on for this thread and returns its result
/// with the plans it produced. Nested planned calls (a listener of another
/// dispatcher calling in) keep their own plans.
pub(crate) fn capture_plans<R>(f: impl FnOnce() -> R) -> (R, Vec<DeliveryPlan>) {
    /// Puts the outer capture back even if `f` panics (UniFFI catches the
    /// panic; a capture left on would swallow this thread's later misses).
    struct Restore(Option<Option<Capture>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            if let Some(outer) = self.0.take() {
                CAPTURE.with(|c| c.replace(outer));
            }
        }
    }
    let mut restore = Restore(Some(CAPTURE.with(|c| c.replace(Some(Capture::default())))));
    let result = f();
    let mine = CAPTURE.with(|c| c.take());
    if let Some(outer) = restore.0.take() {
        CAPTURE.with(|c| c.replace(outer));
    }
    (result, mine.map(|c| c.plans).unwrap_or_default())
}

/// The core-side slot of a listener that Kotlin or Swift calls from plans.
pub(crate) struct Deferred {
    /// Its handle id, filled in once the registry assigned it.
    pub(crate) id: std::sync::OnceLock<u64>,
}

impl core::Listener for Deferred {
    fn on_event(&self, event: &core::DispatchEvent) -> Result<bool, core::ListenerFailed> {
        let Some(&id) = self.id.get() else {
            return Err(core::ListenerFailed(
                "deferred listener called before its registration finished".into(),
            ));
        };
        let address = std::ptr::from_ref(event) as usize;
        let recorded = CAPTURE.with(|c| {
            let mut slot = c.borrow_mut();
            let capture = slot.as_mut()?;
            match capture.plans.last_mut() {
                Some(plan) if capture.last_event == address => plan.listeners.push(id),
                _ => {
                    capture.last_event = address;
                    capture.plans.push(DeliveryPlan {
                        event: event_out(event),
                        listeners: vec![id],
                        // Filled in by the planned call, which knows the mode.
                        mode: DispatchMode::Observer,
                    });
                }
            }
            Some(())
        });
        // Returning `false` lets the core go on to the next slot: in chain
        // mode the Kotlin/Swift layer stops at the consumer itself.
        recorded.map(|()| false).ok_or_else(|| {
            core::ListenerFailed(
                "deferred listener reached outside a planned call: deliver with the planned methods"
                    .into(),
            )
        })
    }
}

/// Stamps the dispatcher's mode on plans made during one call.
pub(crate) fn with_mode(mut plans: Vec<DeliveryPlan>, mode: DispatchMode) -> Vec<DeliveryPlan> {
    for plan in &mut plans {
        plan.mode = mode;
    }
    plans
}

/// What a planned `receive` did, and the plans that deliver it.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct PlannedReceive {
    /// Accepted and dropped messages, as `receive` reports them.
    pub report: ReceiveReport,
    /// Plans to run now, in order.
    pub plans: Vec<DeliveryPlan>,
}

/// Runs `f` capturing plans, stamped with `dispatcher`'s mode.
fn planned<R>(dispatcher: &core::Dispatcher, f: impl FnOnce() -> R) -> (R, Vec<DeliveryPlan>) {
    let (result, plans) = capture_plans(f);
    (result, with_mode(plans, dispatcher.mode().into()))
}

/// The planned receive behind both `receivePlanned` and the JVM's JNI entry
/// point: `messages_json` is one JSON array of messages.
pub(crate) fn receive_planned(
    dispatcher: &core::Dispatcher,
    now_ms: u64,
    messages_json: &str,
    arrived_on: Option<String>,
) -> Result<PlannedReceive, MessageError> {
    let arrived_on = parse_conversation(arrived_on)?;
    let (report, plans) = planned(dispatcher, || {
        dispatcher.receive_json_array(now_ms, messages_json, arrived_on.as_ref())
    });
    Ok(PlannedReceive {
        report: report_out(report?),
        plans,
    })
}

#[uniffi::export]
impl Dispatcher {
    /// D1 for a listener that Kotlin or Swift calls itself from delivery
    /// plans (see `receivePlanned`). Takes its place at the end of the
    /// order like any listener; the first listener's registration returns
    /// the plan for what waited in the buffer (D7).
    pub fn add_deferred_listener(&self) -> DeferredRegistration {
        let slot = Arc::new(Deferred {
            id: std::sync::OnceLock::new(),
        });
        let registering = Arc::clone(&slot);
        // The core may deliver the D7 buffer inside `add_listener`, before
        // it returns the id; the slot learns its id from the registry first.
        let (id, plans) = planned(&self.inner, || {
            self.inner.add_listener_with(registering, |id| {
                let _ = slot.id.set(id.0);
            })
        });
        DeferredRegistration {
            handle: Arc::new(ListenerHandle::new(Arc::clone(&self.inner), id)),
            plans,
        }
    }

    /// D1: removes a listener by its handle id; whether it was registered.
    pub fn remove_listener_by_id(&self, id: u64) -> bool {
        self.inner.remove_listener(core::ListenerId(id))
    }

    /// Like `receiveArray`, for deferred listeners: the core decodes,
    /// drops duplicates, applies the delivery rules and the registry's
    /// order, and returns the plans instead of calling the listeners. One
    /// crossing and one conversion per batch, however many listeners.
    #[uniffi::method(default(arrived_on = None))]
    pub fn receive_planned(
        &self,
        now_ms: u64,
        messages_json: String,
        arrived_on: Option<String>,
    ) -> Result<PlannedReceive, MessageError> {
        receive_planned(&self.inner, now_ms, &messages_json, arrived_on)
    }

    /// `revoked`, returning the plans for deferred listeners.
    pub fn revoked_planned(
        &self,
        conversation: String,
        message_id: String,
        operator: String,
        reason: String,
    ) -> Result<Vec<DeliveryPlan>, MessageError> {
        let event = revoked_event(conversation, message_id, operator, reason)?;
        Ok(planned(&self.inner, || self.inner.dispatch(event)).1)
    }

    /// `readReceipt`, returning the plans for deferred listeners.
    pub fn read_receipt_planned(
        &self,
        conversation: String,
        reader: String,
        read_time: u64,
    ) -> Result<Vec<DeliveryPlan>, MessageError> {
        let event = read_receipt_event(conversation, reader, read_time)?;
        Ok(planned(&self.inner, || self.inner.dispatch(event)).1)
    }

    /// `modified`, returning the plans for deferred listeners.
    pub fn modified_planned(&self, message: String) -> Result<Vec<DeliveryPlan>, MessageError> {
        let event = modified_event(&message)?;
        Ok(planned(&self.inner, || self.inner.dispatch(event)).1)
    }

    /// After running a plan of `messages` messages: the listener that
    /// consumed it in chain mode and those that threw, so the counters
    /// match what the core would have counted calling them itself (D6).
    /// Call it only when there is something to report.
    pub fn record_outcome(&self, messages: u64, consumed_by: Option<u64>, failed: Vec<u64>) {
        let failed: Vec<core::ListenerId> = failed.into_iter().map(core::ListenerId).collect();
        self.inner
            .record_outcome(messages, consumed_by.map(core::ListenerId), &failed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c2c(seq: u32) -> String {
        format!(
            r#"{{"From_Account":"alice","To_Account":"bob","MsgSeq":{seq},"MsgRandom":{seq},"MsgBody":[{{"MsgType":"TIMTextElem","MsgContent":{{"Text":"hi"}}}}]}}"#
        )
    }

    fn dispatcher() -> Dispatcher {
        let d = Dispatcher::new(None, 1000);
        d.set_user(Some("bob".into()));
        d
    }

    #[test]
    fn d3_one_plan_per_event_lists_every_deferred_listener_in_order() {
        let d = dispatcher();
        let ids: Vec<u64> = (0..3)
            .map(|_| d.add_deferred_listener().handle.id())
            .collect();
        let planned = d
            .receive_planned(0, format!("[{},{}]", c2c(1), c2c(2)), None)
            .unwrap();
        assert_eq!(planned.report.accepted, 2);
        assert_eq!(planned.plans.len(), 1);
        assert_eq!(planned.plans[0].listeners, ids);
        assert_eq!(planned.plans[0].mode, DispatchMode::Observer);
        match &planned.plans[0].event {
            DispatchEvent::NewMessages { messages } => assert_eq!(messages.len(), 2),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn d2_plans_carry_the_mode_and_outcomes_reach_the_counters() {
        let d = dispatcher();
        d.set_mode(DispatchMode::Chain);
        let first = d.add_deferred_listener().handle.id();
        let planned = d.receive_planned(0, format!("[{}]", c2c(1)), None).unwrap();
        assert_eq!(planned.plans[0].mode, DispatchMode::Chain);
        d.record_outcome(1, Some(first), vec![first]);
        let stats = d.stats();
        assert_eq!(stats.consumed_by.get(&first), Some(&1));
        assert_eq!(stats.listener_failures, 1);
    }

    #[test]
    fn d7_the_first_deferred_listener_gets_the_buffer_as_a_plan() {
        let d = dispatcher();
        d.receive_array(0, format!("[{},{}]", c2c(1), c2c(2)), None)
            .unwrap();
        let registration = d.add_deferred_listener();
        assert_eq!(registration.plans.len(), 1);
        assert_eq!(
            registration.plans[0].listeners,
            vec![registration.handle.id()]
        );
        assert_eq!(d.stats().buffered, 0);
    }

    #[test]
    fn a_deferred_listener_outside_a_planned_call_is_a_counted_failure() {
        let d = dispatcher();
        d.add_deferred_listener();
        d.receive_array(0, format!("[{}]", c2c(1)), None).unwrap();
        assert_eq!(d.stats().listener_failures, 1);
    }

    #[test]
    fn nested_planned_calls_keep_their_own_plans() {
        let outer = dispatcher();
        let inner = dispatcher();
        outer.add_deferred_listener();
        inner.add_deferred_listener();
        let (inner_plans, outer_plans) = capture_plans(|| {
            let nested = inner
                .receive_planned(0, format!("[{}]", c2c(1)), None)
                .unwrap()
                .plans;
            let _ = outer
                .inner
                .receive_json_array(0, &format!("[{}]", c2c(2)), None);
            nested
        });
        assert_eq!(inner_plans.len(), 1);
        assert_eq!(outer_plans.len(), 1);
    }

    #[test]
    fn a_panic_inside_a_planned_call_leaves_no_capture_behind() {
        let caught = std::panic::catch_unwind(|| capture_plans(|| panic!("inside a planned call")));
        assert!(caught.is_err());
        let d = dispatcher();
        d.add_deferred_listener();
        d.receive_array(0, format!("[{}]", c2c(1)), None).unwrap();
        assert_eq!(
            d.stats().listener_failures,
            1,
            "the miss is counted, not captured"
        );
    }

    #[test]
    fn removing_by_id_unregisters_once() {
        let d = dispatcher();
        let id = d.add_deferred_listener().handle.id();
        assert!(d.remove_listener_by_id(id));
        assert!(!d.remove_listener_by_id(id));
        assert_eq!(d.listener_count(), 0);
    }
}
