//! The Rust driver over [`DispatchCore`]: owns Rust listener objects and
//! makes the deliveries the core decides (SPEC D1–D7). It serves Rust
//! listeners and the CLI; Kotlin and Swift have their own drivers over the
//! same core, so the rules and the counters live in one place.

use crate::dispatch::{
    Delivery, DispatchCore, DispatchEvent, DispatchMode, DispatchStats, Incoming, Listener,
    ListenerFailed, ListenerId, ReceiveReport,
};
use crate::message::{ConversationId, MessageError};
use crate::sync::lock;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, RwLock, Weak};

type Entry = (ListenerId, Arc<dyn Listener>);

/// The core and the listener objects. Lock order: `core`, then `listeners`;
/// neither is held while a listener runs. The list is copy-on-write: a
/// delivery takes a snapshot (a reference count) instead of a copy.
struct Shared {
    core: Mutex<DispatchCore>,
    listeners: RwLock<Arc<Vec<Entry>>>,
}

impl Shared {
    fn remove(&self, id: ListenerId) -> bool {
        let mut core = lock(&self.core);
        let removed = core.remove_listener(id);
        let mut listeners = self
            .listeners
            .write()
            .unwrap_or_else(PoisonError::into_inner);
        if listeners.iter().any(|(i, _)| *i == id) {
            *listeners = Arc::new(
                listeners
                    .iter()
                    .filter(|(i, _)| *i != id)
                    .cloned()
                    .collect(),
            );
        }
        removed
    }
}

/// The incoming pipeline with Rust listeners. Thread-safe: receive,
/// dispatch and add/remove listeners from any thread, including from inside
/// a listener (no lock is held while one runs). Sans-IO: time comes in with
/// each call; nothing is spawned.
pub struct Dispatcher {
    shared: Arc<Shared>,
}

impl std::fmt::Debug for Dispatcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dispatcher")
            .field("stats", &self.stats())
            .finish()
    }
}

impl Default for Dispatcher {
    fn default() -> Self {
        Dispatcher::new(DispatchMode::Observer, Dispatcher::DEFAULT_BUFFER)
    }
}

/// A registered listener. Dropping it unregisters the listener (like
/// closing it in Kotlin or releasing it in Swift); [`ListenerHandle::detach`]
/// keeps the listener for the dispatcher's life.
#[must_use = "dropping the handle unregisters the listener; call detach() to keep it"]
#[derive(Debug)]
pub struct ListenerHandle {
    shared: Option<Weak<Shared>>,
    id: ListenerId,
}

impl std::fmt::Debug for Shared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Dispatcher")
    }
}

impl ListenerHandle {
    /// The listener's id (as in [`DispatchStats::consumed_by`]).
    pub fn id(&self) -> ListenerId {
        self.id
    }

    /// Unregisters the listener now; whether it was still registered.
    pub fn remove(&mut self) -> bool {
        self.shared
            .take()
            .and_then(|w| w.upgrade())
            .is_some_and(|shared| shared.remove(self.id))
    }

    /// Keeps the listener registered for the dispatcher's life; returns
    /// its id for [`Dispatcher::remove_listener`].
    pub fn detach(mut self) -> ListenerId {
        self.shared = None;
        self.id
    }
}

impl Drop for ListenerHandle {
    fn drop(&mut self) {
        self.remove();
    }
}

fn same(a: &Arc<dyn Listener>, b: &Arc<dyn Listener>) -> bool {
    // Compare the data pointers only: the same object behind two vtables is one listener.
    std::ptr::addr_eq(Arc::as_ptr(a), Arc::as_ptr(b))
}

impl Dispatcher {
    /// D7 default: messages kept while no listener is registered.
    pub const DEFAULT_BUFFER: usize = DispatchCore::DEFAULT_BUFFER;

    /// A dispatcher in `mode` whose no-listener buffer holds `buffer` messages.
    pub fn new(mode: DispatchMode, buffer: usize) -> Dispatcher {
        Dispatcher {
            shared: Arc::new(Shared {
                core: Mutex::new(DispatchCore::new(mode, buffer)),
                listeners: RwLock::new(Arc::new(Vec::new())),
            }),
        }
    }

    fn core(&self) -> MutexGuard<'_, DispatchCore> {
        lock(&self.shared.core)
    }

    /// Reads the core's state (for diagnostics: `doctor::export_snapshot`).
    pub fn inspect<R>(&self, f: impl FnOnce(&DispatchCore) -> R) -> R {
        f(&self.core())
    }

    /// D2: switches between observer and chain semantics.
    pub fn set_mode(&self, mode: DispatchMode) {
        self.core().set_mode(mode);
    }

    /// The dispatch mode in force.
    pub fn mode(&self) -> DispatchMode {
        self.core().mode()
    }

    /// D4: the logged-in user (`None` after logout).
    pub fn set_user(&self, user: Option<String>) {
        self.core().set_user(user);
    }

    /// D4: the user joined a group (or an AVChatRoom).
    pub fn join_group(&self, group_id: &str) {
        self.core().join_group(group_id);
    }

    /// D4: the user left a group.
    pub fn leave_group(&self, group_id: &str) {
        self.core().leave_group(group_id);
    }

    /// Counters, for diagnostics.
    pub fn stats(&self) -> DispatchStats {
        self.core().stats()
    }

    /// Listeners registered now.
    pub fn listener_count(&self) -> usize {
        self.core().listener_count()
    }

    /// D1: registers a listener at the end of the order; the same listener
    /// again gets a handle to its existing registration (dropping either
    /// handle unregisters it). The first listener also receives what waited
    /// in the D7 buffer, before this returns.
    pub fn add_listener(&self, listener: Arc<dyn Listener>) -> ListenerHandle {
        let registration = {
            let mut core = self.core();
            let mut listeners = self
                .shared
                .listeners
                .write()
                .unwrap_or_else(PoisonError::into_inner);
            if let Some((id, _)) = listeners.iter().find(|(_, l)| same(l, &listener)) {
                return self.handle(*id);
            }
            let registration = core.add_listener();
            *listeners = Arc::new(
                listeners
                    .iter()
                    .cloned()
                    .chain([(registration.id, listener)])
                    .collect(),
            );
            registration
        };
        self.deliver(registration.deliveries);
        self.handle(registration.id)
    }

    fn handle(&self, id: ListenerId) -> ListenerHandle {
        ListenerHandle {
            shared: Some(Arc::downgrade(&self.shared)),
            id,
        }
    }

    /// D1: removes a listener by id; whether it was registered.
    pub fn remove_listener(&self, id: ListenerId) -> bool {
        self.shared.remove(id)
    }

    /// Decodes and receives a batch of messages at `now_ms`, delivers the
    /// deliverable ones in one call per listener and reports the rest.
    /// `arrived_on` is the conversation the transport delivered them for.
    pub fn receive_json(
        &self,
        now_ms: u64,
        messages: &[&str],
        arrived_on: Option<&ConversationId>,
    ) -> ReceiveReport {
        let receipt = self.core().receive_json(now_ms, messages, arrived_on);
        self.deliver(receipt.deliveries);
        receipt.report
    }

    /// Like [`Dispatcher::receive_json`], with the batch as one JSON array.
    pub fn receive_json_array(
        &self,
        now_ms: u64,
        messages: &str,
        arrived_on: Option<&ConversationId>,
    ) -> Result<ReceiveReport, MessageError> {
        let receipt = self
            .core()
            .receive_json_array(now_ms, messages, arrived_on)?;
        self.deliver(receipt.deliveries);
        Ok(receipt.report)
    }

    /// Receives decoded messages at `now_ms` (see [`Dispatcher::receive_json`]).
    pub fn receive(
        &self,
        now_ms: u64,
        messages: Vec<Incoming>,
        arrived_on: Option<&ConversationId>,
    ) -> ReceiveReport {
        let receipt = self.core().receive(now_ms, messages, arrived_on);
        self.deliver(receipt.deliveries);
        receipt.report
    }

    /// D3: dispatches an event other than new messages (revoked, read
    /// receipt, modified). With no listener it is counted, not buffered.
    pub fn dispatch(&self, event: DispatchEvent) {
        let deliveries = self.core().dispatch(event);
        self.deliver(deliveries);
    }

    /// Makes the core's deliveries: D5, every listener is resolved before
    /// the first is called; D6, a listener that panics or fails is counted
    /// and the others still run; the outcome goes back to the core only
    /// when it differs from "everyone took it".
    fn deliver(&self, deliveries: Vec<Delivery>) {
        for delivery in deliveries {
            let snapshot = Arc::clone(
                &self
                    .shared
                    .listeners
                    .read()
                    .unwrap_or_else(PoisonError::into_inner),
            );
            // Usually the delivery names exactly the registered listeners,
            // in order: call them from the snapshot, with no lookup.
            let same = snapshot.len() == delivery.listeners.len()
                && snapshot
                    .iter()
                    .zip(delivery.listeners.iter())
                    .all(|((a, _), b)| a == b);
            let targets: Vec<Option<Arc<dyn Listener>>> = if same {
                Vec::new()
            } else {
                delivery
                    .listeners
                    .iter()
                    .map(|id| {
                        snapshot
                            .iter()
                            .find(|(i, _)| i == id)
                            .map(|(_, l)| Arc::clone(l))
                    })
                    .collect()
            };
            let mut position = 0;
            let outcome = delivery.run(|id, event| {
                let listener = if same {
                    snapshot.get(position).map(|(_, l)| l)
                } else {
                    targets.get(position).and_then(Option::as_ref)
                };
                position += 1;
                let listener = listener?;
                Some(
                    match catch_unwind(AssertUnwindSafe(|| listener.on_event(event))) {
                        Ok(result) => result,
                        Err(_) => Err(ListenerFailed(format!("listener {} panicked", id.0))),
                    },
                )
            });
            if outcome.needs_report(delivery.listeners.len()) {
                self.core().record_outcome(&outcome);
            }
        }
    }
}
