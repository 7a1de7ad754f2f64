//! The group send body of `send_group_msg` (SPEC M4, M9).

use crate::message::body::validate_body;
use crate::message::extra::extra_is_empty;
use crate::message::extra::Extra;
use crate::message::mention::check_mentions;
use crate::message::wire::{decode_json, opt_flag01};
use crate::message::{
    check_identifier, Element, GroupType, Mention, MessageError, MessageLimits, OfflinePushInfo,
    Priority, SendMsgControl,
};
use serde::{Deserialize, Serialize};

/// A group message as `send_group_msg` takes it. Optional fields are
/// omitted from the JSON when `None`, never sent as null.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct GroupMessage {
    /// The group.
    #[serde(rename = "GroupId")]
    pub group_id: String,
    /// Random value; reusing one within 5 minutes makes the service drop the message (M7).
    #[serde(rename = "Random")]
    pub random: u32,
    /// Priority the service applies under its frequency limits (P1).
    #[serde(
        rename = "MsgPriority",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub msg_priority: Option<Priority>,
    /// The elements.
    #[serde(rename = "MsgBody")]
    pub msg_body: Vec<Element>,
    /// Directed group message (M4): the only members who receive it, 1 to
    /// 50 user ids (Ultimate edition). Absent: every member.
    #[serde(
        rename = "To_Account",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub to_account: Option<Vec<String>>,
    /// Sender, when an admin sends on a user's behalf.
    #[serde(
        rename = "From_Account",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub from_account: Option<String>,
    /// `true` (1): delivered to online members only, never stored or pushed.
    #[serde(
        rename = "OnlineOnlyFlag",
        default,
        skip_serializing_if = "Option::is_none",
        with = "opt_flag01"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub online_only_flag: Option<bool>,
    /// @ mentions (M9).
    #[serde(
        rename = "GroupAtInfo",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub group_at_info: Option<Vec<Mention>>,
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

impl GroupMessage {
    /// M4: most recipients of a directed group message.
    pub const MAX_DIRECTED: usize = 50;

    /// A message to `group_id` with the given random and body.
    pub fn new(group_id: impl Into<String>, random: u32, msg_body: Vec<Element>) -> GroupMessage {
        GroupMessage {
            group_id: group_id.into(),
            random,
            msg_body,
            ..GroupMessage::default()
        }
    }

    /// The group type this message is checked against: `group_type` when
    /// the caller knows it, else what the id alone tells
    /// ([`GroupType::infer_from_id`]).
    pub fn effective_group_type(&self, group_type: Option<GroupType>) -> Option<GroupType> {
        group_type.or_else(|| GroupType::infer_from_id(&self.group_id))
    }

    /// Checks every rule a send body must meet: a group id consistent with
    /// the group type (M10), the M2 body rules, and the M9 mention rules.
    /// With `group_type` unknown and not inferable from the id, only the
    /// mention count is checked.
    pub fn validate(
        &self,
        group_type: Option<GroupType>,
        limits: &MessageLimits,
    ) -> Result<(), MessageError> {
        check_group_id(&self.group_id, group_type)?;
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
        if let Some(from) = &self.from_account {
            check_identifier("From_Account", from)?;
        }
        self.check_directed()?;
        validate_body(&self.msg_body, limits)?;
        let mentions = self.group_at_info.as_deref().unwrap_or_default();
        match self.effective_group_type(group_type) {
            Some(t) => check_mentions(t, mentions, limits.max_mentions as usize),
            None if mentions.len() > limits.max_mentions as usize => {
                Err(MessageError::TooManyMentions {
                    count: MessageError::count(mentions.len()),
                    limit: u64::from(limits.max_mentions),
                })
            }
            None => Ok(()),
        }
    }

    /// M4: a directed message names 1 to [`GroupMessage::MAX_DIRECTED`]
    /// recipients, none of them empty (6017).
    fn check_directed(&self) -> Result<(), MessageError> {
        let Some(recipients) = &self.to_account else {
            return Ok(());
        };
        if recipients.is_empty() || recipients.len() > Self::MAX_DIRECTED {
            return Err(MessageError::field(
                "To_Account",
                format!(
                    "a directed group message names 1 to {} recipients, not {}",
                    Self::MAX_DIRECTED,
                    recipients.len()
                ),
            ));
        }
        for (i, recipient) in recipients.iter().enumerate() {
            if recipient.trim().is_empty() {
                return Err(MessageError::field(
                    format!("To_Account[{i}]"),
                    "recipient is empty",
                ));
            }
            check_identifier(&format!("To_Account[{i}]"), recipient)?;
        }
        Ok(())
    }

    /// Validates and encodes the body as `send_group_msg` expects it.
    pub fn encode(
        &self,
        group_type: Option<GroupType>,
        limits: &MessageLimits,
    ) -> Result<String, MessageError> {
        self.validate(group_type, limits)?;
        serde_json::to_string(self).map_err(|e| MessageError::field("body", e.to_string()))
    }

    /// Decodes a `send_group_msg` body without checking the send rules (as
    /// received). Malformed input is a typed error naming the field.
    pub fn decode(json: &str) -> Result<GroupMessage, MessageError> {
        decode_json(json)
    }
}

/// M10: a group id is non-empty, and Community ids (only they) start with `@TGS#_`.
pub fn check_group_id(group_id: &str, group_type: Option<GroupType>) -> Result<(), MessageError> {
    if group_id.trim().is_empty() {
        return Err(MessageError::field("GroupId", "group id is empty"));
    }
    check_identifier("GroupId", group_id)?;
    let community_id = group_id.starts_with(GroupType::COMMUNITY_ID_PREFIX);
    match group_type {
        Some(GroupType::Community) if !community_id => Err(MessageError::field(
            "GroupId",
            format!(
                "Community group ids start with {}",
                GroupType::COMMUNITY_ID_PREFIX
            ),
        )),
        Some(t) if t != GroupType::Community && community_id => Err(MessageError::field(
            "GroupId",
            format!(
                "{} ids are reserved for Community groups, not {t}",
                GroupType::COMMUNITY_ID_PREFIX
            ),
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_mentions(group_id: &str, mentions: Vec<Mention>) -> GroupMessage {
        GroupMessage {
            group_at_info: Some(mentions),
            ..GroupMessage::new(group_id, 7, vec![Element::text("hi")])
        }
    }

    #[test]
    fn m4_priority_and_mentions_use_the_wire_names() {
        let m = GroupMessage {
            msg_priority: Some(Priority::Lowest),
            online_only_flag: Some(true),
            ..with_mentions(
                "g1",
                vec![
                    Mention::All,
                    Mention::User {
                        account: "bob".into(),
                    },
                ],
            )
        };
        let v: serde_json::Value = serde_json::from_str(
            &m.encode(Some(GroupType::Work), &MessageLimits::default())
                .unwrap(),
        )
        .unwrap();
        assert_eq!(v["MsgPriority"], "Lowest");
        assert_eq!(v["OnlineOnlyFlag"], 1);
        assert_eq!(
            v["GroupAtInfo"],
            serde_json::json!([{"GroupAtAllFlag": 1}, {"GroupAtAllFlag": 0, "GroupAt_Account": "bob"}])
        );
    }

    #[test]
    fn m9_community_rejects_at_all_by_declared_or_inferred_type() {
        let limits = MessageLimits::default();
        let m = with_mentions("@TGS#_c", vec![Mention::All]);
        assert!(matches!(
            m.validate(None, &limits),
            Err(MessageError::MentionNotAllowed { .. })
        ));
        assert!(matches!(
            m.validate(Some(GroupType::Community), &limits),
            Err(MessageError::MentionNotAllowed { .. })
        ));
    }

    #[test]
    fn m9_unknown_type_allows_exactly_the_limit() {
        let thirty = (0..30)
            .map(|i| Mention::User {
                account: format!("u{i}"),
            })
            .collect();
        assert!(with_mentions("plain_id", thirty)
            .validate(None, &MessageLimits::default())
            .is_ok());
    }

    #[test]
    fn m4_a_directed_message_may_name_exactly_50_members() {
        let to = |n: usize| GroupMessage {
            to_account: Some((0..n).map(|i| format!("u{i}")).collect()),
            ..GroupMessage::new("@TGS#2room", 7, vec![Element::text("hi")])
        };
        let limits = MessageLimits::default();
        assert!(to(GroupMessage::MAX_DIRECTED)
            .validate(None, &limits)
            .is_ok());
        assert!(matches!(
            to(GroupMessage::MAX_DIRECTED + 1).validate(None, &limits),
            Err(MessageError::InvalidField { ref field, .. }) if field == "To_Account"
        ));
    }

    #[test]
    fn m9_unknown_type_checks_only_the_count() {
        let limits = MessageLimits::default();
        assert!(with_mentions("plain_id", vec![Mention::All])
            .validate(None, &limits)
            .is_ok());
        let many = (0..31)
            .map(|i| Mention::User {
                account: format!("u{i}"),
            })
            .collect();
        assert!(matches!(
            with_mentions("plain_id", many).validate(None, &limits),
            Err(MessageError::TooManyMentions {
                count: 31,
                limit: 30
            })
        ));
    }

    #[test]
    fn m10_community_ids_and_only_they_start_with_tgs_underscore() {
        assert!(check_group_id("@TGS#_x", Some(GroupType::Community)).is_ok());
        assert!(check_group_id("my_community", Some(GroupType::Community)).is_err());
        assert!(check_group_id("@TGS#_x", Some(GroupType::Meeting)).is_err());
        assert!(check_group_id("", None).is_err());
        assert!(check_group_id("work_1", Some(GroupType::Work)).is_ok());
    }
}
