//! The priority outbox with per-conversation frequency limits (SPEC P1–P4).
//!
//! [`Outbox`] is a sans-IO state machine: [`Outbox::admit`] takes messages,
//! [`Outbox::poll`] says what may be sent at the time passed in, what was
//! shed and when to ask again.

mod conversation_queue;
mod error;
mod events;
mod limits;
#[allow(clippy::module_inception)]
mod outbox;
pub mod simulate;
#[cfg(test)]
mod tests;

pub use error::OutboxError;
pub use events::{
    Admission, OutboxPoll, OutboxStats, Outgoing, OutgoingMessage, QueuedMessage, ReleasedMessage,
    ShedMessage, ShedReason,
};
pub use limits::OutboxLimits;
pub use outbox::Outbox;
