//! Replays push events through a [`PushMachine`]: what `imbridge push
//! simulate` runs and what the shared vectors in `tests/vectors/push/`
//! check in every language.

use crate::message::{decode_json, decode_value, MessageError};
use crate::push::{PushAction, PushChannelConfig, PushError, PushEvent, PushMachine};
use crate::redact::Secret;
use serde::Deserialize;
use serde_json::{json, Map, Value};

/// The simulation input: a channel and its events. `Debug` shows secrets
/// (tokens, app secrets, the MasterSecret) as fingerprints only (T5):
/// [`ChannelFields`] and the token's [`Secret`] print themselves redacted.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PushScenario {
    /// The channel configuration (`vendor`, `business_id`, …).
    pub channel: ChannelFields,
    /// The events, in order.
    pub events: Vec<ScenarioEvent>,
}

/// Channel fields with every secret replaced by its fingerprint.
fn redacted_fields(fields: &Map<String, Value>) -> Map<String, Value> {
    fields
        .iter()
        .map(|(key, value)| match (key.as_str(), value) {
            ("app_secret" | "master_secret", Value::String(s)) => (
                key.clone(),
                Value::String(Secret::new(s.as_str()).fingerprint()),
            ),
            _ => (key.clone(), value.clone()),
        })
        .collect()
}

/// One event as the scenario spells it.
#[derive(Debug, Clone, Deserialize)]
pub struct ScenarioEvent {
    /// When (wall-clock ms).
    pub at_ms: u64,
    /// What.
    #[serde(flatten)]
    pub kind: EventKind,
}

/// Event types of the scenario format.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum EventKind {
    /// Permission granted.
    Enable,
    /// Permission revoked.
    Disable,
    /// A token from the vendor SDK.
    Token {
        /// The token (shown as a fingerprint only).
        token: Secret,
    },
    /// Login succeeded.
    Login {
        /// The user.
        user: String,
    },
    /// Logout.
    Logout,
    /// Kicked offline.
    Kicked,
    /// User sig expired.
    UserSigExpired,
    /// The report call finished.
    ReportResult {
        /// Success.
        ok: bool,
        /// For a failure: retryable or not (default false).
        #[serde(default)]
        retryable: bool,
        /// For a failure: the reason.
        #[serde(default)]
        reason: Option<String>,
    },
    /// The unregister call finished.
    UnregisterResult {
        /// Success (default true).
        #[serde(default = "yes")]
        ok: bool,
    },
    /// App to background.
    Background {
        /// Unread count.
        unread: u32,
    },
    /// App to foreground.
    Foreground,
    /// Time passes.
    Tick,
    /// Changed channel fields, merged into the current configuration.
    Config(ChannelFields),
}

/// Channel fields as a scenario spells them; `Debug` shows secrets as
/// fingerprints only (T5).
#[derive(Clone, Deserialize)]
#[serde(transparent)]
pub struct ChannelFields(pub Map<String, Value>);

impl std::fmt::Debug for ChannelFields {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        redacted_fields(&self.0).fmt(f)
    }
}

fn yes() -> bool {
    true
}

fn config_from(fields: Map<String, Value>) -> Result<PushChannelConfig, MessageError> {
    decode_value(Value::Object(fields))
}

fn push_error(at: &str, e: PushError) -> MessageError {
    MessageError::InvalidField {
        field: at.to_string(),
        reason: e.to_string(),
    }
}

/// An action as one JSON object of the output format.
pub fn action_json(action: &PushAction) -> Value {
    match action {
        PushAction::Report {
            token,
            business_id,
            user_id: user,
        } => {
            json!({"type": "report", "token": token.expose(), "business_id": business_id, "user": user})
        }
        PushAction::Unregister { user_id: user } => json!({"type": "unregister", "user": user}),
        PushAction::ScheduleRetry { at_ms } => json!({"type": "schedule_retry", "at_ms": at_ms}),
        PushAction::ReportBackground { unread } => {
            json!({"type": "report_background", "unread": unread})
        }
        PushAction::ReportForeground => json!({"type": "report_foreground"}),
        PushAction::ReportDisabled => json!({"type": "report_disabled"}),
    }
}

impl PushScenario {
    /// Parses a scenario; malformed JSON, unknown event types and wrong
    /// field types are typed errors naming the field.
    pub fn parse(json: &str) -> Result<PushScenario, MessageError> {
        decode_json(json)
    }

    /// Runs the events from a fresh machine (Disabled); one output line per
    /// event: `{"at_ms", "state", "actions"}`. An invalid configuration or
    /// event stops the run with an error naming it.
    pub fn run(&self) -> Result<Vec<Value>, MessageError> {
        let mut fields = self.channel.0.clone();
        let mut machine =
            PushMachine::new(config_from(fields.clone())?).map_err(|e| push_error("channel", e))?;
        let mut lines = Vec::with_capacity(self.events.len());
        for (i, e) in self.events.iter().enumerate() {
            let at = format!("events[{i}]");
            let event = match &e.kind {
                EventKind::Enable => PushEvent::Enable,
                EventKind::Disable => PushEvent::Disable,
                EventKind::Token { token } => PushEvent::Token {
                    token: token.clone(),
                },
                EventKind::Login { user } => PushEvent::Login {
                    user_id: user.clone(),
                },
                EventKind::Logout => PushEvent::Logout,
                EventKind::Kicked => PushEvent::Kicked,
                EventKind::UserSigExpired => PushEvent::UserSigExpired,
                EventKind::ReportResult {
                    ok,
                    retryable,
                    reason,
                } => PushEvent::ReportResult {
                    ok: *ok,
                    retryable: *retryable,
                    reason: reason.clone(),
                },
                EventKind::UnregisterResult { ok } => PushEvent::UnregisterResult { ok: *ok },
                EventKind::Background { unread } => PushEvent::Background { unread: *unread },
                EventKind::Foreground => PushEvent::Foreground,
                EventKind::Tick => PushEvent::Tick,
                EventKind::Config(changed) => {
                    fields.extend(changed.0.clone());
                    PushEvent::Config {
                        config: config_from(fields.clone()).map_err(|err| match err {
                            MessageError::InvalidField { field, reason } => {
                                MessageError::InvalidField {
                                    field: format!("{at}.{field}"),
                                    reason,
                                }
                            }
                            other => other,
                        })?,
                    }
                }
            };
            let actions = machine
                .handle(e.at_ms, event)
                .map_err(|err| push_error(&at, err))?;
            lines.push(json!({
                "at_ms": e.at_ms,
                "state": machine.state().name(),
                "actions": actions.iter().map(action_json).collect::<Vec<_>>(),
            }));
        }
        Ok(lines)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn t2_scenario_unregister_result_without_ok_means_success() {
        let event: ScenarioEvent =
            serde_json::from_str(r#"{"at_ms":5,"type":"unregister_result"}"#).unwrap();
        assert!(matches!(
            event.kind,
            EventKind::UnregisterResult { ok: true }
        ));
        let failed: ScenarioEvent =
            serde_json::from_str(r#"{"at_ms":5,"type":"unregister_result","ok":false}"#).unwrap();
        assert!(matches!(
            failed.kind,
            EventKind::UnregisterResult { ok: false }
        ));
    }

    #[test]
    fn t5_scenario_config_debug_shows_secrets_as_fingerprints() {
        let fields: ChannelFields =
            serde_json::from_str(r#"{"vendor":"oppo","master_secret":"very-secret-master"}"#)
                .unwrap();
        let debug = format!("{fields:?}");
        assert!(!debug.contains("very-secret-master"), "{debug}");
        assert!(
            debug.contains(&Secret::new("very-secret-master").fingerprint()),
            "{debug}"
        );
        assert!(debug.contains("oppo"), "{debug}");
    }
}
