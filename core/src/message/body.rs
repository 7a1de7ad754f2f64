//! `MsgBody`: the element list and its rules (SPEC M2).

use crate::message::{Element, MessageError, MessageLimits};

/// A message body under construction: 1..N elements, at most one
/// `TIMCustomElem`, encoded size within [`MessageLimits::max_body_bytes`].
///
/// [`MessageBody::add`] checks each rule before it changes anything, so a
/// failed add leaves the body exactly as it was (M2).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MessageBody {
    elements: Vec<Element>,
    tally: Tally,
    limits: MessageLimits,
}

/// What the M2 rules need to know about the elements accepted so far.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
struct Tally {
    count: usize,
    /// Encoded bytes of the elements themselves, without brackets and commas.
    items_len: usize,
    has_custom: bool,
}

impl Tally {
    /// Encoded size of the elements joined as a JSON array.
    fn encoded_len(&self) -> usize {
        2 + self.items_len + self.count.saturating_sub(1)
    }

    /// The tally after accepting `element`, or the M2 rule it breaks.
    fn admit(&self, element: &Element, limits: &MessageLimits) -> Result<Tally, MessageError> {
        let index = self.count;
        element.validate(index)?;
        if element.is_custom() && self.has_custom {
            return Err(MessageError::SecondCustomElement {
                index: MessageError::index(index),
            });
        }
        let next = Tally {
            count: index + 1,
            items_len: self.items_len + element.encoded_len(),
            has_custom: self.has_custom || element.is_custom(),
        };
        let size = next.encoded_len();
        if size > (limits.max_body_bytes as usize) {
            return Err(MessageError::BodyTooLarge {
                size: MessageError::count(size),
                limit: u64::from(limits.max_body_bytes),
            });
        }
        Ok(next)
    }
}

impl MessageBody {
    /// An empty body with the default limits.
    pub fn new() -> MessageBody {
        MessageBody::with_limits(MessageLimits::default())
    }

    /// An empty body with the given limits.
    pub fn with_limits(limits: MessageLimits) -> MessageBody {
        MessageBody {
            elements: Vec::new(),
            tally: Tally::default(),
            limits,
        }
    }

    /// M2: appends an element, or returns why not (6016 invalid element or
    /// second custom element, 8001 body too large) and leaves the body unchanged.
    pub fn add(&mut self, element: Element) -> Result<&mut Self, MessageError> {
        self.tally = self.tally.admit(&element, &self.limits)?;
        self.elements.push(element);
        Ok(self)
    }

    /// The elements so far.
    pub fn elements(&self) -> &[Element] {
        &self.elements
    }

    /// Encoded size of `MsgBody` as it stands, in bytes.
    pub fn encoded_len(&self) -> usize {
        self.tally.encoded_len()
    }

    /// The limits this body enforces.
    pub fn limits(&self) -> &MessageLimits {
        &self.limits
    }

    /// The finished element list; refuses an empty body (M2: an empty
    /// message can't be sent).
    pub fn finish(self) -> Result<Vec<Element>, MessageError> {
        if self.elements.is_empty() {
            return Err(MessageError::EmptyMessage);
        }
        Ok(self.elements)
    }
}

/// M2: validates a complete element list, as decoded from the wire, with the
/// same rules (and the same errors) as adding the elements one by one.
pub fn validate_body(elements: &[Element], limits: &MessageLimits) -> Result<(), MessageError> {
    if elements.is_empty() {
        return Err(MessageError::EmptyMessage);
    }
    elements
        .iter()
        .try_fold(Tally::default(), |tally, element| {
            tally.admit(element, limits)
        })
        .map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::element::{CustomElem, LocationElem};
    use proptest::prelude::*;

    fn custom() -> Element {
        Element::Custom(CustomElem {
            data: "d".into(),
            ..CustomElem::default()
        })
    }

    #[test]
    fn m2_second_custom_element_fails_with_6016_and_leaves_body_unchanged() {
        let mut body = MessageBody::new();
        body.add(custom())
            .unwrap()
            .add(Element::text("hi"))
            .unwrap();
        let before = body.clone();
        let err = body.add(custom()).unwrap_err();
        assert_eq!(err, MessageError::SecondCustomElement { index: 2 });
        assert_eq!(err.code().map(|c| c.code()), Some(6016));
        assert_eq!(body, before);
    }

    #[test]
    fn m2_body_over_12_kb_fails_with_8001_and_leaves_body_unchanged() {
        let mut body = MessageBody::new();
        body.add(Element::text("a".repeat(6_000))).unwrap();
        let before = body.clone();
        let err = body.add(Element::text("b".repeat(6_300))).unwrap_err();
        assert!(matches!(
            err,
            MessageError::BodyTooLarge { limit: 12_288, .. }
        ));
        assert_eq!(err.code().map(|c| c.code()), Some(8001));
        assert_eq!(body, before);
    }

    #[test]
    fn m2_limit_is_configuration() {
        let limits = MessageLimits {
            max_body_bytes: 64,
            ..MessageLimits::default()
        };
        let mut body = MessageBody::with_limits(limits);
        assert!(body.add(Element::text("short")).is_ok());
        assert!(matches!(
            body.add(Element::text("x".repeat(40))),
            Err(MessageError::BodyTooLarge { limit: 64, .. })
        ));
    }

    #[test]
    fn m2_a_body_of_exactly_the_limit_is_accepted_and_one_byte_more_is_8001() {
        let element = Element::text("x".repeat(20));
        // The size the service counts: the encoded MsgBody array.
        let size = serde_json::to_string(std::slice::from_ref(&element))
            .unwrap()
            .len();
        let limits = |max_body_bytes| MessageLimits {
            max_body_bytes,
            ..MessageLimits::default()
        };
        let exact = limits(u32::try_from(size).unwrap());
        let mut body = MessageBody::with_limits(exact);
        assert!(body.add(element.clone()).is_ok());
        assert_eq!(body.limits(), &exact);
        let mut body = MessageBody::with_limits(limits(u32::try_from(size - 1).unwrap()));
        assert_eq!(
            body.add(element).unwrap_err(),
            MessageError::BodyTooLarge {
                size: size as u64,
                limit: size as u64 - 1
            }
        );
    }

    #[test]
    fn m2_invalid_element_fails_with_6016() {
        let mut body = MessageBody::new();
        let bad = Element::Location(LocationElem {
            desc: "x".into(),
            latitude: f64::NAN,
            longitude: 0.0,
            ..LocationElem::default()
        });
        let err = body.add(bad).unwrap_err();
        assert!(
            matches!(err, MessageError::InvalidElement { index: 0, .. }),
            "{err}"
        );
        assert_eq!(err.code().map(|c| c.code()), Some(6016));
        assert!(body.elements().is_empty());
    }

    #[test]
    fn m2_empty_message_cannot_be_finished() {
        assert_eq!(MessageBody::new().finish(), Err(MessageError::EmptyMessage));
        assert_eq!(
            validate_body(&[], &MessageLimits::default()),
            Err(MessageError::EmptyMessage)
        );
    }

    proptest! {
        /// The incremental size equals the size of the encoded array, so
        /// the 8001 check is exact.
        #[test]
        fn m2_tracked_size_equals_encoded_size(texts in proptest::collection::vec("\\PC{1,50}", 1..20)) {
            let mut body = MessageBody::new();
            for t in texts {
                body.add(Element::text(t)).unwrap();
            }
            let encoded = serde_json::to_string(body.elements()).unwrap();
            prop_assert_eq!(body.encoded_len(), encoded.len());
        }
    }
}
