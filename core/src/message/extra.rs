//! Keys of the wire format that this version does not model (SPEC M1):
//! kept and written back unchanged, so nothing received is lost.

use serde_json::{Map, Value};

/// Keys of an element's content or a body that this version does not
/// model; kept and re-encoded unchanged so nothing received is lost.
///
/// Across the FFI it is a map from each key to its value as JSON text
/// (`{"Lang": "\"en\""}`). A value that is not JSON crosses back as a JSON
/// string holding that text: lifting never fails, and nothing is dropped.
pub type Extra = Map<String, Value>;

/// Any JSON value, as the service sent it (an unknown element's
/// `MsgContent`). Across the FFI it is its JSON text; text that is not JSON
/// crosses back as a JSON string, which validation then reports (M2, 6016).
pub type JsonValue = Value;

/// `skip_serializing_if` for the `extra` maps: write them only when they hold keys.
pub(crate) fn extra_is_empty(extra: &Extra) -> bool {
    extra.is_empty()
}

// The FFI forms below are plain functions, compiled and tested with or
// without the `uniffi` feature; only the custom types need it.

/// JSON text to a value; text that is not JSON becomes a JSON string.
#[cfg_attr(not(feature = "uniffi"), allow(dead_code))]
fn value_from_text(text: String) -> Value {
    serde_json::from_str(&text).unwrap_or(Value::String(text))
}

/// The FFI form of [`Extra`]: each key with its value as JSON text.
type ExtraTexts = std::collections::HashMap<String, String>;

#[cfg_attr(not(feature = "uniffi"), allow(dead_code))]
fn extra_to_texts(extra: Extra) -> ExtraTexts {
    extra
        .into_iter()
        .map(|(key, value)| (key, value.to_string()))
        .collect()
}

#[cfg_attr(not(feature = "uniffi"), allow(dead_code))]
fn extra_from_texts(texts: ExtraTexts) -> Extra {
    texts
        .into_iter()
        .map(|(key, text)| (key, value_from_text(text)))
        .collect()
}

#[cfg(feature = "uniffi")]
uniffi::custom_type!(Extra, ExtraTexts, {
    remote,
    lower: |extra| extra_to_texts(extra),
    try_lift: |texts| Ok(extra_from_texts(texts)),
});

#[cfg(feature = "uniffi")]
uniffi::custom_type!(JsonValue, String, {
    remote,
    lower: |value| value.to_string(),
    try_lift: |text| Ok(value_from_text(text)),
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn m1_extra_values_cross_as_json_text_and_back() {
        let extra: Extra = serde_json::from_str(r#"{"Lang":"en","N":[1,{"b":null}]}"#).unwrap();
        let texts = extra_to_texts(extra.clone());
        assert_eq!(texts["Lang"], r#""en""#);
        assert_eq!(texts["N"], r#"[1,{"b":null}]"#);
        assert_eq!(extra_from_texts(texts), extra);
    }

    #[test]
    fn m1_text_that_is_not_json_is_kept_as_a_string() {
        let texts = ExtraTexts::from([("Lang".to_string(), "en".to_string())]);
        assert_eq!(extra_from_texts(texts)["Lang"], Value::String("en".into()));
        assert_eq!(value_from_text("{".into()), Value::String("{".into()));
        assert_eq!(value_from_text("12".into()), Value::from(12));
    }
}
