//! Keys of the wire format that this version does not model (SPEC M1):
//! kept and written back unchanged, so nothing received is lost.

use serde_json::{Map, Value};

/// Keys of an element's content or a body that this version does not
/// model; kept and re-encoded unchanged so nothing received is lost.
pub type Extra = Map<String, Value>;

/// `skip_serializing_if` for the `extra` maps: write them only when they hold keys.
pub(crate) fn extra_is_empty(extra: &Extra) -> bool {
    extra.is_empty()
}
