//! Secrets cross the FFI as their own type (SPEC T5): a push token, an app
//! secret, OPPO's MasterSecret. In Rust that is the core's `Secret` (its
//! custom type is declared beside it, in `imbridge_core::redact`); in
//! Kotlin the class `io.imbridge.core.Secret` and in Swift the struct `Secret`,
//! whose `toString()` / `description` print a fingerprint only — so a
//! record holding one can be logged whole without leaking it.

use imbridge_core::redact::Secret;

/// The fingerprint of a secret (SPEC T5): `#` and 8 hex digits of the
/// 32-bit FNV-1a hash of its UTF-8 bytes. Kotlin's `Secret.fingerprint` /
/// `toString()` and Swift's `Secret.fingerprint` / `description` call this,
/// so they show what `PushStatus.tokenFingerprint`, the logs and the
/// diagnostics snapshots show for the same secret.
#[uniffi::export]
pub fn secret_fingerprint(secret: Secret) -> String {
    secret.fingerprint()
}
