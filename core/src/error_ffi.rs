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

/// The error kind's stable snake-case name (`empty_message`):
/// the same in every language and build, shrunk and obfuscated ones included.
#[uniffi::export]
pub fn message_error_kind(error: MessageError) -> String {
    error.name().to_string()
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

/// The error kind's stable snake-case name (`not_logged_in`):
/// the same in every language and build, shrunk and obfuscated ones included.
#[uniffi::export]
pub fn init_error_kind(error: InitError) -> String {
    error.name().to_string()
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

/// The error kind's stable snake-case name (`invalid_event`):
/// the same in every language and build, shrunk and obfuscated ones included.
#[uniffi::export]
pub fn push_error_kind(error: PushError) -> String {
    error.name().to_string()
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

/// The error kind's stable snake-case name (`queue_full`):
/// the same in every language and build, shrunk and obfuscated ones included.
#[uniffi::export]
pub fn outbox_error_kind(error: OutboxError) -> String {
    error.name().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn x3_each_error_answers_the_service_number_or_none() {
        let element = MessageError::EmptyMessage;
        assert_eq!(message_error_code(element), Some(6016));
        let json = MessageError::Json {
            line: 1,
            column: 2,
            reason: "EOF".into(),
        };
        assert_eq!(message_error_code(json), None);
        assert_eq!(init_error_code(InitError::NotLoggedIn), Some(6014));
        let lock = InitError::LockUnsupported {
            path: "p".into(),
            reason: "nfs".into(),
        };
        assert_eq!(init_error_code(lock), None);
        let event = PushError::InvalidEvent {
            event: "token".into(),
            reason: "empty".into(),
        };
        assert_eq!(push_error_code(event), Some(6017));
        let full = OutboxError::QueueFull {
            conversation: "group_g".into(),
            queued: 3,
            bound: 3,
        };
        assert_eq!(outbox_error_code(full), Some(10023));
    }

    #[test]
    fn x3_each_error_kind_is_its_snake_case_name() {
        assert_eq!(
            message_error_kind(MessageError::EmptyMessage),
            "empty_message"
        );
        assert_eq!(init_error_kind(InitError::NotLoggedIn), "not_logged_in");
        assert_eq!(
            init_error_kind(InitError::NotInitialised),
            "not_initialised"
        );
        let corrupt = PushError::CorruptState {
            path: "p".into(),
            reason: "r".into(),
        };
        assert_eq!(push_error_kind(corrupt), "corrupt_state");
        let inconsistent = OutboxError::Inconsistent { reason: "r".into() };
        assert_eq!(outbox_error_kind(inconsistent), "inconsistent");
    }

    #[test]
    fn x3_detail_is_the_readable_sentence() {
        assert_eq!(
            init_error_detail(InitError::NotInitialised),
            "not initialised: call init first (or again after uninit)"
        );
        let body = MessageError::BodyTooLarge {
            size: 13_000,
            limit: 12_288,
        };
        assert_eq!(
            message_error_detail(body),
            "encoded MsgBody would be 13000 bytes, over the 12288-byte limit"
        );
        let io = PushError::Io {
            path: "p".into(),
            reason: "denied".into(),
        };
        assert_eq!(push_error_detail(io), "push state p: denied");
        let limit = OutboxError::InvalidLimit {
            name: "c2c_per_window".into(),
            reason: "must be at least 1".into(),
        };
        assert_eq!(
            outbox_error_detail(limit),
            "invalid limit c2c_per_window: must be at least 1"
        );
    }
}
