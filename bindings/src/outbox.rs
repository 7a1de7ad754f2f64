//! The priority outbox across the FFI (SPEC P1–P4). Admission and polling
//! are batched: one crossing admits many messages, one poll returns
//! everything that may be sent now.

use crate::lock::lock;
use imbridge_core::message::Priority;
use imbridge_core::message::{ConversationId, MessageError as CoreMessageError};
use imbridge_core::outbox as core;
use std::sync::Mutex;

/// Limits of the outbox (SPEC P2, P3). Every field has the FAQ's default.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct OutboxLimits {
    /// Sends per group conversation per window (default 40).
    #[uniffi(default = 40)]
    pub group_per_sec: u32,
    /// Sends per C2C conversation per window (default 5).
    #[uniffi(default = 5)]
    pub c2c_per_sec: u32,
    /// The sliding window in ms (default 1,000).
    #[uniffi(default = 1000)]
    pub window_ms: u64,
    /// Wait before a Lowest message is shed (default 2,000 ms).
    #[uniffi(default = 2000)]
    pub lowest_max_wait_ms: u64,
    /// Most messages queued per conversation (default 1,000).
    #[uniffi(default = 1000)]
    pub max_queued_per_conversation: u32,
    /// Most messages queued in all (default 100,000).
    #[uniffi(default = 100000)]
    pub max_queued_total: u32,
}

/// A message handed to the outbox. The outbox never sees the content.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct OutgoingMessage {
    /// The app's id, reported back unchanged.
    pub id: String,
    /// `c2c_<userID>` or `group_<groupID>`.
    pub conversation: String,
    /// Priority (default Normal).
    #[uniffi(default = None)]
    pub priority: Option<Priority>,
}

/// What became of one admitted message.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum Admission {
    /// Taken: it will be released, or shed (Lowest only) with a reason.
    Accepted,
    /// Not taken; the app still holds it. `code` is 10023 when a queue
    /// bound was hit, 6017 for a malformed conversation id.
    Refused {
        /// The service's code.
        code: i32,
        /// Why, as a sentence.
        reason: String,
    },
}

/// A message the app may send now.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ReleasedMessage {
    /// The app's id.
    pub id: String,
    /// Its conversation.
    pub conversation: String,
    /// Its priority.
    pub priority: Priority,
    /// When it was admitted.
    pub admitted_ms: u64,
    /// When it was released.
    pub released_ms: u64,
}

/// Why a Lowest message was shed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum ShedReason {
    /// It waited `lowest_max_wait_ms` without a free slot.
    WaitExceeded {
        /// How long it waited.
        waited_ms: u64,
        /// The configured wait.
        max_wait_ms: u64,
    },
    /// A queue bound was hit.
    QueueFull {
        /// The bound.
        bound: u64,
    },
}

/// A Lowest message the outbox gave up on.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ShedMessage {
    /// The app's id.
    pub id: String,
    /// Its conversation.
    pub conversation: String,
    /// When it was admitted.
    pub admitted_ms: u64,
    /// When it was shed.
    pub shed_ms: u64,
    /// Why.
    pub reason: ShedReason,
    /// The reason as a sentence.
    pub detail: String,
}

/// One poll's answer.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct OutboxPoll {
    /// Send these now, highest priority first, then in admission order.
    pub released: Vec<ReleasedMessage>,
    /// Lowest messages given up on, with reasons.
    pub shed: Vec<ShedMessage>,
    /// When to poll again (same clock); `null`/`nil` while nothing waits.
    pub next_poll_ms: Option<u64>,
}

/// A message still waiting.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct QueuedMessage {
    /// The app's id.
    pub id: String,
    /// Its conversation.
    pub conversation: String,
    /// Its priority.
    pub priority: Priority,
    /// When it was admitted.
    pub admitted_ms: u64,
}

/// Counters: admitted = released + shed + queued, always.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct OutboxStats {
    /// Accepted by admit.
    pub admitted: u64,
    /// Refused by admit.
    pub refused: u64,
    /// Released.
    pub released: u64,
    /// Shed.
    pub shed: u64,
    /// Waiting now.
    pub queued: u64,
}

/// Errors of the outbox.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum OutboxError {
    /// 10023: a queue bound was hit by a message that may not be shed.
    #[error("{detail}")]
    QueueFull {
        /// 10023.
        code: i32,
        /// The conversation.
        conversation: String,
        /// The whole error as a sentence.
        detail: String,
    },
    /// A limit that cannot be met (zero rate or bound), or a malformed
    /// conversation id.
    #[error("{detail}")]
    InvalidLimit {
        /// 6017.
        code: i32,
        /// Which limit.
        name: String,
        /// The whole error as a sentence.
        detail: String,
    },
}

fn invalid_limit(name: String, detail: String) -> OutboxError {
    OutboxError::InvalidLimit {
        code: imbridge_core::ErrorCode::InvalidParameter.code(),
        name,
        detail,
    }
}

impl From<core::OutboxError> for OutboxError {
    fn from(e: core::OutboxError) -> Self {
        let detail = e.to_string();
        match e {
            core::OutboxError::InvalidLimit { name, .. } => invalid_limit(name, detail),
            core::OutboxError::Inconsistent { .. } => invalid_limit("outbox".to_string(), detail),
            core::OutboxError::QueueFull { conversation, .. } => OutboxError::QueueFull {
                code: imbridge_core::ErrorCode::GroupFrequencyLimit.code(),
                conversation,
                detail,
            },
        }
    }
}

fn conversation_in(text: &str) -> Result<ConversationId, CoreMessageError> {
    ConversationId::parse(text)
}

fn to_usize(n: u32) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

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
        let d = core::OutboxLimits::default();
        let limits = match limits {
            None => d,
            Some(l) => core::OutboxLimits {
                group_per_window: l.group_per_sec,
                c2c_per_window: l.c2c_per_sec,
                window_ms: l.window_ms,
                lowest_max_wait_ms: l.lowest_max_wait_ms,
                max_queued_per_conversation: to_usize(l.max_queued_per_conversation),
                max_queued_total: to_usize(l.max_queued_total),
                ..d
            },
        };
        Ok(Outbox {
            inner: Mutex::new(core::Outbox::new(limits)?),
        })
    }

    /// P2: sets one conversation's send limit per window, or clears it with
    /// `null`/`nil`. Throws `InvalidLimit` (6017) for 0 or a malformed id.
    pub fn set_conversation_limit(
        &self,
        conversation: String,
        per_sec: Option<u32>,
    ) -> Result<(), OutboxError> {
        let id = conversation_in(&conversation)
            .map_err(|e| invalid_limit(conversation, e.to_string()))?;
        Ok(lock(&self.inner).set_conversation_limit(id, per_sec)?)
    }

    /// P3: admits a batch at `now_ms`; one `Admission` per message, in
    /// order. A refused message (10023 queue bound, 6017 bad conversation
    /// id) was not taken; every accepted one is later released or shed.
    pub fn admit(&self, now_ms: u64, messages: Vec<OutgoingMessage>) -> Vec<Admission> {
        let mut outbox = lock(&self.inner);
        messages
            .into_iter()
            .map(|m| {
                let conversation = match conversation_in(&m.conversation) {
                    Ok(c) => c,
                    Err(e) => {
                        return Admission::Refused {
                            code: e.code().map_or(0, |c| c.code()),
                            reason: e.to_string(),
                        }
                    }
                };
                let outgoing = core::Outgoing {
                    id: m.id,
                    conversation,
                    priority: m.priority.unwrap_or_default(),
                };
                match outbox.admit(now_ms, outgoing) {
                    Ok(()) => Admission::Accepted,
                    Err(e) => Admission::Refused {
                        code: e.code().code(),
                        reason: e.to_string(),
                    },
                }
            })
            .collect()
    }

    /// P3/P4: what may be sent at `now_ms`, what was shed, and when to poll again.
    pub fn poll(&self, now_ms: u64) -> OutboxPoll {
        let poll = lock(&self.inner).poll(now_ms);
        OutboxPoll {
            released: poll
                .released
                .into_iter()
                .map(|r| ReleasedMessage {
                    id: r.id,
                    conversation: r.conversation.to_string(),
                    priority: r.priority,
                    admitted_ms: r.admitted_ms,
                    released_ms: r.released_ms,
                })
                .collect(),
            shed: poll.shed.into_iter().map(shed_out).collect(),
            next_poll_ms: poll.next_poll_ms,
        }
    }

    /// Sheds caused by the last admissions, without releasing anything.
    pub fn take_shed(&self) -> Vec<ShedMessage> {
        lock(&self.inner)
            .take_shed()
            .into_iter()
            .map(shed_out)
            .collect()
    }

    /// P4: when to poll next; `null`/`nil` while nothing waits.
    pub fn next_poll_ms(&self) -> Option<u64> {
        lock(&self.inner).next_poll_ms()
    }

    /// Everything still waiting, highest priority first, then admission order.
    pub fn queued(&self) -> Vec<QueuedMessage> {
        lock(&self.inner)
            .queued()
            .into_iter()
            .map(|q| QueuedMessage {
                id: q.id,
                conversation: q.conversation.to_string(),
                priority: q.priority,
                admitted_ms: q.admitted_ms,
            })
            .collect()
    }

    /// Counters over the outbox's life.
    pub fn stats(&self) -> OutboxStats {
        let s = lock(&self.inner).stats();
        OutboxStats {
            admitted: s.admitted,
            refused: s.refused,
            released: s.released,
            shed: s.shed,
            queued: s.queued,
        }
    }
}

fn shed_out(s: core::Shed) -> ShedMessage {
    ShedMessage {
        detail: s.reason.to_string(),
        reason: match s.reason {
            core::ShedReason::WaitExceeded {
                waited_ms,
                max_wait_ms,
            } => ShedReason::WaitExceeded {
                waited_ms,
                max_wait_ms,
            },
            core::ShedReason::QueueFull { bound } => ShedReason::QueueFull {
                bound: u64::try_from(bound).unwrap_or(u64::MAX),
            },
        },
        id: s.id,
        conversation: s.conversation.to_string(),
        admitted_ms: s.admitted_ms,
        shed_ms: s.shed_ms,
    }
}
