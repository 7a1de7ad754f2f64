//! Tests that need a second OS process re-run their own test binary.

use std::process::Command;

/// Runs this test binary again as a child process. Under an emulator
/// (scripts/test-arm.sh runs ARM builds with qemu-user) the binary cannot be
/// executed directly: `IMBRIDGE_TEST_RUNNER` holds the runner command the
/// child is started with, as cargo's target runner starts the parent.
pub fn this_test_binary() -> Command {
    let exe = std::env::current_exe().unwrap();
    let runner = std::env::var("IMBRIDGE_TEST_RUNNER").unwrap_or_default();
    let mut words = runner.split_whitespace();
    match words.next() {
        Some(program) => {
            let mut command = Command::new(program);
            command.args(words).arg(exe);
            command
        }
        None => Command::new(exe),
    }
}
