//! Errors of initialisation and login (SPEC I1–I4, X3).

use crate::error::ErrorCode;

/// Why init, login or a call that needs them was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Error))]
pub enum InitError {
    /// 6013: a call was made before init (or after uninit).
    #[error("not initialised: call init first (or again after uninit)")]
    NotInitialised,
    /// 6014: a call was made before login completed.
    #[error("not logged in: log in first")]
    NotLoggedIn,
    /// I2: init from a process other than the app's main process.
    #[error("not the main process: running in {current:?}, the main process is {main:?}; initialise only in the main process")]
    NotMainProcess {
        /// This process's name.
        current: String,
        /// The main process's name (`applicationInfo.processName`).
        main: String,
    },
    /// I2: a process name could not be determined; init fails closed.
    #[error(
        "the {which} process name is unknown; init refuses rather than risk a second instance"
    )]
    UnknownProcessName {
        /// `current` or `main`.
        which: String,
    },
    /// I1: init with a config that differs from the live instance's.
    #[error("already initialised with a different config: {}", differences.join("; "))]
    ConfigMismatch {
        /// One entry per differing field: `field: live value → requested value`.
        differences: Vec<String>,
    },
    /// 6017: a config field is invalid.
    #[error("invalid config {field}: {reason}")]
    InvalidConfig {
        /// The field.
        field: String,
        /// Why.
        reason: String,
    },
    /// I3: another process holds the data directory's lock.
    #[error("{path} is locked by another process (pid {}, process {})",
        holder_pid.map_or_else(|| "unknown".to_string(), |p| p.to_string()),
        holder_process.as_deref().unwrap_or("unknown"))]
    LockHeld {
        /// The lock file.
        path: String,
        /// The holder's pid, as it recorded it.
        holder_pid: Option<u32>,
        /// The holder's process name, as it recorded it.
        holder_process: Option<String>,
    },
    /// I3: the file system cannot lock; never a silent pass.
    #[error("cannot lock {path}: {reason}")]
    LockUnsupported {
        /// The lock file.
        path: String,
        /// What the system said.
        reason: String,
    },
    /// I3: the lock file could not be created or written.
    #[error("cannot use {path}: {reason}")]
    Io {
        /// The file.
        path: String,
        /// What the system said.
        reason: String,
    },
    /// I4: login or logout while another login is under way.
    #[error("a login of {user:?} is already under way")]
    LoginInProgress {
        /// The user logging in.
        user: String,
    },
    /// I4: login or logout while a logout is under way.
    #[error("a logout of {user:?} is under way; wait for it to finish")]
    LogoutInProgress {
        /// The user logging out.
        user: String,
    },
    /// I4: login as another user before logging out.
    #[error("{current:?} is logged in; log out before logging in as {requested:?}")]
    SwitchUserRequiresLogout {
        /// The logged-in user.
        current: String,
        /// The user asked for.
        requested: String,
    },
    /// I4: an event that does not apply in the current state.
    #[error("{event} does not apply while {state}")]
    InvalidTransition {
        /// The current state.
        state: String,
        /// The event.
        event: String,
    },
}

impl InitError {
    /// The service's numeric code, where it defines one.
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            InitError::NotInitialised => Some(ErrorCode::NotInitialised),
            InitError::NotLoggedIn => Some(ErrorCode::NotLoggedIn),
            InitError::InvalidConfig { .. } => Some(ErrorCode::InvalidParameter),
            _ => None,
        }
    }

    /// A stable short name for the error kind (`not_initialised`, …): what
    /// `codeOrName` shows where the service has no number, and what Kotlin
    /// and Swift print, since class and case names can be renamed by a
    /// shrinker or be unreadable by reflection.
    pub fn name(&self) -> &'static str {
        match self {
            InitError::NotInitialised => "not_initialised",
            InitError::NotLoggedIn => "not_logged_in",
            InitError::NotMainProcess { .. } => "not_main_process",
            InitError::UnknownProcessName { .. } => "unknown_process_name",
            InitError::ConfigMismatch { .. } => "config_mismatch",
            InitError::InvalidConfig { .. } => "invalid_config",
            InitError::LockHeld { .. } => "lock_held",
            InitError::LockUnsupported { .. } => "lock_unsupported",
            InitError::Io { .. } => "io",
            InitError::LoginInProgress { .. } => "login_in_progress",
            InitError::LogoutInProgress { .. } => "logout_in_progress",
            InitError::SwitchUserRequiresLogout { .. } => "switch_user_requires_logout",
            InitError::InvalidTransition { .. } => "invalid_transition",
        }
    }
}
