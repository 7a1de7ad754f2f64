//! "What is this id?" — one parse over every id a support engineer is
//! handed (SPEC M6, M12), from native and Web clients alike.
//!
//! Tried in this order; the first form that fits wins:
//! 1. legacy Web SDK message id `C2Cbob-MsgSeq-random-1` (its conversation
//!    prefix and four `-` parts make it unambiguous);
//! 2. client message id `tinyid-clientTime-random`;
//! 3. C2C server key `MsgSeq_MsgRandom_MsgTime`;
//! 4. conversation id, native `c2c_bob` / `group_…` or Web `C2Cbob` / `GROUP…`;
//! 5. group server key `GroupId_MsgSeq`.
//!
//! So `group_room_7` reads as the conversation with group `room_7`, not as
//! message 7 of a group called `group_room`.

use crate::message::utc::iso8601_utc;
use crate::message::{
    C2cMsgKey, ClientMsgId, ConversationId, ConversationIdForm, GroupMsgKey, LegacyWebMsgId,
    MessageError,
};

/// What an id turned out to be, with its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum ParsedId {
    /// A client message id, `tinyid-clientTime-random`.
    ClientMessage {
        /// Its parts.
        id: ClientMsgId,
        /// `client_time` as ISO-8601 UTC, e.g. `2023-11-14T22:13:20Z`.
        client_time_utc: String,
    },
    /// A C2C message's server key, `MsgSeq_MsgRandom_MsgTime`.
    C2cServerKey {
        /// Its parts.
        key: C2cMsgKey,
        /// `msg_time` as ISO-8601 UTC.
        msg_time_utc: String,
    },
    /// A group message's server key, `GroupId_MsgSeq`.
    GroupServerKey {
        /// Its parts.
        key: GroupMsgKey,
    },
    /// A message id of the Web SDK up to 2.17.
    LegacyWeb {
        /// Its parts.
        id: LegacyWebMsgId,
    },
    /// A conversation id.
    Conversation {
        /// The conversation.
        id: ConversationId,
        /// The SDK spelling it was written in.
        form: ConversationIdForm,
    },
}

impl ParsedId {
    /// The kind's name as `imbridge id parse` prints it: `client_msg_id`,
    /// `c2c_msg_key`, `group_msg_key`, `legacy_web_msg_id`, `conversation_id`.
    pub fn kind(&self) -> &'static str {
        match self {
            ParsedId::ClientMessage { .. } => "client_msg_id",
            ParsedId::C2cServerKey { .. } => "c2c_msg_key",
            ParsedId::GroupServerKey { .. } => "group_msg_key",
            ParsedId::LegacyWeb { .. } => "legacy_web_msg_id",
            ParsedId::Conversation { .. } => "conversation_id",
        }
    }
}

/// Parses any id this library knows (see the module docs for the order).
/// Typed error (6017) naming every form tried when none fits.
pub fn parse_id(text: &str) -> Result<ParsedId, MessageError> {
    if let Ok(id) = LegacyWebMsgId::parse(text) {
        return Ok(ParsedId::LegacyWeb { id });
    }
    if let Ok(id) = ClientMsgId::parse(text) {
        let client_time_utc = iso8601_utc(id.client_time);
        return Ok(ParsedId::ClientMessage {
            id,
            client_time_utc,
        });
    }
    if let Ok(key) = C2cMsgKey::parse(text) {
        let msg_time_utc = iso8601_utc(key.msg_time);
        return Ok(ParsedId::C2cServerKey { key, msg_time_utc });
    }
    if let Ok((id, form)) = ConversationId::parse_with_form(text) {
        return Ok(ParsedId::Conversation { id, form });
    }
    if let Ok(key) = GroupMsgKey::parse(text) {
        return Ok(ParsedId::GroupServerKey { key });
    }
    Err(MessageError::field(
        "id",
        format!(
            "{text:?} is none of: client message id (tinyid-clientTime-random), \
             C2C key (MsgSeq_MsgRandom_MsgTime), group key (GroupId_MsgSeq), \
             legacy Web id (C2C…/GROUP…-MsgSeq-random-1|0), conversation id \
             (c2c_…, group_…, C2C…, GROUP…)"
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn m6_each_kind_is_recognised() {
        let kinds: Vec<&str> = [
            "144115212345678-1700000000-42",
            "3729430001_12345678_1700000000",
            "@TGS#1ABCDEF_15",
            "C2Cbob-3729430001-12345678-1",
            "c2c_bob",
            "GROUP@TGS#1ABCDEF",
        ]
        .iter()
        .map(|t| parse_id(t).unwrap().kind())
        .collect();
        assert_eq!(
            kinds,
            [
                "client_msg_id",
                "c2c_msg_key",
                "group_msg_key",
                "legacy_web_msg_id",
                "conversation_id",
                "conversation_id"
            ]
        );
    }

    #[test]
    fn m12_a_prefixed_id_is_a_conversation_before_a_group_key() {
        assert_eq!(
            parse_id("group_room_7").unwrap(),
            ParsedId::Conversation {
                id: ConversationId::Group {
                    group_id: "room_7".into()
                },
                form: ConversationIdForm::Native,
            }
        );
    }

    #[test]
    fn m6_unknown_ids_are_6017() {
        for bad in ["", "hello", "1-2", "_5", "C2C", "1-2-x"] {
            let err = parse_id(bad).unwrap_err();
            assert_eq!(err.code().map(|c| c.code()), Some(6017), "{bad}");
        }
    }
}
