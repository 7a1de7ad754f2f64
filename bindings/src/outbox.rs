//! The priority outbox across the FFI (SPEC P1–P4). Admission and polling
//! are batched: one crossing admits many messages, one poll returns
//! everything that may be sent now. The records are the core's own.

use imbridge_core::message::ConversationId;
use imbridge_core::outbox as core;
pub use imbridge_core::outbox::{
    Admission, OutboxError, OutboxLimits, OutboxPoll, OutboxStats, OutgoingMessage, QueuedMessage,
    ReleasedMessage, ShedMessage, ShedReason,
};
use imbridge_core::sync::lock;
use std::sync::Mutex;

/// The priority outbox with per-conversation frequency limits (SPEC P1–P4).
///
/// Sans-IO: time comes in as a monotonic millisecond value on each call;
/// the outbox never sleeps or starts threads. Admit messages, then `poll`
/// with the current time: send what it releases, report what it shed, and
/// poll again at `nextPollMs` or after the next admission. The Kotlin
/// `OutboxDriver` and the Swift `OutboxDriver` do exactly that.
#[derive(Debug, uniffi::Object)]
pub struct Outbox {
    inner: Mutex<core::Outbox>,
}

#[uniffi::export]
impl Outbox {
    /// An outbox with the given limits (all defaults when omitted). Throws
    /// `InvalidLimit` (6017) for a zero rate, window or bound.
    #[uniffi::constructor(default(limits = None))]
    pub fn new(limits: Option<OutboxLimits>) -> Result<Self, OutboxError> {
        Ok(Outbox {
            inner: Mutex::new(core::Outbox::new(limits.unwrap_or_default())?),
        })
    }

    /// P2: sets one conversation's send limit per window, or clears it with
    /// `null`/`nil`. Throws `InvalidLimit` (6017) for 0 or an empty or
    /// malformed id.
    pub fn set_conversation_limit(
        &self,
        conversation: ConversationId,
        per_sec: Option<u32>,
    ) -> Result<(), OutboxError> {
        conversation
            .check()
            .map_err(|e| OutboxError::InvalidLimit {
                reason: e.to_string(),
                name: conversation.to_string(),
            })?;
        lock(&self.inner).set_conversation_limit(conversation, per_sec)
    }

    /// P3: admits a batch at `now_ms`; one `Admission` per message, in
    /// order. A refused message (10023 queue bound, 6017 empty or malformed
    /// conversation id) was not taken; every accepted one is later released or shed.
    pub fn admit(&self, now_ms: u64, messages: Vec<OutgoingMessage>) -> Vec<Admission> {
        lock(&self.inner).admit_all(now_ms, messages)
    }

    /// P3/P4: what may be sent at `now_ms`, what was shed, and when to poll again.
    pub fn poll(&self, now_ms: u64) -> OutboxPoll {
        lock(&self.inner).poll(now_ms)
    }

    /// Sheds caused by the last admissions, without releasing anything.
    pub fn take_shed(&self) -> Vec<ShedMessage> {
        lock(&self.inner).take_shed()
    }

    /// P4: when to poll next; `null`/`nil` while nothing waits.
    pub fn next_poll_ms(&self) -> Option<u64> {
        lock(&self.inner).next_poll_ms()
    }

    /// Everything still waiting, highest priority first, then admission order.
    pub fn queued(&self) -> Vec<QueuedMessage> {
        lock(&self.inner).queued()
    }

    /// Counters over the outbox's life.
    pub fn stats(&self) -> OutboxStats {
        lock(&self.inner).stats()
    }
}
