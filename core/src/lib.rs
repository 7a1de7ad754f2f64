//! imbridge-core: the rules a mobile IM SDK must get right, as plain Rust.
//!
//! Sans-IO: nothing in this crate reads the clock, draws randomness on its
//! own, sleeps or spawns threads. Time and randomness come in as arguments,
//! so every rule is deterministic and testable. Rule ids (M1, P2, …) refer to
//! `SPEC.md`; each module names the rules it implements.
// UniFFI's derives generate `unsafe impl`s for its converter traits; the
// core's own code stays free of unsafe either way.
#![cfg_attr(not(feature = "uniffi"), forbid(unsafe_code))]
#![cfg_attr(feature = "uniffi", deny(unsafe_code))]
#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

// The core's types cross the FFI as they are (component `imbridge_core`:
// Kotlin package `io.imbridge.core`, compiled into the Swift module
// `IMBridge`); see uniffi.toml beside Cargo.toml.
#[cfg(feature = "uniffi")]
uniffi::setup_scaffolding!("imbridge_core");

pub mod dispatch;
pub mod doctor;
pub mod error;
#[cfg(feature = "uniffi")]
mod error_ffi;
pub mod init;
pub mod message;
pub mod outbox;
pub mod policy;
pub mod push;
pub mod redact;
pub mod sync;

pub use error::ErrorCode;
#[cfg(feature = "uniffi")]
pub use error_ffi::*;
