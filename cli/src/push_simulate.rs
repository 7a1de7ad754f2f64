//! `imbridge push simulate`: replay push events through the token state
//! machine and print one JSON line per event.

use crate::input::run_file_command;
use imbridge_core::push::simulate::PushScenario;
use std::process::ExitCode;

/// Runs the scenario file in `args` (`FILE|-`).
pub fn run(args: &[&str]) -> ExitCode {
    run_file_command(args, "push simulate", |text| {
        Ok(PushScenario::parse(text)?
            .run()?
            .iter()
            .map(ToString::to_string)
            .collect())
    })
}
