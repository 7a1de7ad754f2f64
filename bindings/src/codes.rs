//! Small enums and tables: error codes, priority, group types, status.
//! The types are the core's own; these are the functions over them.

use imbridge_core::message::{GroupType, GroupTypeInfo, MessageStatus, Priority};
use imbridge_core::ErrorCode;

/// The error code for a number the service returned, `null`/`nil` when it
/// is not one this library knows.
#[uniffi::export]
pub fn error_code_from_value(value: i32) -> Option<ErrorCode> {
    ErrorCode::from_code(value)
}

/// P1: the priority for a native SDK number (`V2TIM_PRIORITY_*`: DEFAULT 0
/// and NORMAL 2 → Normal, HIGH 1, LOW 3); `null`/`nil` for other numbers.
#[uniffi::export]
pub fn priority_from_native(value: i32) -> Option<Priority> {
    Priority::from_native(value)
}

/// P1: the native SDKs' number for a priority. They have no Lowest: it
/// becomes LOW (3).
#[uniffi::export]
pub fn priority_to_native(priority: Priority) -> i32 {
    priority.to_native()
}

/// P1: the priority for a Web SDK number (1 High, 2 Normal, 3 Low,
/// 4 Lowest); `null`/`nil` for other numbers (the Web SDK would read them
/// as Normal).
#[uniffi::export]
pub fn priority_from_web(value: i32) -> Option<Priority> {
    Priority::from_web(value)
}

/// P1: the Web SDK's number for a priority (1 High … 4 Lowest).
#[uniffi::export]
pub fn priority_to_web(priority: Priority) -> i32 {
    priority.to_web()
}

/// M10: the group type for either spelling (`Work`/`Private`,
/// `Meeting`/`ChatRoom`, `Public`, `Community`, `AVChatRoom`);
/// `null`/`nil` for anything else.
#[uniffi::export]
pub fn group_type_from_name(name: String) -> Option<GroupType> {
    GroupType::from_name(&name)
}

/// M10: the canonical (native SDK) name: `Work`, `Public`, `Meeting`,
/// `Community`, `AVChatRoom`.
#[uniffi::export]
pub fn group_type_name(group_type: GroupType) -> String {
    group_type.name().to_string()
}

/// M10: the Web SDK / REST `create_group` name: `Private`, `Public`,
/// `ChatRoom`, `Community`, `AVChatRoom`.
#[uniffi::export]
pub fn group_type_rest_name(group_type: GroupType) -> String {
    group_type.rest_name().to_string()
}

/// M9/M10: what `group_type` allows.
#[uniffi::export]
pub fn group_type_info(group_type: GroupType) -> GroupTypeInfo {
    group_type.info()
}

/// M10: the group type a group id alone tells (`@TGS#_` Community,
/// `@TGS#a` AVChatRoom), `null`/`nil` otherwise.
#[uniffi::export]
pub fn group_type_from_id(group_id: String) -> Option<GroupType> {
    GroupType::infer_from_id(&group_id)
}

/// M11: the status for an SDK number, `null`/`nil` outside 1..=6.
#[uniffi::export]
pub fn message_status_from_value(value: i32) -> Option<MessageStatus> {
    MessageStatus::from_sdk(value)
}
