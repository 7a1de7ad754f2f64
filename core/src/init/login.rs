//! The login state machine (SPEC I4).
//!
//! LoggedOut → LoggingIn → LoggedIn, and back through LoggingOut; kicked
//! offline (6208) and user sig expired (6206 / 70001) return to LoggedOut at
//! once. The network calls are the app's: this machine only decides what
//! is allowed and what the state is, so every domain can ask it.

use crate::error::ErrorCode;
use crate::init::InitError;
use crate::message::identifier_problem;
use std::fmt;

/// Where login stands.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum LoginState {
    /// Nobody is logged in (SDK value 3).
    #[default]
    LoggedOut,
    /// A login is under way (SDK value 2).
    LoggingIn {
        /// Who is logging in.
        user_id: String,
    },
    /// Logged in (SDK value 1).
    LoggedIn {
        /// Who.
        user_id: String,
    },
    /// A logout is under way; still logged in for the SDK (value 1) until it ends.
    LoggingOut {
        /// Who is logging out.
        user_id: String,
    },
}

impl LoginState {
    /// The SDK's number: LoggedIn 1, LoggingIn 2, LoggedOut 3.
    pub fn sdk_value(&self) -> i32 {
        match self {
            LoginState::LoggedIn { .. } | LoginState::LoggingOut { .. } => 1,
            LoginState::LoggingIn { .. } => 2,
            LoginState::LoggedOut => 3,
        }
    }

    /// The user this state is about, if any.
    pub fn user(&self) -> Option<&str> {
        match self {
            LoginState::LoggedOut => None,
            LoginState::LoggingIn { user_id: user }
            | LoginState::LoggedIn { user_id: user }
            | LoginState::LoggingOut { user_id: user } => Some(user),
        }
    }
}

impl fmt::Display for LoginState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoginState::LoggedOut => f.write_str("logged out"),
            LoginState::LoggingIn { user_id: user } => write!(f, "logging in as {user:?}"),
            LoginState::LoggedIn { user_id: user } => write!(f, "logged in as {user:?}"),
            LoginState::LoggingOut { user_id: user } => write!(f, "logging out {user:?}"),
        }
    }
}

/// The login state as an app shows it (SPEC I4).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct LoginStatus {
    /// The state.
    pub state: LoginState,
    /// The client SDK's number for it (`V2TIMManager.getLoginStatus`).
    pub sdk_value: i32,
    /// Why the service ended the last session, if it did.
    pub last_session_end: Option<SessionEnd>,
}

/// Why the service ended a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum SessionEnd {
    /// 6208: the same user logged in elsewhere.
    KickedOffline,
    /// 6206 / 70001: the user sig expired.
    UserSigExpired,
}

impl SessionEnd {
    /// The session end a service code means, if it means one.
    pub fn from_code(code: i32) -> Option<SessionEnd> {
        match ErrorCode::from_code(code)? {
            ErrorCode::KickedOffline => Some(SessionEnd::KickedOffline),
            ErrorCode::UserSigExpired | ErrorCode::UserSigExpiredServer => {
                Some(SessionEnd::UserSigExpired)
            }
            _ => None,
        }
    }
}

/// The I4 state machine.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Login {
    state: LoginState,
    /// Why the last session ended, when the service ended it.
    last_end: Option<SessionEnd>,
}

impl Login {
    /// The current state.
    pub fn state(&self) -> &LoginState {
        &self.state
    }

    /// Why the last session ended, when the service ended it (kicked or sig expired).
    pub fn last_session_end(&self) -> Option<SessionEnd> {
        self.last_end
    }

    /// The logged-in user, or 6014 for a call that needs login.
    pub fn require_logged_in(&self) -> Result<&str, InitError> {
        match &self.state {
            LoginState::LoggedIn { user_id: user } => Ok(user),
            _ => Err(InitError::NotLoggedIn),
        }
    }

    fn invalid(&self, event: &str) -> InitError {
        InitError::InvalidTransition {
            state: self.state.to_string(),
            event: event.to_string(),
        }
    }

    /// Starts a login. Refused while another login or a logout is under
    /// way, and for another user while one is logged in (log out first).
    /// Logging in again as the logged-in user changes nothing.
    pub fn begin_login(&mut self, user: &str) -> Result<&LoginState, InitError> {
        if user.trim().is_empty() {
            return Err(InitError::InvalidConfig {
                field: "user_id".into(),
                reason: "empty user id".into(),
            });
        }
        if let Some(reason) = identifier_problem(user) {
            return Err(InitError::InvalidConfig {
                field: "user_id".into(),
                reason,
            });
        }
        match &self.state {
            LoginState::LoggedOut => {
                self.state = LoginState::LoggingIn {
                    user_id: user.to_string(),
                };
                self.last_end = None;
            }
            LoginState::LoggingIn { user_id: current } => {
                return Err(InitError::LoginInProgress {
                    user: current.clone(),
                })
            }
            LoginState::LoggingOut { user_id: current } => {
                return Err(InitError::LogoutInProgress {
                    user: current.clone(),
                })
            }
            LoginState::LoggedIn { user_id: current } if current == user => {}
            LoginState::LoggedIn { user_id: current } => {
                return Err(InitError::SwitchUserRequiresLogout {
                    current: current.clone(),
                    requested: user.to_string(),
                })
            }
        }
        Ok(&self.state)
    }

    /// The app's login call succeeded.
    pub fn login_succeeded(&mut self) -> Result<&LoginState, InitError> {
        match &self.state {
            LoginState::LoggingIn { user_id: user } => {
                self.state = LoginState::LoggedIn {
                    user_id: user.clone(),
                };
                Ok(&self.state)
            }
            _ => Err(self.invalid("login succeeded")),
        }
    }

    /// The app's login call failed: back to LoggedOut.
    pub fn login_failed(&mut self) -> Result<&LoginState, InitError> {
        match &self.state {
            LoginState::LoggingIn { .. } => {
                self.state = LoginState::LoggedOut;
                Ok(&self.state)
            }
            _ => Err(self.invalid("login failed")),
        }
    }

    /// Starts a logout; 6014 when nobody is logged in.
    pub fn begin_logout(&mut self) -> Result<&LoginState, InitError> {
        match &self.state {
            LoginState::LoggedIn { user_id: user } => {
                self.state = LoginState::LoggingOut {
                    user_id: user.clone(),
                };
                Ok(&self.state)
            }
            LoginState::LoggingIn { user_id: user } => {
                Err(InitError::LoginInProgress { user: user.clone() })
            }
            LoginState::LoggingOut { user_id: user } => {
                Err(InitError::LogoutInProgress { user: user.clone() })
            }
            LoginState::LoggedOut => Err(InitError::NotLoggedIn),
        }
    }

    /// The logout finished (whatever the server answered, the session is over).
    pub fn logout_completed(&mut self) -> Result<&LoginState, InitError> {
        match &self.state {
            LoginState::LoggingOut { .. } => {
                self.state = LoginState::LoggedOut;
                Ok(&self.state)
            }
            _ => Err(self.invalid("logout completed")),
        }
    }

    /// The service ended the session (6208 kicked, 6206/70001 sig expired):
    /// LoggedOut from any state with a user. Returns `false` (and changes
    /// nothing) when nobody was logged in.
    pub fn session_ended(&mut self, why: SessionEnd) -> bool {
        if self.state == LoginState::LoggedOut {
            return false;
        }
        self.state = LoginState::LoggedOut;
        self.last_end = Some(why);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn logged_in(user: &str) -> Login {
        let mut l = Login::default();
        l.begin_login(user).unwrap();
        l.login_succeeded().unwrap();
        l
    }

    #[test]
    fn i4_state_names_its_user_in_every_phase() {
        let mut l = Login::default();
        assert_eq!(
            (l.state().user(), l.state().to_string()),
            (None, "logged out".into())
        );
        l.begin_login("alice").unwrap();
        assert_eq!(l.state().user(), Some("alice"));
        assert_eq!(l.state().to_string(), "logging in as \"alice\"");
        l.login_succeeded().unwrap();
        assert_eq!(l.state().user(), Some("alice"));
        assert_eq!(l.state().to_string(), "logged in as \"alice\"");
        l.begin_logout().unwrap();
        assert_eq!(l.state().user(), Some("alice"));
        assert_eq!(l.state().to_string(), "logging out \"alice\"");
    }

    #[test]
    fn i4_a_failed_login_returns_to_logged_out_and_only_while_logging_in() {
        let mut l = Login::default();
        assert!(l.login_failed().is_err(), "no login under way");
        l.begin_login("alice").unwrap();
        assert_eq!(l.login_failed(), Ok(&LoginState::LoggedOut));
        assert!(l.begin_login("alice").is_ok(), "a new attempt may start");
        l.login_succeeded().unwrap();
        assert!(l.login_failed().is_err(), "logged in: nothing failed");
        assert_eq!(l.state().user(), Some("alice"));
    }

    #[test]
    fn i4_happy_path_and_sdk_values() {
        let mut l = Login::default();
        assert_eq!(l.state().sdk_value(), 3);
        assert_eq!(l.begin_login("alice").unwrap().sdk_value(), 2);
        assert_eq!(l.login_succeeded().unwrap().sdk_value(), 1);
        assert_eq!(l.require_logged_in(), Ok("alice"));
        assert_eq!(l.begin_logout().unwrap().sdk_value(), 1);
        assert_eq!(l.logout_completed().unwrap(), &LoginState::LoggedOut);
    }

    #[test]
    fn i4_calls_before_login_are_6014() {
        let l = Login::default();
        let err = l.require_logged_in().unwrap_err();
        assert_eq!(err.code().map(|c| c.code()), Some(6014));
        let mut l = Login::default();
        assert_eq!(l.begin_logout(), Err(InitError::NotLoggedIn));
    }

    #[test]
    fn i4_login_while_logging_in_is_refused() {
        let mut l = Login::default();
        l.begin_login("alice").unwrap();
        assert_eq!(
            l.begin_login("alice"),
            Err(InitError::LoginInProgress {
                user: "alice".into()
            })
        );
        assert_eq!(
            l.begin_login("bob"),
            Err(InitError::LoginInProgress {
                user: "alice".into()
            })
        );
    }

    #[test]
    fn i4_switching_user_requires_logout_to_finish() {
        let mut l = logged_in("alice");
        assert!(matches!(
            l.begin_login("bob"),
            Err(InitError::SwitchUserRequiresLogout { .. })
        ));
        l.begin_logout().unwrap();
        assert!(matches!(
            l.begin_login("bob"),
            Err(InitError::LogoutInProgress { .. })
        ));
        l.logout_completed().unwrap();
        assert!(l.begin_login("bob").is_ok());
    }

    #[test]
    fn i4_same_user_login_again_is_a_no_op() {
        let mut l = logged_in("alice");
        assert_eq!(
            l.begin_login("alice").unwrap(),
            &LoginState::LoggedIn {
                user_id: "alice".into()
            }
        );
    }

    #[test]
    fn i4_kicked_and_sig_expired_return_to_logged_out() {
        for code in [6208, 6206, 70001] {
            let mut l = logged_in("alice");
            let why = SessionEnd::from_code(code).unwrap();
            assert!(l.session_ended(why));
            assert_eq!(l.state(), &LoginState::LoggedOut);
            assert_eq!(l.last_session_end(), Some(why));
        }
        assert_eq!(SessionEnd::from_code(6014), None);
        assert!(!Login::default().session_ended(SessionEnd::KickedOffline));
    }

    #[test]
    fn i4_events_out_of_place_change_nothing() {
        let mut l = Login::default();
        assert!(matches!(
            l.login_succeeded(),
            Err(InitError::InvalidTransition { .. })
        ));
        assert!(matches!(
            l.logout_completed(),
            Err(InitError::InvalidTransition { .. })
        ));
        assert_eq!(l.state(), &LoginState::LoggedOut);
        assert!(matches!(
            l.begin_login(" "),
            Err(InitError::InvalidConfig { .. })
        ));
    }
}
