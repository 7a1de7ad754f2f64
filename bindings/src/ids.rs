//! Identifiers, conversation ids and the MsgRandom tracker (SPEC M6, M7, M12).

use crate::error::MessageError;
use crate::lock::lock;
use imbridge_core::message as core;
use std::sync::Mutex;

/// Client message id `tinyid-clientTime-random` (SPEC M6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Record)]
pub struct ClientMsgId {
    /// The sender's tiny id.
    pub tinyid: u64,
    /// Client time, unix seconds.
    pub client_time: u64,
    /// Random part.
    pub random: u32,
}

/// C2C server key `MsgSeq_MsgRandom_MsgTime` (SPEC M6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Record)]
pub struct C2cMsgKey {
    /// `MsgSeq`.
    pub msg_seq: u32,
    /// `MsgRandom`.
    pub msg_random: u32,
    /// Server time, unix seconds.
    pub msg_time: u64,
}

/// Group message key: group id + server `MsgSeq` (SPEC M6).
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct GroupMsgKey {
    /// The group.
    pub group_id: String,
    /// Server sequence, strictly increasing per group.
    pub msg_seq: u64,
}

/// A conversation id as the SDK forms it (SPEC M12).
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum ConversationId {
    /// `c2c_<userID>`
    C2c {
        /// The other user.
        user_id: String,
    },
    /// `group_<groupID>`
    Group {
        /// The group.
        group_id: String,
    },
}

impl From<ClientMsgId> for core::ClientMsgId {
    fn from(id: ClientMsgId) -> Self {
        core::ClientMsgId {
            tinyid: id.tinyid,
            client_time: id.client_time,
            random: id.random,
        }
    }
}

impl From<core::ClientMsgId> for ClientMsgId {
    fn from(id: core::ClientMsgId) -> Self {
        ClientMsgId {
            tinyid: id.tinyid,
            client_time: id.client_time,
            random: id.random,
        }
    }
}

impl From<C2cMsgKey> for core::C2cMsgKey {
    fn from(k: C2cMsgKey) -> Self {
        core::C2cMsgKey {
            msg_seq: k.msg_seq,
            msg_random: k.msg_random,
            msg_time: k.msg_time,
        }
    }
}

impl From<core::C2cMsgKey> for C2cMsgKey {
    fn from(k: core::C2cMsgKey) -> Self {
        C2cMsgKey {
            msg_seq: k.msg_seq,
            msg_random: k.msg_random,
            msg_time: k.msg_time,
        }
    }
}

impl From<core::ConversationId> for ConversationId {
    fn from(c: core::ConversationId) -> Self {
        match c {
            core::ConversationId::C2c(user_id) => ConversationId::C2c { user_id },
            core::ConversationId::Group(group_id) => ConversationId::Group { group_id },
        }
    }
}

impl From<ConversationId> for core::ConversationId {
    fn from(c: ConversationId) -> Self {
        match c {
            ConversationId::C2c { user_id } => core::ConversationId::C2c(user_id),
            ConversationId::Group { group_id } => core::ConversationId::Group(group_id),
        }
    }
}

/// M6: a client message id from the caller's clock (unix seconds) and a
/// random value the caller drew.
#[uniffi::export]
pub fn client_msg_id_new(tinyid: u64, now_unix_secs: u64, random: u32) -> ClientMsgId {
    let mut source = move || random;
    core::ClientMsgId::generate(tinyid, now_unix_secs, &mut source).into()
}

/// M6: parses `tinyid-clientTime-random`; throws `InvalidField` (6017).
#[uniffi::export]
pub fn client_msg_id_parse(text: String) -> Result<ClientMsgId, MessageError> {
    Ok(core::ClientMsgId::parse(&text)?.into())
}

/// M6: the text form `tinyid-clientTime-random`.
#[uniffi::export]
pub fn client_msg_id_format(id: ClientMsgId) -> String {
    core::ClientMsgId::from(id).to_string()
}

/// M6: parses `MsgSeq_MsgRandom_MsgTime`; throws `InvalidField` (6017).
#[uniffi::export]
pub fn c2c_msg_key_parse(text: String) -> Result<C2cMsgKey, MessageError> {
    Ok(core::C2cMsgKey::parse(&text)?.into())
}

/// M6: the text form `MsgSeq_MsgRandom_MsgTime`.
#[uniffi::export]
pub fn c2c_msg_key_format(key: C2cMsgKey) -> String {
    core::C2cMsgKey::from(key).to_string()
}

/// M6: parses `GroupId_MsgSeq` (split at the last `_`); throws `InvalidField` (6017).
#[uniffi::export]
pub fn group_msg_key_parse(text: String) -> Result<GroupMsgKey, MessageError> {
    let key = core::GroupMsgKey::parse(&text)?;
    Ok(GroupMsgKey {
        group_id: key.group_id,
        msg_seq: key.msg_seq,
    })
}

/// M6: the text form `GroupId_MsgSeq`.
#[uniffi::export]
pub fn group_msg_key_format(key: GroupMsgKey) -> String {
    core::GroupMsgKey {
        group_id: key.group_id,
        msg_seq: key.msg_seq,
    }
    .to_string()
}

/// M12: parses `c2c_<userID>` / `group_<groupID>`; throws `InvalidField` (6017).
#[uniffi::export]
pub fn conversation_id_parse(text: String) -> Result<ConversationId, MessageError> {
    Ok(core::ConversationId::parse(&text)?.into())
}

/// M12: the text form `c2c_<userID>` / `group_<groupID>`.
#[uniffi::export]
pub fn conversation_id_format(id: ConversationId) -> String {
    core::ConversationId::from(id).to_string()
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
        let conversation = core::ConversationId::parse(&conversation)?;
        let mut state = lock(&self.state);
        let (tracker, random) = &mut *state;
        Ok(tracker.draw(&conversation, now_ms, random)?)
    }

    /// Records a value the app chose; throws `RandomReused` when it was
    /// used in the window (the service would drop that message).
    pub fn record(
        &self,
        conversation: String,
        random: u32,
        now_ms: u64,
    ) -> Result<(), MessageError> {
        let conversation = core::ConversationId::parse(&conversation)?;
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
