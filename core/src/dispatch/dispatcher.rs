//! The incoming pipeline: decode → drop duplicates → delivery rules →
//! listeners, with every message that is not delivered counted by reason
//! (SPEC D1–D7, M7 receive side).

use crate::dispatch::{
    DeliveryContext, DispatchMode, DropReason, DuplicateFilter, Incoming, Listener, ListenerId,
    Registry,
};
use crate::message::{ConversationId, MessageError};
use std::collections::{BTreeMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, RwLock};

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// What listeners receive (SPEC D3).
#[derive(Debug, Clone, PartialEq)]
pub enum DispatchEvent {
    /// New messages, in batches: one listener call per batch.
    NewMessages(Vec<Incoming>),
    /// A message was revoked.
    Revoked {
        /// Its conversation.
        conversation: ConversationId,
        /// Its id (client id or server key).
        message_id: String,
        /// Who revoked it.
        operator: String,
        /// Why.
        reason: String,
    },
    /// The other side of a C2C conversation read up to `read_time`.
    ReadReceipt {
        /// The conversation.
        conversation: ConversationId,
        /// Who read.
        reader: String,
        /// Up to when, unix seconds.
        read_time: u64,
    },
    /// A message was modified; its new content.
    Modified(Incoming),
}

/// Counters over the dispatcher's life, for diagnostics.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DispatchStats {
    /// Messages handed to `receive`.
    pub received: u64,
    /// Messages that reached at least one listener.
    pub delivered: u64,
    /// Dropped messages by reason.
    pub dropped: BTreeMap<&'static str, u64>,
    /// Messages consumed in chain mode, by the consuming listener.
    pub consumed_by: BTreeMap<u64, u64>,
    /// Listener calls that panicked or threw.
    pub listener_failures: u64,
    /// Messages waiting in the no-listener buffer now (D7).
    pub buffered: u64,
    /// Events other than messages that found no listener.
    pub events_without_listener: u64,
}

/// What one `receive` call did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReceiveReport {
    /// Messages delivered (or buffered for the first listener, D7).
    pub accepted: usize,
    /// Messages not delivered, by input index, with the reason.
    pub dropped: Vec<(usize, DropReason)>,
    /// Inputs that did not decode, with the typed error.
    pub errors: Vec<(usize, MessageError)>,
}

/// The incoming pipeline and listener dispatch. Thread-safe: receive,
/// dispatch and add/remove listeners from any thread, including from inside
/// a listener. Sans-IO: time comes in with each call; nothing is spawned.
pub struct Dispatcher {
    registry: Registry,
    mode: RwLock<DispatchMode>,
    context: RwLock<DeliveryContext>,
    dedup: Mutex<DuplicateFilter>,
    pending: Mutex<VecDeque<Incoming>>,
    pending_capacity: usize,
    stats: Mutex<DispatchStats>,
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

impl Dispatcher {
    /// D7 default: messages kept while no listener is registered.
    pub const DEFAULT_BUFFER: usize = 1_000;

    /// A dispatcher in `mode` whose no-listener buffer holds `buffer` messages.
    pub fn new(mode: DispatchMode, buffer: usize) -> Dispatcher {
        Dispatcher {
            registry: Registry::default(),
            mode: RwLock::new(mode),
            context: RwLock::new(DeliveryContext::default()),
            dedup: Mutex::new(DuplicateFilter::default()),
            pending: Mutex::new(VecDeque::new()),
            pending_capacity: buffer,
            stats: Mutex::new(DispatchStats::default()),
        }
    }

    /// D2: switches between observer and chain semantics.
    pub fn set_mode(&self, mode: DispatchMode) {
        *self.mode.write().unwrap_or_else(PoisonError::into_inner) = mode;
    }

    /// The dispatch mode in force.
    pub fn mode(&self) -> DispatchMode {
        *self.mode.read().unwrap_or_else(PoisonError::into_inner)
    }

    /// D4: the logged-in user (`None` after logout).
    pub fn set_user(&self, user: Option<String>) {
        self.context
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .user = user;
    }

    /// D4: the user joined a group (or an AVChatRoom).
    pub fn join_group(&self, group_id: &str) {
        self.context
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .groups
            .insert(group_id.to_string());
    }

    /// D4: the user left a group.
    pub fn leave_group(&self, group_id: &str) {
        self.context
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .groups
            .remove(group_id);
    }

    /// Counters, for diagnostics.
    pub fn stats(&self) -> DispatchStats {
        let mut stats = lock(&self.stats).clone();
        stats.buffered = lock(&self.pending).len() as u64;
        stats
    }

    /// Listeners registered now.
    pub fn listener_count(&self) -> usize {
        self.registry.len()
    }

    /// D1: registers a listener (the same one twice: the same handle). The
    /// first listener also receives what waited in the D7 buffer, at once.
    pub fn add_listener(&self, listener: Arc<dyn Listener>) -> ListenerId {
        self.add_listener_with(listener, |_| {})
    }

    /// [`Dispatcher::add_listener`], telling `registered` the handle as
    /// soon as it exists: before the D7 buffer is delivered to it.
    pub fn add_listener_with(
        &self,
        listener: Arc<dyn Listener>,
        registered: impl FnOnce(ListenerId),
    ) -> ListenerId {
        let (id, new) = self.registry.add(listener);
        registered(id);
        if new {
            let waiting: Vec<Incoming> = lock(&self.pending).drain(..).collect();
            if !waiting.is_empty() {
                log::info!(target: "imbridge::dispatch", "delivering {} buffered message(s) to the first listener", waiting.len());
                let count = waiting.len() as u64;
                let delivery = self
                    .registry
                    .dispatch_one(id, &DispatchEvent::NewMessages(waiting));
                let mut stats = lock(&self.stats);
                stats.listener_failures += delivery.failed.len() as u64;
                stats.delivered += count;
            }
        }
        id
    }

    /// D1: removes a listener by handle; whether it was registered.
    pub fn remove_listener(&self, id: ListenerId) -> bool {
        self.registry.remove(id)
    }

    /// Decodes and receives a batch of messages at `now_ms`. `arrived_on`
    /// is the conversation the transport delivered them for, when it says.
    pub fn receive_json(
        &self,
        now_ms: u64,
        messages: &[&str],
        arrived_on: Option<&ConversationId>,
    ) -> ReceiveReport {
        let mut errors = Vec::new();
        let mut decoded = Vec::with_capacity(messages.len());
        for (i, json) in messages.iter().enumerate() {
            match Incoming::decode(json) {
                Ok(m) => decoded.push((i, m)),
                Err(e) => errors.push((i, e)),
            }
        }
        {
            let mut stats = lock(&self.stats);
            stats.received += errors.len() as u64;
            *stats
                .dropped
                .entry(DropReason::Malformed.name())
                .or_default() += errors.len() as u64;
        }
        let mut report = self.receive_indexed(now_ms, decoded, arrived_on);
        report.errors = errors;
        report
    }

    /// Like [`Dispatcher::receive_json`], with the batch as one JSON array:
    /// one string crosses the FFI instead of one per message. Input that is
    /// not a JSON array is a typed error; each element is then decoded and
    /// checked like `receive_json` does.
    pub fn receive_json_array(
        &self,
        now_ms: u64,
        messages: &str,
        arrived_on: Option<&ConversationId>,
    ) -> Result<ReceiveReport, MessageError> {
        // Borrowed slices of the input: one scan, no copy per message.
        let items: Vec<&serde_json::value::RawValue> = crate::message::decode_json(messages)?;
        let texts: Vec<&str> = items.iter().map(|raw| raw.get()).collect();
        Ok(self.receive_json(now_ms, &texts, arrived_on))
    }

    /// Receives decoded messages at `now_ms` (see [`Dispatcher::receive_json`]).
    pub fn receive(
        &self,
        now_ms: u64,
        messages: Vec<Incoming>,
        arrived_on: Option<&ConversationId>,
    ) -> ReceiveReport {
        self.receive_indexed(
            now_ms,
            messages.into_iter().enumerate().collect(),
            arrived_on,
        )
    }

    fn receive_indexed(
        &self,
        now_ms: u64,
        messages: Vec<(usize, Incoming)>,
        arrived_on: Option<&ConversationId>,
    ) -> ReceiveReport {
        let mut report = ReceiveReport::default();
        let mut batch = Vec::with_capacity(messages.len());
        {
            let context = self.context.read().unwrap_or_else(PoisonError::into_inner);
            let mut dedup = lock(&self.dedup);
            for (i, message) in messages {
                let verdict = context.check(&message, arrived_on).and_then(|()| {
                    if dedup.is_duplicate(&message, now_ms) {
                        Err(DropReason::Duplicate)
                    } else {
                        Ok(())
                    }
                });
                match verdict {
                    Ok(()) => batch.push(message),
                    Err(reason) => report.dropped.push((i, reason)),
                }
            }
        }
        {
            let mut stats = lock(&self.stats);
            stats.received += (batch.len() + report.dropped.len()) as u64;
            for (_, reason) in &report.dropped {
                *stats.dropped.entry(reason.name()).or_default() += 1;
            }
        }
        for (_, reason) in &report.dropped {
            log::debug!(target: "imbridge::dispatch", "message dropped: {reason}");
        }
        report.accepted = batch.len();
        if !batch.is_empty() {
            self.deliver_messages(batch);
        }
        report
    }

    fn deliver_messages(&self, batch: Vec<Incoming>) {
        {
            // Checked under the buffer's lock, so a listener being added
            // now either sees this batch in the buffer or gets it below.
            let mut pending = lock(&self.pending);
            if self.registry.is_empty() {
                let mut overflow = 0u64;
                for message in batch {
                    if pending.len() >= self.pending_capacity {
                        pending.pop_front();
                        overflow += 1;
                    }
                    pending.push_back(message);
                }
                if overflow > 0 {
                    *lock(&self.stats)
                        .dropped
                        .entry(DropReason::Overflow.name())
                        .or_default() += overflow;
                    log::warn!(target: "imbridge::dispatch", "no listener: buffer full, {overflow} oldest message(s) dropped");
                }
                log::warn!(target: "imbridge::dispatch", "no listener registered: {} message(s) waiting", pending.len());
                return;
            }
        }
        let count = batch.len() as u64;
        let mode = *self.mode.read().unwrap_or_else(PoisonError::into_inner);
        let delivery = self
            .registry
            .dispatch(&DispatchEvent::NewMessages(batch), mode);
        let mut stats = lock(&self.stats);
        stats.listener_failures += delivery.failed.len() as u64;
        if delivery.called > delivery.failed.len() {
            stats.delivered += count;
        }
        if let Some(id) = delivery.consumed_by {
            *stats.consumed_by.entry(id.0).or_default() += count;
        }
    }

    /// For listeners the caller calls itself (the bindings' delivery
    /// plans): records how a planned delivery of `messages` messages went,
    /// so the counters stay as if the core had called them. Only what the
    /// core could not see is added: chain consumption and failures.
    pub fn record_outcome(
        &self,
        messages: u64,
        consumed_by: Option<ListenerId>,
        failed: &[ListenerId],
    ) {
        let mut stats = lock(&self.stats);
        stats.listener_failures += failed.len() as u64;
        if let Some(id) = consumed_by {
            *stats.consumed_by.entry(id.0).or_default() += messages;
        }
        for id in failed {
            log::error!(target: "imbridge::dispatch", "listener {} failed; the others still run", id.0);
        }
    }

    /// D3: dispatches an event other than new messages (revoked, read
    /// receipt, modified). With no listener it is counted, not buffered.
    pub fn dispatch(&self, event: DispatchEvent) {
        if let DispatchEvent::NewMessages(batch) = event {
            self.deliver_messages(batch);
            return;
        }
        let mode = *self.mode.read().unwrap_or_else(PoisonError::into_inner);
        let delivery = self.registry.dispatch(&event, mode);
        let mut stats = lock(&self.stats);
        stats.listener_failures += delivery.failed.len() as u64;
        if delivery.called == 0 {
            stats.events_without_listener += 1;
        }
    }
}
