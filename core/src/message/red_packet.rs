//! The red-packet helper (SPEC M8). Payment itself is out of scope: this
//! only builds the message that announces one.

use crate::message::element::CustomElem;
use crate::message::extra::Extra;
use crate::message::{Element, MessageError, Priority};
use serde::{Deserialize, Serialize};

/// Value of `type` in a red packet's `Data`.
pub const RED_PACKET_TYPE: &str = "RED_PACKET";

/// The largest amount a red packet may carry: 2^53 − 1, the largest
/// integer a JavaScript receiver (Web SDK, mini programs) reads exactly.
pub const MAX_RED_PACKET_AMOUNT: u64 = (1 << 53) - 1;

/// The typed JSON payload a red packet's custom element carries in `Data`:
/// the FAQ sample's own keys, `{"type":"RED_PACKET","amount":2018,"msg":"Happy new year!"}`,
/// so apps built on that sample read imbridge's packets and the other way round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RedPacket {
    /// Always [`RED_PACKET_TYPE`].
    #[serde(rename = "type")]
    pub kind: String,
    /// Amount in the currency's minor unit (cents, fen): integers, never floats.
    pub amount: u64,
    /// The greeting shown on the packet, named after its wire key `msg`
    /// (the FAQ's); `greeting`, which imbridge wrote before, is read too.
    #[serde(alias = "greeting", default)]
    pub msg: String,
}

/// A red packet ready to send: the element and the priority it must be
/// sent with (High, so it survives frequency limits).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RedPacketMessage {
    /// The `TIMCustomElem` carrying the payload.
    pub element: Element,
    /// Always [`Priority::High`].
    pub priority: Priority,
}

/// M8: builds a red-packet custom element. `Desc` is set so the offline
/// push shows text: `push_text` when given, else `"[Red Packet] <msg>"`.
/// The amount must be in 1..=2^53−1 (6017): above that a JavaScript
/// receiver would read another amount.
pub fn red_packet(
    amount: u64,
    msg: &str,
    push_text: Option<&str>,
) -> Result<RedPacketMessage, MessageError> {
    if amount == 0 {
        return Err(MessageError::field(
            "amount",
            "a red packet needs a positive amount",
        ));
    }
    if amount > MAX_RED_PACKET_AMOUNT {
        return Err(MessageError::field(
            "amount",
            format!(
                "{amount} is above 2^53-1 ({MAX_RED_PACKET_AMOUNT}), which JavaScript receivers cannot read exactly"
            ),
        ));
    }
    let payload = RedPacket {
        kind: RED_PACKET_TYPE.to_string(),
        amount,
        msg: msg.to_string(),
    };
    let data =
        serde_json::to_string(&payload).map_err(|e| MessageError::field("Data", e.to_string()))?;
    let desc = match push_text {
        Some(text) if !text.trim().is_empty() => text.to_string(),
        _ if msg.trim().is_empty() => "[Red Packet]".to_string(),
        _ => format!("[Red Packet] {msg}"),
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
            serde_json::json!({"type": "RED_PACKET", "amount": 888, "msg": "Happy new year"})
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
    fn m8_blank_push_text_falls_back_to_the_greeting() {
        let m = red_packet(1, "hi", Some("  ")).unwrap();
        let Element::Custom(c) = &m.element else {
            panic!("not custom")
        };
        assert_eq!(c.desc.as_deref(), Some("[Red Packet] hi"));
    }

    #[test]
    fn m8_zero_amount_is_refused_with_6017() {
        let err = red_packet(0, "hi", None).unwrap_err();
        assert_eq!(err.code().map(|c| c.code()), Some(6017));
    }

    #[test]
    fn m8_amounts_above_2_pow_53_minus_1_are_refused_with_6017() {
        assert!(red_packet(MAX_RED_PACKET_AMOUNT, "max", None).is_ok());
        for amount in [MAX_RED_PACKET_AMOUNT + 1, u64::MAX] {
            let err = red_packet(amount, "too much", None).unwrap_err();
            assert_eq!(err.code().map(|c| c.code()), Some(6017), "{amount}");
        }
        assert_eq!(MAX_RED_PACKET_AMOUNT, 9_007_199_254_740_991);
    }

    #[test]
    fn m8_packets_written_with_the_old_greeting_key_still_read() {
        let old = Element::Custom(CustomElem {
            data: r#"{"type":"RED_PACKET","amount":5,"greeting":"hi"}"#.into(),
            ..CustomElem::default()
        });
        assert_eq!(RedPacket::from_element(&old).unwrap().msg, "hi");
    }

    #[test]
    fn m8_other_custom_elements_are_not_red_packets() {
        assert_eq!(RedPacket::from_element(&Element::text("hi")), None);
    }
}
