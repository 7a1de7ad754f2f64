//! The state a diagnosis reads: exportable from a running instance as JSON
//! and readable by the CLI, so a support engineer can diagnose a device
//! from a dump (SPEC G). Every section is optional: a rule whose facts are
//! missing stays silent rather than guessing.

use crate::message::{GroupType, ReceiveOption};
use crate::policy::Edition;
use crate::push::{ApnsEnvironment, PushState, PushVendor};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The snapshot format this version writes and reads.
pub const SNAPSHOT_VERSION: u32 = 1;

/// Everything a diagnosis may look at.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Snapshot {
    /// Format version ([`SNAPSHOT_VERSION`]).
    pub version: u32,
    /// Init and process facts of the recipient's device.
    #[serde(default)]
    pub process: Option<ProcessFacts>,
    /// The message in question.
    #[serde(default)]
    pub message: Option<MessageFacts>,
    /// The recipient's side.
    #[serde(default)]
    pub recipient: Option<RecipientFacts>,
    /// Listener and dispatch facts on the recipient's device.
    #[serde(default)]
    pub listeners: Option<ListenerFacts>,
    /// Push channels of the recipient's device.
    #[serde(default)]
    pub push: Option<PushFacts>,
    /// Service settings.
    #[serde(default)]
    pub policy: Option<PolicyFacts>,
}

/// I1/I2 facts.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProcessFacts {
    /// The process the SDK was initialised in.
    pub initialised_in: Option<String>,
    /// The app's main process.
    pub main_process: Option<String>,
}

/// The message in question.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MessageFacts {
    /// The send body as sent (`sendmsg` / `send_group_msg` JSON).
    pub body: serde_json::Value,
    /// SDK status number (M11): 2 = sent.
    #[serde(default)]
    pub status: Option<i32>,
    /// The error code of a failed send.
    #[serde(default)]
    pub error_code: Option<i32>,
    /// The server key, once sent.
    #[serde(default)]
    pub server_key: Option<String>,
    /// When it was sent, unix seconds.
    #[serde(default)]
    pub sent_at: Option<u64>,
    /// The group's type, for group messages.
    #[serde(default)]
    pub group_type: Option<GroupType>,
    /// Whether its MsgRandom/Random was reused within the window (M7).
    #[serde(default)]
    pub random_reused: bool,
}

/// The recipient's side.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecipientFacts {
    /// The logged-in user on the device, if any.
    pub logged_in_user: Option<String>,
    /// Whether the user was kicked offline.
    #[serde(default)]
    pub kicked: bool,
    /// The conversation the app reads messages from (e.g. `c2c_alice`).
    #[serde(default)]
    pub open_conversation: Option<String>,
    /// Groups the user is a member of (or joined AVChatRooms).
    #[serde(default)]
    pub groups: Vec<String>,
    /// The user's receive option for the message's group (M13).
    #[serde(default)]
    pub receive_option: Option<ReceiveOption>,
    /// Whether the user allowed notifications.
    #[serde(default)]
    pub notifications_enabled: Option<bool>,
    /// Android: whether the app set its offline-push listener.
    #[serde(default)]
    pub offline_push_listener_set: Option<bool>,
    /// Android: whether the app's process is alive.
    #[serde(default)]
    pub app_alive: Option<bool>,
    /// The platform: `android` or `ios`.
    #[serde(default)]
    pub platform: Option<String>,
}

/// Listener and dispatch facts.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListenerFacts {
    /// Listeners registered.
    pub count: u32,
    /// `observer` or `chain`.
    #[serde(default)]
    pub mode: Option<String>,
    /// Messages consumed in chain mode, by listener id.
    #[serde(default)]
    pub consumed_by: BTreeMap<String, u64>,
    /// Messages dropped, by reason (`misrouted`, `not_member`, …).
    #[serde(default)]
    pub dropped: BTreeMap<String, u64>,
    /// Messages waiting in the no-listener buffer (D7).
    #[serde(default)]
    pub buffered: u64,
}

/// Push channels.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PushFacts {
    /// The channels.
    #[serde(default)]
    pub channels: Vec<ChannelFacts>,
}

/// One push channel.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChannelFacts {
    /// The vendor.
    pub vendor: Option<PushVendor>,
    /// The certificate id configured in the app.
    #[serde(default)]
    pub business_id: u64,
    /// The certificate id the token was last reported with.
    #[serde(default)]
    pub reported_business_id: Option<u64>,
    /// The token state.
    #[serde(default)]
    pub state: Option<PushState>,
    /// APNs environment of the build.
    #[serde(default)]
    pub environment: Option<ApnsEnvironment>,
    /// OPPO: whether a MasterSecret is configured.
    #[serde(default)]
    pub master_secret_set: Option<bool>,
    /// OPPO: whether the configured MasterSecret equals the AppSecret.
    #[serde(default)]
    pub master_secret_equals_app_secret: bool,
    /// Whether foreground/background was ever reported.
    #[serde(default)]
    pub app_state_reported: Option<bool>,
}

/// Service settings.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyFacts {
    /// The edition.
    pub edition: Option<Edition>,
    /// Retention bought beyond the edition's default, in days.
    #[serde(default)]
    pub extended_retention_days: Option<u32>,
    /// "Show sent successfully" for blocklisted senders.
    #[serde(default)]
    pub show_sent_successfully: bool,
    /// Whether the recipient blocklisted the sender.
    #[serde(default)]
    pub sender_blocklisted: bool,
    /// The time of the snapshot, unix seconds.
    #[serde(default)]
    pub now: Option<u64>,
}
