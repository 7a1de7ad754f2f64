//! The service's numeric error codes (SPEC X3).
//!
//! Every domain error in this crate maps to one of these where the service
//! defines a number, so an app sees the same code from the core as it would
//! from the SDK or the REST API.

use std::fmt;

/// A numeric error code of the IM service, kept with the service's numbers
/// so apps that port from the SDK can match on the values they already know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[repr(i32)]
pub enum ErrorCode {
    /// 6013: a call was made before the SDK was initialised.
    NotInitialised = 6013,
    /// 6014: a call was made before login.
    NotLoggedIn = 6014,
    /// 6016: a message element is invalid (or a second custom element, or an empty message).
    InvalidElement = 6016,
    /// 6017: a parameter is invalid (wrong type, out of range, missing).
    InvalidParameter = 6017,
    /// 8001: the encoded message body exceeds the size limit (client side).
    BodyTooLarge = 8001,
    /// 10017: the sender is muted in the group.
    MutedInGroup = 10017,
    /// 10023: the group's send-frequency limit was hit.
    GroupFrequencyLimit = 10023,
    /// 20007: the sender is on the recipient's blocklist.
    Blocklisted = 20007,
    /// 80001: the message contains sensitive words.
    SensitiveWords = 80001,
    /// 80002: the message body is too large (server side).
    ServerBodyTooLarge = 80002,
    /// 6206: the user sig expired (client SDK number).
    UserSigExpired = 6206,
    /// 70001: the user sig expired (server number).
    UserSigExpiredServer = 70001,
    /// 6208: the user was kicked offline by a login elsewhere.
    KickedOffline = 6208,
}

impl ErrorCode {
    /// Every code, in numeric order; handy for exhaustive tests and tables.
    pub const ALL: [ErrorCode; 13] = [
        ErrorCode::NotInitialised,
        ErrorCode::NotLoggedIn,
        ErrorCode::InvalidElement,
        ErrorCode::InvalidParameter,
        ErrorCode::UserSigExpired,
        ErrorCode::KickedOffline,
        ErrorCode::BodyTooLarge,
        ErrorCode::MutedInGroup,
        ErrorCode::GroupFrequencyLimit,
        ErrorCode::Blocklisted,
        ErrorCode::UserSigExpiredServer,
        ErrorCode::SensitiveWords,
        ErrorCode::ServerBodyTooLarge,
    ];

    /// The service's number for this code.
    pub const fn code(self) -> i32 {
        self as i32
    }

    /// The code for a number the service returned, if it is one of ours.
    pub fn from_code(code: i32) -> Option<ErrorCode> {
        ErrorCode::ALL.into_iter().find(|c| c.code() == code)
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn x3_codes_keep_the_service_numbers() {
        let numbers: Vec<i32> = ErrorCode::ALL.iter().map(|c| c.code()).collect();
        assert_eq!(
            numbers,
            [6013, 6014, 6016, 6017, 6206, 6208, 8001, 10017, 10023, 20007, 70001, 80001, 80002]
        );
    }

    #[test]
    fn x3_from_code_round_trips_and_rejects_unknown() {
        for c in ErrorCode::ALL {
            assert_eq!(ErrorCode::from_code(c.code()), Some(c));
        }
        assert_eq!(ErrorCode::from_code(0), None);
        assert_eq!(ErrorCode::from_code(-6013), None);
    }
}
