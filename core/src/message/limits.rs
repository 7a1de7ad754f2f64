//! Configurable limits of message construction (SPEC M2, M9 defaults).

/// Limits applied when building and validating messages. The defaults are
/// the service's; an app may lower them (or raise them if its plan allows).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MessageLimits {
    /// M2: largest encoded `MsgBody`, in bytes. Default 12,288 (12 KB).
    pub max_body_bytes: usize,
    /// M9: most mention targets per group message, @all included. Default 30.
    pub max_mentions: usize,
}

impl MessageLimits {
    /// M2 default: 12 KB.
    pub const DEFAULT_MAX_BODY_BYTES: usize = 12_288;
    /// M9 default: 30 targets.
    pub const DEFAULT_MAX_MENTIONS: usize = 30;
}

impl Default for MessageLimits {
    fn default() -> Self {
        MessageLimits {
            max_body_bytes: Self::DEFAULT_MAX_BODY_BYTES,
            max_mentions: Self::DEFAULT_MAX_MENTIONS,
        }
    }
}
