//! Incoming messages and listener dispatch across the FFI (SPEC D1–D7).
//!
//! Messages cross in batches: one listener call carries every message of a
//! `receive` call (D3), so the cost of a crossing is shared by the batch.

use crate::error::MessageError;
use crate::messages::Mention;
use imbridge_core::dispatch as core;
pub use imbridge_core::dispatch::{DispatchMode, DropReason};
use imbridge_core::message::element::Extra;
use imbridge_core::message::{ConversationId, Element};

/// A received message.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct IncomingMessage {
    /// `c2c_<sender>` or `group_<groupID>`, as the recipient sees it.
    pub conversation: String,
    /// Sender.
    pub from_account: String,
    /// C2C: recipient.
    pub to_account: Option<String>,
    /// Group: the group.
    pub group_id: Option<String>,
    /// C2C `MsgSeq` or group server `MsgSeq`.
    pub msg_seq: u64,
    /// `MsgRandom` / `Random`.
    pub random: u32,
    /// Server time, unix seconds.
    pub msg_time: u64,
    /// The elements.
    pub elements: Vec<Element>,
    /// Group @ mentions.
    pub mentions: Vec<Mention>,
    /// The sender's `CloudCustomData`, as sent.
    pub cloud_custom_data: Option<String>,
    /// C2C: the service's `MsgKey` (to revoke or modify the message).
    pub msg_key: Option<String>,
    /// `OnlineOnlyFlag`: 1 when sent to online users only (not stored, not pushed).
    pub online_only_flag: Option<u32>,
    /// Group: the Community topic (`TopicId`).
    pub topic_id: Option<String>,
    /// Group: the members a directed message was sent to (`To_Account`, M4).
    pub directed_to: Option<Vec<String>>,
    /// Every other key of the message (e.g. `EventTime`, `Type`, keys a
    /// newer service adds), each with its value as JSON text: nothing
    /// received is lost.
    pub extra: Extra,
}

fn incoming_out(m: core::Incoming) -> IncomingMessage {
    let conversation = m.conversation().to_string();
    match m {
        core::Incoming::C2c(c) => IncomingMessage {
            conversation,
            from_account: c.from_account,
            to_account: Some(c.to_account),
            group_id: None,
            msg_seq: u64::from(c.msg_seq),
            random: c.msg_random,
            msg_time: c.msg_time,
            elements: c.msg_body,
            mentions: Vec::new(),
            cloud_custom_data: c.cloud_custom_data,
            msg_key: c.msg_key,
            online_only_flag: c.online_only_flag,
            topic_id: None,
            directed_to: None,
            extra: c.extra,
        },
        core::Incoming::Group(g) => IncomingMessage {
            conversation,
            from_account: g.from_account,
            to_account: None,
            group_id: Some(g.group_id),
            msg_seq: g.msg_seq,
            random: g.random,
            msg_time: g.msg_time,
            elements: g.msg_body,
            mentions: g.group_at_info.unwrap_or_default().into_iter().collect(),
            cloud_custom_data: g.cloud_custom_data,
            msg_key: None,
            online_only_flag: g.online_only_flag,
            topic_id: g.topic_id,
            directed_to: g.to_account,
            extra: g.extra,
        },
    }
}

/// What listeners receive (SPEC D3).
#[derive(Debug, Clone, PartialEq, uniffi::Enum)]
pub enum DispatchEvent {
    /// New messages: one call per batch.
    NewMessages {
        /// The batch.
        messages: Vec<IncomingMessage>,
    },
    /// A message was revoked.
    Revoked {
        /// Its conversation.
        conversation: String,
        /// Its id.
        message_id: String,
        /// Who revoked it.
        operator: String,
        /// Why.
        reason: String,
    },
    /// The peer read a C2C conversation up to `read_time`.
    ReadReceipt {
        /// The conversation.
        conversation: String,
        /// Who read.
        reader: String,
        /// Up to when, unix seconds.
        read_time: u64,
    },
    /// A message was modified.
    Modified {
        /// Its new content.
        message: IncomingMessage,
    },
}

pub(crate) fn event_out(e: core::DispatchEvent) -> DispatchEvent {
    match e {
        core::DispatchEvent::NewMessages(batch) => DispatchEvent::NewMessages {
            messages: batch.into_iter().map(incoming_out).collect(),
        },
        core::DispatchEvent::Revoked {
            conversation,
            message_id,
            operator,
            reason,
        } => DispatchEvent::Revoked {
            conversation: conversation.to_string(),
            message_id,
            operator,
            reason,
        },
        core::DispatchEvent::ReadReceipt {
            conversation,
            reader,
            read_time,
        } => DispatchEvent::ReadReceipt {
            conversation: conversation.to_string(),
            reader,
            read_time,
        },
        core::DispatchEvent::Modified(m) => DispatchEvent::Modified {
            message: incoming_out(m),
        },
    }
}

/// One dropped input of a `receive` call.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DroppedMessage {
    /// Its index in the batch.
    pub index: u32,
    /// Why.
    pub reason: DropReason,
    /// For `Malformed`: the decode error as a sentence.
    pub detail: Option<String>,
}

/// What one `receive` call did.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ReceiveReport {
    /// Delivered (or buffered for the first listener).
    pub accepted: u32,
    /// Everything not delivered, with the reason.
    pub dropped: Vec<DroppedMessage>,
}

/// Counters for diagnostics.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DispatchStats {
    /// Messages received.
    pub received: u64,
    /// Messages delivered.
    pub delivered: u64,
    /// Dropped, by reason name (`misrouted`, `not_member`, …).
    pub dropped: std::collections::HashMap<String, u64>,
    /// Consumed in chain mode, by listener handle id.
    pub consumed_by: std::collections::HashMap<u64, u64>,
    /// Listener calls that threw.
    pub listener_failures: u64,
    /// Waiting for the first listener (D7).
    pub buffered: u64,
    /// Non-message events that found no listener.
    pub events_without_listener: u64,
}

pub(crate) fn report_out(report: core::ReceiveReport) -> ReceiveReport {
    let mut dropped: Vec<DroppedMessage> = report
        .dropped
        .into_iter()
        .map(|(i, r)| DroppedMessage {
            index: u32::try_from(i).unwrap_or(u32::MAX),
            reason: r,
            detail: None,
        })
        .chain(report.errors.into_iter().map(|(i, e)| DroppedMessage {
            index: u32::try_from(i).unwrap_or(u32::MAX),
            reason: DropReason::Malformed,
            detail: Some(e.to_string()),
        }))
        .collect();
    dropped.sort_by_key(|d| d.index);
    ReceiveReport {
        accepted: u32::try_from(report.accepted).unwrap_or(u32::MAX),
        dropped,
    }
}

pub(crate) fn parse_conversation(
    text: Option<String>,
) -> Result<Option<ConversationId>, MessageError> {
    text.map(|t| ConversationId::parse(&t)).transpose()
}

pub(crate) fn revoked_event(
    conversation: String,
    message_id: String,
    operator: String,
    reason: String,
) -> Result<core::DispatchEvent, MessageError> {
    Ok(core::DispatchEvent::Revoked {
        conversation: ConversationId::parse(&conversation)?,
        message_id,
        operator,
        reason,
    })
}

pub(crate) fn read_receipt_event(
    conversation: String,
    reader: String,
    read_time: u64,
) -> Result<core::DispatchEvent, MessageError> {
    Ok(core::DispatchEvent::ReadReceipt {
        conversation: ConversationId::parse(&conversation)?,
        reader,
        read_time,
    })
}

pub(crate) fn modified_event(message: &str) -> Result<core::DispatchEvent, MessageError> {
    Ok(core::DispatchEvent::Modified(core::Incoming::decode(
        message,
    )?))
}
