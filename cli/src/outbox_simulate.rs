//! `imbridge outbox simulate`: replay arrivals through the outbox in
//! simulated time and print one JSON line per message.

use crate::input::read_input;
use crate::usage_error;
use imbridge_core::outbox::simulate::Scenario;
use std::io::Write;
use std::process::ExitCode;

/// Runs the simulation of the scenario file in `args` (`FILE|-`).
pub fn run(args: &[&str]) -> ExitCode {
    let [path] = args else {
        return usage_error("outbox simulate takes one FILE (or - for stdin)");
    };
    let text = match read_input(path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("error[io]: cannot read {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let outcomes = match Scenario::parse(&text).and_then(|s| s.run()) {
        Ok(outcomes) => outcomes,
        Err(e) => {
            eprintln!("error[{}]: {e} (in {path})", e.code_or_name());
            return ExitCode::FAILURE;
        }
    };
    let mut out = std::io::stdout().lock();
    for outcome in outcomes {
        let line = serde_json::to_string(&outcome).unwrap_or_default();
        if writeln!(out, "{line}").is_err() {
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
