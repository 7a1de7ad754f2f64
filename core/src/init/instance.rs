//! One live instance per process (SPEC I1).

use crate::init::{
    InitConfig, InitError, Login, LoginState, LoginStatus, ProcessFacts, ProcessLock, SessionEnd,
};
use crate::sync::lock;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// The initialised SDK in this process: its config, the cross-process lock
/// on its data directory, and the login state every domain consults.
#[derive(Debug)]
pub struct Instance {
    config: InitConfig,
    process_name: String,
    lock: Mutex<Option<ProcessLock>>,
    login: Mutex<Login>,
    alive: AtomicBool,
}

impl Instance {
    /// The config it was created with.
    pub fn config(&self) -> &InitConfig {
        &self.config
    }

    /// The process it lives in.
    pub fn process_name(&self) -> &str {
        &self.process_name
    }

    /// Whether it is still the live instance (false after uninit).
    pub fn is_alive(&self) -> bool {
        self.alive.load(Ordering::Acquire)
    }

    /// 6013 once the instance was uninitialised: a handle kept by the app
    /// must not act on a dead instance.
    fn require_alive(&self) -> Result<(), InitError> {
        if self.is_alive() {
            Ok(())
        } else {
            Err(InitError::NotInitialised)
        }
    }

    /// Runs `f` on the login machine (6013 after uninit) and logs the result.
    pub fn with_login<T>(
        &self,
        event: &str,
        f: impl FnOnce(&mut Login) -> Result<T, InitError>,
    ) -> Result<T, InitError> {
        self.require_alive()?;
        let mut login = lock(&self.login);
        let result = f(&mut login);
        match &result {
            Ok(_) => log::info!(target: "imbridge::init", "{event}: now {}", login.state()),
            Err(e) => log::warn!(target: "imbridge::init", "{event} refused: {e}"),
        }
        result
    }

    /// The login state (6013 after uninit).
    pub fn login_state(&self) -> Result<LoginState, InitError> {
        self.require_alive()?;
        Ok(lock(&self.login).state().clone())
    }

    /// Why the service ended the last session, if it did (6013 after uninit).
    pub fn last_session_end(&self) -> Result<Option<SessionEnd>, InitError> {
        self.require_alive()?;
        Ok(lock(&self.login).last_session_end())
    }

    /// I4: the login state, its SDK number and how the last session ended,
    /// in one value (6013 after uninit).
    pub fn login_status(&self) -> Result<LoginStatus, InitError> {
        self.require_alive()?;
        let login = lock(&self.login);
        Ok(LoginStatus {
            sdk_value: login.state().sdk_value(),
            state: login.state().clone(),
            last_session_end: login.last_session_end(),
        })
    }

    /// The logged-in user: 6013 before init / after uninit, 6014 before login.
    pub fn require_logged_in(&self) -> Result<String, InitError> {
        self.require_alive()?;
        lock(&self.login).require_logged_in().map(str::to_string)
    }

    /// The service ended the session (kicked, sig expired).
    pub fn session_ended(&self, why: SessionEnd) -> Result<bool, InitError> {
        self.with_login("session ended", |l| Ok(l.session_ended(why)))
    }
}

/// Holds the one live [`Instance`] of a process. The FFI uses the
/// process-wide [`Registry::global`]; tests make their own.
#[derive(Debug, Default)]
pub struct Registry {
    live: Mutex<Option<Arc<Instance>>>,
}

static GLOBAL: Registry = Registry::new();

impl Registry {
    /// An empty registry.
    pub const fn new() -> Registry {
        Registry {
            live: Mutex::new(None),
        }
    }

    /// The process-wide registry.
    pub fn global() -> &'static Registry {
        &GLOBAL
    }

    /// I1–I3: initialises, or returns the live instance when `config` is
    /// equal to its config. Refused when this is not the main process (I2),
    /// when the config differs from the live one (naming what differs), or
    /// when another process holds the data directory's lock (I3). A failed
    /// init leaves nothing behind: no instance, no lock.
    pub fn init(
        &self,
        config: InitConfig,
        facts: ProcessFacts,
    ) -> Result<Arc<Instance>, InitError> {
        config.validate()?;
        if let Err(e) = facts.check() {
            log::warn!(target: "imbridge::init", "init refused: {e}");
            return Err(e);
        }
        let process_name = facts.current.unwrap_or_default();
        let mut live = lock(&self.live);
        if let Some(instance) = live.as_ref() {
            let differences = instance.config.differences(&config);
            if differences.is_empty() {
                return Ok(Arc::clone(instance));
            }
            log::warn!(target: "imbridge::init", "init refused: config differs: {}", differences.join("; "));
            return Err(InitError::ConfigMismatch { differences });
        }
        let process_lock = ProcessLock::acquire(Path::new(&config.data_dir), &process_name)?;
        log::info!(
            target: "imbridge::init",
            "initialised sdk_app_id {} in {process_name:?}, lock {}",
            config.sdk_app_id,
            process_lock.path().display()
        );
        let instance = Arc::new(Instance {
            config,
            process_name,
            lock: Mutex::new(Some(process_lock)),
            login: Mutex::new(Login::default()),
            alive: AtomicBool::new(true),
        });
        *live = Some(Arc::clone(&instance));
        Ok(instance)
    }

    /// The live instance, or 6013.
    pub fn current(&self) -> Result<Arc<Instance>, InitError> {
        lock(&self.live).clone().ok_or(InitError::NotInitialised)
    }

    /// Ends the live instance: releases the lock, makes every handle to it
    /// answer 6013, and lets init work again. 6013 when there is none.
    pub fn uninit(&self) -> Result<(), InitError> {
        let instance = lock(&self.live).take().ok_or(InitError::NotInitialised)?;
        instance.alive.store(false, Ordering::Release);
        drop(lock(&instance.lock).take());
        log::info!(target: "imbridge::init", "uninitialised sdk_app_id {}", instance.config.sdk_app_id);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(app: u64, name: &str) -> InitConfig {
        let dir =
            std::env::temp_dir().join(format!("imbridge-instance-{name}-{}", std::process::id()));
        InitConfig {
            sdk_app_id: app,
            data_dir: dir.display().to_string(),
        }
    }

    fn main_process() -> ProcessFacts {
        ProcessFacts {
            current: Some("com.example".into()),
            main: Some("com.example".into()),
        }
    }

    #[test]
    fn i4_instance_knows_its_process_and_how_the_last_session_ended() {
        let r = Registry::new();
        let i = r.init(config(1, "facts"), main_process()).unwrap();
        assert_eq!(i.process_name(), "com.example");
        assert_eq!(i.last_session_end(), Ok(None));
        i.with_login("login", |l| l.begin_login("alice").map(drop))
            .unwrap();
        i.with_login("login", |l| l.login_succeeded().map(drop))
            .unwrap();
        assert_eq!(i.session_ended(SessionEnd::KickedOffline), Ok(true));
        assert_eq!(i.last_session_end(), Ok(Some(SessionEnd::KickedOffline)));
        r.uninit().unwrap();
        assert_eq!(i.last_session_end(), Err(InitError::NotInitialised));
    }

    #[test]
    fn i1_the_process_has_one_global_registry() {
        assert!(std::ptr::eq(Registry::global(), Registry::global()));
    }

    #[test]
    fn i1_equal_config_returns_the_same_instance() {
        let r = Registry::new();
        let a = r.init(config(1, "same"), main_process()).unwrap();
        let b = r.init(config(1, "same"), main_process()).unwrap();
        assert!(Arc::ptr_eq(&a, &b));
    }

    #[test]
    fn i1_different_config_names_what_differs() {
        let r = Registry::new();
        r.init(config(1, "diff"), main_process()).unwrap();
        let Err(InitError::ConfigMismatch { differences }) =
            r.init(config(2, "diff"), main_process())
        else {
            panic!("expected a mismatch");
        };
        assert_eq!(differences, ["sdk_app_id: 1 → 2"]);
    }

    #[test]
    fn i1_uninit_then_init_works_and_old_handles_answer_6013() {
        let r = Registry::new();
        let old = r.init(config(1, "again"), main_process()).unwrap();
        r.uninit().unwrap();
        assert_eq!(
            old.login_state().unwrap_err().code().map(|c| c.code()),
            Some(6013)
        );
        assert_eq!(r.current().unwrap_err(), InitError::NotInitialised);
        assert_eq!(r.uninit(), Err(InitError::NotInitialised));
        let new = r.init(config(1, "again"), main_process()).unwrap();
        assert!(!Arc::ptr_eq(&old, &new));
    }

    #[test]
    fn i1_failed_init_leaves_nothing_behind() {
        let r = Registry::new();
        let refused = ProcessFacts {
            current: Some("com.example:push".into()),
            main: Some("com.example".into()),
        };
        assert!(matches!(
            r.init(config(1, "failed"), refused),
            Err(InitError::NotMainProcess { .. })
        ));
        assert_eq!(r.current().unwrap_err(), InitError::NotInitialised);
        // The lock was never taken: another registry (as another process would) can init.
        assert!(Registry::new()
            .init(config(1, "failed"), main_process())
            .is_ok());
    }

    #[test]
    fn i1_invalid_config_is_6017() {
        let r = Registry::new();
        let err = r.init(config(0, "zero"), main_process()).unwrap_err();
        assert_eq!(err.code().map(|c| c.code()), Some(6017));
        let relative = InitConfig {
            sdk_app_id: 1,
            data_dir: "relative/dir".into(),
        };
        assert!(matches!(
            r.init(relative, main_process()),
            Err(InitError::InvalidConfig { .. })
        ));
    }

    #[test]
    fn i1_many_threads_init_at_once_and_get_one_instance() {
        let r = Arc::new(Registry::new());
        let handles: Vec<_> = (0..16)
            .map(|_| {
                let r = Arc::clone(&r);
                std::thread::spawn(move || r.init(config(7, "threads"), main_process()).unwrap())
            })
            .collect();
        let instances: Vec<Arc<Instance>> =
            handles.into_iter().map(|h| h.join().unwrap()).collect();
        assert!(instances.windows(2).all(|w| Arc::ptr_eq(&w[0], &w[1])));
    }

    #[test]
    fn i3_second_registry_on_the_same_dir_is_refused_while_the_first_lives() {
        let first = Registry::new();
        first.init(config(1, "locked"), main_process()).unwrap();
        let err = Registry::new()
            .init(config(1, "locked"), main_process())
            .unwrap_err();
        assert!(
            matches!(err, InitError::LockHeld { holder_pid: Some(p), .. } if p == std::process::id())
        );
        first.uninit().unwrap();
        assert!(Registry::new()
            .init(config(1, "locked"), main_process())
            .is_ok());
    }

    #[test]
    fn i4_login_through_the_instance() {
        let r = Registry::new();
        let i = r.init(config(1, "login"), main_process()).unwrap();
        assert_eq!(i.require_logged_in(), Err(InitError::NotLoggedIn));
        i.with_login("login", |l| l.begin_login("alice").map(drop))
            .unwrap();
        i.with_login("login ok", |l| l.login_succeeded().map(drop))
            .unwrap();
        assert_eq!(i.require_logged_in().unwrap(), "alice");
        assert!(i.session_ended(SessionEnd::KickedOffline).unwrap());
        assert_eq!(i.login_state().unwrap(), LoginState::LoggedOut);
    }
}
