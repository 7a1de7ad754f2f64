//! The token state machine of one push channel (SPEC T2, T3).

use crate::push::{
    PushAction, PushChannelConfig, PushError, PushEvent, PushState, RegistrationKey,
};
use crate::redact::Secret;
use serde::{Deserialize, Serialize};

/// T2 defaults.
pub mod defaults {
    /// Shortest retry backoff: 30 s.
    pub const MIN_BACKOFF_MS: u64 = 30_000;
    /// Longest retry backoff: 8 h.
    pub const MAX_BACKOFF_MS: u64 = 8 * 3_600_000;
    /// A registration older than this is renewed: 7 days.
    pub const MAX_REGISTRATION_AGE_MS: u64 = 7 * 24 * 3_600_000;
}

/// What the service was (or is being) told.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registration {
    /// The token reported.
    pub token: Secret,
    /// For whom.
    pub user: String,
    /// Under which configuration.
    pub key: RegistrationKey,
    /// When the service confirmed it (`None` while the report is under way).
    pub registered_at_ms: Option<u64>,
}

/// Everything the machine knows; what a snapshot persists (T4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushFacts {
    /// The state.
    pub state: PushState,
    /// The latest token from the vendor SDK.
    pub token: Option<Secret>,
    /// The logged-in user.
    pub user: Option<String>,
    /// The latest registration.
    pub registration: Option<Registration>,
    /// The last backoff used (0 after a success).
    pub backoff_ms: u64,
    /// When a retry is due, in RetryWait.
    pub retry_at_ms: Option<u64>,
    /// Why the report failed, in Failed.
    pub failure: Option<String>,
    /// Whether the app was last reported in the foreground (T3), if ever.
    pub foreground: Option<bool>,
}

impl Default for PushFacts {
    fn default() -> Self {
        PushFacts {
            state: PushState::Disabled,
            token: None,
            user: None,
            registration: None,
            backoff_ms: 0,
            retry_at_ms: None,
            failure: None,
            foreground: None,
        }
    }
}

/// A channel's state as an app shows it: no secret in it, the token only
/// as its fingerprint (SPEC T5).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PushStatus {
    /// Where the token stands.
    pub state: PushState,
    /// The token's fingerprint (`Secret::fingerprint`), never the token.
    pub token_fingerprint: Option<String>,
    /// The logged-in user.
    pub user_id: Option<String>,
    /// When the current registration was confirmed.
    pub registered_at_ms: Option<u64>,
    /// When the next retry is due.
    pub retry_at_ms: Option<u64>,
    /// The last failure, as the service said it.
    pub failure: Option<String>,
    /// Whether the app is in the foreground, when reported (T3).
    pub foreground: Option<bool>,
}

/// One channel's token machine (SPEC T2): events in, with the time,
/// actions out. Sans-IO: the app makes the network calls the actions ask
/// for and feeds their results back as events.
///
/// Time is wall-clock milliseconds (unix epoch): the state persists, and
/// the 7-day renewal must survive restarts. An event that does not apply in
/// the current state changes nothing and asks for nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushMachine {
    config: PushChannelConfig,
    facts: PushFacts,
    /// Registrations older than this are renewed (default 7 days).
    pub max_registration_age_ms: u64,
}

impl PushMachine {
    /// A machine in Disabled for a valid `config` (T1).
    pub fn new(config: PushChannelConfig) -> Result<PushMachine, PushError> {
        PushMachine::with_facts(config, PushFacts::default())
    }

    /// A machine resuming from persisted facts (T4).
    pub fn with_facts(
        config: PushChannelConfig,
        facts: PushFacts,
    ) -> Result<PushMachine, PushError> {
        config.validate()?;
        Ok(PushMachine {
            config,
            facts,
            max_registration_age_ms: defaults::MAX_REGISTRATION_AGE_MS,
        })
    }

    /// The state.
    pub fn state(&self) -> PushState {
        self.facts.state
    }

    /// Everything the machine knows.
    pub fn facts(&self) -> &PushFacts {
        &self.facts
    }

    /// The state as an app shows it, the token as its fingerprint only.
    pub fn status(&self) -> PushStatus {
        let f = &self.facts;
        PushStatus {
            state: f.state,
            token_fingerprint: f.token.as_ref().map(Secret::fingerprint),
            user_id: f.user.clone(),
            registered_at_ms: f.registration.as_ref().and_then(|r| r.registered_at_ms),
            retry_at_ms: f.retry_at_ms,
            failure: f.failure.clone(),
            foreground: f.foreground,
        }
    }

    /// The configuration in force.
    pub fn config(&self) -> &PushChannelConfig {
        &self.config
    }

    /// Whether someone is logged in, as far as this machine was told.
    pub fn logged_in(&self) -> bool {
        self.facts.user.is_some()
    }

    /// Feeds one event at `now_ms`; returns what the app must do. Only an
    /// invalid event (empty token or user, invalid config) is an error, and
    /// then nothing changes.
    pub fn handle(&mut self, now_ms: u64, event: PushEvent) -> Result<Vec<PushAction>, PushError> {
        let mut out = Vec::new();
        let before = self.facts.state;
        let name = event.name();
        self.apply(now_ms, event, &mut out)?;
        if self.facts.state != before || !out.is_empty() {
            log::info!(
                target: "imbridge::push",
                "{} {name}: {before} → {}, {} action(s)",
                self.config.vendor.map_or("?", |v| v.name()),
                self.facts.state,
                out.len()
            );
        }
        Ok(out)
    }

    fn apply(
        &mut self,
        now_ms: u64,
        event: PushEvent,
        out: &mut Vec<PushAction>,
    ) -> Result<(), PushError> {
        use PushState::*;
        let f = &mut self.facts;
        match event {
            PushEvent::Disable => {
                if f.state != Disabled {
                    f.state = Disabled;
                    f.token = None;
                    f.registration = None;
                    f.retry_at_ms = None;
                    f.failure = None;
                    out.push(PushAction::ReportDisabled);
                }
            }
            PushEvent::Enable => {
                if f.state == Disabled {
                    f.state = NoToken;
                    if f.token.is_some() {
                        // A token that came while disabled was kept for now.
                        f.state = TokenReady;
                        self.register(out);
                    }
                }
            }
            PushEvent::Login { user_id: user } => {
                if user.trim().is_empty() {
                    return Err(invalid_event("login", "empty user"));
                }
                self.login(user, out);
            }
            PushEvent::Logout => {
                let Some(user) = f.user.take() else {
                    return Ok(());
                };
                if matches!(f.state, Registering | Registered | RetryWait) {
                    f.state = Unregistering;
                    f.retry_at_ms = None;
                    out.push(PushAction::Unregister { user_id: user });
                }
            }
            PushEvent::Kicked | PushEvent::UserSigExpired => {
                if f.user.take().is_some()
                    && matches!(
                        f.state,
                        Registering | Registered | RetryWait | Unregistering
                    )
                {
                    // The service already stopped pushing: nothing to send.
                    f.state = TokenReady;
                    f.registration = None;
                    f.retry_at_ms = None;
                }
            }
            PushEvent::Token { token } => {
                if token.is_blank() {
                    return Err(invalid_event("token", "empty token"));
                }
                self.token(token, out);
            }
            PushEvent::ReportResult {
                ok,
                retryable,
                reason,
            } => {
                if f.state != Registering {
                    return Ok(());
                }
                if ok {
                    f.state = Registered;
                    f.backoff_ms = 0;
                    f.failure = None;
                    if let Some(r) = f.registration.as_mut() {
                        r.registered_at_ms = Some(now_ms);
                    }
                } else if retryable {
                    let backoff = next_backoff(f.backoff_ms);
                    let at_ms = now_ms.saturating_add(backoff);
                    f.state = RetryWait;
                    f.backoff_ms = backoff;
                    f.retry_at_ms = Some(at_ms);
                    out.push(PushAction::ScheduleRetry { at_ms });
                } else {
                    f.state = Failed;
                    f.failure = Some(reason.unwrap_or_else(|| "permanent failure".to_string()));
                    f.registration = None;
                }
            }
            PushEvent::UnregisterResult { .. } => {
                if f.state == Unregistering {
                    f.state = TokenReady;
                    f.registration = None;
                    if f.user.is_some() {
                        // Logged in again while the logout was under way.
                        self.register(out);
                    }
                }
            }
            PushEvent::Background { unread } => {
                f.foreground = Some(false);
                if f.state == Registered && f.user.is_some() {
                    out.push(PushAction::ReportBackground { unread });
                }
            }
            PushEvent::Foreground => {
                f.foreground = Some(true);
                if f.state == Registered && f.user.is_some() {
                    out.push(PushAction::ReportForeground);
                }
            }
            PushEvent::Tick => match f.state {
                RetryWait if f.retry_at_ms.is_some_and(|at| now_ms >= at) => self.register(out),
                Registered
                    if f.registration
                        .as_ref()
                        .and_then(|r| r.registered_at_ms)
                        .is_some_and(|at| {
                            now_ms.saturating_sub(at) >= self.max_registration_age_ms
                        }) =>
                {
                    self.register(out)
                }
                _ => {}
            },
            PushEvent::Config { config } => {
                config.validate()?;
                let changed = config != self.config;
                self.config = config;
                if changed {
                    self.config_changed(out);
                }
            }
        }
        Ok(())
    }

    fn login(&mut self, user: String, out: &mut Vec<PushAction>) {
        use PushState::*;
        let f = &mut self.facts;
        if f.user.as_deref() == Some(user.as_str()) {
            return;
        }
        let previous = f.user.replace(user);
        match (f.state, previous) {
            // A user switch without a logout (T2): unregister the old user
            // first. The new user's report waits for the unregister result,
            // so the old user's unregister can never land after it.
            (Registering | Registered | RetryWait, Some(old)) => {
                f.state = Unregistering;
                f.retry_at_ms = None;
                out.push(PushAction::Unregister { user_id: old });
            }
            (TokenReady | Registering | Registered | RetryWait, _) => self.register(out),
            _ => {}
        }
    }

    fn token(&mut self, token: Secret, out: &mut Vec<PushAction>) {
        use PushState::*;
        let f = &mut self.facts;
        let same = f.token.as_ref() == Some(&token);
        match f.state {
            // Vendor SDKs deliver the token at start-up, often before the
            // app has asked for permission: keep it, report it once enabled.
            Disabled if !same => {
                log::info!(
                    target: "imbridge::push",
                    "token {} kept while disabled; reported after enable",
                    token.fingerprint()
                );
                f.token = Some(token);
            }
            NoToken | TokenReady | Unregistering => {
                f.token = Some(token);
                if f.state == NoToken {
                    f.state = TokenReady;
                }
                if f.state == TokenReady && f.user.is_some() {
                    self.register(out);
                }
            }
            Registering | Registered | RetryWait | Failed if !same => {
                f.token = Some(token);
                if f.user.is_some() {
                    self.register(out);
                } else {
                    f.state = TokenReady;
                }
            }
            _ => {}
        }
    }

    fn config_changed(&mut self, out: &mut Vec<PushAction>) {
        use PushState::*;
        let key = self.config.registration_key();
        let f = &mut self.facts;
        match f.state {
            Failed if f.token.is_some() => {
                f.failure = None;
                if f.user.is_some() {
                    self.register(out);
                } else {
                    f.state = TokenReady;
                }
            }
            Registering | Registered | RetryWait
                if f.registration.as_ref().is_none_or(|r| r.key != key) =>
            {
                self.register(out)
            }
            _ => {}
        }
    }

    /// → Registering with a report of the current token for the current user.
    fn register(&mut self, out: &mut Vec<PushAction>) {
        let f = &mut self.facts;
        let (Some(token), Some(user)) = (f.token.clone(), f.user.clone()) else {
            return;
        };
        f.state = PushState::Registering;
        f.retry_at_ms = None;
        f.failure = None;
        f.registration = Some(Registration {
            token: token.clone(),
            user: user.clone(),
            key: self.config.registration_key(),
            registered_at_ms: None,
        });
        out.push(PushAction::Report {
            token,
            business_id: self.config.business_id,
            user_id: user,
        });
    }
}

/// T2: min(max(30 s, 2 × previous), 8 h).
pub fn next_backoff(previous_ms: u64) -> u64 {
    previous_ms
        .saturating_mul(2)
        .clamp(defaults::MIN_BACKOFF_MS, defaults::MAX_BACKOFF_MS)
}

fn invalid_event(event: &str, reason: &str) -> PushError {
    PushError::InvalidEvent {
        event: event.to_string(),
        reason: reason.to_string(),
    }
}
