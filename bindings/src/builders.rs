//! Builders whose every add is checked at once (SPEC M2, M9).

use crate::error::MessageError;
use crate::messages::{Mention, MessageLimits};
use imbridge_core::message as core;
use imbridge_core::message::{Element, GroupType};
use imbridge_core::sync::lock;
use std::sync::Mutex;

/// Builds a message body one element at a time (SPEC M2). Each add checks
/// the element, the one-custom-element rule and the 12 KB limit before it
/// changes anything: a failed add throws and leaves the body as it was.
#[derive(Debug, uniffi::Object)]
pub struct MessageBodyBuilder {
    body: Mutex<core::MessageBody>,
}

#[uniffi::export]
impl MessageBodyBuilder {
    /// An empty body with the given limits (defaults when `null`/`nil`).
    #[uniffi::constructor(default(limits = None))]
    pub fn new(limits: Option<MessageLimits>) -> Self {
        MessageBodyBuilder {
            body: Mutex::new(core::MessageBody::with_limits(limits.unwrap_or_default())),
        }
    }

    /// Appends an element, or throws (6016 invalid / second custom element,
    /// 8001 too large) leaving the body unchanged.
    pub fn add(&self, element: Element) -> Result<(), MessageError> {
        lock(&self.body).add(element)?;
        Ok(())
    }

    /// Appends several elements in one call, all or nothing: on the first
    /// failure the body is left as it was before the call.
    pub fn add_all(&self, elements: Vec<Element>) -> Result<(), MessageError> {
        let mut body = lock(&self.body);
        let mut next = body.clone();
        for element in elements {
            next.add(element)?;
        }
        *body = next;
        Ok(())
    }

    /// The elements so far.
    pub fn elements(&self) -> Vec<Element> {
        lock(&self.body).elements().to_vec()
    }

    /// Number of elements so far.
    pub fn count(&self) -> u32 {
        u32::try_from(lock(&self.body).elements().len()).unwrap_or(u32::MAX)
    }

    /// Encoded size of `MsgBody` so far, in bytes.
    pub fn encoded_len(&self) -> u64 {
        u64::try_from(lock(&self.body).encoded_len()).unwrap_or(u64::MAX)
    }

    /// The finished element list; throws `EmptyMessage` (6016) when empty.
    /// The builder keeps its elements, so it can be reused as a template.
    pub fn build(&self) -> Result<Vec<Element>, MessageError> {
        let body = lock(&self.body).clone();
        body.finish()
    }
}

/// Collects the @ targets of a group message, checking each against the
/// group type as it is added (SPEC M9): a violation throws at build time
/// instead of failing on the server. A refused add leaves the list unchanged.
#[derive(Debug, uniffi::Object)]
pub struct MentionListBuilder {
    list: Mutex<core::MentionList>,
}

#[uniffi::export]
impl MentionListBuilder {
    /// An empty list for a group of `group_type`.
    #[uniffi::constructor(default(limits = None))]
    pub fn new(group_type: GroupType, limits: Option<MessageLimits>) -> Self {
        MentionListBuilder {
            list: Mutex::new(core::MentionList::with_limits(
                group_type,
                &limits.unwrap_or_default(),
            )),
        }
    }

    /// Adds a target or throws (`MentionNotAllowed`, `TooManyMentions`,
    /// `InvalidField` for an empty user id; all 6017). Adding the same
    /// target twice is a no-op.
    pub fn add(&self, mention: Mention) -> Result<(), MessageError> {
        lock(&self.list).add(mention)?;
        Ok(())
    }

    /// Adds a user id as the client SDK lists them: the @all marker
    /// `__kImSDK_MesssageAtALL__` means @all.
    pub fn add_sdk_user(&self, user_id: String) -> Result<(), MessageError> {
        lock(&self.list).add(core::Mention::from_sdk_user(&user_id))?;
        Ok(())
    }

    /// The targets, in the order added, as `GroupAtInfo` takes them.
    pub fn mentions(&self) -> Vec<Mention> {
        lock(&self.list).mentions().to_vec()
    }
}

/// The client SDK's @all marker, with the service's own spelling.
#[uniffi::export]
pub fn mention_all_marker() -> String {
    core::MENTION_ALL_MARKER.to_string()
}
