//! Initialisation and login across the FFI (SPEC I1–I4).

use imbridge_core::init as core;
pub use imbridge_core::init::{InitConfig, LoginState, LoginStatus, SessionEnd};
use std::sync::Arc;

/// Why init or login was refused. Variants with a service number carry it
/// in `code` (6013 not initialised, 6014 not logged in, 6017 invalid
/// config); `detail` is a readable sentence.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum InitError {
    /// 6013: before init, or on an instance that was uninitialised.
    #[error("{detail}")]
    NotInitialised {
        /// 6013.
        code: i32,
        /// The error as a sentence.
        detail: String,
    },
    /// 6014: before login.
    #[error("{detail}")]
    NotLoggedIn {
        /// 6014.
        code: i32,
        /// The error as a sentence.
        detail: String,
    },
    /// I2: not the main process.
    #[error("{detail}")]
    NotMainProcess {
        /// This process.
        current: String,
        /// The main process.
        main: String,
        /// The error as a sentence.
        detail: String,
    },
    /// I2: a process name is unknown; init fails closed.
    #[error("{detail}")]
    UnknownProcessName {
        /// `current` or `main`.
        which: String,
        /// The error as a sentence.
        detail: String,
    },
    /// I1: already initialised with a different config.
    #[error("{detail}")]
    ConfigMismatch {
        /// `field: live → requested`, one per difference.
        differences: Vec<String>,
        /// The error as a sentence.
        detail: String,
    },
    /// 6017: an invalid config field or argument.
    #[error("{detail}")]
    InvalidConfig {
        /// 6017.
        code: i32,
        /// The field.
        field: String,
        /// The error as a sentence.
        detail: String,
    },
    /// I3: another process holds the data directory's lock.
    #[error("{detail}")]
    LockHeld {
        /// The lock file.
        path: String,
        /// The holder's pid.
        holder_pid: Option<u32>,
        /// The holder's process name.
        holder_process: Option<String>,
        /// The error as a sentence.
        detail: String,
    },
    /// I3: the file system cannot lock.
    #[error("{detail}")]
    LockUnsupported {
        /// The lock file.
        path: String,
        /// The error as a sentence.
        detail: String,
    },
    /// The lock file could not be created or written.
    #[error("{detail}")]
    Io {
        /// The file.
        path: String,
        /// The error as a sentence.
        detail: String,
    },
    /// I4: a login is under way.
    #[error("{detail}")]
    LoginInProgress {
        /// Who is logging in.
        user_id: String,
        /// The error as a sentence.
        detail: String,
    },
    /// I4: a logout is under way.
    #[error("{detail}")]
    LogoutInProgress {
        /// Who is logging out.
        user_id: String,
        /// The error as a sentence.
        detail: String,
    },
    /// I4: log out before logging in as someone else.
    #[error("{detail}")]
    SwitchUserRequiresLogout {
        /// Logged in now.
        current: String,
        /// Asked for.
        requested: String,
        /// The error as a sentence.
        detail: String,
    },
    /// I4: the event does not apply in the current state.
    #[error("{detail}")]
    InvalidTransition {
        /// The state.
        state: String,
        /// The event.
        event: String,
        /// The error as a sentence.
        detail: String,
    },
}

impl From<core::InitError> for InitError {
    fn from(e: core::InitError) -> Self {
        let detail = e.to_string();
        let code = e.code().map_or(0, |c| c.code());
        match e {
            core::InitError::NotInitialised => InitError::NotInitialised { code, detail },
            core::InitError::NotLoggedIn => InitError::NotLoggedIn { code, detail },
            core::InitError::NotMainProcess { current, main } => InitError::NotMainProcess {
                current,
                main,
                detail,
            },
            core::InitError::UnknownProcessName { which } => {
                InitError::UnknownProcessName { which, detail }
            }
            core::InitError::ConfigMismatch { differences } => InitError::ConfigMismatch {
                differences,
                detail,
            },
            core::InitError::InvalidConfig { field, .. } => InitError::InvalidConfig {
                code,
                field,
                detail,
            },
            core::InitError::LockHeld {
                path,
                holder_pid,
                holder_process,
            } => InitError::LockHeld {
                path,
                holder_pid,
                holder_process,
                detail,
            },
            core::InitError::LockUnsupported { path, .. } => {
                InitError::LockUnsupported { path, detail }
            }
            core::InitError::Io { path, .. } => InitError::Io { path, detail },
            core::InitError::LoginInProgress { user } => InitError::LoginInProgress {
                user_id: user,
                detail,
            },
            core::InitError::LogoutInProgress { user } => InitError::LogoutInProgress {
                user_id: user,
                detail,
            },
            core::InitError::SwitchUserRequiresLogout { current, requested } => {
                InitError::SwitchUserRequiresLogout {
                    current,
                    requested,
                    detail,
                }
            }
            core::InitError::InvalidTransition { state, event } => InitError::InvalidTransition {
                state,
                event,
                detail,
            },
        }
    }
}

/// The initialised SDK of this process (SPEC I1): at most one is live.
/// Every handle to an instance that was uninitialised answers 6013.
#[derive(Debug, uniffi::Object)]
pub struct Bridge {
    pub(crate) instance: Arc<core::Instance>,
}

#[uniffi::export]
impl Bridge {
    /// I1–I3: initialises this process's instance, or returns the live one
    /// when `config` equals its config.
    ///
    /// `current_process` and `main_process` are the names the platform layer
    /// resolved (on Android `applicationInfo.processName` is the main one).
    /// With `current_process` unset, Linux and Android read
    /// `/proc/self/cmdline`; an unknown name fails closed. Throws
    /// `NotMainProcess`, `UnknownProcessName`, `ConfigMismatch` (naming what
    /// differs), `LockHeld` (naming the holder), `LockUnsupported`,
    /// `InvalidConfig` (6017) or `Io`; a failed init leaves nothing behind.
    #[uniffi::constructor(default(current_process = None, main_process = None))]
    pub fn initialize(
        config: InitConfig,
        current_process: Option<String>,
        main_process: Option<String>,
    ) -> Result<Arc<Self>, InitError> {
        let facts = core::ProcessFacts {
            current: current_process,
            main: main_process,
        }
        .with_current_from_os();
        let instance = core::Registry::global().init(config, facts)?;
        Ok(Arc::new(Bridge { instance }))
    }

    /// The live instance, or 6013.
    #[uniffi::constructor]
    pub fn current() -> Result<Arc<Self>, InitError> {
        let instance = core::Registry::global().current()?;
        Ok(Arc::new(Bridge { instance }))
    }

    /// Whether `other` is a handle to the same instance.
    pub fn is_same_instance(&self, other: Arc<Bridge>) -> bool {
        Arc::ptr_eq(&self.instance, &other.instance)
    }

    /// The config it was created with.
    pub fn config(&self) -> InitConfig {
        self.instance.config().clone()
    }

    /// Whether this is still the live instance.
    pub fn is_alive(&self) -> bool {
        self.instance.is_alive()
    }

    /// Ends this instance: releases the cross-process lock; every handle
    /// answers 6013 afterwards; init works again. 6013 when it already ended.
    pub fn uninit(&self) -> Result<(), InitError> {
        let registry = core::Registry::global();
        match registry.current() {
            Ok(live) if Arc::ptr_eq(&live, &self.instance) => Ok(registry.uninit()?),
            _ => Err(core::InitError::NotInitialised.into()),
        }
    }

    /// I4: the login state.
    pub fn login_status(&self) -> Result<LoginStatus, InitError> {
        Ok(self.instance.login_status()?)
    }

    /// I4: the logged-in user; 6013 after uninit, 6014 before login.
    pub fn require_logged_in(&self) -> Result<String, InitError> {
        Ok(self.instance.require_logged_in()?)
    }

    /// I4: the app starts its login call. Refused while a login or logout
    /// is under way, and for another user while one is logged in.
    pub fn begin_login(&self, user_id: String) -> Result<LoginState, InitError> {
        Ok(self
            .instance
            .with_login("begin login", |l| l.begin_login(&user_id).cloned())?)
    }

    /// I4: the app's login call succeeded.
    pub fn login_succeeded(&self) -> Result<LoginState, InitError> {
        Ok(self
            .instance
            .with_login("login succeeded", |l| l.login_succeeded().cloned())?)
    }

    /// I4: the app's login call failed.
    pub fn login_failed(&self) -> Result<LoginState, InitError> {
        Ok(self
            .instance
            .with_login("login failed", |l| l.login_failed().cloned())?)
    }

    /// I4: the app starts its logout call; 6014 when nobody is logged in.
    pub fn begin_logout(&self) -> Result<LoginState, InitError> {
        Ok(self
            .instance
            .with_login("begin logout", |l| l.begin_logout().cloned())?)
    }

    /// I4: the logout finished.
    pub fn logout_completed(&self) -> Result<LoginState, InitError> {
        Ok(self
            .instance
            .with_login("logout completed", |l| l.logout_completed().cloned())?)
    }

    /// I4: the service ended the session with `code` (6208 kicked offline,
    /// 6206 / 70001 user sig expired): back to LoggedOut. Returns whether a
    /// session was ended; another code is `InvalidConfig` (6017).
    pub fn session_ended(&self, code: i32) -> Result<bool, InitError> {
        let why =
            core::SessionEnd::from_code(code).ok_or_else(|| core::InitError::InvalidConfig {
                field: "code".into(),
                reason: format!("{code} does not end a session; expected 6208, 6206 or 70001"),
            })?;
        Ok(self.instance.session_ended(why)?)
    }
}
