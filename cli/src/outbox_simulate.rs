//! `imbridge outbox simulate`: replay arrivals through the outbox in
//! simulated time and print one JSON line per message.

use crate::input::run_file_command;
use imbridge_core::outbox::simulate::Scenario;
use std::process::ExitCode;

/// Runs the simulation of the scenario file in `args` (`FILE|-`).
pub fn run(args: &[&str]) -> ExitCode {
    run_file_command(args, "outbox simulate", |text| {
        let outcomes = Scenario::parse(text)?.run()?;
        Ok(outcomes
            .iter()
            .map(|o| serde_json::to_string(o).unwrap_or_default())
            .collect())
    })
}
