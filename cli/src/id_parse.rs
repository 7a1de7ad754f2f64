//! `imbridge id parse ID…|-`: what each id is (SPEC M6, M12), one JSON
//! line per id, for support engineers handed ids from any client.

use crate::input::read_input;
use crate::usage_error;
use imbridge_core::message::{parse_id, ConversationId, ConversationIdForm, ParsedId};
use serde_json::{json, Map, Value};
use std::io::Write;
use std::process::ExitCode;

/// Prints one line per id: its kind and parts, or `{"id","error"}`. Exit 1
/// when any id was not understood, 2 when no id was given.
pub fn run(args: &[&str]) -> ExitCode {
    let ids: Vec<String> = match args {
        [] => {
            return usage_error(
                "id parse takes one or more IDs (or - for one id per line on stdin)",
            )
        }
        ["-"] => match read_input("-") {
            Ok(text) => text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(String::from)
                .collect(),
            Err(e) => {
                eprintln!("error[io]: cannot read stdin: {e}");
                return ExitCode::FAILURE;
            }
        },
        ids => ids.iter().map(|s| s.to_string()).collect(),
    };
    let mut all_understood = true;
    let mut out = std::io::stdout().lock();
    for id in &ids {
        let line = describe(id);
        all_understood &= line.get("error").is_none();
        if writeln!(out, "{line}").is_err() {
            return ExitCode::FAILURE;
        }
    }
    if all_understood {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The JSON line for one id.
pub fn describe(id: &str) -> Value {
    let mut line = Map::new();
    line.insert("id".into(), json!(id));
    match parse_id(id) {
        Ok(parsed) => {
            line.insert("kind".into(), json!(parsed.kind()));
            line.extend(parts(&parsed));
        }
        Err(e) => {
            line.insert("error".into(), json!(e.to_string()));
        }
    }
    Value::Object(line)
}

fn parts(parsed: &ParsedId) -> Map<String, Value> {
    let value = match parsed {
        ParsedId::ClientMessage {
            id,
            client_time_utc,
        } => json!({
            "tinyid": id.tinyid,
            "client_time": id.client_time,
            "client_time_utc": client_time_utc,
            "random": id.random,
        }),
        ParsedId::C2cServerKey { key, msg_time_utc } => json!({
            "msg_seq": key.msg_seq,
            "msg_random": key.msg_random,
            "msg_time": key.msg_time,
            "msg_time_utc": msg_time_utc,
        }),
        ParsedId::GroupServerKey { key } => json!({
            "group_id": key.group_id,
            "msg_seq": key.msg_seq,
        }),
        ParsedId::LegacyWeb { id } => {
            let mut v = conversation(&id.conversation);
            v.insert("msg_seq".into(), json!(id.msg_seq));
            v.insert("random".into(), json!(id.random));
            v.insert("sent_by_me".into(), json!(id.sent_by_me));
            return v;
        }
        ParsedId::Conversation { id, form } => {
            let mut v = conversation(id);
            v.insert("form".into(), json!(form.name()));
            return v;
        }
    };
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

/// `conversation` (native form), `web` form, and the peer or group.
fn conversation(id: &ConversationId) -> Map<String, Value> {
    let mut v = Map::new();
    v.insert("conversation".into(), json!(id.to_string()));
    v.insert("web".into(), json!(id.format(ConversationIdForm::Web)));
    match id {
        ConversationId::C2c { user_id } => {
            v.insert("conversation_kind".into(), json!("c2c"));
            v.insert("peer".into(), json!(user_id));
        }
        ConversationId::Group { group_id } => {
            v.insert("conversation_kind".into(), json!("group"));
            v.insert("group_id".into(), json!(group_id));
        }
    }
    v
}
