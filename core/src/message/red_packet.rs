//! The red-packet helper (SPEC M8). Payment itself is out of scope: this
//! only builds the message that announces one.

use crate::message::element::CustomElem;
use crate::message::extra::Extra;
use crate::message::{Element, MessageError, Priority};
use serde::{Deserialize, Serialize};

/// Value of `type` in a red packet's `Data`.
pub const RED_PACKET_TYPE: &str = "RED_PACKET";

/// The typed JSON payload a red packet's custom element carries in `Data`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RedPacket {
    /// Always [`RED_PACKET_TYPE`].
    #[serde(rename = "type")]
    pub kind: String,
    /// Amount in the currency's minor unit (cents, fen): integers, never floats.
    pub amount: u64,
    /// Greeting shown on the packet.
    pub greeting: String,
}

/// A red packet ready to send: the element and the priority it must be
/// sent with (High, so it survives frequency limits).
#[derive(Debug, Clone, PartialEq)]
pub struct RedPacketMessage {
    /// The `TIMCustomElem` carrying the payload.
    pub element: Element,
    /// Always [`Priority::High`].
    pub priority: Priority,
}

/// M8: builds a red-packet custom element. `Desc` is set so the offline
/// push shows text: `push_text` when given, else `"[Red Packet] <greeting>"`.
/// The amount must be positive (6017).
pub fn red_packet(
    amount: u64,
    greeting: &str,
    push_text: Option<&str>,
) -> Result<RedPacketMessage, MessageError> {
    if amount == 0 {
        return Err(MessageError::field(
            "amount",
            "a red packet needs a positive amount",
        ));
    }
    let payload = RedPacket {
        kind: RED_PACKET_TYPE.to_string(),
        amount,
        greeting: greeting.to_string(),
    };
    let data =
        serde_json::to_string(&payload).map_err(|e| MessageError::field("Data", e.to_string()))?;
    let desc = match push_text {
        Some(text) if !text.trim().is_empty() => text.to_string(),
        _ if greeting.trim().is_empty() => "[Red Packet]".to_string(),
        _ => format!("[Red Packet] {greeting}"),
    };
    Ok(RedPacketMessage {
        element: Element::Custom(CustomElem {
            data,
            desc: Some(desc),
            ext: None,
            sound: None,
            extra: Extra::new(),
        }),
        priority: Priority::High,
    })
}

impl RedPacket {
    /// Reads a red packet back from a custom element, `None` when the element
    /// is not one.
    pub fn from_element(element: &Element) -> Option<RedPacket> {
        match element {
            Element::Custom(c) => serde_json::from_str::<RedPacket>(&c.data)
                .ok()
                .filter(|p| p.kind == RED_PACKET_TYPE),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn m8_red_packet_is_high_priority_custom_with_desc() {
        let m = red_packet(888, "Happy new year", None).unwrap();
        assert_eq!(m.priority, Priority::High);
        let Element::Custom(c) = &m.element else {
            panic!("not custom")
        };
        assert_eq!(c.desc.as_deref(), Some("[Red Packet] Happy new year"));
        let v: serde_json::Value = serde_json::from_str(&c.data).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"type": "RED_PACKET", "amount": 888, "greeting": "Happy new year"})
        );
        assert_eq!(RedPacket::from_element(&m.element).unwrap().amount, 888);
    }

    #[test]
    fn m8_push_text_overrides_desc() {
        let m = red_packet(1, "", Some("You got a red packet")).unwrap();
        let Element::Custom(c) = &m.element else {
            panic!("not custom")
        };
        assert_eq!(c.desc.as_deref(), Some("You got a red packet"));
    }

    #[test]
    fn m8_zero_amount_is_refused_with_6017() {
        let err = red_packet(0, "hi", None).unwrap_err();
        assert_eq!(err.code().map(|c| c.code()), Some(6017));
    }

    #[test]
    fn m8_other_custom_elements_are_not_red_packets() {
        assert_eq!(RedPacket::from_element(&Element::text("hi")), None);
    }
}
