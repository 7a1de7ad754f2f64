//! Dropping duplicates on the receiving side by the service's own keys
//! (SPEC M7): C2C — sender, MsgSeq, MsgRandom and the CRC32 of the content
//! within 120 s; group — the group and Random within 5 minutes.

use crate::dispatch::Incoming;
use crate::message::{C2C_DUPLICATE_WINDOW_MS, GROUP_DUPLICATE_WINDOW_MS};
use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::sync::Arc;

/// A key is held twice (the map and the expiry queue): `Arc<str>` makes the
/// second copy a reference count instead of a string.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    C2c {
        from: Arc<str>,
        seq: u32,
        random: u32,
        crc: u32,
    },
    Group {
        group: Arc<str>,
        random: u32,
    },
}

/// Remembers recent messages for the M7 windows. Memory is bounded by
/// `capacity`; past it the oldest keys are forgotten early and counted.
#[derive(Debug, Clone)]
pub struct DuplicateFilter {
    seen: HashMap<Key, u64>,
    order: VecDeque<(u64, Key)>,
    capacity: usize,
    forgotten: u64,
}

impl Default for DuplicateFilter {
    fn default() -> Self {
        DuplicateFilter::with_capacity(100_000)
    }
}

thread_local! {
    /// Reused for every message on this thread: encoding the body into one
    /// contiguous buffer and hashing it once beats many small hash updates,
    /// and reuse means no allocation per message.
    static CONTENT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// CRC32 of a message's content (its encoded `MsgBody`).
pub fn content_crc(message: &Incoming) -> u32 {
    CONTENT.with(|buffer| {
        let mut buffer = buffer.borrow_mut();
        buffer.clear();
        // Writing plain data into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut *buffer, message.body());
        let crc = crc32fast::hash(&buffer);
        // A huge body once should not pin its buffer for the thread's life.
        if buffer.capacity() > 64 * 1024 {
            *buffer = Vec::new();
        }
        crc
    })
}

impl DuplicateFilter {
    /// A filter remembering at most `capacity` keys (at least 1).
    pub fn with_capacity(capacity: usize) -> DuplicateFilter {
        DuplicateFilter {
            seen: HashMap::new(),
            order: VecDeque::new(),
            capacity: capacity.max(1),
            forgotten: 0,
        }
    }

    fn key(message: &Incoming) -> (Key, u64) {
        match message {
            Incoming::C2c(m) => (
                Key::C2c {
                    from: Arc::from(m.from_account.as_str()),
                    seq: m.msg_seq,
                    random: m.msg_random,
                    crc: content_crc(message),
                },
                C2C_DUPLICATE_WINDOW_MS,
            ),
            Incoming::Group(m) => (
                Key::Group {
                    group: Arc::from(m.group_id.as_str()),
                    random: m.random,
                },
                GROUP_DUPLICATE_WINDOW_MS,
            ),
        }
    }

    /// Whether `message` duplicates one seen within its window before
    /// `now_ms`; if not, it is remembered.
    pub fn is_duplicate(&mut self, message: &Incoming, now_ms: u64) -> bool {
        self.expire(now_ms);
        let (key, window) = Self::key(message);
        if let Some(&at) = self.seen.get(&key) {
            if now_ms.saturating_sub(at) < window {
                return true;
            }
        }
        while self.seen.len() >= self.capacity {
            let Some((at, old)) = self.order.pop_front() else {
                break;
            };
            // Entries superseded by a later sighting of the same key are skipped.
            if self.seen.get(&old) == Some(&at) {
                self.seen.remove(&old);
                self.forgotten += 1;
            }
        }
        self.seen.insert(key.clone(), now_ms);
        self.order.push_back((now_ms, key));
        false
    }

    /// Forgets keys older than the longest window.
    fn expire(&mut self, now_ms: u64) {
        while let Some((at, key)) = self.order.front() {
            if now_ms.saturating_sub(*at) < GROUP_DUPLICATE_WINDOW_MS {
                break;
            }
            if self.seen.get(key) == Some(at) {
                self.seen.remove(key);
            }
            self.order.pop_front();
        }
    }

    /// Keys remembered now.
    pub fn len(&self) -> usize {
        self.seen.len()
    }

    /// Whether nothing is remembered.
    pub fn is_empty(&self) -> bool {
        self.seen.is_empty()
    }

    /// Keys forgotten before their window ended because the filter was full.
    pub fn forgotten(&self) -> u64 {
        self.forgotten
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c2c(seq: u32) -> Incoming {
        Incoming::decode(&format!(
            r#"{{"From_Account":"a","To_Account":"b","MsgSeq":{seq},"MsgRandom":1,"MsgBody":[]}}"#
        ))
        .unwrap()
    }

    /// M7 memory: a key is forgotten once the longest window (the group's)
    /// has passed since it was seen, and not a moment before.
    #[test]
    fn m7_keys_are_forgotten_after_the_longest_window_and_not_before() {
        let mut filter = DuplicateFilter::default();
        assert!(filter.is_empty());
        assert!(!filter.is_duplicate(&c2c(1), 0));
        assert_eq!((filter.len(), filter.is_empty()), (1, false));
        assert!(!filter.is_duplicate(&c2c(2), GROUP_DUPLICATE_WINDOW_MS - 1));
        assert_eq!(
            filter.len(),
            2,
            "the first key is kept until its window ends"
        );
        assert!(!filter.is_duplicate(&c2c(3), GROUP_DUPLICATE_WINDOW_MS));
        assert_eq!(filter.len(), 2, "the first key is forgotten when it ends");
    }

    /// A key seen again after its window is remembered from the second
    /// sighting: expiring the first sighting keeps it.
    #[test]
    fn m7_a_key_seen_again_outlives_its_first_sighting() {
        let mut filter = DuplicateFilter::default();
        assert!(!filter.is_duplicate(&c2c(1), 0));
        assert!(!filter.is_duplicate(&c2c(1), C2C_DUPLICATE_WINDOW_MS + 10));
        assert!(!filter.is_duplicate(&c2c(2), GROUP_DUPLICATE_WINDOW_MS));
        assert_eq!(
            filter.len(),
            2,
            "c2c(1) from its second sighting, and c2c(2)"
        );
        assert!(filter.is_duplicate(&c2c(1), C2C_DUPLICATE_WINDOW_MS + 20));
    }
}
