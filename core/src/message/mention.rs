//! @ mentions in group messages (SPEC M9).

use crate::message::{check_identifier, GroupType, MessageError};
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The service's own marker for @all in the client SDK's user lists,
/// typo included.
pub const MENTION_ALL_MARKER: &str = "__kImSDK_MesssageAtALL__";

/// One `GroupAtInfo` entry: @all or @ one user.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Mention {
    /// `{"GroupAtAllFlag": 1}`
    All,
    /// `{"GroupAtAllFlag": 0, "GroupAt_Account": user}`
    User {
        /// The user's account.
        account: String,
    },
}

impl Mention {
    /// A mention from a user id as the client SDK lists them: the @all
    /// marker [`MENTION_ALL_MARKER`] becomes [`Mention::All`].
    pub fn from_sdk_user(user: &str) -> Mention {
        if user == MENTION_ALL_MARKER {
            Mention::All
        } else {
            Mention::User {
                account: user.to_string(),
            }
        }
    }
}

/// M9: checks one more mention against the group type and the mentions
/// already present (`existing`), before it is added.
pub fn check_mention(
    group_type: GroupType,
    existing: &[Mention],
    mention: &Mention,
    max_mentions: usize,
) -> Result<(), MessageError> {
    let refuse = |reason: &str| {
        Err(MessageError::MentionNotAllowed {
            group_type,
            reason: reason.to_string(),
        })
    };
    match mention {
        _ if !group_type.allows_mention_user() => {
            return refuse("@ mentions are not allowed at all")
        }
        Mention::All if !group_type.allows_mention_all() => return refuse("@all is not allowed"),
        Mention::User { account: user } if user.trim().is_empty() => {
            return Err(MessageError::field("GroupAt_Account", "empty user id"))
        }
        Mention::User { account: user } => check_identifier("GroupAt_Account", user)?,
        Mention::All => {}
    }
    if existing.len() + 1 > max_mentions {
        return Err(MessageError::TooManyMentions {
            count: MessageError::count(existing.len() + 1),
            limit: MessageError::count(max_mentions),
        });
    }
    Ok(())
}

/// M9: checks a complete mention list, as decoded from the wire, with the
/// same rules as adding the mentions one by one.
pub fn check_mentions(
    group_type: GroupType,
    mentions: &[Mention],
    max_mentions: usize,
) -> Result<(), MessageError> {
    (0..mentions.len()).try_for_each(|i| {
        let (before, rest) = mentions.split_at(i);
        match rest.first() {
            Some(m) => check_mention(group_type, before, m, max_mentions),
            None => Ok(()),
        }
    })
}

#[derive(Serialize, Deserialize)]
struct WireMention {
    #[serde(rename = "GroupAtAllFlag")]
    all: u8,
    #[serde(
        rename = "GroupAt_Account",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    account: Option<String>,
}

impl Serialize for Mention {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Mention::All => WireMention {
                all: 1,
                account: None,
            },
            Mention::User { account: u } => WireMention {
                all: 0,
                account: Some(u.clone()),
            },
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Mention {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let wire = WireMention::deserialize(deserializer)?;
        match (wire.all, wire.account) {
            (1, None) => Ok(Mention::All),
            (1, Some(_)) => Err(D::Error::custom(
                "GroupAtAllFlag 1 must not carry GroupAt_Account",
            )),
            (0, Some(user)) => Ok(Mention::User { account: user }),
            (0, None) => Err(D::Error::custom("GroupAtAllFlag 0 needs GroupAt_Account")),
            (n, _) => Err(D::Error::custom(format!(
                "GroupAtAllFlag is {n}, expected 0 or 1"
            ))),
        }
    }
}
