//! Message status with the SDK's numbering (SPEC M11).

/// Where a message stands, numbered as the client SDK numbers it so apps
/// that port keep their values. "Sent successfully" (FAQ) means
/// [`MessageStatus::Sent`] with a server key assigned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[repr(i32)]
pub enum MessageStatus {
    /// 1: on its way.
    Sending = 1,
    /// 2: accepted by the service.
    Sent = 2,
    /// 3: failed; the error code travels beside it.
    Failed = 3,
    /// 4: deleted.
    Deleted = 4,
    /// 5: imported locally.
    LocalImported = 5,
    /// 6: revoked locally.
    LocalRevoked = 6,
}

impl MessageStatus {
    /// The SDK's number.
    pub fn to_sdk(self) -> i32 {
        self as i32
    }

    /// The status for an SDK number, `None` outside 1..=6.
    pub fn from_sdk(value: i32) -> Option<MessageStatus> {
        [
            MessageStatus::Sending,
            MessageStatus::Sent,
            MessageStatus::Failed,
            MessageStatus::Deleted,
            MessageStatus::LocalImported,
            MessageStatus::LocalRevoked,
        ]
        .into_iter()
        .find(|s| s.to_sdk() == value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn m11_numbers_match_the_sdk() {
        for n in 1..=6 {
            assert_eq!(MessageStatus::from_sdk(n).unwrap().to_sdk(), n);
        }
        assert_eq!(MessageStatus::Sent.to_sdk(), 2);
        assert_eq!(MessageStatus::from_sdk(0), None);
        assert_eq!(MessageStatus::from_sdk(7), None);
    }
}
