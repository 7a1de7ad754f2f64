//! Identifiers are exact (SPEC X3): text may lose a character, an id may not.
//!
//! Strings cross from Kotlin as UTF-8, and an unpaired UTF-16 surrogate
//! (half an emoji, e.g. a user id cut to a length) becomes U+FFFD on the
//! way. In a text that is the right repair; in a user or group id it turns
//! one id into another, so a message could reach a different user. An
//! identifier holding U+FFFD is therefore refused with 6017 naming the
//! argument; the service's ids never contain it, so nothing valid is lost.

use crate::message::MessageError;

/// The replacement character that an unpaired surrogate became on its way in.
const REPLACEMENT: char = '\u{FFFD}';

/// 6017 naming `field` when `value` holds U+FFFD (an unpaired surrogate
/// replaced on its way in, or text that was never valid Unicode).
pub fn check_identifier(field: &str, value: &str) -> Result<(), MessageError> {
    match identifier_problem(value) {
        None => Ok(()),
        Some(reason) => Err(MessageError::field(field, reason)),
    }
}

/// Why `value` cannot be an identifier, or `None` when it can: the reason
/// [`check_identifier`] gives, for callers whose own error names the field
/// (the login's `InitError`).
pub(crate) fn identifier_problem(value: &str) -> Option<String> {
    let (at, _) = value.char_indices().find(|(_, c)| *c == REPLACEMENT)?;
    Some(format!(
        "{value:?} holds U+FFFD at byte {at}: an unpaired UTF-16 surrogate (an id cut mid-emoji?) \
         or invalid text was replaced on its way in, and an identifier must arrive exactly as written"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn x3_an_identifier_with_a_replacement_character_is_refused_naming_the_field() {
        let err = check_identifier("To_Account", "bob\u{FFFD}").unwrap_err();
        assert_eq!(err.code().map(|c| c.code()), Some(6017));
        match err {
            MessageError::InvalidField { field, reason } => {
                assert_eq!(field, "To_Account");
                assert!(reason.contains("byte 3"), "{reason}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn x3_identifiers_with_any_other_character_pass() {
        for id in ["bob", "用户_1", "a😀b", "@TGS#_team", ""] {
            assert_eq!(check_identifier("id", id), Ok(()), "{id}");
        }
    }

    /// Every place an identifier enters: each names its own field.
    #[test]
    fn x3_every_identifier_argument_refuses_a_replaced_surrogate() {
        use crate::message::{
            C2cMessage, ConversationId, Element, GroupMessage, Mention, MessageLimits,
        };
        let cut = "bob\u{FFFD}";
        let body = || vec![Element::text("hi")];
        let limits = MessageLimits::default();
        let field_of = |e: MessageError| match e {
            MessageError::InvalidField { field, .. } => field,
            other => panic!("{other:?}"),
        };

        let c2c = C2cMessage::new(cut, 1, 2, body());
        assert_eq!(field_of(c2c.encode(&limits).unwrap_err()), "To_Account");
        let mut c2c = C2cMessage::new("bob", 1, 2, body());
        c2c.from_account = Some(cut.into());
        assert_eq!(field_of(c2c.encode(&limits).unwrap_err()), "From_Account");

        let group = GroupMessage::new("g\u{FFFD}", 1, body());
        assert_eq!(
            field_of(group.encode(None, &limits).unwrap_err()),
            "GroupId"
        );
        let mut group = GroupMessage::new("g1", 1, body());
        group.from_account = Some(cut.into());
        assert_eq!(
            field_of(group.encode(None, &limits).unwrap_err()),
            "From_Account"
        );
        let mut group = GroupMessage::new("g1", 1, body());
        group.to_account = Some(vec!["carol".into(), cut.into()]);
        assert_eq!(
            field_of(group.encode(None, &limits).unwrap_err()),
            "To_Account[1]"
        );
        let mut group = GroupMessage::new("g1", 1, body());
        group.group_at_info = Some(vec![Mention::User {
            account: cut.into(),
        }]);
        assert_eq!(
            field_of(
                group
                    .encode(Some(crate::message::GroupType::Public), &limits)
                    .unwrap_err()
            ),
            "GroupAt_Account"
        );

        for text in [format!("c2c_{cut}"), format!("GROUP{cut}")] {
            assert_eq!(
                field_of(ConversationId::parse(&text).unwrap_err()),
                "conversation"
            );
        }

        let mut login = crate::init::Login::default();
        match login.begin_login(cut) {
            Err(crate::init::InitError::InvalidConfig { field, reason }) => {
                assert_eq!(field, "user_id");
                assert!(reason.contains("U+FFFD"), "{reason}");
            }
            other => panic!("{other:?}"),
        }
        assert!(
            login.begin_login("bob😀").is_ok(),
            "a whole emoji is an id like any other"
        );
    }
}
