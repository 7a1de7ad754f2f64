//! Incoming pipeline and listener dispatch (SPEC D1–D7, M7 receive side).
//!
//! [`DispatchCore`] decides, sans-IO: it decodes received messages
//! ([`Incoming`]), drops duplicates ([`DuplicateFilter`]), applies the
//! delivery rules ([`DeliveryContext`]) and returns [`Delivery`]s — which
//! listener ids get which event — counting every message not delivered by
//! [`DropReason`]. Drivers deliver: [`Dispatcher`] for Rust listeners, and
//! the Kotlin and Swift `Dispatcher`s over the same core.

mod dedup;
mod delivery;
mod dispatch_core;
mod dispatcher;
mod event;
mod incoming;
mod incoming_message;
mod listeners;
mod rules;
#[cfg(test)]
mod tests;

pub use dedup::{content_crc, DuplicateFilter};
pub use delivery::{Delivery, DeliveryOutcome, ListenerFailed, ListenerId, ListenerList};
pub use dispatch_core::{
    DispatchCore, DispatchStats, DroppedMessage, Receipt, ReceiveReport, Registration,
    LISTENER_REMOVED,
};
pub use dispatcher::{Dispatcher, ListenerHandle};
pub use event::DispatchEvent;
pub use incoming::{Incoming, IncomingC2c, IncomingGroup};
pub use incoming_message::IncomingMessage;
pub use listeners::{DispatchMode, Listener};
pub use rules::{DeliveryContext, DropReason};
