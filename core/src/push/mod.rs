//! Offline-push tokens and push eligibility (SPEC T1–T6).
//!
//! - [`PushChannelConfig`]: the nine channels and their console settings (T1).
//! - [`PushMachine`]: one channel's token life as a sans-IO state machine (T2, T3).
//! - [`PushStore`]: versioned snapshots written atomically (T4).
//! - [`crate::redact::Secret`]: tokens and secrets never in logs (T5).
//! - [`will_push`]: whether a message will be pushed, and why not (T6).

mod config;
mod eligibility;
mod error;
mod events;
mod machine;
mod persist;
pub mod simulate;
#[cfg(test)]
mod tests;

pub use config::{
    ApnsEnvironment, PushChannelConfig, PushVendor, RegistrationKey, ANDROID_O_API_LEVEL,
};
pub use eligibility::{will_push, NoPushReason, PushContext, PushDecision, RecipientState};
pub use error::PushError;
pub use events::{PushAction, PushEvent, PushState};
pub use machine::{defaults, next_backoff, PushFacts, PushMachine, PushStatus, Registration};
pub use persist::{PushStore, SNAPSHOT_VERSION};
