//! Group message receive options (SPEC M13).

use serde_repr::{Deserialize_repr, Serialize_repr};

/// How a member receives a group's messages, numbered as the SDK numbers
/// them (used by delivery, D4, and push eligibility, T6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize_repr, Deserialize_repr)]
#[repr(u8)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum ReceiveOption {
    /// 0: receive and notify.
    #[default]
    Receive = 0,
    /// 1: don't receive.
    NotReceive = 1,
    /// 2: receive, but no notification (no offline push).
    ReceiveNotNotify = 2,
    /// 3: receive; notify only when @-mentioned.
    NotNotifyExceptAt = 3,
    /// 4: receive only messages that @-mention the member.
    NotReceiveExceptAt = 4,
}

impl ReceiveOption {
    /// The option for an SDK number, `None` outside 0..=4.
    pub fn from_sdk(value: i32) -> Option<ReceiveOption> {
        Some(match value {
            0 => ReceiveOption::Receive,
            1 => ReceiveOption::NotReceive,
            2 => ReceiveOption::ReceiveNotNotify,
            3 => ReceiveOption::NotNotifyExceptAt,
            4 => ReceiveOption::NotReceiveExceptAt,
            _ => return None,
        })
    }

    /// The SDK's number.
    pub fn to_sdk(self) -> i32 {
        self as i32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn m13_numbers_match_the_sdk() {
        for n in 0..=4 {
            assert_eq!(ReceiveOption::from_sdk(n).unwrap().to_sdk(), n);
        }
        assert_eq!(ReceiveOption::from_sdk(5), None);
        assert_eq!(ReceiveOption::ReceiveNotNotify.to_sdk(), 2);
    }
}
