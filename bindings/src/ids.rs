//! Identifiers, conversation ids and the MsgRandom tracker (SPEC M6, M7, M12).

use crate::error::MessageError;
use imbridge_core::message as core;
pub use imbridge_core::message::{
    C2cMsgKey, ClientMsgId, ConversationId, ConversationIdForm, GroupMsgKey, LegacyWebMsgId,
    ParsedId,
};
use imbridge_core::sync::lock;
use std::sync::Mutex;

/// M6: a client message id from the caller's clock (unix seconds) and a
/// random value the caller drew.
#[uniffi::export]
pub fn client_msg_id_new(tinyid: u64, now_unix_secs: u64, random: u32) -> ClientMsgId {
    let mut source = move || random;
    ClientMsgId::generate(tinyid, now_unix_secs, &mut source)
}

/// M6: parses `tinyid-clientTime-random`; throws `InvalidField` (6017).
#[uniffi::export]
pub fn client_msg_id_parse(text: String) -> Result<ClientMsgId, MessageError> {
    ClientMsgId::parse(&text)
}

/// M6: the text form `tinyid-clientTime-random`.
#[uniffi::export]
pub fn client_msg_id_format(id: ClientMsgId) -> String {
    id.to_string()
}

/// M6: parses `MsgSeq_MsgRandom_MsgTime`; throws `InvalidField` (6017).
#[uniffi::export]
pub fn c2c_msg_key_parse(text: String) -> Result<C2cMsgKey, MessageError> {
    C2cMsgKey::parse(&text)
}

/// M6: the text form `MsgSeq_MsgRandom_MsgTime`.
#[uniffi::export]
pub fn c2c_msg_key_format(key: C2cMsgKey) -> String {
    key.to_string()
}

/// M6: parses `GroupId_MsgSeq` (split at the last `_`); throws `InvalidField` (6017).
#[uniffi::export]
pub fn group_msg_key_parse(text: String) -> Result<GroupMsgKey, MessageError> {
    GroupMsgKey::parse(&text)
}

/// M6: the text form `GroupId_MsgSeq`.
#[uniffi::export]
pub fn group_msg_key_format(key: GroupMsgKey) -> String {
    key.to_string()
}

/// M12: parses a conversation id in the native form (`c2c_<userID>`,
/// `group_<groupID>`) or the Web SDK's (`C2C<userID>`, `GROUP<groupID>`);
/// throws `InvalidField` (6017).
#[uniffi::export]
pub fn conversation_id_parse(text: String) -> Result<ConversationId, MessageError> {
    ConversationId::parse(&text)
}

/// M12: the id written in `form`: native (`c2c_bob`, the default) or Web (`C2Cbob`).
#[uniffi::export(default(form = None))]
pub fn conversation_id_format(id: ConversationId, form: Option<ConversationIdForm>) -> String {
    id.format(form.unwrap_or_default())
}

/// M6: parses a Web SDK (≤ 2.17) message id `C2Cbob-MsgSeq-random-1|0`;
/// throws `InvalidField` (6017).
#[uniffi::export]
pub fn legacy_web_msg_id_parse(text: String) -> Result<LegacyWebMsgId, MessageError> {
    LegacyWebMsgId::parse(&text)
}

/// M6: the text form of a legacy Web SDK message id.
#[uniffi::export]
pub fn legacy_web_msg_id_format(id: LegacyWebMsgId) -> String {
    id.to_string()
}

/// M6, M12: what an id is — client message id, C2C or group server key,
/// legacy Web message id or conversation id — with its parts (the same
/// parse as `imbridge id parse`); throws `InvalidField` (6017) naming the
/// forms tried.
#[uniffi::export]
pub fn id_parse(text: String) -> Result<ParsedId, MessageError> {
    imbridge_core::message::parse_id(&text)
}

/// Draws MsgRandom/Random values that are fresh in their conversation's
/// de-duplication window (120 s C2C, 5 min group) and flags reuse (SPEC M7):
/// the service silently drops a duplicate, offline push included.
///
/// Seeded by the caller once (e.g. from `SecureRandom`); time comes in as a
/// monotonic millisecond value on every call. Memory is bounded by
/// `capacity`; values forgotten early are counted in `forgotten()`.
#[derive(Debug, uniffi::Object)]
pub struct RandomTracker {
    state: Mutex<(core::RandomTracker, core::SeededRandom)>,
}

#[uniffi::export]
impl RandomTracker {
    /// A tracker drawing from a generator seeded with `seed`.
    #[uniffi::constructor(default(capacity = 65536))]
    pub fn new(seed: u64, capacity: u32) -> Self {
        RandomTracker {
            state: Mutex::new((
                core::RandomTracker::with_capacity(capacity as usize),
                core::SeededRandom::new(seed),
            )),
        }
    }

    /// A fresh value for `conversation` (`c2c_…` / `group_…`), recorded as
    /// used at `now_ms`. Throws `InvalidField` (6017) for a malformed id.
    pub fn draw(&self, conversation: String, now_ms: u64) -> Result<u32, MessageError> {
        let conversation = ConversationId::parse(&conversation)?;
        let mut state = lock(&self.state);
        let (tracker, random) = &mut *state;
        tracker.draw(&conversation, now_ms, random)
    }

    /// Records a value the app chose; throws `RandomReused` when it was
    /// used in the window (the service would drop that message).
    pub fn record(
        &self,
        conversation: String,
        random: u32,
        now_ms: u64,
    ) -> Result<(), MessageError> {
        let conversation = ConversationId::parse(&conversation)?;
        lock(&self.state).0.record(&conversation, random, now_ms)?;
        Ok(())
    }

    /// Values remembered now.
    pub fn remembered(&self) -> u64 {
        u64::try_from(lock(&self.state).0.len()).unwrap_or(u64::MAX)
    }

    /// Values forgotten before their window ended because the tracker was full.
    pub fn forgotten(&self) -> u64 {
        lock(&self.state).0.forgotten()
    }
}
