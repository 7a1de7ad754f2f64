//! Message ids of the Web SDK up to 2.17 (SPEC M6, M12):
//! `<conversation>-<MsgSeq>-<random>-<1|0>`, the conversation in the Web
//! form (`C2Cbob`, `GROUP@TGS#…`) and the last digit 1 when the message was
//! sent by the user whose SDK made the id.

use crate::message::{ConversationId, ConversationIdForm, MessageError};
use std::fmt;
use std::str::FromStr;

/// A legacy Web SDK message id, e.g. `C2Cbob-3729430001-12345678-1`.
///
/// The Web SDK's C2C `MsgSeq` counter starts at `HHMMSS0001` and exceeds
/// `i32::MAX` for hours 00–09 (written `30`–`39`), so it is held whole.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct LegacyWebMsgId {
    /// The conversation the id names.
    pub conversation: ConversationId,
    /// The message's sequence number (`MsgSeq`).
    pub msg_seq: u64,
    /// The message's random value.
    pub random: u32,
    /// Whether the user whose SDK made the id sent the message.
    pub sent_by_me: bool,
}

impl LegacyWebMsgId {
    /// Parses `<conversation>-<MsgSeq>-<random>-<1|0>`; user ids may hold
    /// `-`, so the three numbers are taken from the right. Typed error
    /// (6017) for anything else.
    pub fn parse(text: &str) -> Result<LegacyWebMsgId, MessageError> {
        const WHAT: &str = "legacy web message id";
        let malformed = || {
            MessageError::field(
                WHAT,
                format!("{text:?} is not of the form <C2C…|GROUP…>-MsgSeq-random-<1|0>"),
            )
        };
        let mut parts = text.rsplitn(4, '-');
        let (Some(mine), Some(random), Some(seq), Some(conversation)) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(malformed());
        };
        let sent_by_me = match mine {
            "1" => true,
            "0" => false,
            _ => return Err(malformed()),
        };
        let (conversation, form) =
            ConversationId::parse_with_form(conversation).map_err(|_| malformed())?;
        if form != ConversationIdForm::Web {
            return Err(malformed());
        }
        Ok(LegacyWebMsgId {
            conversation,
            msg_seq: decimal(seq).ok_or_else(malformed)?,
            random: decimal(random).ok_or_else(malformed)?,
            sent_by_me,
        })
    }
}

/// ASCII digits only, in range for `T`.
fn decimal<T: FromStr>(text: &str) -> Option<T> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

impl fmt::Display for LegacyWebMsgId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}-{}-{}-{}",
            self.conversation.format(ConversationIdForm::Web),
            self.msg_seq,
            self.random,
            u8::from(self.sent_by_me)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn m6_legacy_web_id_parses_from_the_right_and_formats_back() {
        let id = LegacyWebMsgId::parse("C2Cuser-with-dash-3729430001-12345678-1").unwrap();
        assert_eq!(
            id,
            LegacyWebMsgId {
                conversation: ConversationId::C2c {
                    user_id: "user-with-dash".into()
                },
                msg_seq: 3_729_430_001,
                random: 12_345_678,
                sent_by_me: true,
            }
        );
        assert_eq!(id.to_string(), "C2Cuser-with-dash-3729430001-12345678-1");
    }

    #[test]
    fn m6_legacy_web_id_rejects_malformed_with_6017() {
        for bad in [
            "",
            "C2Cbob-1-2",
            "C2Cbob-1-2-2",
            "c2c_bob-1-2-1",
            "bob-1-2-1",
            "C2C-1-2-1",
            "C2Cbob-x-2-1",
            "C2Cbob-1-4294967296-1",
            "C2Cbob--2-1",
            // Rust's integer parser takes a leading `+`; the Web SDK writes digits only.
            "C2Cbob-+1-2-1",
            "C2Cbob-1-+2-1",
        ] {
            let err = LegacyWebMsgId::parse(bad).unwrap_err();
            assert_eq!(err.code().map(|c| c.code()), Some(6017), "{bad}");
        }
    }
}
