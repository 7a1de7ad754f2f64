//! Errors of the push domain (SPEC T1, T4).

use crate::error::ErrorCode;

/// Why a push configuration, event or state file was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Error))]
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

    /// A stable short name for the error kind (`invalid_config`, …): what
    /// `codeOrName` shows where the service has no number, and what Kotlin
    /// and Swift print, since class and case names can be renamed by a
    /// shrinker or be unreadable by reflection.
    pub fn name(&self) -> &'static str {
        match self {
            PushError::InvalidConfig { .. } => "invalid_config",
            PushError::InvalidEvent { .. } => "invalid_event",
            PushError::CorruptState { .. } => "corrupt_state",
            PushError::UnknownVersion { .. } => "unknown_version",
            PushError::Io { .. } => "io",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn t1_invalid_config_and_events_carry_the_service_code_6017() {
        let config = PushError::InvalidConfig {
            field: "business_id".into(),
            reason: "missing".into(),
        };
        let event = PushError::InvalidEvent {
            event: "token".into(),
            reason: "empty".into(),
        };
        assert_eq!(config.code().map(|c| c as u32), Some(6017));
        assert_eq!(event.code().map(|c| c as u32), Some(6017));
        let io = PushError::Io {
            path: "p".into(),
            reason: "denied".into(),
        };
        assert_eq!(io.code(), None, "a local file error has no service code");
    }
}
