//! `imbridge push simulate`: replay push events through the token state
//! machine and print one JSON line per event.

use crate::input::read_input;
use crate::usage_error;
use imbridge_core::push::simulate::PushScenario;
use std::io::Write;
use std::process::ExitCode;

/// Runs the scenario file in `args` (`FILE|-`).
pub fn run(args: &[&str]) -> ExitCode {
    let [path] = args else {
        return usage_error("push simulate takes one FILE (or - for stdin)");
    };
    let text = match read_input(path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("error[io]: cannot read {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let lines = match PushScenario::parse(&text).and_then(|s| s.run()) {
        Ok(lines) => lines,
        Err(e) => {
            eprintln!("error[{}]: {e} (in {path})", e.code_or_name());
            return ExitCode::FAILURE;
        }
    };
    let mut out = std::io::stdout().lock();
    for line in lines {
        if writeln!(out, "{line}").is_err() {
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
