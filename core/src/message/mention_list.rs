//! Building a mention list with the M9 rules checked at each add.

use crate::message::{check_mention, GroupType, Mention, MessageError, MessageLimits};

/// The @ targets of one group message, checked against the group's type as
/// each is added (M9): a violation is a typed error at build time, not a
/// server round trip, and a refused add leaves the list unchanged.
#[derive(Debug, Clone, PartialEq)]
pub struct MentionList {
    group_type: GroupType,
    max_mentions: usize,
    mentions: Vec<Mention>,
}

impl MentionList {
    /// An empty list for a group of `group_type`, with the default limit of 30.
    pub fn new(group_type: GroupType) -> MentionList {
        MentionList::with_limits(group_type, &MessageLimits::default())
    }

    /// An empty list with the limit from `limits`.
    pub fn with_limits(group_type: GroupType, limits: &MessageLimits) -> MentionList {
        MentionList {
            group_type,
            max_mentions: limits.max_mentions,
            mentions: Vec::new(),
        }
    }

    /// Adds a target, or returns the rule it breaks. Mentioning the same
    /// target twice is a no-op.
    pub fn add(&mut self, mention: Mention) -> Result<&mut Self, MessageError> {
        if self.mentions.contains(&mention) {
            return Ok(self);
        }
        check_mention(self.group_type, &self.mentions, &mention, self.max_mentions)?;
        self.mentions.push(mention);
        Ok(self)
    }

    /// The targets so far, in the order added.
    pub fn mentions(&self) -> &[Mention] {
        &self.mentions
    }

    /// The group type the list is checked against.
    pub fn group_type(&self) -> GroupType {
        self.group_type
    }

    /// The finished list, as `GroupAtInfo` takes it.
    pub fn into_vec(self) -> Vec<Mention> {
        self.mentions
    }
}
