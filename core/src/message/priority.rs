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
    /// P1, native SDKs (Android/iOS `V2TIM_PRIORITY_*`): DEFAULT 0, HIGH 1,
    /// NORMAL 2, LOW 3. DEFAULT means Normal. The native SDKs have no
    /// Lowest. `None` for any other number.
    pub fn from_native(value: i32) -> Option<Priority> {
        match value {
            0 | 2 => Some(Priority::Normal),
            1 => Some(Priority::High),
            3 => Some(Priority::Low),
            _ => None,
        }
    }

    /// P1: the native SDKs' number (HIGH 1, NORMAL 2, LOW 3). They have no
    /// Lowest, so Lowest becomes LOW (3): the one lossy conversion.
    pub fn to_native(self) -> i32 {
        match self {
            Priority::High => 1,
            Priority::Normal => 2,
            Priority::Low | Priority::Lowest => 3,
        }
    }

    /// P1, Web SDK (`@tencentcloud/chat`, `tim-js-sdk`): 1 High, 2 Normal,
    /// 3 Low, 4 Lowest. The Web SDK itself turns any other number into
    /// Normal; here it is `None`, so a wrong number is seen, not guessed.
    pub fn from_web(value: i32) -> Option<Priority> {
        match value {
            1 => Some(Priority::High),
            2 => Some(Priority::Normal),
            3 => Some(Priority::Low),
            4 => Some(Priority::Lowest),
            _ => None,
        }
    }

    /// P1: the Web SDK's number (1 High, 2 Normal, 3 Low, 4 Lowest).
    pub fn to_web(self) -> i32 {
        match self {
            Priority::High => 1,
            Priority::Normal => 2,
            Priority::Low => 3,
            Priority::Lowest => 4,
        }
    }

    /// Parses a wire name (`"High"`, `"Normal"`, `"Low"`, `"Lowest"`, the
    /// Web SDK's `MSG_PRIORITY_*` values); exact spelling.
    pub fn from_wire_name(name: &str) -> Option<Priority> {
        [
            Priority::High,
            Priority::Normal,
            Priority::Low,
            Priority::Lowest,
        ]
        .into_iter()
        .find(|p| p.wire_name() == name)
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
    fn p1_priorities_display_as_their_wire_names() {
        let shown: Vec<String> = [
            Priority::High,
            Priority::Normal,
            Priority::Low,
            Priority::Lowest,
        ]
        .iter()
        .map(ToString::to_string)
        .collect();
        assert_eq!(shown, ["High", "Normal", "Low", "Lowest"]);
    }

    #[test]
    fn p1_native_numbering_round_trips_its_own_values() {
        assert_eq!(Priority::from_native(0), Some(Priority::Normal));
        for n in 1..=3 {
            assert_eq!(Priority::from_native(n).map(Priority::to_native), Some(n));
        }
        assert_eq!(Priority::from_native(4), None);
        assert_eq!(Priority::from_native(-1), None);
        assert_eq!(Priority::Lowest.to_native(), 3);
        assert_eq!(Priority::High.to_native(), 1);
    }

    #[test]
    fn p1_web_numbering_round_trips_its_own_values() {
        for n in 1..=4 {
            assert_eq!(Priority::from_web(n).map(Priority::to_web), Some(n));
        }
        assert_eq!(Priority::from_web(4), Some(Priority::Lowest));
        assert_eq!(Priority::from_web(1), Some(Priority::High));
        assert_eq!(Priority::from_web(0), None);
        assert_eq!(Priority::from_web(5), None);
    }

    #[test]
    fn p1_wire_names_round_trip() {
        for p in [
            Priority::High,
            Priority::Normal,
            Priority::Low,
            Priority::Lowest,
        ] {
            assert_eq!(Priority::from_wire_name(p.wire_name()), Some(p));
        }
        assert_eq!(Priority::from_wire_name("high"), None);
    }
}
