//! M8: the FAQ's red packet (`tests/vectors/red_packet/faq.json`), which the
//! Kotlin and Swift suites read too: the Data imbridge builds is the FAQ
//! sample's, the sample's Data reads back, and unsafe amounts are refused.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

use imbridge_core::message::{red_packet, Element, RedPacket};
use serde_json::Value;

fn vectors() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/vectors/red_packet/faq.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn m8_built_data_is_the_faq_payload() {
    let v = vectors();
    let cases = v["build"].as_array().unwrap();
    assert!(cases.len() >= 3);
    for case in cases {
        let m = red_packet(
            case["amount"].as_u64().unwrap(),
            case["msg"].as_str().unwrap(),
            case["push_text"].as_str(),
        )
        .unwrap();
        let Element::Custom(c) = &m.element else {
            panic!("not custom")
        };
        let data: Value = serde_json::from_str(&c.data).unwrap();
        assert_eq!(data, case["data"]);
        assert_eq!(c.desc.as_deref(), case["desc"].as_str());
    }
}

#[test]
fn m8_the_faq_sample_reads_back() {
    let v = vectors();
    for case in v["read"].as_array().unwrap() {
        let element = Element::Custom(imbridge_core::message::element::CustomElem {
            data: case["data"].as_str().unwrap().into(),
            ..Default::default()
        });
        let packet = RedPacket::from_element(&element).unwrap();
        assert_eq!(packet.amount, case["amount"].as_u64().unwrap());
        assert_eq!(packet.msg, case["msg"].as_str().unwrap());
    }
}

#[test]
fn m8_unsafe_amounts_are_refused_with_6017() {
    let v = vectors();
    for amount in v["refused"].as_array().unwrap() {
        let amount = amount.as_u64().unwrap();
        let err = red_packet(amount, "x", None).unwrap_err();
        assert_eq!(err.code().map(|c| c.code()), Some(6017), "{amount}");
    }
}
