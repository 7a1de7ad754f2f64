//! T5: the shared fingerprint vectors (`tests/vectors/secret/`), which the
//! Kotlin and Swift suites read too, so all three show one value per secret.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use imbridge_core::redact::Secret;
use serde_json::Value;

#[test]
fn t5_fingerprints_match_the_shared_vectors() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/vectors/secret/fingerprints.json"
    );
    let file: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let vectors = file["vectors"].as_array().unwrap();
    assert!(vectors.len() >= 5);
    for v in vectors {
        let secret = Secret::new(v["secret"].as_str().unwrap());
        let expected = v["fingerprint"].as_str().unwrap();
        assert_eq!(secret.fingerprint(), expected, "{:?}", v["secret"]);
        assert_eq!(format!("{secret:?}"), format!("Secret({expected})"));
    }
}
