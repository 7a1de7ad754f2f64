//! One conversation's queues and sliding send window (SPEC P2, P3).

use crate::message::Priority;
use std::collections::VecDeque;

/// A queued message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    pub id: String,
    /// Admission order across the whole outbox (FIFO tie-break).
    pub seq: u64,
    pub admitted_ms: u64,
}

/// Priorities in release order.
pub(crate) const PRIORITIES: [Priority; 4] = [
    Priority::High,
    Priority::Normal,
    Priority::Low,
    Priority::Lowest,
];

fn slot(priority: Priority) -> usize {
    match priority {
        Priority::High => 0,
        Priority::Normal => 1,
        Priority::Low => 2,
        Priority::Lowest => 3,
    }
}

/// The queues (one FIFO per priority) and the times of recent sends of
/// one conversation.
#[derive(Debug, Clone, Default)]
pub(crate) struct ConversationQueue {
    queues: [VecDeque<Entry>; 4],
    /// Release times within the current window, oldest first.
    sent: VecDeque<u64>,
    queued: usize,
    /// The wake-up time registered in the outbox's timer set, if any.
    pub wake_ms: Option<u64>,
}

impl ConversationQueue {
    pub fn queued(&self) -> usize {
        self.queued
    }

    pub fn push(&mut self, priority: Priority, entry: Entry) {
        if let Some(q) = self.queues.get_mut(slot(priority)) {
            q.push_back(entry);
            self.queued += 1;
        }
    }

    /// Removes the oldest Lowest message, if there is one.
    pub fn pop_oldest_lowest(&mut self) -> Option<Entry> {
        let entry = self.queues.get_mut(slot(Priority::Lowest))?.pop_front()?;
        self.queued -= 1;
        Some(entry)
    }

    /// The oldest Lowest message, if there is one.
    pub fn oldest_lowest(&self) -> Option<&Entry> {
        self.queues.get(slot(Priority::Lowest))?.front()
    }

    /// Forgets sends that left the window `(now − window_ms, now]`.
    fn prune(&mut self, now_ms: u64, window_ms: u64) {
        while self
            .sent
            .front()
            .is_some_and(|&t| t.saturating_add(window_ms) <= now_ms)
        {
            self.sent.pop_front();
        }
    }

    /// Releases as many messages as the window allows at `now_ms`,
    /// highest priority first and FIFO within a priority; calls `out` for each.
    pub fn release(
        &mut self,
        now_ms: u64,
        window_ms: u64,
        limit: u32,
        mut out: impl FnMut(Priority, Entry),
    ) {
        self.prune(now_ms, window_ms);
        let mut room = (limit as usize).saturating_sub(self.sent.len());
        for priority in PRIORITIES {
            let Some(queue) = self.queues.get_mut(slot(priority)) else {
                continue;
            };
            while room > 0 {
                let Some(entry) = queue.pop_front() else {
                    break;
                };
                self.queued -= 1;
                self.sent.push_back(now_ms);
                room -= 1;
                out(priority, entry);
            }
        }
    }

    /// When the window next has room: the oldest send in it leaves.
    pub fn window_opens_ms(&self, window_ms: u64) -> Option<u64> {
        self.sent.front().map(|&t| t.saturating_add(window_ms))
    }

    /// Whether nothing is queued and the window is empty at `now_ms`, so
    /// the state can be dropped without changing any future decision.
    pub fn is_idle(&self, now_ms: u64, window_ms: u64) -> bool {
        self.queued == 0
            && self
                .sent
                .back()
                .is_none_or(|&t| t.saturating_add(window_ms) <= now_ms)
    }

    /// Queued entries with their priorities, in release order.
    pub fn entries(&self) -> impl Iterator<Item = (Priority, &Entry)> {
        PRIORITIES
            .into_iter()
            .zip(self.queues.iter())
            .flat_map(|(p, q)| q.iter().map(move |e| (p, e)))
    }
}
