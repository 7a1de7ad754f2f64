//! Message priority (SPEC P1).

use serde::{Deserialize, Serialize};
use std::fmt;

/// Message priority, highest first. Wire names as in the group body's
/// `MsgPriority` (M4). Default: [`Priority::Normal`].
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Priority {
    /// Delivered first; may take the place of queued lower-priority messages.
    High,
    /// The default.
    #[default]
    Normal,
    /// Below normal.
    Low,
    /// The only priority that may be shed under load.
    Lowest,
}

impl Priority {
    /// Converts the client SDK's numbering (Default 0, High 1, Normal 2,
    /// Low 3) for apps that port; Default means Normal. `None` for other numbers.
    pub fn from_sdk(value: i32) -> Option<Priority> {
        match value {
            0 | 2 => Some(Priority::Normal),
            1 => Some(Priority::High),
            3 => Some(Priority::Low),
            _ => None,
        }
    }

    /// The client SDK's number. The SDK has no Lowest: it maps to Low (3).
    pub fn to_sdk(self) -> i32 {
        match self {
            Priority::High => 1,
            Priority::Normal => 2,
            Priority::Low | Priority::Lowest => 3,
        }
    }

    /// The wire name (`"High"`, `"Normal"`, `"Low"`, `"Lowest"`).
    pub fn wire_name(self) -> &'static str {
        match self {
            Priority::High => "High",
            Priority::Normal => "Normal",
            Priority::Low => "Low",
            Priority::Lowest => "Lowest",
        }
    }
}

impl fmt::Display for Priority {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.wire_name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn p1_order_is_high_normal_low_lowest() {
        let mut all = [
            Priority::Lowest,
            Priority::Normal,
            Priority::High,
            Priority::Low,
        ];
        all.sort();
        assert_eq!(
            all,
            [
                Priority::High,
                Priority::Normal,
                Priority::Low,
                Priority::Lowest
            ]
        );
        assert_eq!(Priority::default(), Priority::Normal);
    }

    #[test]
    fn p1_sdk_numbering_converts_both_ways() {
        assert_eq!(Priority::from_sdk(0), Some(Priority::Normal));
        assert_eq!(Priority::from_sdk(1), Some(Priority::High));
        assert_eq!(Priority::from_sdk(3), Some(Priority::Low));
        assert_eq!(Priority::from_sdk(4), None);
        assert_eq!(Priority::Lowest.to_sdk(), 3);
        for p in [Priority::High, Priority::Normal, Priority::Low] {
            assert_eq!(Priority::from_sdk(p.to_sdk()), Some(p));
        }
    }
}
