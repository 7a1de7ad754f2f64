//! The batch paths where the FFI crossing, not the work, is the cost: text
//! messages built and encoded many per call (SPEC M1–M3), and the id the
//! JVM's JNI entry points use to find a dispatcher.
//!
//! Swift calls these through UniFFI (its crossing is nearly free; flat
//! lists of strings convert faster than lists of records). The JVM calls
//! the same functions through JNI (`jvm.rs`): a JNA crossing costs
//! microseconds, a JNI one nanoseconds.

use crate::dispatch::DispatchCore;
use crate::error::MessageError;
use imbridge_core::dispatch as core_dispatch;
use imbridge_core::message as core;
use imbridge_core::sync::lock;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, Weak};

/// One text message of a batch: its `sendmsg` JSON, or why it was refused.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct EncodedText {
    /// The `sendmsg` body; empty when `error` is set.
    pub json: String,
    /// The typed error (6016 empty text, 8001 too large, 6017 no recipient).
    pub error: Option<MessageError>,
}

/// M3: builds and encodes one C2C text message with the default limits.
pub(crate) fn encode_c2c_text(
    to_account: &str,
    text: &str,
    msg_seq: u32,
    msg_random: u32,
) -> Result<String, MessageError> {
    let message = core::C2cMessage::new(
        to_account,
        msg_seq,
        msg_random,
        vec![core::Element::text(text)],
    );
    message.encode(&core::MessageLimits::default())
}

/// The four columns of a batch must have one length; the typed error names
/// the first that differs.
fn check_columns(lengths: [(&str, usize); 4]) -> Result<usize, MessageError> {
    let [(_, n), rest @ ..] = lengths;
    match rest.iter().find(|(_, len)| *len != n) {
        None => Ok(n),
        Some((name, len)) => Err(core::MessageError::InvalidField {
            field: (*name).to_string(),
            reason: format!("has {len} entries, the batch has {n}"),
        }),
    }
}

/// M3, many per call: message `i` goes to `to_accounts[i]` with
/// `texts[i]`, `msg_seqs[i]`, `msg_randoms[i]`. Each message succeeds or
/// fails alone; the result has one entry per message, in order. Columns of
/// different lengths throw `InvalidField` (6017).
#[uniffi::export]
pub fn encode_c2c_texts(
    to_accounts: Vec<String>,
    texts: Vec<String>,
    msg_seqs: Vec<u32>,
    msg_randoms: Vec<u32>,
) -> Result<Vec<EncodedText>, MessageError> {
    encode_rows(&to_accounts, &texts, &msg_seqs, &msg_randoms)
}

/// Checks the columns are of one length, then encodes row `i` of them;
/// behind both the UniFFI export and the JNI entry point.
pub(crate) fn encode_rows(
    to_accounts: &[String],
    texts: &[String],
    msg_seqs: &[u32],
    msg_randoms: &[u32],
) -> Result<Vec<EncodedText>, MessageError> {
    check_columns([
        ("to_accounts", to_accounts.len()),
        ("texts", texts.len()),
        ("msg_seqs", msg_seqs.len()),
        ("msg_randoms", msg_randoms.len()),
    ])?;
    Ok(to_accounts
        .iter()
        .zip(texts)
        .zip(msg_seqs.iter().zip(msg_randoms))
        .map(
            |((to, text), (seq, random))| match encode_c2c_text(to, text, *seq, *random) {
                Ok(json) => EncodedText { json, error: None },
                Err(error) => EncodedText {
                    json: String::new(),
                    error: Some(error),
                },
            },
        )
        .collect())
}

/// The cheapest exported call: the floor under every other crossing,
/// measured by the benchmarks.
#[uniffi::export]
pub fn noop() {}

/// Dispatchers the JVM's JNI entry points may reach, by id. Weak: the
/// table never keeps a dispatcher alive, and a stale id is a typed error,
/// not a dangling pointer. Ids are never reused.
#[derive(Default)]
struct Table {
    next: u64,
    entries: HashMap<u64, Weak<Mutex<core_dispatch::DispatchCore>>>,
}

static DISPATCHERS: Mutex<Option<Table>> = Mutex::new(None);

/// Finds a dispatcher by the id `fastPathId` gave. Only the JNI entry
/// points read the table, and Apple platforms have no JVM.
#[cfg(any(not(target_vendor = "apple"), test))]
pub(crate) fn dispatcher_by_id(id: u64) -> Option<Arc<Mutex<core_dispatch::DispatchCore>>> {
    lock(&DISPATCHERS).as_ref()?.entries.get(&id)?.upgrade()
}

#[uniffi::export]
impl DispatchCore {
    /// The id under which the JVM's JNI fast path (`JvmFastPath`) finds this
    /// dispatcher core: the same id on every call, for the dispatcher's life.
    pub fn fast_path_id(&self) -> u64 {
        let mut table = lock(&DISPATCHERS);
        let table = table.get_or_insert_with(Table::default);
        table.entries.retain(|_, d| d.strong_count() > 0);
        let mine = Arc::downgrade(&self.inner);
        if let Some((id, _)) = table.entries.iter().find(|(_, d)| d.ptr_eq(&mine)) {
            return *id;
        }
        table.next += 1;
        table.entries.insert(table.next, mine);
        table.next
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn m3_batch_rows_succeed_or_fail_alone() {
        let rows = encode_c2c_texts(
            vec!["bob".into(), String::new()],
            vec!["hi".into(), "x".into()],
            vec![1, 2],
            vec![u32::MAX, 0],
        )
        .unwrap();
        assert!(rows[0].error.is_none());
        assert!(rows[0].json.contains(r#""MsgRandom":4294967295"#));
        assert!(rows[1].error.is_some());
        assert!(rows[1].json.is_empty());
    }

    #[test]
    fn columns_of_different_lengths_are_a_typed_error_naming_the_column() {
        let err = encode_c2c_texts(vec!["a".into()], vec![], vec![1], vec![1]).unwrap_err();
        assert!(err.to_string().contains("texts"), "{err}");
    }

    #[test]
    fn fast_path_ids_are_stable_and_never_outlive_the_dispatcher() {
        let d = DispatchCore::new(None, 10);
        let id = d.fast_path_id();
        assert_eq!(d.fast_path_id(), id);
        assert!(dispatcher_by_id(id).is_some());
        let other = DispatchCore::new(None, 10);
        assert_ne!(other.fast_path_id(), id);
        drop(d);
        assert!(dispatcher_by_id(id).is_none());
        assert!(dispatcher_by_id(u64::MAX).is_none());
    }
}
