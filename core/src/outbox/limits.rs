//! Send-rate limits and queue bounds of the outbox (SPEC P2, P3).

use crate::message::ConversationId;
use crate::outbox::OutboxError;

/// The outbox's configuration. Every number is a default from the FAQ or
/// a bound of this library, and every one can be changed. One
/// conversation's own send limit is set on the outbox
/// (`Outbox::set_conversation_limit`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct OutboxLimits {
    /// P2: sends per group conversation in any window. Default 40.
    #[cfg_attr(feature = "uniffi", uniffi(default = 40))]
    pub group_per_window: u32,
    /// P2: sends per C2C conversation in any window. Default 5.
    #[cfg_attr(feature = "uniffi", uniffi(default = 5))]
    pub c2c_per_window: u32,
    /// P2: the sliding window, ms. Default 1,000: never more than N sends
    /// whose times lie within `(t − window, t]`.
    #[cfg_attr(feature = "uniffi", uniffi(default = 1000))]
    pub window_ms: u64,
    /// P3: how long a Lowest message may wait before it is shed. Default 2,000 ms.
    #[cfg_attr(feature = "uniffi", uniffi(default = 2000))]
    pub lowest_max_wait_ms: u64,
    /// P3: most messages queued per conversation. Default 1,000.
    #[cfg_attr(feature = "uniffi", uniffi(default = 1000))]
    pub max_queued_per_conversation: u32,
    /// P3: most messages queued in all. Default 100,000.
    #[cfg_attr(feature = "uniffi", uniffi(default = 100000))]
    pub max_queued_total: u32,
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
    pub const DEFAULT_MAX_QUEUED_PER_CONVERSATION: u32 = 1_000;
    /// P3 default bound on everything queued.
    pub const DEFAULT_MAX_QUEUED_TOTAL: u32 = 100_000;

    /// The default send limit of a conversation of this kind.
    pub fn per_window(&self, conversation: &ConversationId) -> u32 {
        if conversation.is_group() {
            self.group_per_window
        } else {
            self.c2c_per_window
        }
    }

    /// Checks that the limits can be met: every rate and bound at least 1,
    /// a window of at least 1 ms. Violations are 6017.
    pub fn validate(&self) -> Result<(), OutboxError> {
        let positive = [
            ("group_per_window", u64::from(self.group_per_window)),
            ("c2c_per_window", u64::from(self.c2c_per_window)),
            ("window_ms", self.window_ms),
            (
                "max_queued_per_conversation",
                u64::from(self.max_queued_per_conversation),
            ),
            ("max_queued_total", u64::from(self.max_queued_total)),
        ];
        match positive.iter().find(|(_, v)| *v == 0) {
            Some((name, _)) => Err(OutboxError::InvalidLimit {
                name: (*name).to_string(),
                reason: "must be at least 1".to_string(),
            }),
            None => Ok(()),
        }
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
        }
    }
}
