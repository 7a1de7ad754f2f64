//! The service's numeric error codes (SPEC X3).
//!
//! Every domain error in this crate maps to one of these where the service
//! defines a number, so an app sees the same code from the core as it would
//! from the SDK or the REST API.

use std::fmt;

/// A numeric error code of the IM service, kept with the service's numbers
/// so apps that port from the SDK can match on the values they already know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// 6013: a call was made before the SDK was initialised.
    NotInitialised,
    /// 6014: a call was made before login.
    NotLoggedIn,
    /// 6016: a message element is invalid (or a second custom element, or an empty message).
    InvalidElement,
    /// 6017: a parameter is invalid (wrong type, out of range, missing).
    InvalidParameter,
    /// 8001: the encoded message body exceeds the size limit (client side).
    BodyTooLarge,
    /// 10017: the sender is muted in the group.
    MutedInGroup,
    /// 10023: the group's send-frequency limit was hit.
    GroupFrequencyLimit,
    /// 20007: the sender is on the recipient's blocklist.
    Blocklisted,
    /// 80001: the message contains sensitive words.
    SensitiveWords,
    /// 80002: the message body is too large (server side).
    ServerBodyTooLarge,
    /// 6206: the user sig expired (client SDK number).
    UserSigExpired,
    /// 70001: the user sig expired (server number).
    UserSigExpiredServer,
    /// 6208: the user was kicked offline by a login elsewhere.
    KickedOffline,
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
        match self {
            ErrorCode::NotInitialised => 6013,
            ErrorCode::NotLoggedIn => 6014,
            ErrorCode::InvalidElement => 6016,
            ErrorCode::InvalidParameter => 6017,
            ErrorCode::BodyTooLarge => 8001,
            ErrorCode::MutedInGroup => 10017,
            ErrorCode::GroupFrequencyLimit => 10023,
            ErrorCode::Blocklisted => 20007,
            ErrorCode::SensitiveWords => 80001,
            ErrorCode::ServerBodyTooLarge => 80002,
            ErrorCode::UserSigExpired => 6206,
            ErrorCode::UserSigExpiredServer => 70001,
            ErrorCode::KickedOffline => 6208,
        }
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
