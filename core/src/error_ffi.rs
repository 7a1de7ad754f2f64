//! `code` and `detail` of the errors, for Kotlin and Swift (SPEC X3).
//!
//! The four error enums cross the FFI as they are: Kotlin's
//! `MessageException`, `InitException`, `PushException`, `OutboxException`
//! and Swift's `MessageError`, … carry the same variants and fields. UniFFI
//! gives foreign errors fields but no methods, so the service's number and
//! the readable sentence come from these functions; the hand-written
//! `ImbridgeException` (Kotlin) and `IMBridgeError` (Swift) expose them as
//! `code` and `detail`. They run only when an app reads them, never on the
//! path that throws.

use crate::init::InitError;
use crate::message::MessageError;
use crate::outbox::OutboxError;
use crate::push::PushError;

/// X3: the service's number for `error` (6016, 6017, 8001), `null`/`nil`
/// where the service has none (malformed JSON, a reused random).
#[uniffi::export]
pub fn message_error_code(error: MessageError) -> Option<i32> {
    error.code().map(|c| c.code())
}

/// `error` as one readable sentence.
#[uniffi::export]
pub fn message_error_detail(error: MessageError) -> String {
    error.to_string()
}

/// X3: the service's number for `error` (6013, 6014, 6017), `null`/`nil`
/// where the service has none.
#[uniffi::export]
pub fn init_error_code(error: InitError) -> Option<i32> {
    error.code().map(|c| c.code())
}

/// `error` as one readable sentence.
#[uniffi::export]
pub fn init_error_detail(error: InitError) -> String {
    error.to_string()
}

/// X3: the service's number for `error` (6017), `null`/`nil` where the
/// service has none (a local file problem).
#[uniffi::export]
pub fn push_error_code(error: PushError) -> Option<i32> {
    error.code().map(|c| c.code())
}

/// `error` as one readable sentence.
#[uniffi::export]
pub fn push_error_detail(error: PushError) -> String {
    error.to_string()
}

/// X3: the service's number for `error`: 10023 for a full queue, 6017
/// otherwise.
#[uniffi::export]
pub fn outbox_error_code(error: OutboxError) -> Option<i32> {
    Some(error.code().code())
}

/// `error` as one readable sentence.
#[uniffi::export]
pub fn outbox_error_detail(error: OutboxError) -> String {
    error.to_string()
}
