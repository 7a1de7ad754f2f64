//! Initialisation and login across the FFI (SPEC I1–I4).

use imbridge_core::init as core;
pub use imbridge_core::init::{InitConfig, InitError, LoginState, LoginStatus, SessionEnd};
use std::sync::Arc;

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
            _ => Err(core::InitError::NotInitialised),
        }
    }

    /// I4: the login state.
    pub fn login_status(&self) -> Result<LoginStatus, InitError> {
        self.instance.login_status()
    }

    /// I4: the logged-in user; 6013 after uninit, 6014 before login.
    pub fn require_logged_in(&self) -> Result<String, InitError> {
        self.instance.require_logged_in()
    }

    /// I4: the app starts its login call. Refused while a login or logout
    /// is under way, and for another user while one is logged in.
    pub fn begin_login(&self, user_id: String) -> Result<LoginState, InitError> {
        self.instance
            .with_login("begin login", |l| l.begin_login(&user_id).cloned())
    }

    /// I4: the app's login call succeeded.
    pub fn login_succeeded(&self) -> Result<LoginState, InitError> {
        self.instance
            .with_login("login succeeded", |l| l.login_succeeded().cloned())
    }

    /// I4: the app's login call failed.
    pub fn login_failed(&self) -> Result<LoginState, InitError> {
        self.instance
            .with_login("login failed", |l| l.login_failed().cloned())
    }

    /// I4: the app starts its logout call; 6014 when nobody is logged in.
    pub fn begin_logout(&self) -> Result<LoginState, InitError> {
        self.instance
            .with_login("begin logout", |l| l.begin_logout().cloned())
    }

    /// I4: the logout finished.
    pub fn logout_completed(&self) -> Result<LoginState, InitError> {
        self.instance
            .with_login("logout completed", |l| l.logout_completed().cloned())
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
        self.instance.session_ended(why)
    }
}
