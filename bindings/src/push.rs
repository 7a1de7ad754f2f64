//! Offline-push tokens across the FFI (SPEC T1–T6).

use crate::error::MessageError;
use imbridge_core::message::SendBody;
use imbridge_core::push as core;
pub use imbridge_core::push::{
    ApnsEnvironment, NoPushReason, PushAction, PushChannelConfig, PushContext, PushError,
    PushEvent, PushState, PushStatus, PushVendor, RecipientState,
};
use imbridge_core::sync::lock;
use std::path::Path;
use std::sync::Mutex;

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
        lock(&self.machine).handle_and_save(now_ms, event, &self.store)
    }

    /// The state.
    pub fn state(&self) -> PushState {
        lock(&self.machine).state()
    }

    /// The state and its facts (the token only as a fingerprint).
    pub fn status(&self) -> PushStatus {
        lock(&self.machine).status()
    }
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
/// and every reason why not. Throws for a body that does not decode.
#[uniffi::export]
pub fn will_push(body_json: String, context: PushContext) -> Result<PushVerdict, MessageError> {
    let body = SendBody::decode(&body_json)?;
    let reasons = match core::will_push(&body, &context) {
        core::PushDecision::Yes => Vec::new(),
        core::PushDecision::No(reasons) => reasons,
    };
    Ok(PushVerdict {
        will_push: reasons.is_empty(),
        details: reasons.iter().map(ToString::to_string).collect(),
        reasons,
    })
}
