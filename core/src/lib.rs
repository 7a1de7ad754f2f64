//! imbridge-core: the rules a mobile IM SDK must get right, as plain Rust.
//!
//! Sans-IO: nothing in this crate reads the clock, draws randomness on its
//! own, sleeps or spawns threads. Time and randomness come in as arguments,
//! so every rule is deterministic and testable. Rule ids (M1, P2, …) refer to
//! `SPEC.md`; each module names the rules it implements.
#![forbid(unsafe_code)]
#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

pub mod dispatch;
pub mod doctor;
pub mod error;
pub mod init;
pub mod message;
pub mod outbox;
pub mod policy;
pub mod push;
pub mod redact;

pub use error::ErrorCode;
