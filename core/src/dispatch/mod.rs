//! Incoming pipeline and listener dispatch (SPEC D1–D7, M7 receive side).
//!
//! [`Dispatcher`] decodes received messages ([`Incoming`]), drops
//! duplicates ([`DuplicateFilter`]), applies the delivery rules
//! ([`DeliveryContext`]) and hands batches to listeners ([`Registry`]).
//! Every message not delivered is counted by [`DropReason`].

mod dedup;
mod dispatcher;
mod incoming;
mod listeners;
mod rules;
#[cfg(test)]
mod tests;

pub use dedup::{content_crc, DuplicateFilter};
pub use dispatcher::{DispatchEvent, DispatchStats, Dispatcher, ReceiveReport};
pub use incoming::{Incoming, IncomingC2c, IncomingGroup};
pub use listeners::{Delivery, DispatchMode, Listener, ListenerFailed, ListenerId, Registry};
pub use rules::{DeliveryContext, DropReason};
