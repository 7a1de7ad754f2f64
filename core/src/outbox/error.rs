//! Errors of the outbox (SPEC P3, X3).

use crate::error::ErrorCode;

/// Why the outbox refused something. A refused message was never accepted:
/// the app still holds it and decides what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Error))]
pub enum OutboxError {
    /// P3 (10023): the conversation's queue (or the whole outbox) is full of
    /// messages that may not be shed; a High, Normal or Low message is
    /// refused rather than dropped later.
    #[error("{conversation}: {queued} messages already queued (bound {bound}); refused instead of dropped")]
    QueueFull {
        /// The conversation.
        conversation: String,
        /// Messages queued when the message arrived.
        queued: u64,
        /// The bound that was hit.
        bound: u64,
    },
    /// 6017: a limit that cannot be met (zero rate, zero bound).
    #[error("invalid limit {name}: {reason}")]
    InvalidLimit {
        /// Which limit.
        name: String,
        /// Why.
        reason: String,
    },
    /// The outbox's own bookkeeping disagreed with itself (a bug in
    /// imbridge): the message was not taken, so the app still holds it.
    #[error("outbox bookkeeping error ({reason}); message not taken — please report")]
    Inconsistent {
        /// What disagreed.
        reason: String,
    },
}

impl OutboxError {
    /// The service's numeric code.
    pub fn code(&self) -> ErrorCode {
        match self {
            OutboxError::QueueFull { .. } => ErrorCode::GroupFrequencyLimit,
            OutboxError::InvalidLimit { .. } | OutboxError::Inconsistent { .. } => {
                ErrorCode::InvalidParameter
            }
        }
    }

    /// A stable short name for the error kind (`queue_full`, …): what
    /// `codeOrName` shows where the service has no number, and what Kotlin
    /// and Swift print, since class and case names can be renamed by a
    /// shrinker or be unreadable by reflection.
    pub fn name(&self) -> &'static str {
        match self {
            OutboxError::QueueFull { .. } => "queue_full",
            OutboxError::InvalidLimit { .. } => "invalid_limit",
            OutboxError::Inconsistent { .. } => "inconsistent",
        }
    }
}
