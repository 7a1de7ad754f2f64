//! The dispatcher's decisions, sans-IO (SPEC D1–D7, M7 receive side):
//! decode → drop duplicates → delivery rules → which listeners get which
//! event, with every message that is not delivered counted by reason.
//!
//! [`DispatchCore`] holds no listener objects, calls nothing and takes no
//! lock: listeners are ids, and each call returns the [`Delivery`]s to
//! make. A driver owns the listener objects, makes the deliveries and
//! reports back what only it can see ([`DispatchCore::record_outcome`]).
//! The Rust [`crate::dispatch::Dispatcher`] and the Kotlin and Swift
//! `Dispatcher`s are such drivers, so the counters are the same whichever
//! language drives.

use crate::dispatch::{Delivery, DispatchEvent, IncomingMessage, ListenerList};
use crate::dispatch::{
    DeliveryContext, DeliveryOutcome, DispatchMode, DropReason, DuplicateFilter, Incoming,
    ListenerId,
};
use crate::message::{ConversationId, MessageError};
use std::collections::{HashMap, VecDeque};
use std::sync::Arc;

/// Counters over the dispatcher's life, for diagnostics.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct DispatchStats {
    /// Messages handed to `receive`.
    pub received: u64,
    /// Messages that reached at least one listener that did not fail.
    pub delivered: u64,
    /// Dropped messages by reason ([`DropReason::name`]), plus
    /// `listener_removed`: accepted messages whose every listener was
    /// removed before the driver could call it.
    pub dropped: HashMap<String, u64>,
    /// Messages consumed in chain mode, by the consuming listener's id.
    pub consumed_by: HashMap<u64, u64>,
    /// Listener calls that panicked or threw.
    pub listener_failures: u64,
    /// Messages waiting in the no-listener buffer now (D7).
    pub buffered: u64,
    /// Events other than messages that found no listener.
    pub events_without_listener: u64,
}

impl DispatchStats {
    /// Adds `n` to the `dropped` counter of `reason`. The key is allocated
    /// only the first time a reason is counted: a burst of duplicates costs
    /// no allocation per drop.
    fn count_dropped(&mut self, reason: &str, n: u64) {
        match self.dropped.get_mut(reason) {
            Some(count) => *count += n,
            None => {
                self.dropped.insert(reason.to_string(), n);
            }
        }
    }
}

/// The `dropped` key for accepted messages whose listeners were all removed
/// between the decision and the call.
pub const LISTENER_REMOVED: &str = "listener_removed";

/// What one `receive` call did.
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ReceiveReport {
    /// Messages delivered (or buffered for the first listener, D7).
    pub accepted: u32,
    /// Every input not delivered, in input order, with the reason.
    pub dropped: Vec<DroppedMessage>,
}

/// One input of a `receive` call that was not delivered.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct DroppedMessage {
    /// Its index in the batch.
    pub index: u32,
    /// Why.
    pub reason: DropReason,
    /// For [`DropReason::Malformed`]: the decode error (6017, or malformed
    /// JSON).
    pub error: Option<MessageError>,
}

impl DroppedMessage {
    fn new(index: usize, reason: DropReason, error: Option<MessageError>) -> Self {
        DroppedMessage {
            index: u32::try_from(index).unwrap_or(u32::MAX),
            reason,
            error,
        }
    }
}

/// What `receive` decided: the report and the deliveries to make now.
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Receipt {
    /// Accepted and dropped messages.
    pub report: ReceiveReport,
    /// Deliveries to make, in order (at most one: the batch).
    pub deliveries: Vec<Delivery>,
}

/// A new listener's id and what to deliver to it at once: the messages
/// that waited in the D7 buffer for a first listener.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Registration {
    /// The listener's id.
    pub id: ListenerId,
    /// Deliveries to make now, in order.
    pub deliveries: Vec<Delivery>,
}

/// The dispatcher's rules and counters, without listeners, locks or I/O.
#[derive(Debug)]
pub struct DispatchCore {
    /// Copy-on-write: every delivery shares it until a listener comes or goes.
    listeners: Arc<[ListenerId]>,
    next_id: u64,
    mode: DispatchMode,
    context: DeliveryContext,
    dedup: DuplicateFilter,
    pending: VecDeque<IncomingMessage>,
    pending_capacity: usize,
    stats: DispatchStats,
}

impl Default for DispatchCore {
    fn default() -> Self {
        DispatchCore::new(DispatchMode::Observer, DispatchCore::DEFAULT_BUFFER)
    }
}

impl DispatchCore {
    /// D7 default: messages kept while no listener is registered.
    pub const DEFAULT_BUFFER: usize = 1_000;

    /// A dispatcher in `mode` whose no-listener buffer holds `buffer` messages.
    pub fn new(mode: DispatchMode, buffer: usize) -> DispatchCore {
        DispatchCore {
            listeners: Arc::from(Vec::new()),
            next_id: 1,
            mode,
            context: DeliveryContext::default(),
            dedup: DuplicateFilter::default(),
            pending: VecDeque::new(),
            pending_capacity: buffer,
            stats: DispatchStats::default(),
        }
    }

    /// D2: switches between observer and chain semantics.
    pub fn set_mode(&mut self, mode: DispatchMode) {
        self.mode = mode;
    }

    /// The dispatch mode in force.
    pub fn mode(&self) -> DispatchMode {
        self.mode
    }

    /// D4: the logged-in user (`None` after logout).
    pub fn set_user(&mut self, user: Option<String>) {
        self.context.user = user;
    }

    /// D4: the user joined a group (or an AVChatRoom).
    pub fn join_group(&mut self, group_id: &str) {
        self.context.groups.insert(group_id.to_string());
    }

    /// D4: the user left a group.
    pub fn leave_group(&mut self, group_id: &str) {
        self.context.groups.remove(group_id);
    }

    /// D4: the user the dispatcher delivers for, if one is set.
    pub fn user(&self) -> Option<&str> {
        self.context.user.as_deref()
    }

    /// D4: the groups the dispatcher delivers for, sorted.
    pub fn groups(&self) -> Vec<String> {
        let mut groups: Vec<String> = self.context.groups.iter().cloned().collect();
        groups.sort();
        groups
    }

    /// Counters, for diagnostics.
    pub fn stats(&self) -> DispatchStats {
        let mut stats = self.stats.clone();
        stats.buffered = self.pending.len() as u64;
        stats
    }

    /// M7: duplicate keys remembered now, and keys forgotten before their
    /// window ended because the filter was full (oldest first).
    pub fn dedup_counts(&self) -> (usize, u64) {
        (self.dedup.len(), self.dedup.forgotten())
    }

    /// Listeners registered now.
    pub fn listener_count(&self) -> usize {
        self.listeners.len()
    }

    /// Whether `id` is registered now.
    pub fn is_registered(&self, id: ListenerId) -> bool {
        self.listeners.contains(&id)
    }

    /// D1: registers a new listener at the end of the order. The first
    /// listener also gets what waited in the D7 buffer, as a delivery to
    /// it alone. (Registering the same object twice is the driver's to
    /// detect: the core never sees listener objects.)
    pub fn add_listener(&mut self) -> Registration {
        let id = ListenerId(self.next_id);
        self.next_id += 1;
        self.listeners = self.listeners.iter().copied().chain([id]).collect();
        let mut deliveries = Vec::new();
        if self.listeners.len() == 1 && !self.pending.is_empty() {
            let messages: Vec<IncomingMessage> = self.pending.drain(..).collect();
            log::info!(target: "imbridge::dispatch", "delivering {} buffered message(s) to the first listener", messages.len());
            self.stats.delivered += messages.len() as u64;
            deliveries.push(Delivery {
                event: DispatchEvent::NewMessages { messages },
                listeners: ListenerList::from(vec![id]),
                mode: DispatchMode::Observer,
            });
        }
        Registration { id, deliveries }
    }

    /// D1: removes a listener; whether it was registered.
    pub fn remove_listener(&mut self, id: ListenerId) -> bool {
        if !self.listeners.contains(&id) {
            return false;
        }
        self.listeners = self
            .listeners
            .iter()
            .copied()
            .filter(|l| *l != id)
            .collect();
        true
    }

    /// Decodes and receives a batch of messages at `now_ms`. `arrived_on`
    /// is the conversation the transport delivered them for, when it says.
    pub fn receive_json(
        &mut self,
        now_ms: u64,
        messages: &[&str],
        arrived_on: Option<&ConversationId>,
    ) -> Receipt {
        let mut errors = Vec::new();
        let mut decoded = Vec::with_capacity(messages.len());
        for (i, json) in messages.iter().enumerate() {
            match Incoming::decode(json) {
                Ok(m) => decoded.push((i, m)),
                Err(e) => errors.push(DroppedMessage::new(i, DropReason::Malformed, Some(e))),
            }
        }
        if !errors.is_empty() {
            // Counted only when it happened: a zero counter would read as a
            // drop reason that occurred.
            self.stats.received += errors.len() as u64;
            self.stats
                .count_dropped(DropReason::Malformed.name(), errors.len() as u64);
        }
        let mut receipt = self.receive_indexed(now_ms, decoded, arrived_on);
        if !errors.is_empty() {
            receipt.report.dropped.append(&mut errors);
            receipt.report.dropped.sort_by_key(|d| d.index);
        }
        receipt
    }

    /// Like [`DispatchCore::receive_json`], with the batch as one JSON
    /// array: one string crosses the FFI instead of one per message. Input
    /// that is not a JSON array is a typed error; each element is then
    /// decoded and checked like `receive_json` does.
    pub fn receive_json_array(
        &mut self,
        now_ms: u64,
        messages: &str,
        arrived_on: Option<&ConversationId>,
    ) -> Result<Receipt, MessageError> {
        // Borrowed slices of the input: one scan, no copy per message.
        let items: Vec<&serde_json::value::RawValue> = crate::message::decode_json(messages)?;
        let texts: Vec<&str> = items.iter().map(|raw| raw.get()).collect();
        Ok(self.receive_json(now_ms, &texts, arrived_on))
    }

    /// Receives decoded messages at `now_ms` (see [`DispatchCore::receive_json`]).
    pub fn receive(
        &mut self,
        now_ms: u64,
        messages: Vec<Incoming>,
        arrived_on: Option<&ConversationId>,
    ) -> Receipt {
        self.receive_indexed(
            now_ms,
            messages.into_iter().enumerate().collect(),
            arrived_on,
        )
    }

    fn receive_indexed(
        &mut self,
        now_ms: u64,
        messages: Vec<(usize, Incoming)>,
        arrived_on: Option<&ConversationId>,
    ) -> Receipt {
        let mut report = ReceiveReport::default();
        let mut batch = Vec::with_capacity(messages.len());
        for (i, message) in messages {
            let verdict = self.context.check(&message, arrived_on).and_then(|()| {
                if self.dedup.is_duplicate(&message, now_ms) {
                    Err(DropReason::Duplicate)
                } else {
                    Ok(())
                }
            });
            match verdict {
                Ok(()) => batch.push(IncomingMessage::from(message)),
                Err(reason) => report.dropped.push(DroppedMessage::new(i, reason, None)),
            }
        }
        self.stats.received += (batch.len() + report.dropped.len()) as u64;
        for dropped in &report.dropped {
            let reason = dropped.reason;
            self.stats.count_dropped(reason.name(), 1);
            log::debug!(target: "imbridge::dispatch", "message dropped: {reason}");
        }
        report.accepted = u32::try_from(batch.len()).unwrap_or(u32::MAX);
        let deliveries = if batch.is_empty() {
            Vec::new()
        } else {
            self.deliver_messages(batch)
        };
        Receipt { report, deliveries }
    }

    fn deliver_messages(&mut self, batch: Vec<IncomingMessage>) -> Vec<Delivery> {
        if self.listeners.is_empty() {
            let mut overflow = 0u64;
            for message in batch {
                if self.pending.len() >= self.pending_capacity {
                    self.pending.pop_front();
                    overflow += 1;
                }
                self.pending.push_back(message);
            }
            if overflow > 0 {
                self.stats
                    .count_dropped(DropReason::Overflow.name(), overflow);
                log::warn!(target: "imbridge::dispatch", "no listener: buffer full, {overflow} oldest message(s) dropped");
            }
            log::warn!(target: "imbridge::dispatch", "no listener registered: {} message(s) waiting", self.pending.len());
            return Vec::new();
        }
        // Counted as delivered now; an outcome in which nobody took it
        // takes it back (record_outcome).
        self.stats.delivered += batch.len() as u64;
        vec![Delivery {
            event: DispatchEvent::NewMessages { messages: batch },
            listeners: ListenerList(Arc::clone(&self.listeners)),
            mode: self.mode,
        }]
    }

    /// D3: an event other than new messages (revoked, read receipt,
    /// modified): the delivery to make. With no listener it is counted,
    /// not buffered. New messages go through `receive`, which applies the
    /// delivery rules first.
    pub fn dispatch(&mut self, event: DispatchEvent) -> Vec<Delivery> {
        if let DispatchEvent::NewMessages { messages } = event {
            return self.deliver_messages(messages);
        }
        if self.listeners.is_empty() {
            self.stats.events_without_listener += 1;
            return Vec::new();
        }
        vec![Delivery {
            event,
            listeners: ListenerList(Arc::clone(&self.listeners)),
            mode: self.mode,
        }]
    }

    /// After making a delivery, what only the driver saw: the consumer in
    /// chain mode (D2), the listeners that failed (D6), how many were
    /// called. Messages that no listener took without failing are taken
    /// back from `delivered`; if no listener was called at all (all removed
    /// in between) they are counted as dropped under [`LISTENER_REMOVED`].
    pub fn record_outcome(&mut self, outcome: &DeliveryOutcome) {
        self.stats.listener_failures += outcome.failed.len() as u64;
        for id in &outcome.failed {
            log::error!(target: "imbridge::dispatch", "listener {} failed; the others still run", id.0);
        }
        if outcome.messages == 0 {
            return;
        }
        if let Some(id) = outcome.consumed_by {
            *self.stats.consumed_by.entry(id.0).or_default() += outcome.messages;
        }
        let failed = u32::try_from(outcome.failed.len()).unwrap_or(u32::MAX);
        if outcome.called <= failed {
            self.stats.delivered = self.stats.delivered.saturating_sub(outcome.messages);
            if outcome.called == 0 {
                self.stats.count_dropped(LISTENER_REMOVED, outcome.messages);
                log::warn!(target: "imbridge::dispatch", "{} message(s) lost: every listener was removed before delivery", outcome.messages);
            }
        }
    }
}
