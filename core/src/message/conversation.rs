//! Conversation ids as the SDK forms them (SPEC M12).

use crate::message::{check_identifier, MessageError};
use std::fmt;
use std::str::FromStr;

/// A conversation. Native SDKs write it `c2c_<userID>` / `group_<groupID>`,
/// the Web SDK `C2C<userID>` / `GROUP<groupID>`; both parse, and
/// [`fmt::Display`] writes the native form ([`ConversationId::format`] either).
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

/// Which SDK's spelling a conversation id is written in (M12).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum ConversationIdForm {
    /// Android/iOS SDKs: `c2c_bob`, `group_@TGS#1ABC`. The default.
    #[default]
    Native,
    /// Web SDK: `C2Cbob`, `GROUP@TGS#1ABC`.
    Web,
}

impl ConversationIdForm {
    /// `"native"` or `"web"`.
    pub fn name(self) -> &'static str {
        match self {
            ConversationIdForm::Native => "native",
            ConversationIdForm::Web => "web",
        }
    }

    /// The prefixes of a C2C and of a group id in this form.
    fn prefixes(self) -> (&'static str, &'static str) {
        match self {
            ConversationIdForm::Native => ("c2c_", "group_"),
            ConversationIdForm::Web => ("C2C", "GROUP"),
        }
    }

    /// The id of the C2C conversation with `user_id`, in this form.
    pub(crate) fn c2c(self, user_id: &str) -> String {
        joined(self.prefixes().0, user_id)
    }

    /// The id of the conversation of group `group_id`, in this form.
    pub(crate) fn group(self, group_id: &str) -> String {
        joined(self.prefixes().1, group_id)
    }
}

/// `prefix` followed by `id`, in one allocation: every received message
/// gets its conversation text this way, so no formatting machinery runs
/// per message.
fn joined(prefix: &str, id: &str) -> String {
    let mut text = String::with_capacity(prefix.len() + id.len());
    text.push_str(prefix);
    text.push_str(id);
    text
}

impl ConversationId {
    /// Parses the native (`c2c_<userID>`, `group_<groupID>`) or the Web
    /// form (`C2C<userID>`, `GROUP<groupID>`); anything else (other
    /// prefix, empty id) is a typed error (6017).
    pub fn parse(s: &str) -> Result<ConversationId, MessageError> {
        ConversationId::parse_with_form(s).map(|(id, _)| id)
    }

    /// [`ConversationId::parse`], also saying which form `s` was in.
    pub fn parse_with_form(s: &str) -> Result<(ConversationId, ConversationIdForm), MessageError> {
        for form in [ConversationIdForm::Native, ConversationIdForm::Web] {
            let (c2c, group) = form.prefixes();
            let (make, id): (fn(String) -> ConversationId, &str) =
                if let Some(id) = s.strip_prefix(c2c) {
                    (|user_id| ConversationId::C2c { user_id }, id)
                } else if let Some(id) = s.strip_prefix(group) {
                    (|group_id| ConversationId::Group { group_id }, id)
                } else {
                    continue;
                };
            if id.is_empty() {
                return Err(MessageError::field(
                    "conversation",
                    format!("{s:?} has an empty id"),
                ));
            }
            check_identifier("conversation", id)?;
            return Ok((make(id.to_string()), form));
        }
        Err(MessageError::field(
            "conversation",
            format!(
                "{s:?} is neither c2c_<userID>/group_<groupID> (native SDKs) \
                 nor C2C<userID>/GROUP<groupID> (Web SDK)"
            ),
        ))
    }

    /// What [`ConversationId::parse`] checks of the id, for a value built
    /// field by field (as apps do over the FFI): not empty, and a valid
    /// identifier (6017 otherwise).
    pub fn check(&self) -> Result<(), MessageError> {
        if self.target().is_empty() {
            return Err(MessageError::field(
                "conversation",
                format!("{:?} has an empty id", self.to_string()),
            ));
        }
        check_identifier("conversation", self.target())
    }

    /// The id written in `form`.
    pub fn format(&self, form: ConversationIdForm) -> String {
        match self {
            ConversationId::C2c { user_id } => form.c2c(user_id),
            ConversationId::Group { group_id } => form.group(group_id),
        }
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
        f.write_str(&self.format(ConversationIdForm::Native))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn m12_forms_have_the_names_imbridge_id_parse_prints() {
        assert_eq!(ConversationIdForm::Native.name(), "native");
        assert_eq!(ConversationIdForm::Web.name(), "web");
    }

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
        for bad in [
            "alice",
            "c2c_",
            "group_",
            "C2C",
            "GROUP",
            "",
            "room_1",
            "@TIM#SYSTEM",
            "Group1",
        ] {
            let err = ConversationId::parse(bad).unwrap_err();
            assert_eq!(err.code().map(|c| c.code()), Some(6017), "{bad}");
        }
    }

    #[test]
    fn m12_parses_the_web_form_and_formats_either() {
        let (c, form) = ConversationId::parse_with_form("C2Cbob").unwrap();
        assert_eq!(
            c,
            ConversationId::C2c {
                user_id: "bob".into()
            }
        );
        assert_eq!(form, ConversationIdForm::Web);
        assert_eq!(c.to_string(), "c2c_bob");
        assert_eq!(c.format(ConversationIdForm::Web), "C2Cbob");
        let (g, form) = ConversationId::parse_with_form("GROUP@TGS#1ABC").unwrap();
        assert_eq!(
            g,
            ConversationId::Group {
                group_id: "@TGS#1ABC".into()
            }
        );
        assert_eq!(form, ConversationIdForm::Web);
        assert_eq!(g.format(ConversationIdForm::Native), "group_@TGS#1ABC");
        // A user id may start with `_`: in the Web form that is part of the id.
        assert_eq!(
            ConversationId::parse("C2C_alice").unwrap(),
            ConversationId::C2c {
                user_id: "_alice".into()
            }
        );
        assert_eq!(
            ConversationId::parse_with_form("c2c_bob").unwrap().1,
            ConversationIdForm::Native
        );
    }
}
