//! Errors of message construction and the wire format (SPEC M2, M6, M7, M9, X3).

use crate::error::ErrorCode;
use crate::message::GroupType;

/// Why a message could not be built, encoded or decoded.
///
/// Every variant that the service numbers carries that number through
/// [`MessageError::code`]; the others have a stable short name
/// ([`MessageError::name`]) for logs and the CLI's `error[NAME]` line.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Error))]
pub enum MessageError {
    /// M2 (6016): an element failed validation.
    #[error("invalid {msg_type} at MsgBody[{index}]: {reason}")]
    InvalidElement {
        /// Position of the element in `MsgBody`.
        index: u32,
        /// The element's `MsgType`.
        msg_type: String,
        /// What is wrong with it.
        reason: String,
    },
    /// M2 (6016): a message holds at most one `TIMCustomElem`.
    #[error("a message holds at most one TIMCustomElem (second one at MsgBody[{index}])")]
    SecondCustomElement {
        /// Position the second custom element has or would have.
        index: u32,
    },
    /// M2 (6016): a message needs at least one element.
    #[error("a message needs at least one element; MsgBody is empty")]
    EmptyMessage,
    /// M2 (8001): the encoded `MsgBody` is over the configured limit.
    #[error("encoded MsgBody would be {size} bytes, over the {limit}-byte limit")]
    BodyTooLarge {
        /// Encoded size in bytes that the message would have.
        size: u64,
        /// The configured limit (12,288 by default).
        limit: u64,
    },
    /// 6017: a field has the wrong type, is missing, out of range or otherwise invalid.
    #[error("invalid {field}: {reason}")]
    InvalidField {
        /// Path of the field, e.g. `MsgRandom` or `MsgBody[0].MsgContent.Text`.
        field: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The input is not JSON at all (syntax error or truncated input).
    #[error("malformed JSON at line {line}, column {column}: {reason}")]
    Json {
        /// 1-based line of the problem.
        line: u64,
        /// 1-based column of the problem.
        column: u64,
        /// What the JSON parser expected.
        reason: String,
    },
    /// M9 (6017): this group type does not allow this mention.
    #[error("{group_type} group: {reason}")]
    MentionNotAllowed {
        /// The group's type.
        group_type: GroupType,
        /// Which rule refused it.
        reason: String,
    },
    /// M9 (6017): more mention targets than allowed (30 by default, @all included).
    #[error("{count} mention targets, over the limit of {limit} (@all counts as one)")]
    TooManyMentions {
        /// Number of targets the message would have.
        count: u64,
        /// The configured limit.
        limit: u64,
    },
    /// M7: this MsgRandom/Random was already used in the conversation within
    /// the service's de-duplication window; the service would silently drop
    /// the message, offline push included.
    #[error("random {random} was already used in {conversation} {age_ms} ms ago (window {window_ms} ms); the service would drop this message as a duplicate")]
    RandomReused {
        /// Conversation id (`c2c_…` / `group_…`).
        conversation: String,
        /// The reused value.
        random: u32,
        /// How long ago it was used.
        age_ms: u64,
        /// The de-duplication window that applies.
        window_ms: u64,
    },
}

impl MessageError {
    /// The service's numeric code, where the service defines one.
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            MessageError::InvalidElement { .. }
            | MessageError::SecondCustomElement { .. }
            | MessageError::EmptyMessage => Some(ErrorCode::InvalidElement),
            MessageError::BodyTooLarge { .. } => Some(ErrorCode::BodyTooLarge),
            MessageError::InvalidField { .. }
            | MessageError::MentionNotAllowed { .. }
            | MessageError::TooManyMentions { .. } => Some(ErrorCode::InvalidParameter),
            MessageError::Json { .. } | MessageError::RandomReused { .. } => None,
        }
    }

    /// A stable short name for the error kind (`json`, `duplicate_random`, …).
    pub fn name(&self) -> &'static str {
        match self {
            MessageError::InvalidElement { .. } => "invalid_element",
            MessageError::SecondCustomElement { .. } => "second_custom_element",
            MessageError::EmptyMessage => "empty_message",
            MessageError::BodyTooLarge { .. } => "body_too_large",
            MessageError::InvalidField { .. } => "invalid_field",
            MessageError::Json { .. } => "json",
            MessageError::MentionNotAllowed { .. } => "mention_not_allowed",
            MessageError::TooManyMentions { .. } => "too_many_mentions",
            MessageError::RandomReused { .. } => "duplicate_random",
        }
    }

    /// The numeric code as printed by the CLI (`error[8001]`), or the name
    /// where the service has no number (`error[json]`).
    pub fn code_or_name(&self) -> String {
        match self.code() {
            Some(code) => code.code().to_string(),
            None => self.name().to_string(),
        }
    }

    /// A position or count as the error carries it (`u32` / `u64` cross
    /// the FFI as they are; `usize` does not), saturating on overflow.
    pub(crate) fn index(n: usize) -> u32 {
        u32::try_from(n).unwrap_or(u32::MAX)
    }

    /// See [`MessageError::index`].
    pub(crate) fn count(n: usize) -> u64 {
        u64::try_from(n).unwrap_or(u64::MAX)
    }

    pub(crate) fn field(field: impl Into<String>, reason: impl Into<String>) -> Self {
        MessageError::InvalidField {
            field: field.into(),
            reason: reason.into(),
        }
    }
}
