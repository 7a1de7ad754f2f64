//! A received message as listeners see it (SPEC D3): one flat record for
//! C2C and group alike, the shape of the native SDKs' `V2TIMMessage`
//! (`userID` or `groupID` set, the other empty), so a Kotlin or Swift
//! listener reads `fromAccount` and `elements` without matching on the
//! kind first. [`Incoming`] is the wire form it is made from.

use crate::dispatch::Incoming;
use crate::message::extra::Extra;
use crate::message::{ConversationIdForm, Element, Mention};

/// A received message.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct IncomingMessage {
    /// `c2c_<sender>` or `group_<groupID>`, as the recipient sees it.
    pub conversation: String,
    /// Sender.
    pub from_account: String,
    /// C2C: recipient.
    pub to_account: Option<String>,
    /// Group: the group.
    pub group_id: Option<String>,
    /// C2C `MsgSeq` or group server `MsgSeq`.
    pub msg_seq: u64,
    /// `MsgRandom` / `Random`.
    pub random: u32,
    /// Server time, unix seconds.
    pub msg_time: u64,
    /// The elements.
    pub elements: Vec<Element>,
    /// Group @ mentions.
    pub mentions: Vec<Mention>,
    /// The sender's `CloudCustomData`, as sent.
    pub cloud_custom_data: Option<String>,
    /// C2C: the service's `MsgKey` (to revoke or modify the message).
    pub msg_key: Option<String>,
    /// `OnlineOnlyFlag`: `true` when sent to online users only (not stored,
    /// not pushed); the same type as `GroupMessage.online_only_flag`.
    pub online_only_flag: Option<bool>,
    /// Group: the Community topic (`TopicId`).
    pub topic_id: Option<String>,
    /// Group: the members a directed message was sent to (`To_Account`, M4).
    pub directed_to: Option<Vec<String>>,
    /// Every other key of the message (e.g. `EventTime`, `Type`, keys a
    /// newer service adds), each with its value as JSON text: nothing
    /// received is lost.
    pub extra: Extra,
}

impl From<Incoming> for IncomingMessage {
    fn from(m: Incoming) -> Self {
        let native = ConversationIdForm::Native;
        match m {
            Incoming::C2c(c) => IncomingMessage {
                conversation: native.c2c(&c.from_account),
                from_account: c.from_account,
                to_account: Some(c.to_account),
                group_id: None,
                msg_seq: u64::from(c.msg_seq),
                random: c.msg_random,
                msg_time: c.msg_time,
                elements: c.msg_body,
                mentions: Vec::new(),
                cloud_custom_data: c.cloud_custom_data,
                msg_key: c.msg_key,
                online_only_flag: c.online_only_flag,
                topic_id: None,
                directed_to: None,
                extra: c.extra,
            },
            Incoming::Group(g) => IncomingMessage {
                conversation: native.group(&g.group_id),
                from_account: g.from_account,
                to_account: None,
                group_id: Some(g.group_id),
                msg_seq: g.msg_seq,
                random: g.random,
                msg_time: g.msg_time,
                elements: g.msg_body,
                mentions: g.group_at_info.unwrap_or_default(),
                cloud_custom_data: g.cloud_custom_data,
                msg_key: None,
                online_only_flag: g.online_only_flag,
                topic_id: g.topic_id,
                directed_to: g.to_account,
                extra: g.extra,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn d3_the_conversation_is_the_one_the_recipient_sees() {
        let c2c = Incoming::decode(
            r#"{"From_Account":"alice","To_Account":"bob","MsgSeq":1,"MsgRandom":2,"MsgBody":[]}"#,
        )
        .unwrap();
        let group = Incoming::decode(
            r#"{"GroupId":"@TGS#g","From_Account":"alice","MsgSeq":1,"Random":2,"MsgBody":[]}"#,
        )
        .unwrap();
        for (m, text) in [(c2c, "c2c_alice"), (group, "group_@TGS#g")] {
            assert_eq!(m.conversation().to_string(), text);
            assert_eq!(IncomingMessage::from(m).conversation, text);
        }
    }
}
