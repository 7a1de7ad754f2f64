//! `imbridge`: the command line over imbridge-core.
//!
//! ```text
//! imbridge [demo]
//! imbridge wire check FILE|- [--group-type Work|Private|Public|Meeting|ChatRoom|Community|AVChatRoom]
//! imbridge outbox simulate FILE|-
//! imbridge push simulate FILE|-
//! imbridge doctor FILE|- [--json] | --list-rules
//! imbridge id parse ID…|-
//! ```
//!
//! Exit codes: 0 success, 1 the input is invalid (stderr starts with
//! `error[CODE]: `), 2 the command line itself is wrong.

mod demo;
mod doctor;
mod id_parse;
mod input;
mod outbox_simulate;
mod push_simulate;
mod wire_check;

use std::process::ExitCode;

const USAGE: &str = "usage:
  imbridge [demo]
      A scripted session through init, login, push, outbox, receiving and doctor.
  imbridge wire check FILE|- [--group-type Work|Public|Meeting|Community|AVChatRoom]
      (the Web SDK / REST spellings Private and ChatRoom are read too)
      Decode, validate and re-encode one sendmsg / send_group_msg body.
      Prints the body re-encoded on stdout (exit 0), or error[CODE]: … on stderr (exit 1).
  imbridge outbox simulate FILE|-
      Replay message arrivals through the priority outbox in simulated time.
      Prints one JSON line per message: {\"id\",\"sent_ms\"}, {\"id\",\"shed_ms\",\"reason\"},
      {\"id\",\"refused\":10023} or {\"id\",\"queued\":true}; invalid input: error[CODE]: … (exit 1).
  imbridge push simulate FILE|-
      Replay push-token events (enable, token, login, report_result, …) through one channel's
      state machine. Prints one JSON line per event: {\"at_ms\",\"state\",\"actions\":[…]};
      invalid config or event: error[CODE]: … (exit 1).
  imbridge doctor FILE|- [--json]
      Diagnose \"why didn't my message / push arrive?\" from a state snapshot: one finding per
      failed check, with its evidence and the fix. --list-rules lists every check.
  imbridge id parse ID…|-
      What each id is: client message id, C2C or group server key, legacy Web SDK message id
      or conversation id (native or Web form). One JSON line per id ({\"id\",\"kind\",…} or
      {\"id\",\"error\"}); - reads one id per line from stdin. Exit 1 if any id was not understood.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let words: Vec<&str> = args.iter().map(String::as_str).collect();
    match words.as_slice() {
        ["wire", "check", rest @ ..] => wire_check::run(rest),
        ["outbox", "simulate", rest @ ..] => outbox_simulate::run(rest),
        ["push", "simulate", rest @ ..] => push_simulate::run(rest),
        ["doctor", rest @ ..] => doctor::run(rest),
        ["id", "parse", rest @ ..] => id_parse::run(rest),
        [] | ["demo"] => demo::run(),
        ["help" | "--help" | "-h"] => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => usage_error("unknown command"),
    }
}

/// Prints a command-line error and the usage; exit code 2.
pub(crate) fn usage_error(what: &str) -> ExitCode {
    eprintln!("error[usage]: {what}\n{USAGE}");
    ExitCode::from(2)
}
