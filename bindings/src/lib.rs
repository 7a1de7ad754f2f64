//! imbridge-ffi: the UniFFI layer over imbridge-core, for Kotlin
//! (package `io.imbridge`) and Swift (module `IMBridge`).
//!
//! Thin by rule: the records, enums and errors that cross are the core's
//! own (derived behind its `uniffi` feature). This crate holds the objects
//! that wrap mutable state, the JNI transport and the logging glue, and no
//! logic that a Rust test of `imbridge-core` could not test. Every exported
//! function returns a typed error instead of panicking.
#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

uniffi::setup_scaffolding!("imbridge");

// `Extra` (unmodelled wire keys) is a serde_json map, foreign to both
// crates: its FFI form is defined once, in the core, and used here.
use imbridge_core::message::element::Extra;
uniffi::use_remote_type!(imbridge_core::Extra);

mod builders;
mod codes;
mod dispatch;
mod doctor;
mod error;
mod fast_path;
mod ids;
mod init;
#[cfg(not(target_vendor = "apple"))]
mod jvm;
mod library_path;
mod logging;
mod messages;
mod outbox;
mod push;
mod secret;

pub use builders::{MentionListBuilder, MessageBodyBuilder};
pub use dispatch::{
    Delivery, DeliveryOutcome, DispatchCore, DispatchEvent, DispatchMode, DispatchStats,
    DropReason, DroppedMessage, IncomingMessage, ListenerId, Receipt, ReceiveReport, Registration,
};
pub use doctor::{
    diagnose, doctor_rules, export_snapshot, AppFacts, DoctorRule, Finding, Severity,
};
pub use error::MessageError;
pub use ids::{C2cMsgKey, ClientMsgId, ConversationId, GroupMsgKey, RandomTracker};
pub use imbridge_core::message::element::{
    CustomElem, Element, FaceElem, FileElem, ImageElem, ImageInfo, LocationElem, SoundElem,
    TextElem, VideoFileElem,
};
pub use imbridge_core::message::ReceiveOption;
pub use imbridge_core::message::{GroupType, GroupTypeInfo, MessageStatus, Priority};
pub use imbridge_core::policy::Edition;
pub use imbridge_core::ErrorCode;
pub use init::{Bridge, InitConfig, InitError, LoginState, LoginStatus, SessionEnd};
pub use logging::{
    install_logger, remove_logger, set_log_level, LogLevel, LogRecord, LogSink, LogSinkError,
};
pub use messages::{
    AndroidPushInfo, ApnsPushInfo, C2cMessage, GroupMessage, Mention, MessageLimits,
    OfflinePushInfo, PushFlag, RedPacketMessage, SendMsgControl, SyncOtherMachine,
};
pub use outbox::{
    Admission, Outbox, OutboxError, OutboxLimits, OutboxPoll, OutboxStats, OutgoingMessage,
    QueuedMessage, ReleasedMessage, ShedMessage, ShedReason,
};
pub use push::{
    will_push, ApnsEnvironment, NoPushReason, PushAction, PushChannel, PushChannelConfig,
    PushContext, PushError, PushEvent, PushState, PushStatus, PushVendor, PushVerdict,
    RecipientState,
};

/// A no-op call: the cheapest possible crossing, used as the floor in
/// benchmarks and as a "library loaded" check by apps.
#[uniffi::export]
pub fn imbridge_version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
