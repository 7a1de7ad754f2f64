//! Group types and what each allows (SPEC M10, M9).

use serde::{Deserialize, Serialize};
use std::fmt;

/// The service's group types (M10).
///
/// Two spellings exist for two of them: the native SDKs say `Work` and
/// `Meeting`, the Web SDK and the REST API's group creation say `Private`
/// and `ChatRoom`. Both are read everywhere a group type is read; output
/// always uses the native names ([`GroupType::name`]), and
/// [`GroupType::rest_name`] gives the other spelling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum GroupType {
    /// Up to 200 members, invite only. `Private` in the Web SDK and REST API.
    #[serde(alias = "Private")]
    Work,
    /// Up to 2,000 members, join by application and approval.
    Public,
    /// Up to 6,000 members, free join. `ChatRoom` in the Web SDK and REST API.
    #[serde(alias = "ChatRoom")]
    Meeting,
    /// Up to 100,000 members; custom ids start with `@TGS#_`.
    Community,
    /// Unlimited members, no history storage, no @ mentions.
    AVChatRoom,
}

/// How members get into a group (M10).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JoinPolicy {
    /// Only by invitation.
    InviteOnly,
    /// By application, approved by an admin.
    ApplyWithApproval,
    /// Anyone may join.
    FreeJoin,
}

/// What a group type allows (SPEC M9, M10).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct GroupTypeInfo {
    /// Most members; `None` for unlimited.
    pub max_members: Option<u32>,
    /// Whether the service stores history.
    pub stores_history: bool,
    /// Whether @all is allowed.
    pub allows_mention_all: bool,
    /// Whether @ a single user is allowed.
    pub allows_mention_user: bool,
}

impl GroupType {
    /// M9/M10: everything this group type allows, in one value.
    pub fn info(self) -> GroupTypeInfo {
        GroupTypeInfo {
            max_members: self.max_members(),
            stores_history: self.stores_history(),
            allows_mention_all: self.allows_mention_all(),
            allows_mention_user: self.allows_mention_user(),
        }
    }

    /// Every group type.
    pub const ALL: [GroupType; 5] = [
        GroupType::Work,
        GroupType::Public,
        GroupType::Meeting,
        GroupType::Community,
        GroupType::AVChatRoom,
    ];

    /// The id prefix of Community groups (custom and assigned alike).
    pub const COMMUNITY_ID_PREFIX: &'static str = "@TGS#_";
    /// The prefix of ids the service assigns to AVChatRoom groups.
    pub const AVCHATROOM_ASSIGNED_ID_PREFIX: &'static str = "@TGS#a";

    /// Most members, `None` for unlimited.
    pub fn max_members(self) -> Option<u32> {
        match self {
            GroupType::Work => Some(200),
            GroupType::Public => Some(2_000),
            GroupType::Meeting => Some(6_000),
            GroupType::Community => Some(100_000),
            GroupType::AVChatRoom => None,
        }
    }

    /// How members join.
    pub fn join_policy(self) -> JoinPolicy {
        match self {
            GroupType::Work => JoinPolicy::InviteOnly,
            GroupType::Public => JoinPolicy::ApplyWithApproval,
            GroupType::Meeting | GroupType::Community | GroupType::AVChatRoom => {
                JoinPolicy::FreeJoin
            }
        }
    }

    /// Whether the service stores message history (AVChatRoom does not).
    pub fn stores_history(self) -> bool {
        self != GroupType::AVChatRoom
    }

    /// M9: whether @ a single user is allowed.
    pub fn allows_mention_user(self) -> bool {
        self != GroupType::AVChatRoom
    }

    /// M9: whether @all is allowed.
    pub fn allows_mention_all(self) -> bool {
        matches!(
            self,
            GroupType::Work | GroupType::Public | GroupType::Meeting
        )
    }

    /// Infers the type from a group id where the id alone tells: `@TGS#_…`
    /// is Community, `@TGS#a…` (an id the service assigned) is AVChatRoom.
    /// Any other id could be of any type: `None`.
    pub fn infer_from_id(group_id: &str) -> Option<GroupType> {
        if group_id.starts_with(Self::COMMUNITY_ID_PREFIX) {
            Some(GroupType::Community)
        } else if group_id.starts_with(Self::AVCHATROOM_ASSIGNED_ID_PREFIX) {
            Some(GroupType::AVChatRoom)
        } else {
            None
        }
    }

    /// The canonical name, as the native SDKs spell it (`Work`, `Meeting`).
    pub fn name(self) -> &'static str {
        match self {
            GroupType::Work => "Work",
            GroupType::Public => "Public",
            GroupType::Meeting => "Meeting",
            GroupType::Community => "Community",
            GroupType::AVChatRoom => "AVChatRoom",
        }
    }

    /// The name the Web SDK (`TIM.TYPES.GRP_*`) and the REST API's
    /// `create_group` use: `Private` for Work, `ChatRoom` for Meeting, the
    /// others as [`GroupType::name`].
    pub fn rest_name(self) -> &'static str {
        match self {
            GroupType::Work => "Private",
            GroupType::Meeting => "ChatRoom",
            other => other.name(),
        }
    }

    /// Parses either spelling (`Work` or `Private`, `Meeting` or
    /// `ChatRoom`, and the three names they share), exact case.
    pub fn from_name(name: &str) -> Option<GroupType> {
        GroupType::ALL
            .into_iter()
            .find(|t| t.name() == name || t.rest_name() == name)
    }
}

impl fmt::Display for GroupType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn m10_limits_and_policies() {
        assert_eq!(GroupType::Work.max_members(), Some(200));
        assert_eq!(GroupType::Public.max_members(), Some(2_000));
        assert_eq!(GroupType::Meeting.max_members(), Some(6_000));
        assert_eq!(GroupType::Community.max_members(), Some(100_000));
        assert_eq!(GroupType::AVChatRoom.max_members(), None);
        assert_eq!(GroupType::Work.join_policy(), JoinPolicy::InviteOnly);
        assert_eq!(
            GroupType::Public.join_policy(),
            JoinPolicy::ApplyWithApproval
        );
        assert!(!GroupType::AVChatRoom.stores_history());
        assert!(GroupType::Community.stores_history());
    }

    #[test]
    fn m10_infers_type_only_where_the_id_tells() {
        assert_eq!(
            GroupType::infer_from_id("@TGS#_abc"),
            Some(GroupType::Community)
        );
        assert_eq!(
            GroupType::infer_from_id("@TGS#aXYZ"),
            Some(GroupType::AVChatRoom)
        );
        assert_eq!(GroupType::infer_from_id("@TGS#2J4SZEAEL"), None);
        assert_eq!(GroupType::infer_from_id("my_group"), None);
    }

    #[test]
    fn m10_names_round_trip() {
        for t in GroupType::ALL {
            assert_eq!(GroupType::from_name(t.name()), Some(t));
        }
        assert_eq!(GroupType::from_name("work"), None);
    }

    #[test]
    fn m10_reads_the_web_and_rest_spelling_and_writes_the_native_one() {
        assert_eq!(GroupType::from_name("Private"), Some(GroupType::Work));
        assert_eq!(GroupType::from_name("ChatRoom"), Some(GroupType::Meeting));
        for t in GroupType::ALL {
            assert_eq!(GroupType::from_name(t.rest_name()), Some(t));
        }
        // The Web SDK's other constants (GRP_ROOM, GRP_LIVE) are not group types here.
        assert_eq!(GroupType::from_name("Room"), None);
        assert_eq!(GroupType::from_name("Live"), None);
        let read: GroupType = serde_json::from_str("\"ChatRoom\"").unwrap();
        assert_eq!(read, GroupType::Meeting);
        assert_eq!(serde_json::to_string(&read).unwrap(), "\"Meeting\"");
        assert_eq!(GroupType::Work.to_string(), "Work");
    }
}
