//! Diagnostics across the FFI (SPEC G): export a snapshot from the live
//! objects, diagnose it on the device or hand it to `imbridge doctor`.

use crate::dispatch::DispatchCore;
use crate::error::{invalid_field, MessageError};
use crate::init::Bridge;
use crate::push::PushChannel;
use imbridge_core::doctor as core;
pub use imbridge_core::doctor::{DoctorRule, Finding, Severity};
use imbridge_core::message::GroupType;
use imbridge_core::message::ReceiveOption;
use imbridge_core::policy::Edition;
use imbridge_core::sync::lock;
use std::sync::Arc;

/// What only the app knows, for a snapshot. Every field is optional.
#[derive(Debug, Clone, PartialEq, Eq, Default, uniffi::Record)]
pub struct AppFacts {
    /// The app's main process (`applicationInfo.processName`).
    #[uniffi(default)]
    pub main_process: Option<String>,
    /// The message in question: its send body as JSON.
    #[uniffi(default)]
    pub message_body_json: Option<String>,
    /// Its SDK status number (2 = sent).
    #[uniffi(default)]
    pub message_status: Option<i32>,
    /// The error code of a failed send.
    #[uniffi(default)]
    pub message_error_code: Option<i32>,
    /// Its server key, once sent.
    #[uniffi(default)]
    pub server_key: Option<String>,
    /// When it was sent, unix seconds.
    #[uniffi(default)]
    pub sent_at: Option<u64>,
    /// The group's type, for a group message.
    #[uniffi(default)]
    pub group_type: Option<GroupType>,
    /// Whether its random value was reused (see `RandomTracker`).
    #[uniffi(default)]
    pub random_reused: bool,
    /// The conversation the app shows, e.g. `c2c_alice`.
    #[uniffi(default)]
    pub open_conversation: Option<String>,
    /// Groups the user is in.
    #[uniffi(default)]
    pub groups: Vec<String>,
    /// The user's receive option in the message's group.
    #[uniffi(default)]
    pub receive_option: Option<ReceiveOption>,
    /// Whether notifications are allowed.
    #[uniffi(default)]
    pub notifications_enabled: Option<bool>,
    /// Android: whether the offline-push listener is set.
    #[uniffi(default)]
    pub offline_push_listener_set: Option<bool>,
    /// Android: whether the app process is alive.
    #[uniffi(default)]
    pub app_alive: Option<bool>,
    /// `android` or `ios`.
    #[uniffi(default)]
    pub platform: Option<String>,
    /// The app's edition of the service.
    #[uniffi(default)]
    pub edition: Option<Edition>,
    /// "Show sent successfully" for blocklisted senders.
    #[uniffi(default)]
    pub show_sent_successfully: bool,
    /// Whether the recipient blocklisted the sender.
    #[uniffi(default)]
    pub sender_blocklisted: bool,
    /// Now, unix seconds (for the retention rule).
    #[uniffi(default)]
    pub now: Option<u64>,
}

fn app_in(a: AppFacts) -> Result<core::AppFacts, MessageError> {
    let body = a
        .message_body_json
        .map(|j| serde_json::from_str::<serde_json::Value>(&j))
        .transpose()
        .map_err(|e| invalid_field("message_body_json", e.to_string()))?;
    Ok(core::AppFacts {
        main_process: a.main_process,
        message: body.map(|body| core::MessageFacts {
            body,
            status: a.message_status,
            error_code: a.message_error_code,
            server_key: a.server_key,
            sent_at: a.sent_at,
            group_type: a.group_type,
            random_reused: a.random_reused,
        }),
        recipient: core::RecipientFacts {
            open_conversation: a.open_conversation,
            groups: a.groups,
            receive_option: a.receive_option,
            notifications_enabled: a.notifications_enabled,
            offline_push_listener_set: a.offline_push_listener_set,
            app_alive: a.app_alive,
            platform: a.platform,
            ..core::RecipientFacts::default()
        },
        policy: a.edition.map(|edition| core::PolicyFacts {
            edition: Some(edition),
            extended_retention_days: None,
            show_sent_successfully: a.show_sent_successfully,
            sender_blocklisted: a.sender_blocklisted,
            now: a.now,
        }),
    })
}

/// G: a snapshot (JSON) of the live objects and the app's facts, for
/// `diagnose` on the device or `imbridge doctor` at support.
#[uniffi::export(default(bridge = None, dispatcher = None, channels = [], app = None))]
pub fn export_snapshot(
    bridge: Option<Arc<Bridge>>,
    dispatcher: Option<Arc<DispatchCore>>,
    channels: Vec<Arc<PushChannel>>,
    app: Option<AppFacts>,
) -> Result<String, MessageError> {
    let app = app_in(app.unwrap_or_default())?;
    let machines: Vec<_> = channels.iter().map(|c| lock(&c.machine).clone()).collect();
    let dispatch_core = dispatcher.as_ref().map(|d| lock(&d.inner));
    let live = core::Live {
        instance: bridge.as_ref().map(|b| b.instance.as_ref()),
        dispatcher: dispatch_core.as_deref(),
        channels: machines.iter().collect(),
    };
    let snapshot = core::export_snapshot(&live, app);
    serde_json::to_string_pretty(&snapshot).map_err(|e| invalid_field("snapshot", e.to_string()))
}

/// G: runs every rule over a snapshot (JSON); findings in rule order.
/// Throws for a snapshot that does not parse (6017 naming the field).
#[uniffi::export]
pub fn diagnose(snapshot_json: String) -> Result<Vec<Finding>, MessageError> {
    let snapshot = core::Snapshot::parse(&snapshot_json)?;
    Ok(core::diagnose(&snapshot))
}

/// G: every rule with the checklist item it covers.
#[uniffi::export]
pub fn doctor_rules() -> Vec<DoctorRule> {
    core::doctor_rules()
}
