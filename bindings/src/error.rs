//! The error the bindings raise themselves. Every error crosses as the
//! core's own enum; `imbridge_core::error_ffi` gives Kotlin and Swift its
//! `code` and `detail`.

pub use imbridge_core::message::MessageError;

/// The error for a field the bindings themselves reject (6017).
pub(crate) fn invalid_field(field: &str, reason: impl Into<String>) -> MessageError {
    MessageError::InvalidField {
        field: field.to_string(),
        reason: reason.into(),
    }
}
