//! The listener registry (SPEC D1, D2, D5, D6).
//!
//! The list is copy-on-write: an event takes a snapshot (an `Arc` clone)
//! and calls it without holding any lock, so a listener may add or remove
//! listeners, or dispatch again, from its callback and from any thread —
//! no deadlock, and the set seen by one event is the one it started with.

use crate::dispatch::DispatchEvent;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, PoisonError, RwLock};

/// A listener's own failure (an exception in Kotlin or Swift): counted and
/// logged like a panic, and the other listeners still run (D6).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListenerFailed(pub String);

/// Receives dispatched events. Return `Ok(true)` in chain mode to consume
/// the event (later listeners are not called); observer mode ignores it.
pub trait Listener: Send + Sync {
    /// One event: a batch of new messages is one call.
    fn on_event(&self, event: &DispatchEvent) -> Result<bool, ListenerFailed>;
}

/// D2: how listeners share an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DispatchMode {
    /// Every listener sees every event (current SDK semantics).
    #[default]
    Observer,
    /// A listener returning `true` consumes the event (legacy semantics, FAQ Q2.3).
    Chain,
}

/// The handle of a registered listener.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ListenerId(pub u64);

type Entry = (ListenerId, Arc<dyn Listener>);

/// How one event went through the listeners.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Delivery {
    /// Listeners called.
    pub called: usize,
    /// The listener that consumed it (chain mode).
    pub consumed_by: Option<ListenerId>,
    /// Listeners that panicked (or threw); the others still ran.
    pub failed: Vec<ListenerId>,
}

/// Listeners in registration order.
pub struct Registry {
    entries: RwLock<Arc<Vec<Entry>>>,
    next: std::sync::atomic::AtomicU64,
}

impl Default for Registry {
    fn default() -> Self {
        Registry {
            entries: RwLock::new(Arc::new(Vec::new())),
            next: std::sync::atomic::AtomicU64::new(1),
        }
    }
}

impl std::fmt::Debug for Registry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Registry")
            .field("listeners", &self.len())
            .finish()
    }
}

fn same(a: &Arc<dyn Listener>, b: &Arc<dyn Listener>) -> bool {
    // Compare the data pointers only: the same object behind two vtables is one listener.
    std::ptr::addr_eq(Arc::as_ptr(a), Arc::as_ptr(b))
}

impl Registry {
    /// D1: registers `listener` at the end; registering the same listener
    /// again returns its existing handle. Returns `(handle, was_new)`.
    pub fn add(&self, listener: Arc<dyn Listener>) -> (ListenerId, bool) {
        let mut entries = self.entries.write().unwrap_or_else(PoisonError::into_inner);
        if let Some((id, _)) = entries.iter().find(|(_, l)| same(l, &listener)) {
            return (*id, false);
        }
        let id = ListenerId(self.next.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
        let mut next = Vec::with_capacity(entries.len() + 1);
        next.extend(entries.iter().cloned());
        next.push((id, listener));
        *entries = Arc::new(next);
        (id, true)
    }

    /// D1: removes by handle; returns whether it was registered.
    pub fn remove(&self, id: ListenerId) -> bool {
        let mut entries = self.entries.write().unwrap_or_else(PoisonError::into_inner);
        if !entries.iter().any(|(i, _)| *i == id) {
            return false;
        }
        *entries = Arc::new(entries.iter().filter(|(i, _)| *i != id).cloned().collect());
        true
    }

    /// Listeners registered now.
    pub fn len(&self) -> usize {
        self.snapshot().len()
    }

    /// Whether none is registered.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn snapshot(&self) -> Arc<Vec<Entry>> {
        Arc::clone(&self.entries.read().unwrap_or_else(PoisonError::into_inner))
    }

    /// D2, D5, D6: calls the listeners registered when the event starts, in
    /// registration order. A listener that panics is counted in
    /// [`Delivery::failed`] and the others still run.
    pub fn dispatch(&self, event: &DispatchEvent, mode: DispatchMode) -> Delivery {
        self.dispatch_to(&self.snapshot(), event, mode)
    }

    /// Delivers to one listener only (the D7 buffer's first listener).
    pub fn dispatch_one(&self, id: ListenerId, event: &DispatchEvent) -> Delivery {
        let only: Vec<Entry> = self
            .snapshot()
            .iter()
            .filter(|(i, _)| *i == id)
            .cloned()
            .collect();
        self.dispatch_to(&only, event, DispatchMode::Observer)
    }

    fn dispatch_to(
        &self,
        entries: &[Entry],
        event: &DispatchEvent,
        mode: DispatchMode,
    ) -> Delivery {
        let mut delivery = Delivery::default();
        for (id, listener) in entries {
            delivery.called += 1;
            match catch_unwind(AssertUnwindSafe(|| listener.on_event(event))) {
                Ok(Ok(consumed)) => {
                    if consumed && mode == DispatchMode::Chain {
                        delivery.consumed_by = Some(*id);
                        break;
                    }
                }
                Ok(Err(ListenerFailed(why))) => {
                    log::error!(target: "imbridge::dispatch", "listener {} failed: {why}; the others still run", id.0);
                    delivery.failed.push(*id);
                }
                Err(_) => {
                    log::error!(target: "imbridge::dispatch", "listener {} panicked; the others still run", id.0);
                    delivery.failed.push(*id);
                }
            }
        }
        delivery
    }
}
