//! What listeners receive (SPEC D3).

use crate::dispatch::IncomingMessage;
use crate::message::ConversationId;

/// What listeners receive (SPEC D3).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum DispatchEvent {
    /// New messages, in batches: one listener call per batch.
    NewMessages {
        /// The batch, in the order received.
        messages: Vec<IncomingMessage>,
    },
    /// A message was revoked.
    Revoked {
        /// Its conversation.
        conversation: ConversationId,
        /// Its id (client id or server key).
        message_id: String,
        /// Who revoked it.
        operator: String,
        /// Why.
        reason: String,
    },
    /// The other side of a C2C conversation read up to `read_time`.
    ReadReceipt {
        /// The conversation.
        conversation: ConversationId,
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
