//! Message construction and the REST wire format (SPEC M1–M12).
//!
//! - [`Element`] and its contents: the eight element kinds plus unknown ones (M1).
//! - [`MessageBody`]: adding elements under the M2 rules.
//! - [`C2cMessage`] / [`GroupMessage`]: the `sendmsg` / `send_group_msg`
//!   bodies (M3, M4) with [`OfflinePushInfo`] (M5); `encode` validates,
//!   `decode` reads what the service sends with errors naming the field.
//! - [`ClientMsgId`], [`C2cMsgKey`], [`GroupMsgKey`], [`LegacyWebMsgId`]:
//!   identifiers (M6); [`parse_id`] tells which one a text is.
//! - [`RandomTracker`]: fresh MsgRandom values and reuse detection (M7).
//! - [`red_packet`]: the red-packet helper (M8).
//! - [`Mention`], [`MentionList`], [`GroupType`]: @ rules by group type (M9, M10).
//! - [`MessageStatus`] (M11), [`ConversationId`] (M12), [`Priority`] (P1).

mod body;
mod c2c;
mod conversation;
pub mod element;
mod error;
pub(crate) mod extra;
mod group;
mod group_type;
mod id_parse;
mod identifier;
mod ids;
mod limits;
mod mention;
mod mention_list;
mod priority;
mod push_info;
mod random;
mod receive_option;
mod red_packet;
mod send_body;
mod status;
mod utc;
mod web_msg_id;
pub(crate) mod wire;

pub use body::{validate_body, MessageBody};
pub use c2c::{C2cMessage, SendMsgControl, SyncOtherMachine};
pub use conversation::{ConversationId, ConversationIdForm};
pub use element::{
    CustomElem, Element, FaceElem, FileElem, ImageElem, ImageInfo, LocationElem, SoundElem,
    TextElem, VideoFileElem,
};
pub use error::MessageError;
pub use group::{check_group_id, GroupMessage};
pub use group_type::{GroupType, GroupTypeInfo, JoinPolicy};
pub use id_parse::{parse_id, ParsedId};
pub use identifier::check_identifier;
pub(crate) use identifier::identifier_problem;
pub use ids::{C2cMsgKey, ClientMsgId, GroupMsgKey};
pub use limits::MessageLimits;
pub use mention::{check_mention, check_mentions, Mention, MENTION_ALL_MARKER};
pub use mention_list::MentionList;
pub use priority::Priority;
pub use push_info::{AndroidPushInfo, ApnsPushInfo, OfflinePushInfo, PushFlag};
pub use random::{
    RandomSource, RandomTracker, SeededRandom, C2C_DUPLICATE_WINDOW_MS, GROUP_DUPLICATE_WINDOW_MS,
};
pub use receive_option::ReceiveOption;
pub use red_packet::{
    red_packet, RedPacket, RedPacketMessage, MAX_RED_PACKET_AMOUNT, RED_PACKET_TYPE,
};
pub use send_body::SendBody;
pub use status::MessageStatus;
pub use utc::iso8601_utc;
pub use web_msg_id::LegacyWebMsgId;
pub use wire::{decode_json, decode_value, parse_json};
