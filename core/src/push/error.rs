//! Errors of the push domain (SPEC T1, T4).

use crate::error::ErrorCode;

/// Why a push configuration, event or state file was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PushError {
    /// T1 (6017): a channel configuration the console or vendor would reject.
    #[error("invalid push config {field}: {reason}")]
    InvalidConfig {
        /// The field.
        field: String,
        /// Why.
        reason: String,
    },
    /// 6017: an event with invalid content (empty token, empty user).
    #[error("invalid push event {event}: {reason}")]
    InvalidEvent {
        /// The event.
        event: String,
        /// Why.
        reason: String,
    },
    /// T4: the state file is not a snapshot this version can read; the
    /// machine was reset to NoToken.
    #[error("push state {path} is corrupt ({reason}); reset to NoToken")]
    CorruptState {
        /// The file.
        path: String,
        /// What was wrong.
        reason: String,
    },
    /// T4: the state file has a version this library does not know; the
    /// machine was reset to NoToken.
    #[error("push state {path} has unknown version {version}; reset to NoToken")]
    UnknownVersion {
        /// The file.
        path: String,
        /// Its version.
        version: u64,
    },
    /// T4: the state file could not be read or written.
    #[error("push state {path}: {reason}")]
    Io {
        /// The file.
        path: String,
        /// What the system said.
        reason: String,
    },
}

impl PushError {
    /// The service's numeric code, where it has one.
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            PushError::InvalidConfig { .. } | PushError::InvalidEvent { .. } => {
                Some(ErrorCode::InvalidParameter)
            }
            _ => None,
        }
    }
}
