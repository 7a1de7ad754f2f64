//! States, events and actions of the push token machine (SPEC T2, T3).

use crate::push::PushChannelConfig;
use crate::redact::Secret;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Where one channel's token stands (SPEC T2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum PushState {
    /// Notifications not permitted (or the user opted out).
    Disabled,
    /// Permitted; waiting for the vendor SDK's token.
    NoToken,
    /// A token, nobody logged in: nothing goes on the network before login.
    TokenReady,
    /// A report of the token is under way.
    Registering,
    /// The service has the token for the logged-in user.
    Registered,
    /// The report failed for a retryable reason; waiting to try again.
    RetryWait,
    /// The report failed for good (bad token, wrong environment or
    /// certificate); left only on a new token or config.
    Failed,
    /// The logged-out user's token is being unregistered.
    Unregistering,
}

impl PushState {
    /// The name SPEC T2 uses.
    pub fn name(self) -> &'static str {
        match self {
            PushState::Disabled => "Disabled",
            PushState::NoToken => "NoToken",
            PushState::TokenReady => "TokenReady",
            PushState::Registering => "Registering",
            PushState::Registered => "Registered",
            PushState::RetryWait => "RetryWait",
            PushState::Failed => "Failed",
            PushState::Unregistering => "Unregistering",
        }
    }
}

impl fmt::Display for PushState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Something that happened to the channel: from the vendor SDK, the login
/// state, the app's own network calls, the OS, or the passing of time.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum PushEvent {
    /// Notification permission granted / the user opted in.
    Enable,
    /// Permission revoked / the user opted out.
    Disable,
    /// The vendor SDK delivered a token.
    Token {
        /// The token (a [`Secret`]: never in logs).
        token: Secret,
    },
    /// Login succeeded for this user.
    Login {
        /// The user.
        user_id: String,
    },
    /// The user logged out.
    Logout,
    /// Kicked offline (6208): the service already stopped pushing.
    Kicked,
    /// User sig expired (6206 / 70001): the service already stopped pushing.
    UserSigExpired,
    /// The app's report call finished.
    ReportResult {
        /// Whether the service took the token.
        ok: bool,
        /// For a failure: whether trying again may help (network, 5xx).
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        retryable: bool,
        /// For a failure: what the service said.
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        reason: Option<String>,
    },
    /// The app's unregister call finished (either way the session is over).
    UnregisterResult {
        /// Whether the service confirmed.
        ok: bool,
    },
    /// The app went to the background with this unread count (T3).
    Background {
        /// The badge number.
        unread: u32,
    },
    /// The app came to the foreground (T3).
    Foreground,
    /// Time passed: retries and the periodic re-registration are due by it.
    Tick,
    /// The channel's configuration changed (certificate id, environment,
    /// app version, vendor keys).
    Config {
        /// The new configuration.
        config: PushChannelConfig,
    },
}

impl PushEvent {
    /// The event's name as the CLI spells it.
    pub fn name(&self) -> &'static str {
        match self {
            PushEvent::Enable => "enable",
            PushEvent::Disable => "disable",
            PushEvent::Token { .. } => "token",
            PushEvent::Login { .. } => "login",
            PushEvent::Logout => "logout",
            PushEvent::Kicked => "kicked",
            PushEvent::UserSigExpired => "user_sig_expired",
            PushEvent::ReportResult { .. } => "report_result",
            PushEvent::UnregisterResult { .. } => "unregister_result",
            PushEvent::Background { .. } => "background",
            PushEvent::Foreground => "foreground",
            PushEvent::Tick => "tick",
            PushEvent::Config { .. } => "config",
        }
    }
}

/// What the app must do: its own network calls, or a timer.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum PushAction {
    /// Report the token for this user under this certificate id.
    Report {
        /// The token (a [`Secret`]: never in logs).
        token: Secret,
        /// The certificate id.
        business_id: u64,
        /// The logged-in user.
        user_id: String,
    },
    /// Unregister this user's token.
    Unregister {
        /// The user logging out.
        user_id: String,
    },
    /// Feed a `Tick` at (or after) this time.
    ScheduleRetry {
        /// When.
        at_ms: u64,
    },
    /// Tell the service the app is in the background, with the badge number (T3).
    ReportBackground {
        /// The unread count.
        unread: u32,
    },
    /// Tell the service the app is in the foreground (T3).
    ReportForeground,
    /// Tell the service the user disabled notifications.
    ReportDisabled,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::redact::Secret;

    #[test]
    fn t2_state_names_are_the_spec_table_names() {
        let states = [
            PushState::Disabled,
            PushState::NoToken,
            PushState::TokenReady,
            PushState::Registering,
            PushState::Registered,
            PushState::RetryWait,
            PushState::Failed,
            PushState::Unregistering,
        ];
        for state in states {
            // serde writes the variant's own name: the spelling of SPEC T2's table.
            assert_eq!(
                format!("\"{state}\""),
                serde_json::to_string(&state).unwrap()
            );
        }
    }

    #[test]
    fn t2_event_names_are_the_scenario_spellings() {
        let events = [
            (PushEvent::Enable, "enable"),
            (PushEvent::Disable, "disable"),
            (
                PushEvent::Token {
                    token: Secret::new("t"),
                },
                "token",
            ),
            (
                PushEvent::Login {
                    user_id: "u".into(),
                },
                "login",
            ),
            (PushEvent::Logout, "logout"),
            (PushEvent::Kicked, "kicked"),
            (PushEvent::UserSigExpired, "user_sig_expired"),
            (PushEvent::Foreground, "foreground"),
            (PushEvent::Tick, "tick"),
        ];
        for (event, name) in events {
            assert_eq!(event.name(), name);
        }
    }
}
