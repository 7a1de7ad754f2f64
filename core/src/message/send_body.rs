//! Either send body, told apart by its recipient key — what `imbridge wire
//! check` and the bindings' `checkSendBody` read.

use crate::message::wire::{decode_value, parse_json};
use crate::message::{C2cMessage, GroupMessage, GroupType, MessageError, MessageLimits};

/// A `sendmsg` or `send_group_msg` body.
#[derive(Debug, Clone, PartialEq)]
pub enum SendBody {
    /// Has `To_Account`: a C2C body (M3).
    C2c(C2cMessage),
    /// Has `GroupId`: a group body (M4).
    Group(GroupMessage),
}

impl SendBody {
    /// Decodes a body: C2C when it has `To_Account`, group when it has
    /// `GroupId`. Both or neither, or not a JSON object, is a typed error (6017).
    pub fn decode(json: &str) -> Result<SendBody, MessageError> {
        let value = parse_json(json)?;
        let Some(object) = value.as_object() else {
            return Err(MessageError::field("body", "expected a JSON object"));
        };
        // GroupId makes a group body; its To_Account, when present, directs
        // it to some members (M4). Without GroupId, To_Account is C2C.
        match (
            object.contains_key("To_Account"),
            object.contains_key("GroupId"),
        ) {
            (_, true) => decode_value(value).map(SendBody::Group),
            (true, false) => decode_value(value).map(SendBody::C2c),
            (false, false) => Err(MessageError::field(
                "To_Account",
                "missing recipient: a body needs To_Account (C2C) or GroupId (group)",
            )),
        }
    }

    /// Validates the body against every send rule; `group_type` is used for
    /// group bodies (inferred from the id when `None`).
    pub fn validate(
        &self,
        group_type: Option<GroupType>,
        limits: &MessageLimits,
    ) -> Result<(), MessageError> {
        match self {
            SendBody::C2c(m) => m.validate(limits),
            SendBody::Group(m) => m.validate(group_type, limits),
        }
    }

    /// Validates and encodes the body.
    pub fn encode(
        &self,
        group_type: Option<GroupType>,
        limits: &MessageLimits,
    ) -> Result<String, MessageError> {
        match self {
            SendBody::C2c(m) => m.encode(limits),
            SendBody::Group(m) => m.encode(group_type, limits),
        }
    }

    /// Decodes, validates and re-encodes a body: the check `imbridge wire
    /// check` runs. A valid body comes back semantically identical.
    pub fn check(
        json: &str,
        group_type: Option<GroupType>,
        limits: &MessageLimits,
    ) -> Result<String, MessageError> {
        SendBody::decode(json)?.encode(group_type, limits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn m2_validate_applies_the_send_rules_to_a_decoded_body() {
        // Decoding reads a body as received; validating applies the send rules.
        let limits = MessageLimits::default();
        let empty = SendBody::decode(r#"{"To_Account":"bob","MsgRandom":1,"MsgBody":[]}"#).unwrap();
        assert_eq!(
            empty.validate(None, &limits),
            Err(MessageError::EmptyMessage)
        );
        let group = SendBody::decode(r#"{"GroupId":"g1","Random":1,"MsgBody":[]}"#).unwrap();
        assert_eq!(
            group.validate(None, &limits),
            Err(MessageError::EmptyMessage)
        );
        let fine = SendBody::decode(
            r#"{"To_Account":"bob","MsgRandom":1,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi"}}]}"#,
        )
        .unwrap();
        assert_eq!(fine.validate(None, &limits), Ok(()));
    }
}
