//! The C2C send body of `sendmsg` (SPEC M3).

use crate::message::body::validate_body;
use crate::message::extra::extra_is_empty;
use crate::message::extra::Extra;
use crate::message::wire::{decode_json, opt_flag01};
use crate::message::{check_identifier, Element, MessageError, MessageLimits, OfflinePushInfo};
use serde::{Deserialize, Serialize};
use serde_repr::{Deserialize_repr, Serialize_repr};

/// `SyncOtherMachine`: whether the sender's other devices get a copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize_repr, Deserialize_repr)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[repr(u8)]
pub enum SyncOtherMachine {
    /// 1: sync to the sender's other devices (the default).
    #[default]
    Sync = 1,
    /// 2: don't.
    NoSync = 2,
}

/// `SendMsgControl` options.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum SendMsgControl {
    /// The message does not count as unread.
    NoUnread,
    /// The message does not update the conversation's last message.
    NoLastMsg,
    /// Recipients who muted the conversation still get a notification.
    WithMuteNotifications,
}

/// A C2C message as `sendmsg` takes it. Optional fields are omitted from
/// the JSON when `None`, never sent as null.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct C2cMessage {
    /// Sync to the sender's other devices. Optional (M3): when absent the
    /// service syncs to the sender's roaming, and nothing is encoded.
    #[serde(
        rename = "SyncOtherMachine",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub sync_other_machine: Option<SyncOtherMachine>,
    /// Sender, when an admin sends on a user's behalf.
    #[serde(
        rename = "From_Account",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub from_account: Option<String>,
    /// Recipient.
    #[serde(rename = "To_Account")]
    pub to_account: String,
    /// Seconds the message is kept for offline delivery; 0 = online only
    /// (never stored, never pushed).
    #[serde(
        rename = "MsgLifeTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub msg_life_time: Option<u32>,
    /// Sequence number (with `msg_random` and the content, the M7
    /// de-duplication key). Optional (M3): when absent the service fills in
    /// a random one, and nothing is encoded.
    #[serde(rename = "MsgSeq", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub msg_seq: Option<u32>,
    /// Random value; reusing one within 120 s makes the service drop the message (M7).
    #[serde(rename = "MsgRandom")]
    pub msg_random: u32,
    /// The elements.
    #[serde(rename = "MsgBody")]
    pub msg_body: Vec<Element>,
    /// App data stored with the message in the cloud.
    #[serde(
        rename = "CloudCustomData",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub cloud_custom_data: Option<String>,
    /// Whether the message supports extensions (0/1 on the wire).
    #[serde(
        rename = "SupportMessageExtension",
        default,
        skip_serializing_if = "Option::is_none",
        with = "opt_flag01"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub support_message_extension: Option<bool>,
    /// Delivery controls.
    #[serde(
        rename = "SendMsgControl",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub send_msg_control: Option<Vec<SendMsgControl>>,
    /// Offline push options.
    #[serde(
        rename = "OfflinePushInfo",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub offline_push_info: Option<OfflinePushInfo>,
    /// Top-level keys this version does not model, kept verbatim.
    #[serde(flatten, default, skip_serializing_if = "extra_is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extra: Extra,
}

impl C2cMessage {
    /// A message to `to_account` with the given sequence, random and body.
    pub fn new(
        to_account: impl Into<String>,
        msg_seq: u32,
        msg_random: u32,
        msg_body: Vec<Element>,
    ) -> C2cMessage {
        C2cMessage {
            sync_other_machine: Some(SyncOtherMachine::Sync),
            to_account: to_account.into(),
            msg_seq: Some(msg_seq),
            msg_random,
            msg_body,
            ..C2cMessage::default()
        }
    }

    /// Checks every rule a send body must meet: a recipient, and the M2
    /// body rules.
    pub fn validate(&self, limits: &MessageLimits) -> Result<(), MessageError> {
        if self.to_account.trim().is_empty() {
            return Err(MessageError::field("To_Account", "recipient is empty"));
        }
        check_identifier("To_Account", &self.to_account)?;
        if let Some(from) = &self.from_account {
            check_identifier("From_Account", from)?;
        }
        if self
            .from_account
            .as_deref()
            .is_some_and(|f| f.trim().is_empty())
        {
            return Err(MessageError::field(
                "From_Account",
                "sender is empty (omit it instead)",
            ));
        }
        validate_body(&self.msg_body, limits)
    }

    /// Validates and encodes the body as `sendmsg` expects it.
    pub fn encode(&self, limits: &MessageLimits) -> Result<String, MessageError> {
        self.validate(limits)?;
        serde_json::to_string(self).map_err(|e| MessageError::field("body", e.to_string()))
    }

    /// Decodes a `sendmsg` body without checking the send rules (as
    /// received). Malformed input is a typed error naming the field.
    pub fn decode(json: &str) -> Result<C2cMessage, MessageError> {
        decode_json(json)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn m3_msg_seq_and_sync_other_machine_are_optional_and_encode_nothing() {
        let json = r#"{"To_Account":"bob","MsgRandom":7,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi"}}]}"#;
        let m = C2cMessage::decode(json).unwrap();
        assert_eq!((m.msg_seq, m.sync_other_machine), (None, None));
        let encoded = m.encode(&MessageLimits::default()).unwrap();
        assert!(!encoded.contains("MsgSeq"), "{encoded}");
        assert!(!encoded.contains("SyncOtherMachine"), "{encoded}");
        let built = C2cMessage::new("bob", 5, 7, vec![Element::text("hi")]);
        let encoded = built.encode(&MessageLimits::default()).unwrap();
        assert!(
            encoded.contains(r#""MsgSeq":5"#) && encoded.contains(r#""SyncOtherMachine":1"#),
            "{encoded}"
        );
    }

    #[test]
    fn m3_optional_fields_are_omitted_not_null() {
        let m = C2cMessage::new("bob", 1, 2, vec![Element::text("hi")]);
        let json = m.encode(&MessageLimits::default()).unwrap();
        assert_eq!(
            json,
            r#"{"SyncOtherMachine":1,"To_Account":"bob","MsgSeq":1,"MsgRandom":2,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi"}}]}"#
        );
        assert!(!json.contains("null"));
    }

    #[test]
    fn m3_flags_encode_as_0_and_1() {
        let m = C2cMessage {
            support_message_extension: Some(true),
            sync_other_machine: Some(SyncOtherMachine::NoSync),
            msg_life_time: Some(0),
            send_msg_control: Some(vec![SendMsgControl::NoUnread]),
            ..C2cMessage::new("bob", 1, 2, vec![Element::text("hi")])
        };
        let v: serde_json::Value =
            serde_json::from_str(&m.encode(&MessageLimits::default()).unwrap()).unwrap();
        assert_eq!(v["SupportMessageExtension"], 1);
        assert_eq!(v["SyncOtherMachine"], 2);
        assert_eq!(v["MsgLifeTime"], 0);
        assert_eq!(v["SendMsgControl"], serde_json::json!(["NoUnread"]));
    }

    #[test]
    fn m3_encode_refuses_empty_recipient_and_empty_body() {
        let limits = MessageLimits::default();
        let no_to = C2cMessage::new(" ", 1, 2, vec![Element::text("hi")]);
        assert!(
            matches!(no_to.encode(&limits), Err(MessageError::InvalidField { ref field, .. }) if field == "To_Account")
        );
        let empty = C2cMessage::new("bob", 1, 2, vec![]);
        assert_eq!(empty.encode(&limits), Err(MessageError::EmptyMessage));
    }
}
