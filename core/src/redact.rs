//! Secrets that never reach a log line or `Debug` output (SPEC T5).

use serde::{Deserialize, Serialize};
use std::fmt;

/// A short, stable fingerprint of a secret: `#` and 8 hex digits of the
/// 32-bit FNV-1a hash of its UTF-8 bytes — enough to tell two tokens apart
/// in a log, useless for recovering one. A fixed, documented function, so
/// Rust, Kotlin and Swift (which call this one through the FFI), logs and
/// diagnostics snapshots show the same value for the same secret, in every
/// version.
pub fn short_hash(secret: &str) -> String {
    const OFFSET_BASIS: u32 = 0x811c_9dc5;
    const PRIME: u32 = 0x0100_0193;
    let hash = secret
        .bytes()
        .fold(OFFSET_BASIS, |h, b| (h ^ u32::from(b)).wrapping_mul(PRIME));
    format!("#{hash:08x}")
}

/// A string that must not be shown: a push token, an app secret, a user
/// sig. `Debug` and `Display` print only [`short_hash`]; the value itself is
/// reachable through [`Secret::expose`], which makes every use visible.
#[derive(Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

// Crosses the FFI as its own type: the Kotlin class `io.imbridge.core.Secret`
// and the Swift struct `Secret`, whose `toString()` / `description` print
// the fingerprint only (see uniffi.toml).
#[cfg(feature = "uniffi")]
uniffi::custom_type!(Secret, String, {
    lower: |secret| secret.expose().to_string(),
    try_lift: |text| Ok(Secret::new(text)),
});

impl Secret {
    /// Wraps a secret.
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// The secret itself, for the one place that must send it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether it is empty (after trimming).
    pub fn is_blank(&self) -> bool {
        self.0.trim().is_empty()
    }

    /// Its fingerprint.
    pub fn fingerprint(&self) -> String {
        short_hash(&self.0)
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret({})", self.fingerprint())
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.fingerprint())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn t5_secrets_never_show_in_debug_or_display() {
        let token = Secret::new("0123456789abcdef-device-token");
        let shown = format!("{token:?} {token} {:?}", Some(&token));
        assert!(!shown.contains("0123456789abcdef"), "{shown}");
        assert!(shown.contains(&token.fingerprint()));
        assert_eq!(token.expose(), "0123456789abcdef-device-token");
    }

    #[test]
    fn t5_fingerprint_is_fnv1a_32_of_the_utf8() {
        // The FNV reference test values (draft-eastlake-fnv, FNV-1a 32-bit).
        assert_eq!(short_hash(""), "#811c9dc5");
        assert_eq!(short_hash("a"), "#e40c292c");
        assert_eq!(short_hash("foobar"), "#bf9cf968");
    }

    #[test]
    fn t5_fingerprint_is_stable_and_distinguishes() {
        assert_eq!(short_hash("a"), short_hash("a"));
        assert_ne!(short_hash("a"), short_hash("b"));
        assert_eq!(short_hash("a").len(), 9);
    }
}
