//! The dispatcher's core across the FFI (SPEC D1–D7): the Kotlin and Swift
//! `Dispatcher` drivers call it, and make the deliveries it returns.
//!
//! One path: `receive` decides and returns the deliveries; the driver calls
//! its listeners and reports an outcome only when something differed from
//! "every listener took it". No listener object crosses, no callback
//! crosses back: one crossing per batch, however many listeners.

use crate::dispatch::{
    event_out, modified_event, parse_conversation, read_receipt_event, report_out, revoked_event,
    DispatchEvent, DispatchMode, DispatchStats, ReceiveReport,
};
use crate::error::MessageError;
use imbridge_core::dispatch as core;
use imbridge_core::sync::lock;
use std::sync::{Arc, Mutex};

/// Deliver `event` to the listeners in `listeners`, in that order (D1),
/// with `mode`'s semantics (D2): in chain mode stop after the first that
/// consumes it. The list was fixed when the event started (D5).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Delivery {
    /// The event, converted once for every listener.
    pub event: DispatchEvent,
    /// Listener ids, in registration order.
    pub listeners: Vec<u64>,
    /// Observer or chain.
    pub mode: DispatchMode,
}

/// How a delivery went, when it differed from "every listed listener was
/// called and none threw or consumed" (see `DispatchCore.recordOutcome`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DeliveryOutcome {
    /// Messages in the event (0 for events other than new messages).
    pub messages: u64,
    /// Listeners called: fewer than listed after a chain consumer, or when
    /// a listener was removed before its turn.
    pub called: u32,
    /// The listener that consumed the event (chain mode).
    pub consumed_by: Option<u64>,
    /// Listeners that threw; the others still ran (D6).
    pub failed: Vec<u64>,
}

/// What `receive` decided: the report and the deliveries to make now.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Receipt {
    /// Accepted and dropped messages.
    pub report: ReceiveReport,
    /// Deliveries to make now, in order.
    pub deliveries: Vec<Delivery>,
}

/// A new listener's id and the deliveries to make to it at once (what
/// waited in the no-listener buffer, D7).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Registration {
    /// The listener's id (as in `DispatchStats.consumedBy`).
    pub id: u64,
    /// Deliveries to make now, in order.
    pub deliveries: Vec<Delivery>,
}

fn delivery_out(d: core::Delivery) -> Delivery {
    Delivery {
        event: event_out(d.event),
        listeners: d.listeners.iter().map(|id| id.0).collect(),
        mode: d.mode,
    }
}

fn deliveries_out(deliveries: Vec<core::Delivery>) -> Vec<Delivery> {
    deliveries.into_iter().map(delivery_out).collect()
}

/// What the core decided for one received batch, across the FFI: behind
/// both `DispatchCore.receive` and the JVM's JNI entry point.
pub(crate) fn receive(
    core: &Mutex<core::DispatchCore>,
    now_ms: u64,
    messages_json: &str,
    arrived_on: Option<String>,
) -> Result<Receipt, MessageError> {
    let arrived_on = parse_conversation(arrived_on)?;
    let receipt = lock(core).receive_json_array(now_ms, messages_json, arrived_on.as_ref())?;
    Ok(Receipt {
        report: report_out(receipt.report),
        deliveries: deliveries_out(receipt.deliveries),
    })
}

/// The incoming pipeline's rules and counters (SPEC D1–D7): decode → drop
/// duplicates → delivery rules → which listener ids get which event. It
/// holds no listeners: the Kotlin and Swift `Dispatcher` own them and make
/// the deliveries. Thread-safe; time comes in with each call.
#[derive(Debug, uniffi::Object)]
pub struct DispatchCore {
    pub(crate) inner: Arc<Mutex<core::DispatchCore>>,
}

#[uniffi::export]
impl DispatchCore {
    /// A dispatcher core; `buffer` messages wait for the first listener (default 1,000).
    #[uniffi::constructor(default(mode = None, buffer = 1000))]
    pub fn new(mode: Option<DispatchMode>, buffer: u32) -> Self {
        DispatchCore {
            inner: Arc::new(Mutex::new(core::DispatchCore::new(
                mode.unwrap_or_default(),
                buffer as usize,
            ))),
        }
    }

    /// D2: observer or chain semantics.
    pub fn set_mode(&self, mode: DispatchMode) {
        lock(&self.inner).set_mode(mode);
    }

    /// D4: the logged-in user (`null`/`nil` after logout).
    pub fn set_user(&self, user_id: Option<String>) {
        lock(&self.inner).set_user(user_id);
    }

    /// D4: the user joined a group or an AVChatRoom.
    pub fn join_group(&self, group_id: String) {
        lock(&self.inner).join_group(&group_id);
    }

    /// D4: the user left a group.
    pub fn leave_group(&self, group_id: String) {
        lock(&self.inner).leave_group(&group_id);
    }

    /// D1: registers a listener id at the end of the order. The first
    /// listener's registration carries what waited in the buffer (D7).
    pub fn add_listener(&self) -> Registration {
        let registration = lock(&self.inner).add_listener();
        Registration {
            id: registration.id.0,
            deliveries: deliveries_out(registration.deliveries),
        }
    }

    /// D1: removes a listener by id; whether it was registered.
    pub fn remove_listener(&self, id: u64) -> bool {
        lock(&self.inner).remove_listener(core::ListenerId(id))
    }

    /// Listeners registered now.
    pub fn listener_count(&self) -> u32 {
        u32::try_from(lock(&self.inner).listener_count()).unwrap_or(u32::MAX)
    }

    /// Receives a batch — one JSON array of messages as the service sent
    /// them — at `now_ms`: every message not delivered is in the report
    /// with its reason, and the deliveries say who gets the rest.
    /// `arrived_on` is the conversation the transport delivered them for,
    /// when it says. A batch that is not a JSON array, or a malformed
    /// `arrived_on`, throws (6017).
    #[uniffi::method(default(arrived_on = None))]
    pub fn receive(
        &self,
        now_ms: u64,
        messages_json: String,
        arrived_on: Option<String>,
    ) -> Result<Receipt, MessageError> {
        receive(&self.inner, now_ms, &messages_json, arrived_on)
    }

    /// [`DispatchCore::receive`] with the receipt as one buffer: the
    /// `Receipt` in UniFFI's own serialisation, which Swift's `Dispatcher`
    /// reads field by field (`ReceiptFrame.swift`) instead of through the
    /// generic record lifting. Same decision, same counters, same errors.
    #[uniffi::method(default(arrived_on = None))]
    pub fn receive_frame(
        &self,
        now_ms: u64,
        messages_json: String,
        arrived_on: Option<String>,
    ) -> Result<Vec<u8>, MessageError> {
        let receipt = receive(&self.inner, now_ms, &messages_json, arrived_on)?;
        let mut frame = Vec::with_capacity(256 + messages_json.len());
        <Receipt as uniffi::Lower<crate::UniFfiTag>>::write(receipt, &mut frame);
        Ok(frame)
    }

    /// D3: a message was revoked; the deliveries to make.
    pub fn revoked(
        &self,
        conversation: String,
        message_id: String,
        operator: String,
        reason: String,
    ) -> Result<Vec<Delivery>, MessageError> {
        let event = revoked_event(conversation, message_id, operator, reason)?;
        Ok(deliveries_out(lock(&self.inner).dispatch(event)))
    }

    /// D3: the peer read a C2C conversation up to `read_time`; the deliveries to make.
    pub fn read_receipt(
        &self,
        conversation: String,
        reader: String,
        read_time: u64,
    ) -> Result<Vec<Delivery>, MessageError> {
        let event = read_receipt_event(conversation, reader, read_time)?;
        Ok(deliveries_out(lock(&self.inner).dispatch(event)))
    }

    /// D3: a message was modified (`message` is its new JSON); the deliveries to make.
    pub fn modified(&self, message: String) -> Result<Vec<Delivery>, MessageError> {
        let event = modified_event(&message)?;
        Ok(deliveries_out(lock(&self.inner).dispatch(event)))
    }

    /// After making a delivery that did not go plainly (a consumer, a
    /// failure, a listener gone): what happened, so the counters are the
    /// same whichever language drove it (D2, D6).
    pub fn record_outcome(&self, outcome: DeliveryOutcome) {
        lock(&self.inner).record_outcome(&core::DeliveryOutcome {
            messages: outcome.messages,
            called: outcome.called,
            consumed_by: outcome.consumed_by.map(core::ListenerId),
            failed: outcome.failed.into_iter().map(core::ListenerId).collect(),
        });
    }

    /// Counters, for diagnostics.
    pub fn stats(&self) -> DispatchStats {
        let s = lock(&self.inner).stats();
        DispatchStats {
            received: s.received,
            delivered: s.delivered,
            dropped: s
                .dropped
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
            consumed_by: s.consumed_by.into_iter().collect(),
            listener_failures: s.listener_failures,
            buffered: s.buffered,
            events_without_listener: s.events_without_listener,
        }
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

    fn core() -> DispatchCore {
        let d = DispatchCore::new(None, 1000);
        d.set_user(Some("bob".into()));
        d
    }

    #[test]
    fn d3_one_delivery_per_batch_lists_every_listener_in_order() {
        let d = core();
        let ids: Vec<u64> = (0..3).map(|_| d.add_listener().id).collect();
        let receipt = d
            .receive(0, format!("[{},{}]", c2c(1), c2c(2)), None)
            .unwrap();
        assert_eq!(receipt.report.accepted, 2);
        assert_eq!(receipt.deliveries.len(), 1);
        assert_eq!(receipt.deliveries[0].listeners, ids);
        match &receipt.deliveries[0].event {
            DispatchEvent::NewMessages { messages } => assert_eq!(messages.len(), 2),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn d2_d6_outcomes_reach_the_counters() {
        let d = core();
        d.set_mode(DispatchMode::Chain);
        let first = d.add_listener().id;
        let receipt = d.receive(0, format!("[{}]", c2c(1)), None).unwrap();
        assert_eq!(receipt.deliveries[0].mode, DispatchMode::Chain);
        d.record_outcome(DeliveryOutcome {
            messages: 1,
            called: 1,
            consumed_by: None,
            failed: vec![first],
        });
        let stats = d.stats();
        assert_eq!(stats.listener_failures, 1);
        assert_eq!(stats.delivered, 0, "its only listener threw");
    }

    #[test]
    fn malformed_batches_and_conversations_are_typed_errors() {
        let d = core();
        assert!(d.receive(0, "{}".into(), None).is_err());
        assert!(d.receive(0, "[]".into(), Some("nope".into())).is_err());
    }
}
