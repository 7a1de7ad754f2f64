//! What goes into and comes out of the outbox.

use crate::message::{ConversationId, Priority};
use std::fmt;

/// A message handed to the outbox: the app's id for it, its conversation
/// and its priority. The outbox never sees the content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    /// The app's id (e.g. the client message id); reported back unchanged.
    pub id: String,
    /// Where it goes.
    pub conversation: ConversationId,
    /// Its priority (P1).
    pub priority: Priority,
}

/// A message as the app hands it over the FFI: its conversation as a
/// [`ConversationId`] (the type every outbox record uses; from text with
/// `conversationIdParse`) and the priority optional (Normal). A conversation
/// with an empty or malformed id is refused on its own, with 6017, by
/// [`crate::outbox::Outbox::admit_all`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct OutgoingMessage {
    /// The app's id (e.g. the client message id); reported back unchanged.
    pub id: String,
    /// The conversation it is sent in.
    pub conversation: ConversationId,
    /// Its priority (P1); `None` is Normal.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub priority: Option<Priority>,
}

/// The outbox's answer to one message of `admit_all` (P3).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Admission {
    /// Queued (or already shed and reported by the next poll).
    Accepted,
    /// Not taken: 10023 when its queue is full, 6017 for a bad conversation.
    Refused {
        /// The service's number.
        code: i32,
        /// Why, as a sentence.
        reason: String,
    },
}

/// A message the app may send now.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ReleasedMessage {
    /// The app's id.
    pub id: String,
    /// Where it goes.
    pub conversation: ConversationId,
    /// Its priority.
    pub priority: Priority,
    /// When it was admitted.
    pub admitted_ms: u64,
    /// When it was released (the `now` of that poll).
    pub released_ms: u64,
}

/// Why a Lowest message was shed (P3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum ShedReason {
    /// It waited `lowest_max_wait_ms` without a free slot.
    WaitExceeded {
        /// How long it waited.
        waited_ms: u64,
        /// The configured wait.
        max_wait_ms: u64,
    },
    /// Its conversation's queue (or the whole outbox) hit its bound.
    QueueFull {
        /// The bound that was hit.
        bound: u64,
    },
}

impl ShedReason {
    /// A stable short name: `lowest_max_wait_exceeded` or `queue_full`.
    pub fn name(&self) -> &'static str {
        match self {
            ShedReason::WaitExceeded { .. } => "lowest_max_wait_exceeded",
            ShedReason::QueueFull { .. } => "queue_full",
        }
    }
}

impl fmt::Display for ShedReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShedReason::WaitExceeded {
                waited_ms,
                max_wait_ms,
            } => write!(
                f,
                "{}: waited {waited_ms} ms, limit {max_wait_ms} ms",
                self.name()
            ),
            ShedReason::QueueFull { bound } => {
                write!(f, "{}: {bound} messages queued", self.name())
            }
        }
    }
}

/// A Lowest message the outbox gave up on, with the reason (P3).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ShedMessage {
    /// The app's id.
    pub id: String,
    /// Where it was going.
    pub conversation: ConversationId,
    /// Always [`Priority::Lowest`].
    pub priority: Priority,
    /// When it was admitted.
    pub admitted_ms: u64,
    /// When it was shed.
    pub shed_ms: u64,
    /// Why.
    pub reason: ShedReason,
    /// Why, as a sentence starting with the reason's name.
    pub detail: String,
}

/// A message still waiting, as [`crate::outbox::Outbox::queued`] lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct QueuedMessage {
    /// The app's id.
    pub id: String,
    /// Where it goes.
    pub conversation: ConversationId,
    /// Its priority.
    pub priority: Priority,
    /// When it was admitted.
    pub admitted_ms: u64,
}

/// What one [`crate::outbox::Outbox::poll`] hands back.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct OutboxPoll {
    /// Send these now: highest priority first, then in admission order.
    pub released: Vec<ReleasedMessage>,
    /// Lowest messages given up on since the last poll, with reasons.
    pub shed: Vec<ShedMessage>,
    /// When to poll again (ms, same clock), `None` while nothing waits.
    pub next_poll_ms: Option<u64>,
}

/// Counters over the life of an outbox. Every admitted message is, at any
/// moment, exactly one of released, shed or queued.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct OutboxStats {
    /// Messages accepted by `admit`.
    pub admitted: u64,
    /// Messages refused by `admit` (10023).
    pub refused: u64,
    /// Messages released.
    pub released: u64,
    /// Messages shed.
    pub shed: u64,
    /// Messages waiting now.
    pub queued: u64,
}
