//! Listeners as the Rust driver sees them, and how they share an event (SPEC D1, D2).

use crate::dispatch::{DispatchEvent, ListenerFailed};

/// Receives dispatched events. Return `Ok(true)` in chain mode to consume
/// the event (later listeners are not called); observer mode ignores it.
pub trait Listener: Send + Sync {
    /// One event: a batch of new messages is one call.
    fn on_event(&self, event: &DispatchEvent) -> Result<bool, ListenerFailed>;
}

/// D2: how listeners share an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum DispatchMode {
    /// Every listener sees every event (current SDK semantics).
    #[default]
    Observer,
    /// A listener returning `true` consumes the event (legacy semantics, FAQ Q2.3).
    Chain,
}
