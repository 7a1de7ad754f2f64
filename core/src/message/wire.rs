//! Shared pieces of the REST wire format: 0/1 flags and decoding with
//! errors that name the field.

use crate::message::MessageError;
use serde::de::DeserializeOwned;

/// `Option<bool>` carried on the wire as 0/1 (`SupportMessageExtension`,
/// `OnlineOnlyFlag`, `BadgeMode`, `MutableContent`).
pub(crate) mod opt_flag01 {
    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(
        value: &Option<bool>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(flag) => serializer.serialize_u8(u8::from(*flag)),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<bool>, D::Error> {
        match Option::<u64>::deserialize(deserializer)? {
            None => Ok(None),
            Some(0) => Ok(Some(false)),
            Some(1) => Ok(Some(true)),
            Some(n) => Err(D::Error::custom(format!("flag is {n}, expected 0 or 1"))),
        }
    }
}

/// Decodes a JSON document into `T`, turning serde's error into a typed
/// [`MessageError`] that names the field: syntax errors and truncated input
/// become [`MessageError::Json`], wrong types, missing fields and numbers out
/// of range become [`MessageError::InvalidField`] (6017).
pub fn decode_json<'de, T: serde::Deserialize<'de>>(json: &'de str) -> Result<T, MessageError> {
    // Most input is valid: decode it directly, and pay for tracking the
    // path of the error (about 2× the decode) only when there is one.
    if let Ok(value) = serde_json::from_str(json) {
        return Ok(value);
    }
    let mut de = serde_json::Deserializer::from_str(json);
    let value = serde_path_to_error::deserialize(&mut de).map_err(path_error)?;
    de.end().map_err(|e| json_error(&e))?;
    Ok(value)
}

/// Decodes an already-parsed JSON value into `T`, with the same typed
/// errors as [`decode_json`].
pub fn decode_value<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, MessageError> {
    serde_path_to_error::deserialize(value).map_err(path_error)
}

/// Parses JSON text into a value; syntax errors and truncated input become
/// [`MessageError::Json`].
pub fn parse_json(json: &str) -> Result<serde_json::Value, MessageError> {
    serde_json::from_str(json).map_err(|e| json_error(&e))
}

fn json_error(e: &serde_json::Error) -> MessageError {
    MessageError::Json {
        line: MessageError::count(e.line()),
        column: MessageError::count(e.column()),
        reason: strip_position(&e.to_string()),
    }
}

fn path_error(e: serde_path_to_error::Error<serde_json::Error>) -> MessageError {
    let path = e.path().to_string();
    let inner = e.into_inner();
    if matches!(inner.classify(), serde_json::error::Category::Data) {
        let reason = strip_position(&inner.to_string());
        // Element contents report their own inner path ("MsgContent.Text: …").
        let (field, reason) = match reason.split_once(": ") {
            Some((inner_path, rest)) if inner_path.starts_with("MsgContent") => {
                (format!("{path}.{inner_path}"), rest.to_string())
            }
            _ => (path, reason),
        };
        let field = match (field.as_str(), missing_field(&reason)) {
            (".", Some(missing)) => missing.to_string(),
            (_, Some(missing)) => format!("{field}.{missing}"),
            (".", None) => "body".to_string(),
            (_, None) => field,
        };
        MessageError::InvalidField { field, reason }
    } else {
        json_error(&inner)
    }
}

/// The field named by serde's "missing field `X`" message.
fn missing_field(reason: &str) -> Option<&str> {
    reason.strip_prefix("missing field `")?.strip_suffix('`')
}

/// serde_json appends " at line L column C"; the typed error carries them apart.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message.get(..at).unwrap_or(message).to_string(),
        None => message.to_string(),
    }
}
