//! C2C and group send bodies, offline-push options and the functions that
//! encode, decode and check them (SPEC M2–M5, M8, M9).

use crate::element::{elements_in, elements_out, extra_in, extra_out, Element};
use crate::error::MessageError;
use imbridge_core::message as core;
use imbridge_core::message::{GroupType, Priority};
pub use imbridge_core::message::{
    Mention, MessageLimits, PushFlag, RedPacket, SendMsgControl, SyncOtherMachine,
};

/// `AndroidInfo` of the offline push.
#[derive(Debug, Clone, PartialEq, Default, uniffi::Record)]
pub struct AndroidPushInfo {
    /// Custom sound.
    #[uniffi(default)]
    pub sound: Option<String>,
    /// Huawei channel.
    #[uniffi(default)]
    pub huawei_channel_id: Option<String>,
    /// Xiaomi channel.
    #[uniffi(default)]
    pub xiaomi_channel_id: Option<String>,
    /// OPPO channel (required on Android 8+).
    #[uniffi(default)]
    pub oppo_channel_id: Option<String>,
    /// FCM channel.
    #[uniffi(default)]
    pub google_channel_id: Option<String>,
    /// vivo class (0 operational, 1 system).
    #[uniffi(default)]
    pub vivo_classification: Option<u32>,
    /// Huawei importance (`NORMAL` / `LOW`).
    #[uniffi(default)]
    pub huawei_importance: Option<String>,
    /// Unmodelled keys as a JSON object.
    #[uniffi(default)]
    pub extra_json: Option<String>,
}

/// `ApnsInfo` of the offline push.
#[derive(Debug, Clone, PartialEq, Default, uniffi::Record)]
pub struct ApnsPushInfo {
    /// Custom sound.
    #[uniffi(default)]
    pub sound: Option<String>,
    /// `true`: doesn't count toward the badge (`BadgeMode` 1).
    #[uniffi(default)]
    pub badge_mode: Option<bool>,
    /// Title.
    #[uniffi(default)]
    pub title: Option<String>,
    /// Subtitle.
    #[uniffi(default)]
    pub sub_title: Option<String>,
    /// Image URL.
    #[uniffi(default)]
    pub image: Option<String>,
    /// `true`: a Notification Service Extension may modify it.
    #[uniffi(default)]
    pub mutable_content: Option<bool>,
    /// Unmodelled keys as a JSON object.
    #[uniffi(default)]
    pub extra_json: Option<String>,
}

/// `OfflinePushInfo` (SPEC M5). Unset fields are omitted from the JSON.
#[derive(Debug, Clone, PartialEq, Default, uniffi::Record)]
pub struct OfflinePushInfo {
    /// Push or not.
    #[uniffi(default)]
    pub push_flag: Option<PushFlag>,
    /// Title.
    #[uniffi(default)]
    pub title: Option<String>,
    /// Text.
    #[uniffi(default)]
    pub desc: Option<String>,
    /// Payload for the app.
    #[uniffi(default)]
    pub ext: Option<String>,
    /// Android options.
    #[uniffi(default)]
    pub android_info: Option<AndroidPushInfo>,
    /// APNs options.
    #[uniffi(default)]
    pub apns_info: Option<ApnsPushInfo>,
    /// Unmodelled keys as a JSON object.
    #[uniffi(default)]
    pub extra_json: Option<String>,
}

/// A C2C message as `sendmsg` takes it (SPEC M3).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct C2cMessage {
    /// Recipient.
    pub to_account: String,
    /// Sequence number; `null`/`nil` lets the service pick a random one
    /// and encodes nothing (M3).
    #[uniffi(default)]
    pub msg_seq: Option<u32>,
    /// Random value (fresh per message: see `RandomTracker`).
    pub msg_random: u32,
    /// The elements.
    pub msg_body: Vec<Element>,
    /// Sync to the sender's other devices; `null`/`nil` encodes nothing and
    /// the service syncs to the sender's roaming (M3).
    #[uniffi(default)]
    pub sync_other_machine: Option<SyncOtherMachine>,
    /// Sender, when an admin sends on a user's behalf.
    #[uniffi(default)]
    pub from_account: Option<String>,
    /// Seconds kept for offline delivery; 0 = online only.
    #[uniffi(default)]
    pub msg_life_time: Option<u32>,
    /// App data stored in the cloud.
    #[uniffi(default)]
    pub cloud_custom_data: Option<String>,
    /// Supports extensions.
    #[uniffi(default)]
    pub support_message_extension: Option<bool>,
    /// Delivery controls.
    #[uniffi(default)]
    pub send_msg_control: Option<Vec<SendMsgControl>>,
    /// Offline push options.
    #[uniffi(default)]
    pub offline_push_info: Option<OfflinePushInfo>,
    /// Unmodelled top-level keys as a JSON object.
    #[uniffi(default)]
    pub extra_json: Option<String>,
}

/// A group message as `send_group_msg` takes it (SPEC M4).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct GroupMessage {
    /// The group.
    pub group_id: String,
    /// Random value (fresh per message: see `RandomTracker`).
    pub random: u32,
    /// The elements.
    pub msg_body: Vec<Element>,
    /// Priority.
    #[uniffi(default)]
    pub msg_priority: Option<Priority>,
    /// Sender, when an admin sends on a user's behalf.
    #[uniffi(default)]
    pub from_account: Option<String>,
    /// Online members only.
    #[uniffi(default)]
    pub online_only_flag: Option<bool>,
    /// @ mentions.
    #[uniffi(default)]
    pub group_at_info: Option<Vec<Mention>>,
    /// App data stored in the cloud.
    #[uniffi(default)]
    pub cloud_custom_data: Option<String>,
    /// Supports extensions.
    #[uniffi(default)]
    pub support_message_extension: Option<bool>,
    /// Delivery controls.
    #[uniffi(default)]
    pub send_msg_control: Option<Vec<SendMsgControl>>,
    /// Offline push options.
    #[uniffi(default)]
    pub offline_push_info: Option<OfflinePushInfo>,
    /// Directed group message (M4): the only members who receive it, 1 to
    /// 50 user ids (Ultimate edition); `null`/`nil` for every member.
    #[uniffi(default)]
    pub to_account: Option<Vec<String>>,
    /// Unmodelled top-level keys as a JSON object.
    #[uniffi(default)]
    pub extra_json: Option<String>,
}

/// A red packet ready to send (SPEC M8).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct RedPacketMessage {
    /// The custom element carrying the payload, with `desc` set.
    pub element: Element,
    /// Always High.
    pub priority: Priority,
}

impl From<core::OfflinePushInfo> for OfflinePushInfo {
    fn from(p: core::OfflinePushInfo) -> Self {
        OfflinePushInfo {
            push_flag: p.push_flag,
            title: p.title,
            desc: p.desc,
            ext: p.ext,
            android_info: p.android_info.map(|a| AndroidPushInfo {
                sound: a.sound,
                huawei_channel_id: a.huawei_channel_id,
                xiaomi_channel_id: a.xiaomi_channel_id,
                oppo_channel_id: a.oppo_channel_id,
                google_channel_id: a.google_channel_id,
                vivo_classification: a.vivo_classification,
                huawei_importance: a.huawei_importance,
                extra_json: extra_out(a.extra),
            }),
            apns_info: p.apns_info.map(|a| ApnsPushInfo {
                sound: a.sound,
                badge_mode: a.badge_mode,
                title: a.title,
                sub_title: a.sub_title,
                image: a.image,
                mutable_content: a.mutable_content,
                extra_json: extra_out(a.extra),
            }),
            extra_json: extra_out(p.extra),
        }
    }
}

impl TryFrom<OfflinePushInfo> for core::OfflinePushInfo {
    type Error = MessageError;
    fn try_from(p: OfflinePushInfo) -> Result<Self, MessageError> {
        Ok(core::OfflinePushInfo {
            push_flag: p.push_flag,
            title: p.title,
            desc: p.desc,
            ext: p.ext,
            android_info: p
                .android_info
                .map(|a| -> Result<_, MessageError> {
                    Ok(core::AndroidPushInfo {
                        sound: a.sound,
                        huawei_channel_id: a.huawei_channel_id,
                        xiaomi_channel_id: a.xiaomi_channel_id,
                        oppo_channel_id: a.oppo_channel_id,
                        google_channel_id: a.google_channel_id,
                        vivo_classification: a.vivo_classification,
                        huawei_importance: a.huawei_importance,
                        extra: extra_in(a.extra_json, "AndroidInfo.extra_json")?,
                    })
                })
                .transpose()?,
            apns_info: p
                .apns_info
                .map(|a| -> Result<_, MessageError> {
                    Ok(core::ApnsPushInfo {
                        sound: a.sound,
                        badge_mode: a.badge_mode,
                        title: a.title,
                        sub_title: a.sub_title,
                        image: a.image,
                        mutable_content: a.mutable_content,
                        extra: extra_in(a.extra_json, "ApnsInfo.extra_json")?,
                    })
                })
                .transpose()?,
            extra: extra_in(p.extra_json, "OfflinePushInfo.extra_json")?,
        })
    }
}

impl From<core::C2cMessage> for C2cMessage {
    fn from(m: core::C2cMessage) -> Self {
        C2cMessage {
            to_account: m.to_account,
            msg_seq: m.msg_seq,
            msg_random: m.msg_random,
            msg_body: elements_out(m.msg_body),
            sync_other_machine: m.sync_other_machine,
            from_account: m.from_account,
            msg_life_time: m.msg_life_time,
            cloud_custom_data: m.cloud_custom_data,
            support_message_extension: m.support_message_extension,
            send_msg_control: m.send_msg_control,
            offline_push_info: m.offline_push_info.map(Into::into),
            extra_json: extra_out(m.extra),
        }
    }
}

impl TryFrom<C2cMessage> for core::C2cMessage {
    type Error = MessageError;
    fn try_from(m: C2cMessage) -> Result<Self, MessageError> {
        Ok(core::C2cMessage {
            sync_other_machine: m.sync_other_machine,
            from_account: m.from_account,
            to_account: m.to_account,
            msg_life_time: m.msg_life_time,
            msg_seq: m.msg_seq,
            msg_random: m.msg_random,
            msg_body: elements_in(m.msg_body)?,
            cloud_custom_data: m.cloud_custom_data,
            support_message_extension: m.support_message_extension,
            send_msg_control: m.send_msg_control,
            offline_push_info: m.offline_push_info.map(TryInto::try_into).transpose()?,
            extra: extra_in(m.extra_json, "extra_json")?,
        })
    }
}

impl From<core::GroupMessage> for GroupMessage {
    fn from(m: core::GroupMessage) -> Self {
        GroupMessage {
            group_id: m.group_id,
            random: m.random,
            msg_body: elements_out(m.msg_body),
            msg_priority: m.msg_priority,
            from_account: m.from_account,
            online_only_flag: m.online_only_flag,
            group_at_info: m.group_at_info,
            cloud_custom_data: m.cloud_custom_data,
            support_message_extension: m.support_message_extension,
            send_msg_control: m.send_msg_control,
            offline_push_info: m.offline_push_info.map(Into::into),
            to_account: m.to_account,
            extra_json: extra_out(m.extra),
        }
    }
}

impl TryFrom<GroupMessage> for core::GroupMessage {
    type Error = MessageError;
    fn try_from(m: GroupMessage) -> Result<Self, MessageError> {
        Ok(core::GroupMessage {
            group_id: m.group_id,
            random: m.random,
            msg_priority: m.msg_priority,
            msg_body: elements_in(m.msg_body)?,
            from_account: m.from_account,
            online_only_flag: m.online_only_flag,
            group_at_info: m.group_at_info,
            cloud_custom_data: m.cloud_custom_data,
            support_message_extension: m.support_message_extension,
            send_msg_control: m.send_msg_control,
            offline_push_info: m.offline_push_info.map(TryInto::try_into).transpose()?,
            to_account: m.to_account,
            extra: extra_in(m.extra_json, "extra_json")?,
        })
    }
}

/// M3: validates a C2C message and encodes it as the `sendmsg` body.
#[uniffi::export(default(limits = None))]
pub fn encode_c2c_message(
    message: C2cMessage,
    limits: Option<MessageLimits>,
) -> Result<String, MessageError> {
    Ok(core::C2cMessage::try_from(message)?.encode(&limits.unwrap_or_default())?)
}

/// M3: decodes a `sendmsg` body (as received; send rules not checked).
#[uniffi::export]
pub fn decode_c2c_message(json: String) -> Result<C2cMessage, MessageError> {
    Ok(core::C2cMessage::decode(&json)?.into())
}

/// M4: validates a group message and encodes it as the `send_group_msg`
/// body. `group_type` drives the M9 mention rules; when `null`/`nil` it is
/// inferred from the id where the id tells (`@TGS#_` Community, `@TGS#a`
/// AVChatRoom), else only the mention count is checked.
#[uniffi::export(default(group_type = None, limits = None))]
pub fn encode_group_message(
    message: GroupMessage,
    group_type: Option<GroupType>,
    limits: Option<MessageLimits>,
) -> Result<String, MessageError> {
    Ok(core::GroupMessage::try_from(message)?.encode(group_type, &limits.unwrap_or_default())?)
}

/// M4: decodes a `send_group_msg` body (as received; send rules not checked).
#[uniffi::export]
pub fn decode_group_message(json: String) -> Result<GroupMessage, MessageError> {
    Ok(core::GroupMessage::decode(&json)?.into())
}

/// Decodes, validates and re-encodes either body (group when it has
/// `GroupId`, directed when it also has `To_Account`; C2C when it has only
/// `To_Account`): what `imbridge wire check` does.
#[uniffi::export(default(group_type = None))]
pub fn check_send_body(
    json: String,
    group_type: Option<GroupType>,
) -> Result<String, MessageError> {
    Ok(core::SendBody::check(
        &json,
        group_type,
        &core::MessageLimits::default(),
    )?)
}

/// M8: a red-packet custom element whose `Data` is the FAQ's payload
/// `{"type":"RED_PACKET","amount":…,"msg":greeting}` (amount in the
/// currency's minor unit, 1 to 2^53−1, else `InvalidField` 6017), with
/// `desc` set for the offline push, to be sent with High priority.
#[uniffi::export(default(push_text = None))]
pub fn red_packet(
    amount: u64,
    greeting: String,
    push_text: Option<String>,
) -> Result<RedPacketMessage, MessageError> {
    let packet = core::red_packet(amount, &greeting, push_text.as_deref())?;
    Ok(RedPacketMessage {
        element: packet.element.into(),
        priority: packet.priority,
    })
}

/// M8: the red packet a received element carries (the FAQ's `Data` keys,
/// `greeting` read from `msg`); `null`/`nil` when the element is not one.
#[uniffi::export]
pub fn red_packet_read(element: Element) -> Option<RedPacket> {
    let element = core::Element::try_from(element).ok()?;
    RedPacket::from_element(&element)
}
