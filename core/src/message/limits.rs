//! Configurable limits of message construction (SPEC M2, M9 defaults).

/// Limits applied when building and validating messages. The defaults are
/// the service's; an app may lower them (or raise them if its plan allows).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct MessageLimits {
    /// M2: largest encoded `MsgBody`, in bytes. Default 12,288 (12 KB).
    #[cfg_attr(feature = "uniffi", uniffi(default = 12288))]
    pub max_body_bytes: u32,
    /// M9: most mention targets per group message, @all included. Default 30.
    #[cfg_attr(feature = "uniffi", uniffi(default = 30))]
    pub max_mentions: u32,
}

impl MessageLimits {
    /// M2 default: 12 KB.
    pub const DEFAULT_MAX_BODY_BYTES: u32 = 12_288;
    /// M9 default: 30 targets.
    pub const DEFAULT_MAX_MENTIONS: u32 = 30;
}

impl Default for MessageLimits {
    fn default() -> Self {
        MessageLimits {
            max_body_bytes: Self::DEFAULT_MAX_BODY_BYTES,
            max_mentions: Self::DEFAULT_MAX_MENTIONS,
        }
    }
}
