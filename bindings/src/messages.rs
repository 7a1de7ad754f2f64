//! C2C and group send bodies, offline-push options and the functions that
//! encode, decode and check them (SPEC M2–M5, M8, M9).

use crate::error::MessageError;
use imbridge_core::message as core;
pub use imbridge_core::message::{
    AndroidPushInfo, ApnsPushInfo, C2cMessage, GroupMessage, Mention, MessageLimits,
    OfflinePushInfo, PushFlag, RedPacket, RedPacketMessage, SendMsgControl, SyncOtherMachine,
};
use imbridge_core::message::{Element, GroupType};

/// M3: validates a C2C message and encodes it as the `sendmsg` body.
#[uniffi::export(default(limits = None))]
pub fn encode_c2c_message(
    message: C2cMessage,
    limits: Option<MessageLimits>,
) -> Result<String, MessageError> {
    message.encode(&limits.unwrap_or_default())
}

/// M3: decodes a `sendmsg` body (as received; send rules not checked).
#[uniffi::export]
pub fn decode_c2c_message(json: String) -> Result<C2cMessage, MessageError> {
    C2cMessage::decode(&json)
}

/// M4: validates a group message and encodes it as the `send_group_msg`
/// body. `group_type` drives the M9 mention rules; when `null`/`nil` it is
/// inferred from the id where the id tells (`@TGS#_` Community, `@TGS#a`
/// AVChatRoom), else only the mention count is checked.
#[uniffi::export(default(group_type = None, limits = None))]
pub fn encode_group_message(
    message: GroupMessage,
    group_type: Option<GroupType>,
    limits: Option<MessageLimits>,
) -> Result<String, MessageError> {
    message.encode(group_type, &limits.unwrap_or_default())
}

/// M4: decodes a `send_group_msg` body (as received; send rules not checked).
#[uniffi::export]
pub fn decode_group_message(json: String) -> Result<GroupMessage, MessageError> {
    GroupMessage::decode(&json)
}

/// Decodes, validates and re-encodes either body (group when it has
/// `GroupId`, directed when it also has `To_Account`; C2C when it has only
/// `To_Account`): what `imbridge wire check` does.
#[uniffi::export(default(group_type = None))]
pub fn check_send_body(
    json: String,
    group_type: Option<GroupType>,
) -> Result<String, MessageError> {
    core::SendBody::check(&json, group_type, &core::MessageLimits::default())
}

/// M8: a red-packet custom element whose `Data` is the FAQ's payload
/// `{"type":"RED_PACKET","amount":…,"msg":msg}` (amount in the
/// currency's minor unit, 1 to 2^53−1, else `InvalidField` 6017), with
/// `desc` set for the offline push, to be sent with High priority.
#[uniffi::export(default(push_text = None))]
pub fn red_packet(
    amount: u64,
    msg: String,
    push_text: Option<String>,
) -> Result<RedPacketMessage, MessageError> {
    core::red_packet(amount, &msg, push_text.as_deref())
}

/// M8: the red packet a received element carries (the FAQ's `Data` keys;
/// the older `greeting` key read as `msg`); `null`/`nil` when the element is not one.
#[uniffi::export]
pub fn red_packet_read(element: Element) -> Option<RedPacket> {
    RedPacket::from_element(&element)
}

/// M2: checks one element as the service would before sending; throws
/// `InvalidElement` (6016) with the reason.
#[uniffi::export]
pub fn validate_element(element: Element) -> Result<(), MessageError> {
    element.validate(0)
}
