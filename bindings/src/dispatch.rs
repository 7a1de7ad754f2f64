//! The dispatcher across the FFI (SPEC D1–D7): the Kotlin and Swift
//! `Dispatcher` drivers call it and make the deliveries it returns. Every
//! record that crosses (`Receipt`, `Delivery`, `DispatchEvent`,
//! `IncomingMessage`, `DispatchStats`, …) is the core's own.
//!
//! One path: `receive` decides and returns the deliveries; the driver calls
//! its listeners and reports an outcome only when something differed from
//! "every listener took it". No listener object crosses, no callback
//! crosses back: one crossing per batch, however many listeners.

use imbridge_core::dispatch as core;
pub use imbridge_core::dispatch::{
    Delivery, DeliveryOutcome, DispatchEvent, DispatchMode, DispatchStats, DropReason,
    DroppedMessage, IncomingMessage, ListenerId, Receipt, ReceiveReport, Registration,
};
use imbridge_core::message::{ConversationId, MessageError};
use imbridge_core::sync::lock;
use std::sync::{Arc, Mutex};

/// What the core decided for one received batch: behind both
/// `DispatchCore.receive` and the JVM's JNI entry point.
pub(crate) fn receive(
    core: &Mutex<core::DispatchCore>,
    now_ms: u64,
    messages_json: &str,
    arrived_on: Option<String>,
) -> Result<Receipt, MessageError> {
    let arrived_on = arrived_on.map(|t| ConversationId::parse(&t)).transpose()?;
    lock(core).receive_json_array(now_ms, messages_json, arrived_on.as_ref())
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
        lock(&self.inner).add_listener()
    }

    /// D1: removes a listener by id; whether it was registered.
    pub fn remove_listener(&self, id: ListenerId) -> bool {
        lock(&self.inner).remove_listener(id)
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

    /// D3: a message was revoked; the deliveries to make. A malformed
    /// `conversation` throws (6017).
    pub fn revoked(
        &self,
        conversation: String,
        message_id: String,
        operator: String,
        reason: String,
    ) -> Result<Vec<Delivery>, MessageError> {
        let event = DispatchEvent::Revoked {
            conversation: ConversationId::parse(&conversation)?,
            message_id,
            operator,
            reason,
        };
        Ok(lock(&self.inner).dispatch(event))
    }

    /// D3: the peer read a C2C conversation up to `read_time`; the
    /// deliveries to make. A malformed `conversation` throws (6017).
    pub fn read_receipt(
        &self,
        conversation: String,
        reader: String,
        read_time: u64,
    ) -> Result<Vec<Delivery>, MessageError> {
        let event = DispatchEvent::ReadReceipt {
            conversation: ConversationId::parse(&conversation)?,
            reader,
            read_time,
        };
        Ok(lock(&self.inner).dispatch(event))
    }

    /// D3: a message was modified (`message` is its new JSON); the
    /// deliveries to make.
    pub fn modified(&self, message: String) -> Result<Vec<Delivery>, MessageError> {
        let message = IncomingMessage::from(core::Incoming::decode(&message)?);
        Ok(lock(&self.inner).dispatch(DispatchEvent::Modified { message }))
    }

    /// After making a delivery that did not go plainly (a consumer, a
    /// failure, a listener gone): what happened, so the counters are the
    /// same whichever language drove it (D2, D6).
    pub fn record_outcome(&self, outcome: DeliveryOutcome) {
        lock(&self.inner).record_outcome(&outcome);
    }

    /// Counters, for diagnostics.
    pub fn stats(&self) -> DispatchStats {
        lock(&self.inner).stats()
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
        let ids: Vec<ListenerId> = (0..3).map(|_| d.add_listener().id).collect();
        let receipt = d
            .receive(0, format!("[{},{}]", c2c(1), c2c(2)), None)
            .unwrap();
        assert_eq!(receipt.report.accepted, 2);
        assert_eq!(receipt.deliveries.len(), 1);
        assert_eq!(&*receipt.deliveries[0].listeners, &ids[..]);
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
