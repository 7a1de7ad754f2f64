//! Messages as received from the service (SPEC D3, D4; wire format of M1–M4).

use crate::message::extra::extra_is_empty;
use crate::message::extra::Extra;
use crate::message::{decode_value, parse_json, ConversationId, Element, Mention, MessageError};
use serde::{Deserialize, Serialize};

/// A C2C message as received: the `sendmsg` fields plus the sender and the
/// server's time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IncomingC2c {
    /// Sender.
    #[serde(rename = "From_Account")]
    pub from_account: String,
    /// Recipient.
    #[serde(rename = "To_Account")]
    pub to_account: String,
    /// Sequence number.
    #[serde(rename = "MsgSeq")]
    pub msg_seq: u32,
    /// Random value.
    #[serde(rename = "MsgRandom")]
    pub msg_random: u32,
    /// Server time, unix seconds.
    #[serde(rename = "MsgTime", default)]
    pub msg_time: u64,
    /// The elements.
    #[serde(rename = "MsgBody")]
    pub msg_body: Vec<Element>,
    /// The service's key of the message (`MsgKey`), used to revoke or
    /// modify it.
    #[serde(rename = "MsgKey", default, skip_serializing_if = "Option::is_none")]
    pub msg_key: Option<String>,
    /// The sender's custom data (`CloudCustomData`), as sent.
    #[serde(
        rename = "CloudCustomData",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub cloud_custom_data: Option<String>,
    /// `OnlineOnlyFlag` (0/1 on the wire): `true` when the message was sent
    /// to online users only (not stored, no offline push).
    #[serde(
        rename = "OnlineOnlyFlag",
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::message::wire::opt_flag01"
    )]
    pub online_only_flag: Option<bool>,
    /// Keys this version does not model, kept verbatim.
    #[serde(flatten, default, skip_serializing_if = "extra_is_empty")]
    pub extra: Extra,
}

/// A group message as received.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IncomingGroup {
    /// The group.
    #[serde(rename = "GroupId")]
    pub group_id: String,
    /// Sender.
    #[serde(rename = "From_Account")]
    pub from_account: String,
    /// Server sequence, strictly increasing per group.
    #[serde(rename = "MsgSeq", default)]
    pub msg_seq: u64,
    /// Random value.
    #[serde(rename = "Random")]
    pub random: u32,
    /// Server time, unix seconds.
    #[serde(rename = "MsgTime", default)]
    pub msg_time: u64,
    /// The elements.
    #[serde(rename = "MsgBody")]
    pub msg_body: Vec<Element>,
    /// @ mentions.
    #[serde(
        rename = "GroupAtInfo",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub group_at_info: Option<Vec<Mention>>,
    /// Directed message (M4): the members it was sent to (`To_Account`).
    #[serde(
        rename = "To_Account",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub to_account: Option<Vec<String>>,
    /// The sender's custom data (`CloudCustomData`), as sent.
    #[serde(
        rename = "CloudCustomData",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub cloud_custom_data: Option<String>,
    /// `OnlineOnlyFlag` (0/1 on the wire): `true` when the message was sent
    /// to online members only.
    #[serde(
        rename = "OnlineOnlyFlag",
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::message::wire::opt_flag01"
    )]
    pub online_only_flag: Option<bool>,
    /// The topic of a Community group the message was sent in (`TopicId`).
    #[serde(rename = "TopicId", default, skip_serializing_if = "Option::is_none")]
    pub topic_id: Option<String>,
    /// Keys this version does not model, kept verbatim.
    #[serde(flatten, default, skip_serializing_if = "extra_is_empty")]
    pub extra: Extra,
}

/// A received message.
#[derive(Debug, Clone, PartialEq)]
pub enum Incoming {
    /// One-to-one.
    C2c(IncomingC2c),
    /// Group.
    Group(IncomingGroup),
}

/// [`IncomingC2c`] with only the modelled keys. serde's `flatten` (which
/// keeps unknown keys in `extra`) buffers the whole object before decoding
/// it; most messages have no unknown key, so they decode through this in
/// one pass and only the rest pay for `flatten`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KnownC2c {
    #[serde(rename = "From_Account")]
    from_account: String,
    #[serde(rename = "To_Account")]
    to_account: String,
    #[serde(rename = "MsgSeq")]
    msg_seq: u32,
    #[serde(rename = "MsgRandom")]
    msg_random: u32,
    #[serde(rename = "MsgTime", default)]
    msg_time: u64,
    #[serde(rename = "MsgBody")]
    msg_body: Vec<Element>,
    #[serde(rename = "MsgKey", default)]
    msg_key: Option<String>,
    #[serde(rename = "CloudCustomData", default)]
    cloud_custom_data: Option<String>,
    #[serde(
        rename = "OnlineOnlyFlag",
        default,
        with = "crate::message::wire::opt_flag01"
    )]
    online_only_flag: Option<bool>,
}

/// [`IncomingGroup`] with only the modelled keys (see [`KnownC2c`]).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KnownGroup {
    #[serde(rename = "GroupId")]
    group_id: String,
    #[serde(rename = "From_Account")]
    from_account: String,
    #[serde(rename = "MsgSeq", default)]
    msg_seq: u64,
    #[serde(rename = "Random")]
    random: u32,
    #[serde(rename = "MsgTime", default)]
    msg_time: u64,
    #[serde(rename = "MsgBody")]
    msg_body: Vec<Element>,
    #[serde(rename = "GroupAtInfo", default)]
    group_at_info: Option<Vec<Mention>>,
    #[serde(rename = "To_Account", default)]
    to_account: Option<Vec<String>>,
    #[serde(rename = "CloudCustomData", default)]
    cloud_custom_data: Option<String>,
    #[serde(
        rename = "OnlineOnlyFlag",
        default,
        with = "crate::message::wire::opt_flag01"
    )]
    online_only_flag: Option<bool>,
    #[serde(rename = "TopicId", default)]
    topic_id: Option<String>,
}

impl From<KnownC2c> for IncomingC2c {
    fn from(m: KnownC2c) -> Self {
        IncomingC2c {
            from_account: m.from_account,
            to_account: m.to_account,
            msg_seq: m.msg_seq,
            msg_random: m.msg_random,
            msg_time: m.msg_time,
            msg_body: m.msg_body,
            msg_key: m.msg_key,
            cloud_custom_data: m.cloud_custom_data,
            online_only_flag: m.online_only_flag,
            extra: Extra::default(),
        }
    }
}

impl From<KnownGroup> for IncomingGroup {
    fn from(m: KnownGroup) -> Self {
        IncomingGroup {
            group_id: m.group_id,
            from_account: m.from_account,
            msg_seq: m.msg_seq,
            random: m.random,
            msg_time: m.msg_time,
            msg_body: m.msg_body,
            group_at_info: m.group_at_info,
            to_account: m.to_account,
            cloud_custom_data: m.cloud_custom_data,
            online_only_flag: m.online_only_flag,
            topic_id: m.topic_id,
            extra: Extra::default(),
        }
    }
}

impl Incoming {
    /// Decodes a received message: group when it has `GroupId` (directed
    /// when it also has `To_Account`), C2C when it has `To_Account` only; malformed input is a typed error naming the field.
    pub fn decode(json: &str) -> Result<Incoming, MessageError> {
        // Fast path: the kind is plain from the keys and no key is unknown,
        // so decode in one pass; anything unusual takes the general path,
        // which keeps unknown keys and gives the exact errors.
        // GroupId makes a group message, directed (M4) when it also has
        // To_Account; To_Account alone makes a C2C one.
        let group = json.contains("\"GroupId\"");
        let c2c = !group && json.contains("\"To_Account\"");
        if c2c != group {
            let fast = if c2c {
                serde_json::from_str::<KnownC2c>(json).map(|m| Incoming::C2c(m.into()))
            } else {
                serde_json::from_str::<KnownGroup>(json).map(|m| Incoming::Group(m.into()))
            };
            if let Ok(message) = fast {
                return Ok(message);
            }
        }
        let value = parse_json(json)?;
        let Some(object) = value.as_object() else {
            return Err(MessageError::InvalidField {
                field: "message".into(),
                reason: "expected a JSON object".into(),
            });
        };
        match (
            object.contains_key("To_Account"),
            object.contains_key("GroupId"),
        ) {
            (_, true) => decode_value(value).map(Incoming::Group),
            (true, false) => decode_value(value).map(Incoming::C2c),
            _ => Err(MessageError::InvalidField {
                field: "message".into(),
                reason: "a received message has To_Account (C2C) or GroupId (group)".into(),
            }),
        }
    }

    /// The conversation it belongs to, seen from the recipient: the
    /// sender's `c2c_` conversation, or the group's.
    pub fn conversation(&self) -> ConversationId {
        match self {
            Incoming::C2c(m) => ConversationId::C2c {
                user_id: m.from_account.clone(),
            },
            Incoming::Group(m) => ConversationId::Group {
                group_id: m.group_id.clone(),
            },
        }
    }

    /// The sender.
    pub fn sender(&self) -> &str {
        match self {
            Incoming::C2c(m) => &m.from_account,
            Incoming::Group(m) => &m.from_account,
        }
    }

    /// The elements.
    pub fn body(&self) -> &[Element] {
        match self {
            Incoming::C2c(m) => &m.msg_body,
            Incoming::Group(m) => &m.msg_body,
        }
    }
}
