//! `imbridge wire check`: decode, validate and re-encode one send body.

use crate::input::read_input;
use crate::usage_error;
use imbridge_core::message::{GroupType, MessageLimits, SendBody};
use std::process::ExitCode;

/// Runs the check over `args` (`FILE|-` and an optional `--group-type T`).
pub fn run(args: &[&str]) -> ExitCode {
    let (path, group_type) = match parse_args(args) {
        Ok(parsed) => parsed,
        Err(what) => return usage_error(&what),
    };
    let text = match read_input(path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("error[io]: cannot read {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    match SendBody::check(&text, group_type, &MessageLimits::default()) {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error[{}]: {e} (in {path})", e.code_or_name());
            ExitCode::FAILURE
        }
    }
}

fn parse_args<'a>(args: &[&'a str]) -> Result<(&'a str, Option<GroupType>), String> {
    match args {
        [path] => Ok((path, None)),
        [path, "--group-type", name] | ["--group-type", name, path] => match GroupType::from_name(name) {
            Some(t) => Ok((path, Some(t))),
            None => Err(format!(
                "unknown group type {name:?}; expected Work, Public, Meeting, Community or AVChatRoom"
            )),
        },
        _ => Err("wire check takes one FILE (or - for stdin) and optionally --group-type TYPE".to_string()),
    }
}
