//! Send-rate limits and queue bounds of the outbox (SPEC P2, P3).

use crate::message::ConversationId;
use crate::outbox::OutboxError;
use std::collections::HashMap;

/// The outbox's configuration. Every number is a default from the FAQ or
/// a bound of this library, and every one can be changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxLimits {
    /// P2: sends per group conversation in any window. Default 40.
    pub group_per_window: u32,
    /// P2: sends per C2C conversation in any window. Default 5.
    pub c2c_per_window: u32,
    /// P2: the sliding window, ms. Default 1,000: never more than N sends
    /// whose times lie within `(t − window, t]`.
    pub window_ms: u64,
    /// P3: how long a Lowest message may wait before it is shed. Default 2,000 ms.
    pub lowest_max_wait_ms: u64,
    /// P3: most messages queued per conversation. Default 1,000.
    pub max_queued_per_conversation: usize,
    /// P3: most messages queued in all. Default 100,000.
    pub max_queued_total: usize,
    /// P2: per-conversation send limits that replace the defaults above.
    pub per_conversation: HashMap<ConversationId, u32>,
}

impl OutboxLimits {
    /// P2 default for groups.
    pub const DEFAULT_GROUP_PER_WINDOW: u32 = 40;
    /// P2 default for C2C conversations.
    pub const DEFAULT_C2C_PER_WINDOW: u32 = 5;
    /// P2 default window.
    pub const DEFAULT_WINDOW_MS: u64 = 1_000;
    /// P3 default wait before a Lowest message is shed.
    pub const DEFAULT_LOWEST_MAX_WAIT_MS: u64 = 2_000;
    /// P3 default per-conversation queue bound.
    pub const DEFAULT_MAX_QUEUED_PER_CONVERSATION: usize = 1_000;
    /// P3 default bound on everything queued.
    pub const DEFAULT_MAX_QUEUED_TOTAL: usize = 100_000;

    /// The send limit of one conversation.
    pub fn per_window(&self, conversation: &ConversationId) -> u32 {
        match self.per_conversation.get(conversation) {
            Some(&n) => n,
            None if conversation.is_group() => self.group_per_window,
            None => self.c2c_per_window,
        }
    }

    /// Checks that the limits can be met: every rate and bound at least 1,
    /// a window of at least 1 ms. Violations are 6017.
    pub fn validate(&self) -> Result<(), OutboxError> {
        let positive = [
            ("group_per_sec", u64::from(self.group_per_window)),
            ("c2c_per_sec", u64::from(self.c2c_per_window)),
            ("window_ms", self.window_ms),
            (
                "max_queued_per_conversation",
                self.max_queued_per_conversation as u64,
            ),
            ("max_queued_total", self.max_queued_total as u64),
        ];
        if let Some((name, _)) = positive.iter().find(|(_, v)| *v == 0) {
            return Err(OutboxError::InvalidLimit {
                name: (*name).to_string(),
                reason: "must be at least 1".to_string(),
            });
        }
        self.per_conversation
            .iter()
            .try_for_each(|(conversation, &n)| check_conversation_limit(conversation, n))
    }
}

/// A per-conversation send limit must be at least 1 (6017).
pub(crate) fn check_conversation_limit(
    conversation: &ConversationId,
    per_window: u32,
) -> Result<(), OutboxError> {
    if per_window == 0 {
        return Err(OutboxError::InvalidLimit {
            name: conversation.to_string(),
            reason: "per-conversation limit must be at least 1".to_string(),
        });
    }
    Ok(())
}

impl Default for OutboxLimits {
    fn default() -> Self {
        OutboxLimits {
            group_per_window: Self::DEFAULT_GROUP_PER_WINDOW,
            c2c_per_window: Self::DEFAULT_C2C_PER_WINDOW,
            window_ms: Self::DEFAULT_WINDOW_MS,
            lowest_max_wait_ms: Self::DEFAULT_LOWEST_MAX_WAIT_MS,
            max_queued_per_conversation: Self::DEFAULT_MAX_QUEUED_PER_CONVERSATION,
            max_queued_total: Self::DEFAULT_MAX_QUEUED_TOTAL,
            per_conversation: HashMap::new(),
        }
    }
}
