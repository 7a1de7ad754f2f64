//! Randomness from the caller and the M7 duplicate window on the sending side.
//!
//! The service drops as duplicates a C2C message whose sender, MsgSeq,
//! MsgRandom and content CRC match one within 120 s, and a group message
//! whose Random matches one within 5 minutes — silently, offline push
//! included. [`RandomTracker`] draws values that are fresh in their
//! conversation's window and flags a value that is reused.

use crate::message::{ConversationId, MessageError};
use std::collections::{HashMap, VecDeque};

/// A source of random `u32` values, injected by the caller (SPEC M6):
/// the core never draws randomness on its own.
pub trait RandomSource {
    /// The next random value.
    fn next_u32(&mut self) -> u32;
}

impl<F: FnMut() -> u32> RandomSource for F {
    fn next_u32(&mut self) -> u32 {
        self()
    }
}

/// A fast, deterministic generator seeded by the caller (e.g. once from
/// `SecureRandom` / `SystemRandomNumberGenerator`). The same seed gives the
/// same sequence, which keeps tests reproducible.
#[derive(Debug, Clone)]
pub struct SeededRandom(fastrand::Rng);

impl SeededRandom {
    /// A generator with the given seed.
    pub fn new(seed: u64) -> SeededRandom {
        SeededRandom(fastrand::Rng::with_seed(seed))
    }
}

impl RandomSource for SeededRandom {
    fn next_u32(&mut self) -> u32 {
        self.0.u32(..)
    }
}

/// M7 default window for C2C messages: 120 s.
pub const C2C_DUPLICATE_WINDOW_MS: u64 = 120_000;
/// M7 default window for group messages: 5 minutes.
pub const GROUP_DUPLICATE_WINDOW_MS: u64 = 300_000;

/// Remembers, per conversation, the random values used within the
/// service's de-duplication window (M7).
///
/// Memory is bounded: at most `capacity` values are remembered; past that,
/// expired values are pruned first and then the oldest are forgotten, and
/// [`RandomTracker::forgotten`] counts them (a forgotten value can no
/// longer be flagged as reused).
#[derive(Debug, Clone)]
pub struct RandomTracker {
    used: HashMap<ConversationId, VecDeque<(u32, u64)>>,
    /// Every value in the order recorded, so the oldest is found in O(1);
    /// entries already pruned from `used` are skipped when met.
    order: VecDeque<(u64, ConversationId, u32)>,
    len: usize,
    capacity: usize,
    forgotten: u64,
}

impl Default for RandomTracker {
    fn default() -> Self {
        RandomTracker::with_capacity(RandomTracker::DEFAULT_CAPACITY)
    }
}

impl RandomTracker {
    /// Default number of remembered values.
    pub const DEFAULT_CAPACITY: usize = 65_536;

    /// A tracker remembering at most `capacity` values (at least 1).
    pub fn with_capacity(capacity: usize) -> RandomTracker {
        RandomTracker {
            used: HashMap::new(),
            order: VecDeque::new(),
            len: 0,
            capacity: capacity.max(1),
            forgotten: 0,
        }
    }

    /// The de-duplication window of a conversation.
    pub fn window_ms(conversation: &ConversationId) -> u64 {
        if conversation.is_group() {
            GROUP_DUPLICATE_WINDOW_MS
        } else {
            C2C_DUPLICATE_WINDOW_MS
        }
    }

    /// Most draws [`RandomTracker::draw`] tries before it gives up on a
    /// source that keeps repeating itself.
    pub const MAX_DRAW_ATTEMPTS: usize = 64;

    /// Draws a value not used in `conversation` within its window and
    /// records it as used at `now_ms` (a monotonic millisecond clock).
    ///
    /// A uniform source finds a fresh value at the first or second try; a
    /// source that returns only used values (a broken or constant one) gets
    /// the last [`MessageError::RandomReused`] after
    /// [`RandomTracker::MAX_DRAW_ATTEMPTS`] tries instead of a hang.
    pub fn draw(
        &mut self,
        conversation: &ConversationId,
        now_ms: u64,
        random: &mut dyn RandomSource,
    ) -> Result<u32, MessageError> {
        let mut last = None;
        for _ in 0..Self::MAX_DRAW_ATTEMPTS {
            let candidate = random.next_u32();
            match self.record(conversation, candidate, now_ms) {
                Ok(()) => return Ok(candidate),
                Err(e) => last = Some(e),
            }
        }
        Err(last.unwrap_or(MessageError::field("random", "no draw attempted")))
    }

    /// Records `random` as used in `conversation` at `now_ms`, or returns
    /// [`MessageError::RandomReused`] (and records nothing) when it was used
    /// within the window: the service would silently drop that message.
    pub fn record(
        &mut self,
        conversation: &ConversationId,
        random: u32,
        now_ms: u64,
    ) -> Result<(), MessageError> {
        let window_ms = Self::window_ms(conversation);
        if let Some(entries) = self.used.get_mut(conversation) {
            let before = entries.len();
            entries.retain(|&(_, at)| now_ms.saturating_sub(at) < window_ms);
            self.len -= before - entries.len();
            if let Some(&(_, at)) = entries.iter().find(|&&(r, _)| r == random) {
                return Err(MessageError::RandomReused {
                    conversation: conversation.to_string(),
                    random,
                    age_ms: now_ms.saturating_sub(at),
                    window_ms,
                });
            }
        }
        if self.len >= self.capacity {
            self.make_room(now_ms);
        }
        self.used
            .entry(conversation.clone())
            .or_default()
            .push_back((random, now_ms));
        self.order.push_back((now_ms, conversation.clone(), random));
        self.len += 1;
        if self.order.len() > 2 * self.capacity {
            self.compact_order();
        }
        Ok(())
    }

    /// Values remembered now.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether nothing is remembered.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Values forgotten before their window ended because the tracker was full.
    pub fn forgotten(&self) -> u64 {
        self.forgotten
    }

    /// Evicts the oldest values until there is room: expired ones silently,
    /// live ones counted in `forgotten`. Amortised O(1) per record.
    fn make_room(&mut self, now_ms: u64) {
        while self.len >= self.capacity {
            let Some((at, conversation, random)) = self.order.pop_front() else {
                break;
            };
            let Some(entries) = self.used.get_mut(&conversation) else {
                continue;
            };
            // Already pruned by a later record in that conversation.
            if entries.front() != Some(&(random, at)) {
                continue;
            }
            entries.pop_front();
            if entries.is_empty() {
                self.used.remove(&conversation);
            }
            self.len -= 1;
            if now_ms.saturating_sub(at) < Self::window_ms(&conversation) {
                self.forgotten += 1;
            }
        }
    }

    /// Drops entries of `order` that `used` no longer holds, keeping the
    /// queue within twice the capacity (amortised over the records since).
    fn compact_order(&mut self) {
        let mut live: Vec<(u64, ConversationId, u32)> = self
            .used
            .iter()
            .flat_map(|(c, entries)| entries.iter().map(move |&(r, at)| (at, c.clone(), r)))
            .collect();
        live.sort_by_key(|entry| entry.0);
        self.order = live.into();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c2c() -> ConversationId {
        ConversationId::parse("c2c_bob").unwrap()
    }
    fn group() -> ConversationId {
        ConversationId::parse("group_g1").unwrap()
    }

    #[test]
    fn m7_reused_random_in_window_is_flagged() {
        let mut t = RandomTracker::default();
        t.record(&c2c(), 7, 1_000).unwrap();
        let err = t.record(&c2c(), 7, 60_000).unwrap_err();
        assert!(matches!(
            err,
            MessageError::RandomReused {
                random: 7,
                age_ms: 59_000,
                window_ms: 120_000,
                ..
            }
        ));
        assert_eq!(err.code_or_name(), "duplicate_random");
    }

    #[test]
    fn m7_c2c_window_is_120_s_and_group_window_5_min() {
        let mut t = RandomTracker::default();
        t.record(&c2c(), 7, 0).unwrap();
        t.record(&group(), 7, 0).unwrap();
        assert!(t.record(&c2c(), 7, 119_999).is_err());
        assert!(t.record(&c2c(), 7, 120_000).is_ok());
        assert!(t.record(&group(), 7, 299_999).is_err());
        assert!(t.record(&group(), 7, 300_000).is_ok());
    }

    #[test]
    fn m7_same_random_in_other_conversation_is_fine() {
        let mut t = RandomTracker::default();
        t.record(&c2c(), 7, 0).unwrap();
        t.record(&group(), 7, 0).unwrap();
        t.record(&ConversationId::parse("c2c_carol").unwrap(), 7, 0)
            .unwrap();
    }

    #[test]
    fn m7_draw_skips_values_in_use() {
        let mut t = RandomTracker::default();
        t.record(&c2c(), 1, 0).unwrap();
        let mut seq = [1u32, 1, 2].into_iter();
        let mut source = move || seq.next().unwrap_or(9);
        assert_eq!(t.draw(&c2c(), 10, &mut source).unwrap(), 2);
        assert!(t.record(&c2c(), 2, 20).is_err());
    }

    #[test]
    fn m7_draw_from_a_constant_source_fails_instead_of_hanging() {
        let mut t = RandomTracker::default();
        let mut constant = || 5u32;
        assert_eq!(t.draw(&c2c(), 0, &mut constant).unwrap(), 5);
        let err = t.draw(&c2c(), 1, &mut constant).unwrap_err();
        assert!(matches!(err, MessageError::RandomReused { random: 5, .. }));
    }

    #[test]
    fn m7_expired_values_make_room_without_counting_as_forgotten() {
        let mut t = RandomTracker::with_capacity(10);
        for i in 0..10u32 {
            t.record(&c2c(), i, 0).unwrap();
        }
        for i in 10..20u32 {
            t.record(&c2c(), i, C2C_DUPLICATE_WINDOW_MS + 1).unwrap();
        }
        assert_eq!(t.forgotten(), 0);
        assert!(t.len() <= 10);
        assert!(
            t.record(&c2c(), 15, C2C_DUPLICATE_WINDOW_MS + 2).is_err(),
            "recent values are still known"
        );
    }

    #[test]
    fn m7_order_queue_stays_bounded_under_churn() {
        let mut t = RandomTracker::with_capacity(50);
        for i in 0..10_000u32 {
            t.record(&group(), i, u64::from(i) * 1_000).unwrap();
        }
        assert!(t.order.len() <= 100, "{}", t.order.len());
        assert!(t.len() <= 50);
    }

    #[test]
    fn m7_order_queue_stays_bounded_when_values_expire_before_the_tracker_fills() {
        // Each record prunes the one before it (expired), so the tracker
        // never fills and never evicts: only compaction bounds the queue.
        let mut t = RandomTracker::with_capacity(50);
        for i in 0..10_000u32 {
            t.record(&c2c(), i, u64::from(i) * (C2C_DUPLICATE_WINDOW_MS + 1))
                .unwrap();
        }
        assert_eq!(t.len(), 1);
        assert!(t.order.len() <= 100, "{}", t.order.len());
    }

    #[test]
    fn m7_len_counts_the_values_remembered() {
        let mut t = RandomTracker::default();
        assert!(t.is_empty());
        assert_eq!(t.len(), 0);
        t.record(&c2c(), 1, 0).unwrap();
        t.record(&group(), 2, 0).unwrap();
        t.record(&c2c(), 3, 0).unwrap();
        assert!(!t.is_empty());
        assert_eq!(t.len(), 3);
        // Expired values leave when their conversation records again.
        t.record(&c2c(), 4, C2C_DUPLICATE_WINDOW_MS).unwrap();
        assert_eq!(t.len(), 2);
    }

    #[test]
    fn m7_a_value_evicted_exactly_at_its_window_end_is_not_counted_as_forgotten() {
        let mut t = RandomTracker::with_capacity(1);
        t.record(&c2c(), 1, 0).unwrap();
        t.record(&group(), 2, C2C_DUPLICATE_WINDOW_MS).unwrap();
        assert_eq!(t.forgotten(), 0);
        t.record(&c2c(), 3, C2C_DUPLICATE_WINDOW_MS + 1).unwrap();
        assert_eq!(t.forgotten(), 1, "the group value was still in its window");
    }

    #[test]
    fn m7_seeded_random_is_reproducible_and_varied() {
        let draw = |seed| {
            let mut r = SeededRandom::new(seed);
            (0..8).map(|_| r.next_u32()).collect::<Vec<_>>()
        };
        assert_eq!(draw(7), draw(7));
        assert_ne!(draw(7), draw(8));
        let values = draw(7);
        let distinct: std::collections::HashSet<_> = values.iter().collect();
        assert!(distinct.len() > 4, "{values:?}");
    }

    #[test]
    fn m7_tracker_memory_is_bounded_and_forgetting_is_counted() {
        let mut t = RandomTracker::with_capacity(100);
        for i in 0..1_000u32 {
            let conv = ConversationId::parse(&format!("c2c_u{i}")).unwrap();
            t.record(&conv, i, u64::from(i)).unwrap();
        }
        assert!(t.len() <= 100);
        assert_eq!(t.forgotten(), 900);
    }
}
