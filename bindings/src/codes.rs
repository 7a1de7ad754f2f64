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

/// P1: the priority for the client SDK's number (Default 0 and Normal 2 →
/// Normal, High 1, Low 3); `null`/`nil` for other numbers.
#[uniffi::export]
pub fn priority_from_sdk(value: i32) -> Option<Priority> {
    Priority::from_sdk(value)
}

/// P1: the client SDK's number for a priority (Lowest has none: 3, as Low).
#[uniffi::export]
pub fn priority_to_sdk(priority: Priority) -> i32 {
    priority.to_sdk()
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
