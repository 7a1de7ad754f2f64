//! `OfflinePushInfo` of a send body (SPEC M5).

use crate::message::extra::extra_is_empty;
use crate::message::extra::Extra;
use crate::message::wire::opt_flag01;
use serde::{Deserialize, Serialize};
use serde_repr::{Deserialize_repr, Serialize_repr};

/// `PushFlag`: whether the service sends an offline push for the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize_repr, Deserialize_repr)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[repr(u8)]
pub enum PushFlag {
    /// 0: push (the default).
    #[default]
    Push = 0,
    /// 1: don't push.
    NoPush = 1,
}

/// How the offline push looks and behaves. Every field is optional and
/// omitted from the JSON when unset.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct OfflinePushInfo {
    /// Push or not.
    #[serde(rename = "PushFlag", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub push_flag: Option<PushFlag>,
    /// Notification title.
    #[serde(rename = "Title", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub title: Option<String>,
    /// Notification text.
    #[serde(rename = "Desc", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub desc: Option<String>,
    /// Payload handed to the app when the notification is opened.
    #[serde(rename = "Ext", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub ext: Option<String>,
    /// Android vendor options.
    #[serde(
        rename = "AndroidInfo",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub android_info: Option<AndroidPushInfo>,
    /// APNs options.
    #[serde(rename = "ApnsInfo", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub apns_info: Option<ApnsPushInfo>,
    /// Unmodelled keys, kept verbatim.
    #[serde(flatten, default, skip_serializing_if = "extra_is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extra: Extra,
}

/// `AndroidInfo`: per-vendor channel and sound options.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AndroidPushInfo {
    /// Custom sound.
    #[serde(rename = "Sound", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub sound: Option<String>,
    /// Huawei notification channel.
    #[serde(
        rename = "HuaWeiChannelID",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub huawei_channel_id: Option<String>,
    /// Xiaomi notification channel.
    #[serde(
        rename = "XiaoMiChannelID",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub xiaomi_channel_id: Option<String>,
    /// OPPO notification channel (required on Android 8+).
    #[serde(
        rename = "OPPOChannelID",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub oppo_channel_id: Option<String>,
    /// FCM notification channel.
    #[serde(
        rename = "GoogleChannelID",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub google_channel_id: Option<String>,
    /// vivo message class (0 operational, 1 system).
    #[serde(
        rename = "VIVOClassification",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub vivo_classification: Option<u32>,
    /// Huawei importance (`"NORMAL"` or `"LOW"`).
    #[serde(
        rename = "HuaWeiImportance",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub huawei_importance: Option<String>,
    /// Unmodelled keys, kept verbatim.
    #[serde(flatten, default, skip_serializing_if = "extra_is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extra: Extra,
}

/// `ApnsInfo`: iOS notification options.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ApnsPushInfo {
    /// Custom sound.
    #[serde(rename = "Sound", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub sound: Option<String>,
    /// `true` (1): the message does not count toward the badge.
    #[serde(
        rename = "BadgeMode",
        default,
        skip_serializing_if = "Option::is_none",
        with = "opt_flag01"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub badge_mode: Option<bool>,
    /// Notification title (overrides `OfflinePushInfo.Title`).
    #[serde(rename = "Title", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub title: Option<String>,
    /// Notification subtitle.
    #[serde(rename = "SubTitle", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub sub_title: Option<String>,
    /// Image URL for a rich notification.
    #[serde(rename = "Image", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub image: Option<String>,
    /// `true` (1): a Notification Service Extension may modify the push.
    #[serde(
        rename = "MutableContent",
        default,
        skip_serializing_if = "Option::is_none",
        with = "opt_flag01"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub mutable_content: Option<bool>,
    /// Unmodelled keys, kept verbatim.
    #[serde(flatten, default, skip_serializing_if = "extra_is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extra: Extra,
}
