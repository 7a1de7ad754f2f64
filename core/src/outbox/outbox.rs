//! The priority outbox (SPEC P1–P4).

use crate::error::ErrorCode;
use crate::message::{ConversationId, Priority};
use crate::outbox::conversation_queue::{ConversationQueue, Entry};
use crate::outbox::limits::check_conversation_limit;
use crate::outbox::{
    Admission, OutboxError, OutboxLimits, OutboxPoll, OutboxStats, Outgoing, OutgoingMessage,
    QueuedMessage, ReleasedMessage, ShedMessage, ShedReason,
};
use std::collections::{BTreeSet, HashMap};

/// Admits messages for any number of conversations and answers, for a
/// time the caller passes in, "what may be sent now" and "when should I
/// ask again" (P4). It never reads a clock, sleeps or spawns threads.
///
/// - P2: at most N releases per conversation in any window `(t − 1000, t]`
///   (N = 40 for groups, 5 for C2C by default, or a per-conversation value).
/// - P3: highest priority first, FIFO within a priority; a message waits
///   only while its conversation's window is full or messages of higher
///   priority or earlier admission are ahead of it.
/// - P3: only Lowest messages are ever shed — after `lowest_max_wait_ms`, or
///   when a queue bound is hit — and each shed is reported by [`Outbox::poll`]
///   with its reason. High, Normal and Low are refused at admission (10023)
///   when a bound would otherwise force a drop, and never dropped later.
///
/// Use: call [`Outbox::admit`] as messages arrive, then [`Outbox::poll`] with
/// the current time; send what it releases and call it again at
/// `next_poll_ms` (or after the next admission, whichever comes first).
///
/// Time is a monotonic millisecond value. A time earlier than one already
/// seen is treated as that later time: the outbox never goes back.
#[derive(Debug, Clone)]
pub struct Outbox {
    limits: OutboxLimits,
    /// P2: conversations with a send limit of their own.
    own_limits: HashMap<ConversationId, u32>,
    index: HashMap<ConversationId, usize>,
    slots: Vec<Option<(ConversationId, ConversationQueue)>>,
    free: Vec<usize>,
    /// (wake time, slot): when a conversation needs looking at again.
    timers: BTreeSet<(u64, usize)>,
    /// Slots admitted into since the last poll.
    dirty: Vec<usize>,
    /// Sheds not yet handed out by `poll`.
    shed: Vec<ShedMessage>,
    next_seq: u64,
    now_ms: u64,
    stats: OutboxStats,
    /// (time it may become idle, slot): conversations whose queue emptied,
    /// checked and dropped once their last send has left the window.
    idle: std::collections::VecDeque<(u64, usize)>,
}

impl Outbox {
    /// An outbox with the given limits; invalid limits are 6017.
    pub fn new(limits: OutboxLimits) -> Result<Outbox, OutboxError> {
        limits.validate()?;
        Ok(Outbox {
            limits,
            own_limits: HashMap::new(),
            index: HashMap::new(),
            slots: Vec::new(),
            free: Vec::new(),
            timers: BTreeSet::new(),
            dirty: Vec::new(),
            shed: Vec::new(),
            next_seq: 0,
            now_ms: 0,
            stats: OutboxStats::default(),
            idle: std::collections::VecDeque::new(),
        })
    }

    /// The limits in force.
    pub fn limits(&self) -> &OutboxLimits {
        &self.limits
    }

    /// P2: sets (or with `None` clears) one conversation's send limit.
    /// Takes effect at the next poll; a limit of 0 is 6017.
    pub fn set_conversation_limit(
        &mut self,
        conversation: ConversationId,
        per_window: Option<u32>,
    ) -> Result<(), OutboxError> {
        match per_window {
            Some(n) => {
                check_conversation_limit(&conversation, n)?;
                self.own_limits.insert(conversation.clone(), n);
            }
            None => {
                self.own_limits.remove(&conversation);
            }
        }
        if let Some(&slot) = self.index.get(&conversation) {
            self.dirty.push(slot);
        }
        Ok(())
    }

    /// Counters: admitted = released + shed + queued, always.
    pub fn stats(&self) -> OutboxStats {
        self.stats
    }

    fn advance(&mut self, now_ms: u64) -> u64 {
        self.now_ms = self.now_ms.max(now_ms);
        self.now_ms
    }

    /// P3 for messages as the app hands them over: one answer per message,
    /// in order. Each is admitted like [`Outbox::admit`]; a conversation
    /// whose id is empty or malformed is refused on its own (6017), the
    /// others go on.
    pub fn admit_all(&mut self, now_ms: u64, messages: Vec<OutgoingMessage>) -> Vec<Admission> {
        messages
            .into_iter()
            .map(|m| {
                let refused = |code: Option<ErrorCode>, reason: String| Admission::Refused {
                    code: code.map_or(0, ErrorCode::code),
                    reason,
                };
                if let Err(e) = m.conversation.check() {
                    return refused(e.code(), e.to_string());
                }
                let outgoing = Outgoing {
                    id: m.id,
                    conversation: m.conversation,
                    priority: m.priority.unwrap_or_default(),
                };
                match self.admit(now_ms, outgoing) {
                    Ok(()) => Admission::Accepted,
                    Err(e) => refused(Some(e.code()), e.to_string()),
                }
            })
            .collect()
    }

    /// P3: takes a message, or refuses it with [`OutboxError::QueueFull`]
    /// (10023) when its conversation's queue — or the whole outbox — is at
    /// its bound and the message may not be shed. At a bound, the
    /// conversation's oldest queued Lowest message is shed to make room; a
    /// Lowest message arriving where there is none to shed is itself shed.
    /// Every shed is reported by the next [`Outbox::poll`].
    pub fn admit(&mut self, now_ms: u64, message: Outgoing) -> Result<(), OutboxError> {
        let now_ms = self.advance(now_ms);
        let total_full = self.stats.queued >= u64::from(self.limits.max_queued_total);
        if total_full && !self.index.contains_key(&message.conversation) {
            // A conversation not tracked yet has nothing to shed; answering
            // without tracking it keeps refusals from growing the outbox.
            return self.over_total_untracked(now_ms, message);
        }
        let slot = self.slot_for(&message.conversation);
        let Some((_, queue)) = self.slots.get_mut(slot).and_then(Option::as_mut) else {
            // slot_for has just filled this slot; refuse rather than lose the message.
            self.stats.refused += 1;
            return Err(OutboxError::Inconsistent {
                reason: format!("no queue in slot {slot} for {}", message.conversation),
            });
        };
        let queued = u64::try_from(queue.queued()).unwrap_or(u64::MAX);
        let conversation_full = queued >= u64::from(self.limits.max_queued_per_conversation);
        let entry = Entry {
            id: message.id,
            seq: self.next_seq,
            admitted_ms: now_ms,
        };
        if conversation_full || total_full {
            let bound = u64::from(if conversation_full {
                self.limits.max_queued_per_conversation
            } else {
                self.limits.max_queued_total
            });
            let reason = ShedReason::QueueFull { bound };
            if let Some(victim) = queue.pop_oldest_lowest() {
                self.stats.queued -= 1;
                self.stats.shed += 1;
                self.shed
                    .push(shed(victim, &message.conversation, now_ms, reason));
            } else if message.priority == Priority::Lowest {
                self.next_seq += 1;
                self.stats.admitted += 1;
                self.stats.shed += 1;
                self.shed
                    .push(shed(entry, &message.conversation, now_ms, reason));
                return Ok(());
            } else {
                self.stats.refused += 1;
                return Err(OutboxError::QueueFull {
                    conversation: message.conversation.to_string(),
                    queued,
                    bound,
                });
            }
        }
        queue.push(message.priority, entry);
        self.next_seq += 1;
        self.stats.admitted += 1;
        self.stats.queued += 1;
        self.dirty.push(slot);
        Ok(())
    }

    /// P3 at the global bound, for a conversation with no queue: a Lowest
    /// message is shed at once, anything else refused (10023).
    fn over_total_untracked(&mut self, now_ms: u64, message: Outgoing) -> Result<(), OutboxError> {
        let bound = u64::from(self.limits.max_queued_total);
        if message.priority == Priority::Lowest {
            let entry = Entry {
                id: message.id,
                seq: self.next_seq,
                admitted_ms: now_ms,
            };
            self.next_seq += 1;
            self.stats.admitted += 1;
            self.stats.shed += 1;
            self.shed.push(shed(
                entry,
                &message.conversation,
                now_ms,
                ShedReason::QueueFull { bound },
            ));
            return Ok(());
        }
        self.stats.refused += 1;
        Err(OutboxError::QueueFull {
            conversation: message.conversation.to_string(),
            queued: 0,
            bound,
        })
    }

    /// P3/P4: what may be sent at `now_ms`, what was shed, and when to ask
    /// again. Releases first, then sheds Lowest messages whose wait is over,
    /// so a message that can go at its deadline goes.
    pub fn poll(&mut self, now_ms: u64) -> OutboxPoll {
        let now_ms = self.advance(now_ms);
        let mut due: Vec<usize> = std::mem::take(&mut self.dirty);
        while let Some(&(at, slot)) = self.timers.first() {
            if at > now_ms {
                break;
            }
            self.timers.pop_first();
            if let Some(Some((_, queue))) = self.slots.get_mut(slot) {
                queue.wake_ms = None;
            }
            due.push(slot);
        }
        due.sort_unstable();
        due.dedup();

        let mut released: Vec<(u64, ReleasedMessage)> = Vec::new();
        for slot in due {
            self.service(slot, now_ms, &mut released);
        }
        // Across conversations, too: highest priority first, then admission order.
        released.sort_unstable_by_key(|(seq, r)| (r.priority, *seq));
        self.stats.released += released.len() as u64;
        self.sweep_idle(now_ms);
        OutboxPoll {
            released: released.into_iter().map(|(_, r)| r).collect(),
            shed: std::mem::take(&mut self.shed),
            next_poll_ms: self.next_poll_ms(),
        }
    }

    /// P4: when to call [`Outbox::poll`] next: now when messages were
    /// admitted since the last poll, else the earliest moment a window
    /// opens or a Lowest wait ends; `None` while nothing is queued.
    pub fn next_poll_ms(&self) -> Option<u64> {
        if !self.dirty.is_empty() || !self.shed.is_empty() {
            return Some(self.now_ms);
        }
        self.timers.first().map(|&(at, _)| at)
    }

    /// Sheds not yet handed out, without releasing anything: lets a caller
    /// see at once what an [`Outbox::admit`] displaced. [`Outbox::poll`]
    /// hands out the same list otherwise; each shed is reported once.
    pub fn take_shed(&mut self) -> Vec<ShedMessage> {
        std::mem::take(&mut self.shed)
    }

    /// Everything still waiting, in the order it would be released within
    /// each conversation (highest priority first, then admission order).
    pub fn queued(&self) -> Vec<QueuedMessage> {
        let mut all: Vec<(Priority, u64, QueuedMessage)> = self
            .slots
            .iter()
            .flatten()
            .flat_map(|(conversation, queue)| {
                queue.entries().map(move |(priority, e)| {
                    (
                        priority,
                        e.seq,
                        QueuedMessage {
                            id: e.id.clone(),
                            conversation: conversation.clone(),
                            priority,
                            admitted_ms: e.admitted_ms,
                        },
                    )
                })
            })
            .collect();
        all.sort_unstable_by_key(|(p, seq, _)| (*p, *seq));
        all.into_iter().map(|(_, _, q)| q).collect()
    }

    /// Number of conversations with state (queued messages or recent sends).
    pub fn conversations(&self) -> usize {
        self.index.len()
    }

    fn slot_for(&mut self, conversation: &ConversationId) -> usize {
        if let Some(&slot) = self.index.get(conversation) {
            return slot;
        }
        let value = Some((conversation.clone(), ConversationQueue::default()));
        let slot = match self.free.pop() {
            Some(slot) => {
                if let Some(s) = self.slots.get_mut(slot) {
                    *s = value;
                }
                slot
            }
            None => {
                self.slots.push(value);
                self.slots.len() - 1
            }
        };
        self.index.insert(conversation.clone(), slot);
        slot
    }

    /// Releases what the window allows, sheds expired Lowest messages and
    /// re-arms the conversation's timer.
    fn service(&mut self, slot: usize, now_ms: u64, released: &mut Vec<(u64, ReleasedMessage)>) {
        let limits = &self.limits;
        let Some(Some((conversation, queue))) = self.slots.get_mut(slot) else {
            return;
        };
        let limit = self
            .own_limits
            .get(conversation)
            .copied()
            .unwrap_or_else(|| limits.per_window(conversation));
        let before = queue.queued();
        queue.release(now_ms, limits.window_ms, limit, |priority, e| {
            released.push((
                e.seq,
                ReleasedMessage {
                    id: e.id,
                    conversation: conversation.clone(),
                    priority,
                    admitted_ms: e.admitted_ms,
                    released_ms: now_ms,
                },
            ));
        });
        let max_wait_ms = limits.lowest_max_wait_ms;
        while queue
            .oldest_lowest()
            .is_some_and(|e| e.admitted_ms.saturating_add(max_wait_ms) <= now_ms)
        {
            if let Some(e) = queue.pop_oldest_lowest() {
                let reason = ShedReason::WaitExceeded {
                    waited_ms: now_ms - e.admitted_ms,
                    max_wait_ms,
                };
                self.shed.push(shed(e, conversation, now_ms, reason));
                self.stats.shed += 1;
            }
        }
        self.stats.queued -= (before - queue.queued()) as u64;

        let wake = if queue.queued() == 0 {
            None
        } else {
            let opens = queue.window_opens_ms(limits.window_ms);
            let expires = queue
                .oldest_lowest()
                .map(|e| e.admitted_ms.saturating_add(max_wait_ms));
            opens.into_iter().chain(expires).min()
        };
        if queue.queued() == 0 {
            self.idle
                .push_back((now_ms.saturating_add(limits.window_ms), slot));
        }
        if queue.wake_ms != wake {
            if let Some(old) = queue.wake_ms {
                self.timers.remove(&(old, slot));
            }
            if let Some(at) = wake {
                self.timers.insert((at, slot));
            }
            queue.wake_ms = wake;
        }
    }

    /// Drops the state of conversations that have nothing queued and no
    /// send left in their window, so memory follows the active
    /// conversations, not every conversation ever seen. Amortised O(1):
    /// each emptied queue is looked at once when its window has passed.
    fn sweep_idle(&mut self, now_ms: u64) {
        let window_ms = self.limits.window_ms;
        while let Some(&(at, slot)) = self.idle.front() {
            if at > now_ms {
                break;
            }
            self.idle.pop_front();
            let idle = matches!(
                self.slots.get(slot),
                Some(Some((_, q))) if q.is_idle(now_ms, window_ms) && q.wake_ms.is_none()
            );
            if !idle || self.dirty.contains(&slot) {
                continue;
            }
            if let Some(Some((conversation, _))) = self.slots.get_mut(slot).map(Option::take) {
                self.index.remove(&conversation);
                self.free.push(slot);
            }
        }
    }
}

fn shed(
    entry: Entry,
    conversation: &ConversationId,
    now_ms: u64,
    reason: ShedReason,
) -> ShedMessage {
    ShedMessage {
        id: entry.id,
        conversation: conversation.clone(),
        priority: Priority::Lowest,
        admitted_ms: entry.admitted_ms,
        shed_ms: now_ms,
        detail: reason.to_string(),
        reason,
    }
}
