//! Who gets a received message (SPEC D4).

use crate::dispatch::Incoming;
use crate::message::ConversationId;
use std::collections::HashSet;
use std::fmt;

/// Why a received message was not delivered. Every one is counted and
/// visible to diagnostics; none is dropped silently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum DropReason {
    /// A C2C message for another user, or for another conversation than
    /// the one it arrived on.
    Misrouted,
    /// A group message for a group the user is not a member of (or an
    /// AVChatRoom they have not joined).
    NotMember,
    /// Nobody is logged in.
    NotLoggedIn,
    /// A duplicate by the M7 keys.
    Duplicate,
    /// The JSON did not decode.
    Malformed,
    /// The no-listener buffer was full; the oldest message was dropped (D7).
    Overflow,
}

impl DropReason {
    /// A stable short name.
    pub fn name(self) -> &'static str {
        match self {
            DropReason::Misrouted => "misrouted",
            DropReason::NotMember => "not_member",
            DropReason::NotLoggedIn => "not_logged_in",
            DropReason::Duplicate => "duplicate",
            DropReason::Malformed => "malformed",
            DropReason::Overflow => "overflow",
        }
    }
}

impl fmt::Display for DropReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What delivery decisions depend on: the logged-in user and the groups
/// they belong to (joined AVChatRooms included).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeliveryContext {
    /// The logged-in user.
    pub user: Option<String>,
    /// Groups the user is a member of, or AVChatRooms they joined.
    pub groups: HashSet<String>,
}

impl DeliveryContext {
    /// D4: whether `message` goes to the logged-in user. `arrived_on` is the
    /// conversation the transport delivered it for, when it says.
    pub fn check(
        &self,
        message: &Incoming,
        arrived_on: Option<&ConversationId>,
    ) -> Result<(), DropReason> {
        let Some(user) = self.user.as_deref() else {
            return Err(DropReason::NotLoggedIn);
        };
        if arrived_on.is_some_and(|c| *c != message.conversation()) {
            return Err(DropReason::Misrouted);
        }
        match message {
            Incoming::C2c(m) if m.to_account != user => Err(DropReason::Misrouted),
            Incoming::Group(m) if !self.groups.contains(&m.group_id) => Err(DropReason::NotMember),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn d4_drop_reasons_read_as_the_counters_name_them() {
        // The keys of DispatchStats.dropped and of doctor snapshots.
        let names: Vec<String> = [
            DropReason::Misrouted,
            DropReason::NotMember,
            DropReason::NotLoggedIn,
            DropReason::Duplicate,
            DropReason::Malformed,
            DropReason::Overflow,
        ]
        .iter()
        .map(ToString::to_string)
        .collect();
        assert_eq!(
            names,
            [
                "misrouted",
                "not_member",
                "not_logged_in",
                "duplicate",
                "malformed",
                "overflow"
            ]
        );
    }
}
