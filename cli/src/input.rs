//! Reading a command's input file (or stdin for `-`) and printing its
//! result as lines: the shape every file-reading command shares.

use crate::usage_error;
use imbridge_core::message::MessageError;
use std::io::{Read, Write};
use std::process::ExitCode;

/// The text of `path`, or of stdin when `path` is `-`.
pub fn read_input(path: &str) -> std::io::Result<String> {
    if path == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text)?;
        Ok(text)
    } else {
        std::fs::read_to_string(path)
    }
}

/// Runs a command over one input file (`args` must be exactly `FILE|-`):
/// `run` turns its text into output lines, printed on stdout (exit 0), or
/// into an error printed as `error[CODE]: …` on stderr (exit 1). An
/// unreadable file is `error[io]` (exit 1), a wrong command line exit 2.
pub fn run_file_command(
    args: &[&str],
    command: &str,
    run: impl FnOnce(&str) -> Result<Vec<String>, MessageError>,
) -> ExitCode {
    let [path] = args else {
        return usage_error(&format!("{command} takes one FILE (or - for stdin)"));
    };
    let text = match read_input(path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("error[io]: cannot read {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let lines = match run(&text) {
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
