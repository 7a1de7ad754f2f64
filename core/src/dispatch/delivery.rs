//! What the core decided for one event and how its delivery went (SPEC D2,
//! D5, D6). The core never calls a listener: it returns [`Delivery`]s, a
//! driver (Rust, Kotlin or Swift) calls its listeners and reports back a
//! [`DeliveryOutcome`] when anything differed from "everyone took it".

use crate::dispatch::{DispatchEvent, DispatchMode};
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// The handle of a registered listener (a plain number in Kotlin and Swift).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ListenerId(pub u64);

#[cfg(feature = "uniffi")]
uniffi::custom_newtype!(ListenerId, u64);

/// Listener ids in registration order. Shared with the core's own list
/// until that changes: a clone is a reference count, not a copy. Kotlin and
/// Swift see a list of ids.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListenerList(pub(crate) Arc<[ListenerId]>);

impl Deref for ListenerList {
    type Target = [ListenerId];

    fn deref(&self) -> &[ListenerId] {
        &self.0
    }
}

impl From<Vec<ListenerId>> for ListenerList {
    fn from(ids: Vec<ListenerId>) -> Self {
        ListenerList(ids.into())
    }
}

#[cfg(feature = "uniffi")]
uniffi::custom_type!(ListenerList, Vec<ListenerId>, {
    lower: |list| list.0.to_vec(),
    try_lift: |ids| Ok(ListenerList::from(ids)),
});

/// A listener's own failure (an exception in Kotlin or Swift, a panic in
/// Rust): counted and logged, and the other listeners still run (D6).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListenerFailed(pub String);

impl fmt::Display for ListenerFailed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Deliver `event` to `listeners`, in that order (D1), with `mode`'s
/// semantics (D2). The list is fixed when the event starts (D5): a driver
/// resolves every id before it calls the first listener.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Delivery {
    /// The event, made once for every listener.
    pub event: DispatchEvent,
    /// Listener ids, in registration order.
    pub listeners: ListenerList,
    /// Observer or chain.
    pub mode: DispatchMode,
}

/// How a [`Delivery`] went, for [`crate::dispatch::DispatchCore::record_outcome`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct DeliveryOutcome {
    /// Messages in the delivered event (0 for events other than new messages).
    pub messages: u64,
    /// Listeners of the delivery that were called. Fewer than listed when
    /// one consumed the event (chain mode) or was removed before its turn.
    pub called: u32,
    /// The listener that consumed it (chain mode).
    pub consumed_by: Option<ListenerId>,
    /// Listeners that threw or panicked; the others still ran (D6).
    pub failed: Vec<ListenerId>,
}

impl DeliveryOutcome {
    /// Whether the core must hear about it: anything but "every listed
    /// listener was called and none failed or consumed". The common case
    /// costs no second crossing.
    pub fn needs_report(&self, listed: usize) -> bool {
        self.consumed_by.is_some()
            || !self.failed.is_empty()
            || usize::try_from(self.called).ok() != Some(listed)
    }
}

impl Delivery {
    /// Messages in the event: the batch size for new messages, else 0.
    pub fn messages(&self) -> u64 {
        match &self.event {
            DispatchEvent::NewMessages { messages } => messages.len() as u64,
            _ => 0,
        }
    }

    /// D2, D6: calls `call` for each listed listener in order and returns
    /// the outcome. `call` returns `None` for a listener that is gone (it
    /// is not counted as called), else whether it consumed the event or its
    /// failure. In chain mode the first consumer stops the delivery; in
    /// observer mode a `true` means nothing. This is the chain rule for
    /// every driver written in Rust; the Kotlin and Swift drivers follow
    /// the same four lines.
    pub fn run(
        &self,
        mut call: impl FnMut(ListenerId, &DispatchEvent) -> Option<Result<bool, ListenerFailed>>,
    ) -> DeliveryOutcome {
        let mut outcome = DeliveryOutcome {
            messages: self.messages(),
            ..DeliveryOutcome::default()
        };
        for &id in self.listeners.iter() {
            let Some(result) = call(id, &self.event) else {
                continue;
            };
            outcome.called += 1;
            match result {
                Ok(true) if self.mode == DispatchMode::Chain => {
                    outcome.consumed_by = Some(id);
                    break;
                }
                Ok(_) => {}
                Err(_) => outcome.failed.push(id),
            }
        }
        outcome
    }
}
