//! The README's main command: `imbridge` with no arguments runs the demo.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::process::Command;

#[test]
fn demo_runs_every_step_and_succeeds() {
    let out = Command::new(env!("CARGO_BIN_EXE_imbridge"))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for expected in [
        ":push process → refused",
        "main process → initialised",
        "Registered",
        "sent 40 (first: red-packet)",
        "shed 21 gifts",
        "message #2 not delivered: duplicate",
        "error q2.no_listener",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    assert!(
        !text.contains("a1b2c3-apns-device-token"),
        "the token must never be printed"
    );
}
