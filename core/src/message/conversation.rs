//! Conversation ids as the SDK forms them (SPEC M12).

use crate::message::MessageError;
use std::fmt;
use std::str::FromStr;

/// A conversation: `c2c_<userID>` or `group_<groupID>`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum ConversationId {
    /// One-to-one conversation with a user.
    C2c {
        /// The other user.
        user_id: String,
    },
    /// Group conversation.
    Group {
        /// The group.
        group_id: String,
    },
}

impl ConversationId {
    /// Parses `c2c_<userID>` / `group_<groupID>`; anything else (other
    /// prefix, empty id) is a typed error (6017).
    pub fn parse(s: &str) -> Result<ConversationId, MessageError> {
        let (make, id): (fn(String) -> ConversationId, &str) =
            if let Some(id) = s.strip_prefix("c2c_") {
                (|user_id| ConversationId::C2c { user_id }, id)
            } else if let Some(id) = s.strip_prefix("group_") {
                (|group_id| ConversationId::Group { group_id }, id)
            } else {
                return Err(MessageError::field(
                    "conversation",
                    format!("{s:?} is neither c2c_<userID> nor group_<groupID>"),
                ));
            };
        if id.is_empty() {
            return Err(MessageError::field(
                "conversation",
                format!("{s:?} has an empty id"),
            ));
        }
        Ok(make(id.to_string()))
    }

    /// Whether this is a group conversation.
    pub fn is_group(&self) -> bool {
        matches!(self, ConversationId::Group { .. })
    }

    /// The user or group id without the prefix.
    pub fn target(&self) -> &str {
        match self {
            ConversationId::C2c { user_id: id } | ConversationId::Group { group_id: id } => id,
        }
    }
}

impl FromStr for ConversationId {
    type Err = MessageError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ConversationId::parse(s)
    }
}

impl fmt::Display for ConversationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConversationId::C2c { user_id } => write!(f, "c2c_{user_id}"),
            ConversationId::Group { group_id } => write!(f, "group_{group_id}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn m12_parses_and_formats_both_kinds() {
        let c = ConversationId::parse("c2c_alice").unwrap();
        assert_eq!(
            c,
            ConversationId::C2c {
                user_id: "alice".into()
            }
        );
        assert_eq!(c.to_string(), "c2c_alice");
        let g: ConversationId = "group_@TGS#_x".parse().unwrap();
        assert!(g.is_group());
        assert_eq!(g.target(), "@TGS#_x");
        assert_eq!(g.to_string(), "group_@TGS#_x");
    }

    #[test]
    fn m12_rejects_other_forms_with_6017() {
        for bad in ["alice", "C2C_alice", "c2c_", "group_", "", "room_1"] {
            let err = ConversationId::parse(bad).unwrap_err();
            assert_eq!(err.code().map(|c| c.code()), Some(6017), "{bad}");
        }
    }
}
