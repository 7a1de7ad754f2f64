//! The error that crosses the FFI for everything message-related.

use imbridge_core::message as core;
use imbridge_core::message::GroupType;

/// Why a message could not be built, encoded or decoded. Kotlin sees it as
/// `MessageException`, Swift as `MessageError`. Variants with a service
/// number carry it in `code` (6016 invalid element, 6017 invalid parameter,
/// 8001 body too large); `detail` is a readable sentence for logs.
#[derive(Debug, Clone, PartialEq, thiserror::Error, uniffi::Error)]
pub enum MessageError {
    /// M2 (6016): an element failed validation.
    #[error("{detail}")]
    InvalidElement {
        /// 6016.
        code: i32,
        /// Position in `MsgBody`.
        index: u32,
        /// The element's `MsgType`.
        msg_type: String,
        /// What is wrong.
        reason: String,
        /// The whole error as a sentence.
        detail: String,
    },
    /// M2 (6016): a second `TIMCustomElem`.
    #[error("{detail}")]
    SecondCustomElement {
        /// 6016.
        code: i32,
        /// Position of the second custom element.
        index: u32,
        /// The whole error as a sentence.
        detail: String,
    },
    /// M2 (6016): a message needs at least one element.
    #[error("{detail}")]
    EmptyMessage {
        /// 6016.
        code: i32,
        /// The whole error as a sentence.
        detail: String,
    },
    /// M2 (8001): the encoded body is over the limit.
    #[error("{detail}")]
    BodyTooLarge {
        /// 8001.
        code: i32,
        /// Size the body would have, in bytes.
        size: u64,
        /// The limit, in bytes.
        limit: u64,
        /// The whole error as a sentence.
        detail: String,
    },
    /// 6017: a field is missing, of the wrong type, out of range or invalid.
    #[error("{detail}")]
    InvalidField {
        /// 6017.
        code: i32,
        /// Path of the field, e.g. `MsgBody[0].MsgContent.Text`.
        field: String,
        /// What is wrong.
        reason: String,
        /// The whole error as a sentence.
        detail: String,
    },
    /// The input is not JSON (syntax error or truncated). No service code.
    #[error("{detail}")]
    Json {
        /// 1-based line.
        line: u64,
        /// 1-based column.
        column: u64,
        /// What the parser expected.
        reason: String,
        /// The whole error as a sentence.
        detail: String,
    },
    /// M9 (6017): the group type does not allow this mention.
    #[error("{detail}")]
    MentionNotAllowed {
        /// 6017.
        code: i32,
        /// The group's type.
        group_type: GroupType,
        /// Which rule refused it.
        reason: String,
        /// The whole error as a sentence.
        detail: String,
    },
    /// M9 (6017): too many mention targets.
    #[error("{detail}")]
    TooManyMentions {
        /// 6017.
        code: i32,
        /// Targets the message would have.
        count: u64,
        /// The limit (30 by default).
        limit: u64,
        /// The whole error as a sentence.
        detail: String,
    },
    /// M7: the random value was used in this conversation within the
    /// service's de-duplication window; the message would be dropped.
    #[error("{detail}")]
    RandomReused {
        /// The conversation id.
        conversation: String,
        /// The reused value.
        random: u32,
        /// How long ago it was used, in ms.
        age_ms: u64,
        /// The window, in ms.
        window_ms: u64,
        /// The whole error as a sentence.
        detail: String,
    },
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn to_u64(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

impl From<core::MessageError> for MessageError {
    fn from(e: core::MessageError) -> Self {
        let code = e.code().map_or(0, |c| c.code());
        let detail = e.to_string();
        match e {
            core::MessageError::InvalidElement {
                index,
                msg_type,
                reason,
            } => MessageError::InvalidElement {
                code,
                index: to_u32(index),
                msg_type,
                reason,
                detail,
            },
            core::MessageError::SecondCustomElement { index } => {
                MessageError::SecondCustomElement {
                    code,
                    index: to_u32(index),
                    detail,
                }
            }
            core::MessageError::EmptyMessage => MessageError::EmptyMessage { code, detail },
            core::MessageError::BodyTooLarge { size, limit } => MessageError::BodyTooLarge {
                code,
                size: to_u64(size),
                limit: to_u64(limit),
                detail,
            },
            core::MessageError::InvalidField { field, reason } => MessageError::InvalidField {
                code,
                field,
                reason,
                detail,
            },
            core::MessageError::Json {
                line,
                column,
                reason,
            } => MessageError::Json {
                line: to_u64(line),
                column: to_u64(column),
                reason,
                detail,
            },
            core::MessageError::MentionNotAllowed { group_type, reason } => {
                MessageError::MentionNotAllowed {
                    code,
                    group_type,
                    reason,
                    detail,
                }
            }
            core::MessageError::TooManyMentions { count, limit } => MessageError::TooManyMentions {
                code,
                count: to_u64(count),
                limit: to_u64(limit),
                detail,
            },
            core::MessageError::RandomReused {
                conversation,
                random,
                age_ms,
                window_ms,
            } => MessageError::RandomReused {
                conversation,
                random,
                age_ms,
                window_ms,
                detail,
            },
        }
    }
}

/// The error for a field the bindings themselves reject (6017).
pub(crate) fn invalid_field(field: &str, reason: impl Into<String>) -> MessageError {
    core::MessageError::InvalidField {
        field: field.to_string(),
        reason: reason.into(),
    }
    .into()
}
