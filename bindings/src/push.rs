//! Offline-push tokens across the FFI (SPEC T1–T6).

use crate::error::MessageError;
use crate::lock::lock;
use imbridge_core::message::{ReceiveOption, SendBody};
use imbridge_core::push as core;
use imbridge_core::redact::Secret;
use std::path::Path;
use std::sync::Mutex;

/// The offline-push channels (SPEC T1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum PushVendor {
    /// Apple Push Notification service.
    Apns,
    /// Firebase Cloud Messaging.
    Fcm,
    /// Huawei.
    Huawei,
    /// Honor.
    Honor,
    /// Xiaomi.
    Xiaomi,
    /// OPPO.
    Oppo,
    /// vivo.
    Vivo,
    /// Meizu.
    Meizu,
    /// Tencent Push Notification Service.
    Tpns,
}

/// APNs environment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum ApnsEnvironment {
    /// Development builds.
    Sandbox,
    /// App Store, TestFlight, ad hoc.
    Production,
}

/// One channel's configuration (SPEC T1). Secrets never appear in logs.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PushChannelConfig {
    /// The channel.
    pub vendor: PushVendor,
    /// The console's certificate id (business id); not 0.
    pub business_id: u64,
    /// The app's version; a change re-registers the token.
    pub app_version: String,
    /// APNs: the build's environment (required for APNs).
    #[uniffi(default)]
    pub environment: Option<ApnsEnvironment>,
    /// APNs: the environment of the certificate under `business_id`, if known.
    #[uniffi(default)]
    pub certificate_environment: Option<ApnsEnvironment>,
    /// Vendor app id.
    #[uniffi(default)]
    pub app_id: Option<String>,
    /// Vendor app key.
    #[uniffi(default)]
    pub app_key: Option<String>,
    /// Vendor app secret (printed as a fingerprint only).
    #[uniffi(default)]
    pub app_secret: Option<Secret>,
    /// OPPO: the MasterSecret, not the AppSecret (printed as a fingerprint only).
    #[uniffi(default)]
    pub master_secret: Option<Secret>,
    /// Android notification channel id (OPPO requires it on Android 8+).
    #[uniffi(default)]
    pub channel_id: Option<String>,
    /// The device's Android API level, when known.
    #[uniffi(default)]
    pub android_api_level: Option<u32>,
}

/// Where a channel's token stands (SPEC T2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum PushState {
    /// Notifications not permitted.
    Disabled,
    /// Waiting for the vendor token.
    NoToken,
    /// Token known; nobody logged in.
    TokenReady,
    /// Report under way.
    Registering,
    /// The service has the token.
    Registered,
    /// Waiting to retry a report.
    RetryWait,
    /// Report failed for good; needs a new token or config.
    Failed,
    /// Unregistering the logged-out user.
    Unregistering,
}

/// Something that happened to the channel (SPEC T2, T3).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum PushEvent {
    /// Permission granted / opted in.
    Enable,
    /// Permission revoked / opted out.
    Disable,
    /// The vendor SDK delivered a token.
    Token {
        /// The token (printed as a fingerprint only).
        token: Secret,
    },
    /// Login succeeded.
    Login {
        /// The user.
        user_id: String,
    },
    /// Logout.
    Logout,
    /// Kicked offline (6208).
    Kicked,
    /// User sig expired (6206 / 70001).
    UserSigExpired,
    /// The app's report call finished.
    ReportResult {
        /// Success.
        ok: bool,
        /// For a failure: may retrying help?
        #[uniffi(default)]
        retryable: bool,
        /// For a failure: what the service said.
        #[uniffi(default)]
        reason: Option<String>,
    },
    /// The app's unregister call finished.
    UnregisterResult {
        /// Success.
        ok: bool,
    },
    /// App to background, with the badge number.
    Background {
        /// Unread count.
        unread: u32,
    },
    /// App to foreground.
    Foreground,
    /// Time passed (retries and renewals fall due).
    Tick,
    /// The configuration changed.
    Config {
        /// The new configuration.
        config: PushChannelConfig,
    },
}

/// What the app must do (SPEC T2, T3).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum PushAction {
    /// Report the token for the user under the certificate id.
    Report {
        /// The token to send (printed as a fingerprint only).
        token: Secret,
        /// Certificate id.
        business_id: u64,
        /// The user.
        user_id: String,
    },
    /// Unregister the user's token.
    Unregister {
        /// The user.
        user_id: String,
    },
    /// Send `Tick` at or after this time.
    ScheduleRetry {
        /// When (ms).
        at_ms: u64,
    },
    /// Report background with the badge number.
    ReportBackground {
        /// Unread count.
        unread: u32,
    },
    /// Report foreground.
    ReportForeground,
    /// Tell the service notifications are disabled.
    ReportDisabled,
}

/// A channel's state and facts, for display and diagnostics.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PushStatus {
    /// The state.
    pub state: PushState,
    /// A fingerprint of the token (never the token).
    pub token_fingerprint: Option<String>,
    /// The logged-in user, as this channel was told.
    pub user_id: Option<String>,
    /// When the service confirmed the registration.
    pub registered_at_ms: Option<u64>,
    /// When a retry is due.
    pub retry_at_ms: Option<u64>,
    /// Why the report failed, in Failed.
    pub failure: Option<String>,
    /// Whether the app was last reported in the foreground.
    pub foreground: Option<bool>,
}

/// Errors of the push domain. `code` is 6017 where the service has one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum PushError {
    /// T1 (6017): invalid channel configuration.
    #[error("{detail}")]
    InvalidConfig {
        /// 6017.
        code: i32,
        /// The field.
        field: String,
        /// The error as a sentence.
        detail: String,
    },
    /// 6017: invalid event (empty token or user).
    #[error("{detail}")]
    InvalidEvent {
        /// 6017.
        code: i32,
        /// The error as a sentence.
        detail: String,
    },
    /// T4: the state file was corrupt or of an unknown version; reset to NoToken.
    #[error("{detail}")]
    StateReset {
        /// The file.
        path: String,
        /// The error as a sentence.
        detail: String,
    },
    /// T4: the state file could not be written.
    #[error("{detail}")]
    Io {
        /// The file.
        path: String,
        /// The error as a sentence.
        detail: String,
    },
}

impl From<core::PushError> for PushError {
    fn from(e: core::PushError) -> Self {
        let detail = e.to_string();
        let code = e.code().map_or(0, |c| c.code());
        match e {
            core::PushError::InvalidConfig { field, .. } => PushError::InvalidConfig {
                code,
                field,
                detail,
            },
            core::PushError::InvalidEvent { .. } => PushError::InvalidEvent { code, detail },
            core::PushError::CorruptState { path, .. }
            | core::PushError::UnknownVersion { path, .. } => {
                PushError::StateReset { path, detail }
            }
            core::PushError::Io { path, .. } => PushError::Io { path, detail },
        }
    }
}

fn vendor_in(v: PushVendor) -> core::Vendor {
    match v {
        PushVendor::Apns => core::Vendor::Apns,
        PushVendor::Fcm => core::Vendor::Fcm,
        PushVendor::Huawei => core::Vendor::Huawei,
        PushVendor::Honor => core::Vendor::Honor,
        PushVendor::Xiaomi => core::Vendor::Xiaomi,
        PushVendor::Oppo => core::Vendor::Oppo,
        PushVendor::Vivo => core::Vendor::Vivo,
        PushVendor::Meizu => core::Vendor::Meizu,
        PushVendor::Tpns => core::Vendor::Tpns,
    }
}

fn env_in(e: ApnsEnvironment) -> core::ApnsEnvironment {
    match e {
        ApnsEnvironment::Sandbox => core::ApnsEnvironment::Sandbox,
        ApnsEnvironment::Production => core::ApnsEnvironment::Production,
    }
}

fn config_in(c: PushChannelConfig) -> core::ChannelConfig {
    core::ChannelConfig {
        vendor: Some(vendor_in(c.vendor)),
        business_id: c.business_id,
        environment: c.environment.map(env_in),
        certificate_environment: c.certificate_environment.map(env_in),
        app_version: c.app_version,
        app_id: c.app_id,
        app_key: c.app_key,
        app_secret: c.app_secret,
        master_secret: c.master_secret,
        channel_id: c.channel_id,
        android_api_level: c.android_api_level,
    }
}

fn event_in(e: PushEvent) -> core::PushEvent {
    match e {
        PushEvent::Enable => core::PushEvent::Enable,
        PushEvent::Disable => core::PushEvent::Disable,
        PushEvent::Token { token } => core::PushEvent::Token(token),
        PushEvent::Login { user_id } => core::PushEvent::Login(user_id),
        PushEvent::Logout => core::PushEvent::Logout,
        PushEvent::Kicked => core::PushEvent::Kicked,
        PushEvent::UserSigExpired => core::PushEvent::UserSigExpired,
        PushEvent::ReportResult {
            ok,
            retryable,
            reason,
        } => core::PushEvent::ReportResult {
            ok,
            retryable,
            reason,
        },
        PushEvent::UnregisterResult { ok } => core::PushEvent::UnregisterResult { ok },
        PushEvent::Background { unread } => core::PushEvent::Background { unread },
        PushEvent::Foreground => core::PushEvent::Foreground,
        PushEvent::Tick => core::PushEvent::Tick,
        PushEvent::Config { config } => core::PushEvent::Config(config_in(config)),
    }
}

fn action_out(a: core::PushAction) -> PushAction {
    match a {
        core::PushAction::Report {
            token,
            business_id,
            user,
        } => PushAction::Report {
            token,
            business_id,
            user_id: user,
        },
        core::PushAction::Unregister { user } => PushAction::Unregister { user_id: user },
        core::PushAction::ScheduleRetry { at_ms } => PushAction::ScheduleRetry { at_ms },
        core::PushAction::ReportBackground { unread } => PushAction::ReportBackground { unread },
        core::PushAction::ReportForeground => PushAction::ReportForeground,
        core::PushAction::ReportDisabled => PushAction::ReportDisabled,
    }
}

fn state_out(s: core::PushState) -> PushState {
    match s {
        core::PushState::Disabled => PushState::Disabled,
        core::PushState::NoToken => PushState::NoToken,
        core::PushState::TokenReady => PushState::TokenReady,
        core::PushState::Registering => PushState::Registering,
        core::PushState::Registered => PushState::Registered,
        core::PushState::RetryWait => PushState::RetryWait,
        core::PushState::Failed => PushState::Failed,
        core::PushState::Unregistering => PushState::Unregistering,
    }
}

/// One push channel's token life (SPEC T2), persisted in the app's data
/// directory after every event (T4). Sans-IO: it never calls the network;
/// `handle` returns the calls the app must make, and the app feeds their
/// results back as events. Time is wall-clock milliseconds.
#[derive(Debug, uniffi::Object)]
pub struct PushChannel {
    pub(crate) machine: Mutex<core::PushMachine>,
    store: core::PushStore,
    restore_problem: Option<String>,
}

#[uniffi::export]
impl PushChannel {
    /// Opens the channel's state in `data_dir` (`push-<vendor>.json`):
    /// resumes it, starts fresh (Disabled), or — for a corrupt or
    /// unknown-version file — resets to NoToken and says why in
    /// `restoreProblem()`. Throws `InvalidConfig` (6017) for a config the
    /// console or vendor would reject (T1).
    #[uniffi::constructor]
    pub fn open(config: PushChannelConfig, data_dir: String) -> Result<Self, PushError> {
        let config = config_in(config);
        let vendor = config.validate()?;
        let store = core::PushStore::in_dir(Path::new(&data_dir), vendor);
        let (machine, problem) = core::PushMachine::restore(config, &store)?;
        Ok(PushChannel {
            machine: Mutex::new(machine),
            store,
            restore_problem: problem.map(|p| p.to_string()),
        })
    }

    /// Why the saved state could not be used (it was reset to NoToken), if so.
    pub fn restore_problem(&self) -> Option<String> {
        self.restore_problem.clone()
    }

    /// Feeds one event at `now_ms` and returns what the app must do; a
    /// changed state is saved before returning (an event that changes
    /// nothing, like most ticks, writes nothing). Throws `InvalidEvent` /
    /// `InvalidConfig` (nothing changes) or `Io` (the state changed but
    /// could not be saved).
    pub fn handle(&self, now_ms: u64, event: PushEvent) -> Result<Vec<PushAction>, PushError> {
        let actions = lock(&self.machine).handle_and_save(now_ms, event_in(event), &self.store)?;
        Ok(actions.into_iter().map(action_out).collect())
    }

    /// The state.
    pub fn state(&self) -> PushState {
        state_out(lock(&self.machine).state())
    }

    /// The state and its facts (the token only as a fingerprint).
    pub fn status(&self) -> PushStatus {
        let machine = lock(&self.machine);
        let f = machine.facts();
        PushStatus {
            state: state_out(f.state),
            token_fingerprint: f.token.as_ref().map(Secret::fingerprint),
            user_id: f.user.clone(),
            registered_at_ms: f.registration.as_ref().and_then(|r| r.registered_at_ms),
            retry_at_ms: f.retry_at_ms,
            failure: f.failure.clone(),
            foreground: f.foreground,
        }
    }
}

/// The recipient's session, for push eligibility.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum RecipientState {
    /// Logged in (online or in the background).
    LoggedIn,
    /// Logged out.
    LoggedOut,
    /// Kicked offline.
    Kicked,
}

/// What the message alone does not say (SPEC T6).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PushContext {
    /// Whether push is enabled for the recipient.
    pub push_enabled: bool,
    /// The recipient's session.
    #[uniffi(default = None)]
    pub recipient_state: Option<RecipientState>,
    /// The recipient's user id (for @ checks).
    #[uniffi(default)]
    pub recipient: Option<String>,
    /// The recipient's group receive option, SDK numbering 0..=4 (M13).
    #[uniffi(default)]
    pub receive_option: Option<i32>,
    /// Whether the random value was reused within the window (M7).
    #[uniffi(default)]
    pub random_reused: bool,
}

/// Why a message will not be pushed (SPEC T6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum NoPushReason {
    /// `OfflinePushInfo.PushFlag` is 1.
    PushFlagOff,
    /// Push is disabled for the recipient.
    PushDisabled,
    /// Custom elements only and no `Desc` anywhere.
    CustomWithoutDesc,
    /// `MsgLifeTime` 0 or `OnlineOnlyFlag` 1.
    OnlineOnly,
    /// The recipient logged out.
    RecipientLoggedOut,
    /// The recipient was kicked offline.
    RecipientKicked,
    /// The recipient's receive option (SDK number) silences it.
    ReceiveOptionSilences {
        /// The option, 0..=4.
        option: i32,
    },
    /// MsgRandom reused: dropped as a duplicate.
    RandomReused,
}

/// The answer of `willPush`: pushed, or every reason why not.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PushVerdict {
    /// Whether it will be pushed.
    pub will_push: bool,
    /// Every reason it will not (empty when it will).
    pub reasons: Vec<NoPushReason>,
    /// The same reasons as sentences, for logs and support.
    pub details: Vec<String>,
}

/// T6: whether the message whose send body is `body_json` will be pushed,
/// and every reason why not. Throws for a body that does not decode, or a
/// receive option outside 0..=4 (6017).
#[uniffi::export]
pub fn will_push(body_json: String, context: PushContext) -> Result<PushVerdict, MessageError> {
    let body = SendBody::decode(&body_json)?;
    let receive_option = match context.receive_option {
        None => None,
        Some(n) => Some(ReceiveOption::from_sdk(n).ok_or_else(|| {
            crate::error::invalid_field("receive_option", format!("{n} is not 0..=4"))
        })?),
    };
    let ctx = core::PushContext {
        recipient: context.recipient,
        recipient_state: match context.recipient_state.unwrap_or(RecipientState::LoggedIn) {
            RecipientState::LoggedIn => core::RecipientState::LoggedIn,
            RecipientState::LoggedOut => core::RecipientState::LoggedOut,
            RecipientState::Kicked => core::RecipientState::Kicked,
        },
        push_enabled: context.push_enabled,
        receive_option,
        random_reused: context.random_reused,
    };
    let reasons = match core::will_push(&body, &ctx) {
        core::PushDecision::Yes => Vec::new(),
        core::PushDecision::No(reasons) => reasons,
    };
    Ok(PushVerdict {
        will_push: reasons.is_empty(),
        details: reasons.iter().map(ToString::to_string).collect(),
        reasons: reasons
            .into_iter()
            .map(|r| match r {
                core::NoPushReason::PushFlagOff => NoPushReason::PushFlagOff,
                core::NoPushReason::PushDisabled => NoPushReason::PushDisabled,
                core::NoPushReason::CustomWithoutDesc => NoPushReason::CustomWithoutDesc,
                core::NoPushReason::OnlineOnly => NoPushReason::OnlineOnly,
                core::NoPushReason::RecipientLoggedOut => NoPushReason::RecipientLoggedOut,
                core::NoPushReason::RecipientKicked => NoPushReason::RecipientKicked,
                core::NoPushReason::ReceiveOptionSilences(o) => {
                    NoPushReason::ReceiveOptionSilences { option: o.to_sdk() }
                }
                core::NoPushReason::RandomReused => NoPushReason::RandomReused,
            })
            .collect(),
    })
}
