//! Will this message be pushed? (SPEC T6)

use crate::message::{Element, Mention, PushFlag, ReceiveOption, SendBody};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The recipient's session, as far as push is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum RecipientState {
    /// Logged in (online or in the background): pushes are delivered.
    #[default]
    LoggedIn,
    /// Logged out: the token is unbound.
    LoggedOut,
    /// Kicked offline: the service stopped pushing.
    Kicked,
}

/// What the message alone does not say (SPEC T6).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PushContext {
    /// The recipient's user id (for @ checks in groups).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub recipient: Option<String>,
    /// The recipient's session.
    pub recipient_state: RecipientState,
    /// Whether push is enabled for the recipient (permission, channel not Disabled).
    pub push_enabled: bool,
    /// The recipient's receive option in the group, for group messages.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub receive_option: Option<ReceiveOption>,
    /// Whether the message's MsgRandom/Random was already used in the window (M7).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub random_reused: bool,
}

/// Why a message will not be pushed (each with its own sentence).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum NoPushReason {
    /// `OfflinePushInfo.PushFlag` is 1.
    PushFlagOff,
    /// The recipient has push disabled.
    PushDisabled,
    /// Only custom elements and no `Desc` anywhere: nothing to show.
    CustomWithoutDesc,
    /// `MsgLifeTime` 0 or `OnlineOnlyFlag` 1: never stored, never pushed.
    OnlineOnly,
    /// The recipient logged out.
    RecipientLoggedOut,
    /// The recipient was kicked offline.
    RecipientKicked,
    /// The receive option suppresses notifications for this message.
    ReceiveOptionSilences {
        /// The recipient's option.
        option: ReceiveOption,
    },
    /// The random value was reused: the service drops the message as a duplicate.
    RandomReused,
}

impl fmt::Display for NoPushReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NoPushReason::PushFlagOff => f.write_str("OfflinePushInfo.PushFlag is 1 (don't push)"),
            NoPushReason::PushDisabled => f.write_str("push is disabled for the recipient"),
            NoPushReason::CustomWithoutDesc => {
                f.write_str("custom-only message without Desc (set OfflinePushInfo.Desc or the custom element's Desc)")
            }
            NoPushReason::OnlineOnly => f.write_str("online-only message (MsgLifeTime 0 or OnlineOnlyFlag 1)"),
            NoPushReason::RecipientLoggedOut => f.write_str("the recipient is logged out"),
            NoPushReason::RecipientKicked => f.write_str("the recipient was kicked offline"),
            NoPushReason::ReceiveOptionSilences { option } => {
                write!(f, "the recipient's receive option {} silences this message", option.to_sdk())
            }
            NoPushReason::RandomReused => f.write_str("MsgRandom reused: the service drops it as a duplicate"),
        }
    }
}

/// The answer of [`will_push`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PushDecision {
    /// It will be pushed.
    Yes,
    /// It will not, for every one of these reasons.
    No(Vec<NoPushReason>),
}

fn custom_only_without_desc(body: &[Element], push_desc: Option<&str>) -> bool {
    let has_desc = |d: Option<&str>| d.is_some_and(|d| !d.trim().is_empty());
    !body.is_empty()
        && body.iter().all(Element::is_custom)
        && !has_desc(push_desc)
        && !body
            .iter()
            .any(|e| matches!(e, Element::Custom(c) if has_desc(c.desc.as_deref())))
}

/// T6: whether `message` will reach the recipient as an offline push, and
/// if not, every reason why.
pub fn will_push(message: &SendBody, context: &PushContext) -> PushDecision {
    let (push_info, body, online_only, mentions) = match message {
        SendBody::C2c(m) => (
            &m.offline_push_info,
            &m.msg_body,
            m.msg_life_time == Some(0),
            None,
        ),
        SendBody::Group(m) => (
            &m.offline_push_info,
            &m.msg_body,
            m.online_only_flag == Some(true),
            m.group_at_info.as_deref(),
        ),
    };
    let mut no = Vec::new();
    if push_info.as_ref().and_then(|p| p.push_flag) == Some(PushFlag::NoPush) {
        no.push(NoPushReason::PushFlagOff);
    }
    if !context.push_enabled {
        no.push(NoPushReason::PushDisabled);
    }
    if custom_only_without_desc(body, push_info.as_ref().and_then(|p| p.desc.as_deref())) {
        no.push(NoPushReason::CustomWithoutDesc);
    }
    if online_only {
        no.push(NoPushReason::OnlineOnly);
    }
    match context.recipient_state {
        RecipientState::LoggedIn => {}
        RecipientState::LoggedOut => no.push(NoPushReason::RecipientLoggedOut),
        RecipientState::Kicked => no.push(NoPushReason::RecipientKicked),
    }
    if let (SendBody::Group(_), Some(option)) = (message, context.receive_option) {
        let mentioned = mentions.unwrap_or_default().iter().any(|m| match m {
            Mention::All => true,
            Mention::User { account: u } => context.recipient.as_deref() == Some(u.as_str()),
        });
        let silenced = match option {
            ReceiveOption::Receive => false,
            ReceiveOption::NotReceive | ReceiveOption::ReceiveNotNotify => true,
            ReceiveOption::NotNotifyExceptAt | ReceiveOption::NotReceiveExceptAt => !mentioned,
        };
        if silenced {
            no.push(NoPushReason::ReceiveOptionSilences { option });
        }
    }
    if context.random_reused {
        no.push(NoPushReason::RandomReused);
    }
    if no.is_empty() {
        PushDecision::Yes
    } else {
        PushDecision::No(no)
    }
}
