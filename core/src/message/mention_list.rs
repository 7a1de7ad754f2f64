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
            max_mentions: (limits.max_mentions as usize),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn user(u: &str) -> Mention {
        Mention::User { account: u.into() }
    }

    #[test]
    fn m9_the_finished_list_keeps_every_target_in_order() {
        let mut list = MentionList::new(GroupType::Work);
        list.add(user("bob")).unwrap().add(Mention::All).unwrap();
        list.add(user("carol")).unwrap();
        assert_eq!(list.into_vec(), [user("bob"), Mention::All, user("carol")]);
    }

    #[test]
    fn m9_community_rejects_at_all() {
        let mut list = MentionList::new(GroupType::Community);
        let err = list.add(Mention::All).unwrap_err();
        assert!(matches!(
            err,
            MessageError::MentionNotAllowed {
                group_type: GroupType::Community,
                ..
            }
        ));
        assert_eq!(err.code().map(|c| c.code()), Some(6017));
        list.add(user("bob")).unwrap();
        assert_eq!(list.mentions(), &[user("bob")]);
    }

    #[test]
    fn m9_avchatroom_rejects_any_mention() {
        let mut list = MentionList::new(GroupType::AVChatRoom);
        assert!(list.add(Mention::All).is_err());
        assert!(list.add(user("bob")).is_err());
        assert!(list.mentions().is_empty());
    }

    #[test]
    fn m9_work_public_meeting_allow_all_and_users() {
        for t in [GroupType::Work, GroupType::Public, GroupType::Meeting] {
            let mut list = MentionList::new(t);
            list.add(Mention::All).unwrap().add(user("bob")).unwrap();
            assert_eq!(list.mentions().len(), 2, "{t}");
        }
    }

    #[test]
    fn m9_at_most_30_targets_including_all() {
        let mut list = MentionList::new(GroupType::Work);
        list.add(Mention::All).unwrap();
        for i in 0..29 {
            list.add(user(&format!("u{i}"))).unwrap();
        }
        let err = list.add(user("one_more")).unwrap_err();
        assert_eq!(
            err,
            MessageError::TooManyMentions {
                count: 31,
                limit: 30
            }
        );
        assert_eq!(list.mentions().len(), 30);
    }

    #[test]
    fn m9_duplicate_target_is_a_no_op_and_empty_user_is_refused() {
        let mut list = MentionList::new(GroupType::Public);
        list.add(user("bob")).unwrap().add(user("bob")).unwrap();
        assert_eq!(list.mentions().len(), 1);
        assert!(matches!(
            list.add(user(" ")),
            Err(MessageError::InvalidField { .. })
        ));
    }

    #[test]
    fn m9_sdk_all_marker_keeps_the_service_spelling() {
        assert_eq!(
            crate::message::MENTION_ALL_MARKER,
            "__kImSDK_MesssageAtALL__"
        );
        assert_eq!(
            Mention::from_sdk_user("__kImSDK_MesssageAtALL__"),
            Mention::All
        );
        assert_eq!(Mention::from_sdk_user("bob"), user("bob"));
    }
}
