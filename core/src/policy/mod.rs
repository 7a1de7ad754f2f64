//! Service policies as typed tables (SPEC X1, X2).

use crate::error::ErrorCode;
use crate::message::GroupType;
use serde::{Deserialize, Serialize};

/// The service editions (X1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Edition {
    /// 7 days of history, no extension.
    Free,
    /// 7 days, extendable.
    Pro,
    /// 30 days, extendable.
    Ultimate,
}

/// X1: how long history is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    /// Days kept by default.
    pub days: u32,
    /// Whether the console can extend it.
    pub extendable: bool,
}

impl Edition {
    /// X1: the edition's default retention.
    pub fn retention(self) -> Retention {
        match self {
            Edition::Free => Retention {
                days: 7,
                extendable: false,
            },
            Edition::Pro => Retention {
                days: 7,
                extendable: true,
            },
            Edition::Ultimate => Retention {
                days: 30,
                extendable: true,
            },
        }
    }
}

/// X1: days a message of this conversation kind is kept: `None` when the
/// service keeps none (AVChatRoom), else the edition's retention (or the
/// extension the app bought, `extended_days`).
pub fn retention_days(
    edition: Edition,
    group_type: Option<GroupType>,
    extended_days: Option<u32>,
) -> Option<u32> {
    if group_type.is_some_and(|t| !t.stores_history()) {
        return None;
    }
    let r = edition.retention();
    Some(match extended_days {
        Some(d) if r.extendable => d.max(r.days),
        _ => r.days,
    })
}

/// X2: what a blocklisted sender sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlocklistOutcome {
    /// "Show sent successfully" is on: the sender sees success, the message
    /// is never delivered.
    ShownAsSentNotDelivered,
    /// It is off: the send fails with 20007.
    Fails(ErrorCode),
}

/// X2: the outcome of sending to a recipient who blocklisted the sender.
pub fn blocklisted_send(show_sent_successfully: bool) -> BlocklistOutcome {
    if show_sent_successfully {
        BlocklistOutcome::ShownAsSentNotDelivered
    } else {
        BlocklistOutcome::Fails(ErrorCode::Blocklisted)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn x1_retention_by_edition() {
        assert_eq!(
            Edition::Free.retention(),
            Retention {
                days: 7,
                extendable: false
            }
        );
        assert_eq!(
            Edition::Pro.retention(),
            Retention {
                days: 7,
                extendable: true
            }
        );
        assert_eq!(
            Edition::Ultimate.retention(),
            Retention {
                days: 30,
                extendable: true
            }
        );
        assert_eq!(
            retention_days(Edition::Free, None, Some(90)),
            Some(7),
            "Free cannot be extended"
        );
        assert_eq!(retention_days(Edition::Pro, None, Some(90)), Some(90));
        assert_eq!(
            retention_days(Edition::Ultimate, Some(GroupType::AVChatRoom), None),
            None
        );
    }

    #[test]
    fn x2_blocklist_outcomes() {
        assert_eq!(
            blocklisted_send(true),
            BlocklistOutcome::ShownAsSentNotDelivered
        );
        assert_eq!(
            blocklisted_send(false),
            BlocklistOutcome::Fails(ErrorCode::Blocklisted)
        );
        assert_eq!(ErrorCode::Blocklisted.code(), 20007);
    }
}
