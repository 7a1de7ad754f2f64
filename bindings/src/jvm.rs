//! JNI entry points for the JVM's batch paths (Kotlin `io.imbridge.JvmFastPath`).
//!
//! UniFFI reaches Kotlin through JNA, which costs microseconds per call;
//! these few hot paths are also exported as plain JNI functions, which cost
//! nanoseconds. Everything else stays on the UniFFI API. Results cross as
//! one byte array in UniFFI's own serialisation, so the Kotlin side reads
//! them with the generated converters — one format, no second schema:
//!
//! - byte 0 = 0: the value follows;
//! - byte 0 = 1: a `MessageError` follows (the same typed error UniFFI throws).
//!
//! A `null` result means a Java exception is pending (a JNI failure such as
//! out of memory); a panic never unwinds into the JVM.
#![allow(unsafe_code)] // JNI entry points are `#[no_mangle] extern "system"` by definition.

use crate::dispatch::receive;
use crate::error::MessageError;
use crate::fast_path::{dispatcher_by_id, encode_c2c_text, encode_rows};
use crate::UniFfiTag;
use imbridge_core::message as core;
use jni::objects::{JByteArray, JClass, JIntArray, JObjectArray, JString};
use jni::sys::{jbyteArray, jint, jlong, JNI_VERSION_1_6};
use jni::{JNIEnv, JavaVM};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::OnceLock;
use uniffi::Lower;

/// The JavaVM, kept from `JNI_OnLoad` so that a thread Rust owns can attach
/// once (`attach_current_thread_permanently`) instead of per callback. The
/// core starts no thread today: every callback runs on the caller's thread,
/// which the JVM has already attached, so nothing reads it yet.
static JAVA_VM: OnceLock<JavaVM> = OnceLock::new();

/// Called by the JVM when `System.loadLibrary("imbridge")` loads the library.
#[no_mangle]
pub extern "system" fn JNI_OnLoad(
    vm: *mut jni::sys::JavaVM,
    _reserved: *mut std::ffi::c_void,
) -> jint {
    // SAFETY: the JVM passes its own, valid JavaVM pointer to JNI_OnLoad,
    // and a JavaVM is valid for the life of the process.
    if let Ok(vm) = unsafe { JavaVM::from_raw(vm) } {
        let _ = JAVA_VM.set(vm);
    }
    JNI_VERSION_1_6
}

/// Why an entry point could not produce a result frame.
enum Failure {
    /// Bad input: becomes the typed error frame.
    Message(MessageError),
    /// A JNI call failed; a Java exception is usually pending already.
    Jni(jni::errors::Error),
}

impl From<MessageError> for Failure {
    fn from(e: MessageError) -> Self {
        Failure::Message(e)
    }
}

impl From<jni::errors::Error> for Failure {
    fn from(e: jni::errors::Error) -> Self {
        Failure::Jni(e)
    }
}

/// Runs an entry point's body: its value becomes an `ok` frame, a typed
/// error an `error` frame; a JNI failure or a panic becomes a pending
/// `IllegalStateException` and `null`.
fn respond<'l, T: Lower<UniFfiTag>>(
    env: &mut JNIEnv<'l>,
    body: impl FnOnce(&mut JNIEnv<'l>) -> Result<T, Failure>,
) -> jbyteArray {
    let outcome = catch_unwind(AssertUnwindSafe(|| body(env)));
    let mut frame = Vec::with_capacity(256);
    let problem = match outcome {
        Ok(Ok(value)) => {
            frame.push(0);
            T::write(value, &mut frame);
            None
        }
        Ok(Err(Failure::Message(error))) => {
            frame.push(1);
            <MessageError as Lower<UniFfiTag>>::write(error, &mut frame);
            None
        }
        Ok(Err(Failure::Jni(error))) => Some(format!("imbridge JNI call failed: {error}")),
        Err(_) => Some("imbridge: internal error (panic caught at the JNI boundary)".to_string()),
    };
    if let Some(why) = problem {
        if !env.exception_check().unwrap_or(true) {
            let _ = env.throw_new("java/lang/IllegalStateException", why);
        }
        return std::ptr::null_mut();
    }
    match env.byte_array_from_slice(&frame) {
        Ok(array) => array.into_raw(),
        Err(_) => std::ptr::null_mut(),
    }
}

/// The typed error for bad input in `field` (6017).
fn invalid(field: &str, reason: impl Into<String>) -> Failure {
    core::MessageError::InvalidField {
        field: field.to_string(),
        reason: reason.into(),
    }
    .into()
}

/// A Kotlin `String` argument as Rust text; `null` is a typed error naming `field`.
fn text(env: &mut JNIEnv<'_>, value: &JString<'_>, field: &str) -> Result<String, Failure> {
    if value.is_null() {
        return Err(invalid(field, "is null"));
    }
    // SAFETY: `value` is a non-null reference the JVM typed as
    // java.lang.String (the Kotlin declaration says `String`), which is what
    // the unchecked variant requires; it skips a class lookup per string.
    let java = unsafe { env.get_string_unchecked(value) }?;
    // Modified UTF-8 → UTF-8. The Kotlin side (`FastPath`) has already
    // replaced unpaired surrogates with U+FFFD, so this never sees one.
    Ok(String::from(java))
}

/// Kotlin text sent as UTF-8 bytes (`String.encodeToByteArray()`, an
/// intrinsic on the JVM): one copy, no modified-UTF-8 round trip. Bytes
/// that are not UTF-8 are a typed error naming `field`.
fn utf8(env: &mut JNIEnv<'_>, value: &JByteArray<'_>, field: &str) -> Result<String, Failure> {
    if value.is_null() {
        return Err(invalid(field, "is null"));
    }
    let bytes = env.convert_byte_array(value)?;
    String::from_utf8(bytes).map_err(|e| invalid(field, format!("is not UTF-8: {e}")))
}

/// A Kotlin `Array<String>` as Rust strings, releasing each local reference
/// as it goes so a large batch cannot fill the JVM's local reference table.
fn texts(
    env: &mut JNIEnv<'_>,
    array: &JObjectArray<'_>,
    field: &str,
) -> Result<Vec<String>, Failure> {
    let len = env.get_array_length(array)?;
    let mut out = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    for i in 0..len {
        let element = JString::from(env.get_object_array_element(array, i)?);
        let value = text(env, &element, field);
        env.delete_local_ref(element)?;
        out.push(value?);
    }
    Ok(out)
}

/// A Kotlin `IntArray` carrying `u32` values bit for bit.
fn u32s(env: &mut JNIEnv<'_>, array: &JIntArray<'_>) -> Result<Vec<u32>, Failure> {
    let len = env.get_array_length(array)?;
    let mut ints = vec![0; usize::try_from(len).unwrap_or(0)];
    env.get_int_array_region(array, 0, &mut ints)?;
    Ok(ints
        .into_iter()
        .map(|i| u32::from_ne_bytes(i.to_ne_bytes()))
        .collect())
}

/// The floor under every crossing: does nothing.
#[no_mangle]
pub extern "system" fn Java_io_imbridge_JvmFastPath_noop(_env: JNIEnv<'_>, _class: JClass<'_>) {}

/// `DispatchCore.receive` over JNI: `messages` is one JSON array, as
/// UTF-8 bytes (what the transport read). Frame value: `Receipt`.
#[no_mangle]
pub extern "system" fn Java_io_imbridge_JvmFastPath_receive<'l>(
    mut env: JNIEnv<'l>,
    _class: JClass<'l>,
    dispatcher: jlong,
    now_ms: jlong,
    messages: JByteArray<'l>,
    arrived_on: JString<'l>,
) -> jbyteArray {
    respond(&mut env, |env| {
        let id = u64::from_ne_bytes(dispatcher.to_ne_bytes());
        let dispatcher = dispatcher_by_id(id).ok_or_else(|| {
            invalid(
                "dispatcher",
                format!("no live dispatcher has fast-path id {id}"),
            )
        })?;
        // Kotlin passes its ULong's 64 bits (ULong.toLong()): read them back.
        let now_ms = u64::from_ne_bytes(now_ms.to_ne_bytes());
        let arrived_on = if arrived_on.is_null() {
            None
        } else {
            Some(text(env, &arrived_on, "arrived_on")?)
        };
        let bytes = env.convert_byte_array(&messages)?;
        let json = std::str::from_utf8(&bytes)
            .map_err(|e| invalid("messages", format!("is not UTF-8: {e}")))?;
        Ok(receive(&dispatcher, now_ms, json, arrived_on)?)
    })
}

/// M3: one text message built and encoded; the strings come as UTF-8
/// bytes. Frame value: the JSON string.
#[no_mangle]
pub extern "system" fn Java_io_imbridge_JvmFastPath_encodeC2cText<'l>(
    mut env: JNIEnv<'l>,
    _class: JClass<'l>,
    to_account: JByteArray<'l>,
    message_text: JByteArray<'l>,
    msg_seq: jint,
    msg_random: jint,
) -> jbyteArray {
    respond(&mut env, |env| {
        let to = utf8(env, &to_account, "To_Account")?;
        let body = utf8(env, &message_text, "Text")?;
        let seq = u32::from_ne_bytes(msg_seq.to_ne_bytes());
        let random = u32::from_ne_bytes(msg_random.to_ne_bytes());
        Ok(encode_c2c_text(&to, &body, seq, random)?)
    })
}

/// M3, many per call: `encodeC2cTexts` over JNI. Frame value: the list of
/// `EncodedText`, one per message, each with its JSON or its typed error.
#[no_mangle]
pub extern "system" fn Java_io_imbridge_JvmFastPath_encodeC2cTexts<'l>(
    mut env: JNIEnv<'l>,
    _class: JClass<'l>,
    to_accounts: JObjectArray<'l>,
    message_texts: JObjectArray<'l>,
    msg_seqs: JIntArray<'l>,
    msg_randoms: JIntArray<'l>,
) -> jbyteArray {
    respond(&mut env, |env| {
        let to = texts(env, &to_accounts, "to_accounts")?;
        let bodies = texts(env, &message_texts, "texts")?;
        let seqs = u32s(env, &msg_seqs)?;
        let randoms = u32s(env, &msg_randoms)?;
        Ok(encode_rows(&to, &bodies, &seqs, &randoms)?)
    })
}
