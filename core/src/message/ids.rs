//! Message identifiers (SPEC M6).
//!
//! Each identifier has `parse` (typed error on malformed input), `Display`
//! producing the same text, and — where the client creates it — generation
//! from the caller's clock value and random source, so tests are deterministic.

use crate::message::{MessageError, RandomSource};
use std::fmt;
use std::str::FromStr;

/// Parses a decimal number made of ASCII digits only (no sign, no spaces).
fn parse_decimal<T: FromStr>(text: &str, what: &str, whole: &str) -> Result<T, MessageError> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(MessageError::field(
            what,
            format!("{text:?} in {whole:?} is not a decimal number"),
        ));
    }
    text.parse()
        .map_err(|_| MessageError::field(what, format!("{text:?} in {whole:?} is out of range")))
}

/// Splits `text` into exactly `N` parts at `sep`.
fn split_exact<'a, const N: usize>(
    text: &'a str,
    sep: char,
    what: &str,
    form: &str,
) -> Result<[&'a str; N], MessageError> {
    let parts: Vec<&str> = text.split(sep).collect();
    parts
        .try_into()
        .map_err(|_| MessageError::field(what, format!("{text:?} is not of the form {form}")))
}

/// Client message id `tinyid-clientTime-random`: decimal u64, unix seconds,
/// decimal u32.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ClientMsgId {
    /// The sender's tiny id.
    pub tinyid: u64,
    /// Client clock when the message was created, unix seconds.
    pub client_time: u64,
    /// Random part.
    pub random: u32,
}

impl ClientMsgId {
    /// A new id for `tinyid`, with the caller's clock (`now_unix_secs`) and
    /// random source.
    pub fn generate(tinyid: u64, now_unix_secs: u64, random: &mut dyn RandomSource) -> ClientMsgId {
        ClientMsgId {
            tinyid,
            client_time: now_unix_secs,
            random: random.next_u32(),
        }
    }

    /// Parses `tinyid-clientTime-random`.
    pub fn parse(text: &str) -> Result<ClientMsgId, MessageError> {
        const WHAT: &str = "client message id";
        let [tinyid, time, random] = split_exact(text, '-', WHAT, "tinyid-clientTime-random")?;
        Ok(ClientMsgId {
            tinyid: parse_decimal(tinyid, WHAT, text)?,
            client_time: parse_decimal(time, WHAT, text)?,
            random: parse_decimal(random, WHAT, text)?,
        })
    }
}

impl fmt::Display for ClientMsgId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}-{}", self.tinyid, self.client_time, self.random)
    }
}

impl FromStr for ClientMsgId {
    type Err = MessageError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ClientMsgId::parse(s)
    }
}

/// Server key of a C2C message: `MsgSeq_MsgRandom_MsgTime`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct C2cMsgKey {
    /// The message's `MsgSeq`.
    pub msg_seq: u32,
    /// The message's `MsgRandom`.
    pub msg_random: u32,
    /// Server time, unix seconds.
    pub msg_time: u64,
}

impl C2cMsgKey {
    /// Parses `MsgSeq_MsgRandom_MsgTime`.
    pub fn parse(text: &str) -> Result<C2cMsgKey, MessageError> {
        const WHAT: &str = "C2C message key";
        let [seq, random, time] = split_exact(text, '_', WHAT, "MsgSeq_MsgRandom_MsgTime")?;
        Ok(C2cMsgKey {
            msg_seq: parse_decimal(seq, WHAT, text)?,
            msg_random: parse_decimal(random, WHAT, text)?,
            msg_time: parse_decimal(time, WHAT, text)?,
        })
    }
}

impl fmt::Display for C2cMsgKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}_{}_{}", self.msg_seq, self.msg_random, self.msg_time)
    }
}

impl FromStr for C2cMsgKey {
    type Err = MessageError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        C2cMsgKey::parse(s)
    }
}

/// A group message: its group and the server's `MsgSeq`, which is strictly
/// increasing per group. Text form `GroupId_MsgSeq`; the group id may itself
/// contain `_` (Community ids do), so parsing splits at the last one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct GroupMsgKey {
    /// The group.
    pub group_id: String,
    /// Server sequence number within the group.
    pub msg_seq: u64,
}

impl GroupMsgKey {
    /// Parses `GroupId_MsgSeq`.
    pub fn parse(text: &str) -> Result<GroupMsgKey, MessageError> {
        const WHAT: &str = "group message key";
        let (group_id, seq) = text.rsplit_once('_').ok_or_else(|| {
            MessageError::field(WHAT, format!("{text:?} is not of the form GroupId_MsgSeq"))
        })?;
        if group_id.is_empty() {
            return Err(MessageError::field(
                WHAT,
                format!("{text:?} has an empty group id"),
            ));
        }
        Ok(GroupMsgKey {
            group_id: group_id.to_string(),
            msg_seq: parse_decimal(seq, WHAT, text)?,
        })
    }

    /// Whether `self` comes after `earlier` in the same group (M6: server
    /// sequence numbers strictly increase per group).
    pub fn follows(&self, earlier: &GroupMsgKey) -> bool {
        self.group_id == earlier.group_id && self.msg_seq > earlier.msg_seq
    }
}

impl fmt::Display for GroupMsgKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}_{}", self.group_id, self.msg_seq)
    }
}

impl FromStr for GroupMsgKey {
    type Err = MessageError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        GroupMsgKey::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::SeededRandom;
    use proptest::prelude::*;

    #[test]
    fn m6_client_id_generates_from_injected_sources() {
        let mut a = SeededRandom::new(7);
        let mut b = SeededRandom::new(7);
        let id_a = ClientMsgId::generate(144115212345678, 1_700_000_000, &mut a);
        let id_b = ClientMsgId::generate(144115212345678, 1_700_000_000, &mut b);
        assert_eq!(id_a, id_b);
        assert_eq!(id_a.client_time, 1_700_000_000);
        let mut fixed = || 42u32;
        let id = ClientMsgId::generate(1, 2, &mut fixed);
        assert_eq!(id.to_string(), "1-2-42");
    }

    #[test]
    fn m6_client_id_parse_rejects_malformed() {
        for bad in [
            "",
            "1-2",
            "1-2-3-4",
            "a-2-3",
            "1--3",
            "1-2-4294967296",
            "+1-2-3",
            " 1-2-3",
            "-1-2-3",
        ] {
            let err = ClientMsgId::parse(bad).unwrap_err();
            assert_eq!(err.code().map(|c| c.code()), Some(6017), "{bad}");
        }
    }

    #[test]
    fn m6_a_group_key_follows_only_a_smaller_sequence_of_its_group() {
        let key = |text| GroupMsgKey::parse(text).unwrap();
        assert!(key("@TGS#1_5").follows(&key("@TGS#1_4")));
        assert!(!key("@TGS#1_5").follows(&key("@TGS#1_5")));
        assert!(!key("@TGS#1_4").follows(&key("@TGS#1_5")));
        assert!(!key("@TGS#2_5").follows(&key("@TGS#1_4")));
    }

    #[test]
    fn m6_c2c_key_parse_and_display() {
        let key = C2cMsgKey::parse("12_3456_1700000000").unwrap();
        assert_eq!(
            key,
            C2cMsgKey {
                msg_seq: 12,
                msg_random: 3456,
                msg_time: 1_700_000_000
            }
        );
        assert_eq!(key.to_string(), "12_3456_1700000000");
        for bad in ["12_3456", "12_3456_x", "4294967296_1_1", "1_2_3_4"] {
            assert!(C2cMsgKey::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn m6_group_key_splits_at_the_last_underscore() {
        let key = GroupMsgKey::parse("@TGS#_room_1_42").unwrap();
        assert_eq!(key.group_id, "@TGS#_room_1");
        assert_eq!(key.msg_seq, 42);
        assert_eq!(key.to_string(), "@TGS#_room_1_42");
        let later = GroupMsgKey {
            msg_seq: 43,
            ..key.clone()
        };
        assert!(later.follows(&key));
        assert!(!key.follows(&later));
        for bad in ["nogroup", "_42", "g_", "g_x"] {
            assert!(GroupMsgKey::parse(bad).is_err(), "{bad}");
        }
    }

    proptest! {
        #[test]
        fn m6_client_id_display_parse_round_trip(t in any::<u64>(), c in any::<u64>(), r in any::<u32>()) {
            let id = ClientMsgId { tinyid: t, client_time: c, random: r };
            prop_assert_eq!(ClientMsgId::parse(&id.to_string()).unwrap(), id);
        }

        #[test]
        fn m6_c2c_key_display_parse_round_trip(s in any::<u32>(), r in any::<u32>(), t in any::<u64>()) {
            let key = C2cMsgKey { msg_seq: s, msg_random: r, msg_time: t };
            prop_assert_eq!(C2cMsgKey::parse(&key.to_string()).unwrap(), key);
        }

        #[test]
        fn m6_group_key_display_parse_round_trip(g in "[@#A-Za-z0-9_]{1,20}", s in any::<u64>()) {
            let key = GroupMsgKey { group_id: g, msg_seq: s };
            prop_assert_eq!(GroupMsgKey::parse(&key.to_string()).unwrap(), key);
        }

        #[test]
        fn m6_parsers_never_panic(s in ".{0,40}") {
            let _ = ClientMsgId::parse(&s);
            let _ = C2cMsgKey::parse(&s);
            let _ = GroupMsgKey::parse(&s);
        }
    }
}
