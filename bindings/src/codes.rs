//! Small enums and tables: error codes, priority, group types, status.

use imbridge_core::message as core;

/// The service's numeric error codes (SPEC X3); `value` is the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
#[repr(i32)]
pub enum ErrorCode {
    /// 6013: called before init.
    NotInitialised = 6013,
    /// 6014: called before login.
    NotLoggedIn = 6014,
    /// 6016: invalid element.
    InvalidElement = 6016,
    /// 6017: invalid parameter.
    InvalidParameter = 6017,
    /// 8001: body too large (client).
    BodyTooLarge = 8001,
    /// 10017: muted in the group.
    MutedInGroup = 10017,
    /// 10023: group frequency limit.
    GroupFrequencyLimit = 10023,
    /// 20007: blocklisted by the recipient.
    Blocklisted = 20007,
    /// 80001: sensitive words.
    SensitiveWords = 80001,
    /// 80002: body too large (server).
    ServerBodyTooLarge = 80002,
    /// 6206: user sig expired.
    UserSigExpired = 6206,
    /// 70001: user sig expired (server).
    UserSigExpiredServer = 70001,
    /// 6208: kicked offline.
    KickedOffline = 6208,
}

impl From<imbridge_core::ErrorCode> for ErrorCode {
    fn from(c: imbridge_core::ErrorCode) -> Self {
        use imbridge_core::ErrorCode as C;
        match c {
            C::NotInitialised => ErrorCode::NotInitialised,
            C::NotLoggedIn => ErrorCode::NotLoggedIn,
            C::InvalidElement => ErrorCode::InvalidElement,
            C::InvalidParameter => ErrorCode::InvalidParameter,
            C::BodyTooLarge => ErrorCode::BodyTooLarge,
            C::MutedInGroup => ErrorCode::MutedInGroup,
            C::GroupFrequencyLimit => ErrorCode::GroupFrequencyLimit,
            C::Blocklisted => ErrorCode::Blocklisted,
            C::SensitiveWords => ErrorCode::SensitiveWords,
            C::ServerBodyTooLarge => ErrorCode::ServerBodyTooLarge,
            C::UserSigExpired => ErrorCode::UserSigExpired,
            C::UserSigExpiredServer => ErrorCode::UserSigExpiredServer,
            C::KickedOffline => ErrorCode::KickedOffline,
        }
    }
}

/// The error code for a number the service returned, `null`/`nil` when it
/// is not one this library knows.
#[uniffi::export]
pub fn error_code_from_value(value: i32) -> Option<ErrorCode> {
    imbridge_core::ErrorCode::from_code(value).map(Into::into)
}

/// Message priority, highest first (SPEC P1). Default Normal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Priority {
    /// Sent first; may overtake queued lower-priority messages.
    High,
    /// The default.
    Normal,
    /// Below normal.
    Low,
    /// The only priority that may be shed under load.
    Lowest,
}

impl From<core::Priority> for Priority {
    fn from(p: core::Priority) -> Self {
        match p {
            core::Priority::High => Priority::High,
            core::Priority::Normal => Priority::Normal,
            core::Priority::Low => Priority::Low,
            core::Priority::Lowest => Priority::Lowest,
        }
    }
}

impl From<Priority> for core::Priority {
    fn from(p: Priority) -> Self {
        match p {
            Priority::High => core::Priority::High,
            Priority::Normal => core::Priority::Normal,
            Priority::Low => core::Priority::Low,
            Priority::Lowest => core::Priority::Lowest,
        }
    }
}

/// P1: the priority for the client SDK's number (Default 0 and Normal 2 →
/// Normal, High 1, Low 3); `null`/`nil` for other numbers.
#[uniffi::export]
pub fn priority_from_sdk(value: i32) -> Option<Priority> {
    core::Priority::from_sdk(value).map(Into::into)
}

/// P1: the client SDK's number for a priority (Lowest has none: 3, as Low).
#[uniffi::export]
pub fn priority_to_sdk(priority: Priority) -> i32 {
    core::Priority::from(priority).to_sdk()
}

/// The service's group types (SPEC M10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum GroupType {
    /// ≤200 members, invite only.
    Work,
    /// ≤2,000 members, apply + approval.
    Public,
    /// ≤6,000 members, free join.
    Meeting,
    /// ≤100,000 members; ids start with `@TGS#_`.
    Community,
    /// Unlimited, no history, no @.
    AvChatRoom,
}

impl From<core::GroupType> for GroupType {
    fn from(t: core::GroupType) -> Self {
        match t {
            core::GroupType::Work => GroupType::Work,
            core::GroupType::Public => GroupType::Public,
            core::GroupType::Meeting => GroupType::Meeting,
            core::GroupType::Community => GroupType::Community,
            core::GroupType::AVChatRoom => GroupType::AvChatRoom,
        }
    }
}

impl From<GroupType> for core::GroupType {
    fn from(t: GroupType) -> Self {
        match t {
            GroupType::Work => core::GroupType::Work,
            GroupType::Public => core::GroupType::Public,
            GroupType::Meeting => core::GroupType::Meeting,
            GroupType::Community => core::GroupType::Community,
            GroupType::AvChatRoom => core::GroupType::AVChatRoom,
        }
    }
}

/// What a group type allows (SPEC M9, M10).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct GroupTypeInfo {
    /// Most members; `null`/`nil` for unlimited.
    pub max_members: Option<u32>,
    /// Whether the service stores history.
    pub stores_history: bool,
    /// Whether @all is allowed.
    pub allows_mention_all: bool,
    /// Whether @ a single user is allowed.
    pub allows_mention_user: bool,
}

/// M9/M10: what `group_type` allows.
#[uniffi::export]
pub fn group_type_info(group_type: GroupType) -> GroupTypeInfo {
    let t = core::GroupType::from(group_type);
    GroupTypeInfo {
        max_members: t.max_members(),
        stores_history: t.stores_history(),
        allows_mention_all: t.allows_mention_all(),
        allows_mention_user: t.allows_mention_user(),
    }
}

/// M10: the group type a group id alone tells (`@TGS#_` Community,
/// `@TGS#a` AVChatRoom), `null`/`nil` otherwise.
#[uniffi::export]
pub fn group_type_from_id(group_id: String) -> Option<GroupType> {
    core::GroupType::infer_from_id(&group_id).map(Into::into)
}

/// Message status with the SDK's numbers (SPEC M11): `value` is the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
#[repr(i32)]
pub enum MessageStatus {
    /// 1
    Sending = 1,
    /// 2: "sent successfully" once a server key is assigned.
    Sent = 2,
    /// 3
    Failed = 3,
    /// 4
    Deleted = 4,
    /// 5
    LocalImported = 5,
    /// 6
    LocalRevoked = 6,
}

/// M11: the status for an SDK number, `null`/`nil` outside 1..=6.
#[uniffi::export]
pub fn message_status_from_value(value: i32) -> Option<MessageStatus> {
    core::MessageStatus::from_sdk(value).map(|s| match s {
        core::MessageStatus::Sending => MessageStatus::Sending,
        core::MessageStatus::Sent => MessageStatus::Sent,
        core::MessageStatus::Failed => MessageStatus::Failed,
        core::MessageStatus::Deleted => MessageStatus::Deleted,
        core::MessageStatus::LocalImported => MessageStatus::LocalImported,
        core::MessageStatus::LocalRevoked => MessageStatus::LocalRevoked,
    })
}
