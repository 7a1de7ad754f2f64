//! Initialise only in the main process (SPEC I2).
//!
//! On Android the main process's name is `applicationInfo.processName` (not
//! the package name: `android:process` can rename it); every other process
//! of the app (`:push`, `:remote`, …) runs `Application.onCreate` too and
//! must not create a second instance. The same holds for iOS app extensions.

use crate::init::InitError;

/// The process facts init decides on.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProcessFacts {
    /// This process's name; `None` when the platform layer could not tell.
    pub current: Option<String>,
    /// The main process's name; `None` when unknown.
    pub main: Option<String>,
}

impl ProcessFacts {
    /// I2: `Ok` only when both names are known and equal; a mismatch is
    /// [`InitError::NotMainProcess`], an unknown or empty name fails closed
    /// with [`InitError::UnknownProcessName`].
    pub fn check(&self) -> Result<(), InitError> {
        let known = |name: &Option<String>, which: &str| match name.as_deref().map(str::trim) {
            Some(n) if !n.is_empty() => Ok(n.to_string()),
            _ => Err(InitError::UnknownProcessName {
                which: which.into(),
            }),
        };
        let current = known(&self.current, "current")?;
        let main = known(&self.main, "main")?;
        if current == main {
            Ok(())
        } else {
            Err(InitError::NotMainProcess { current, main })
        }
    }

    /// Fills in the current process name from `/proc/self/cmdline` when
    /// the caller passed none (Linux and Android only; elsewhere it stays
    /// unknown and [`ProcessFacts::check`] fails closed).
    pub fn with_current_from_os(mut self) -> ProcessFacts {
        if self.current.is_none() {
            self.current = current_process_name_from_proc();
        }
        self
    }
}

/// This process's name as `/proc/self/cmdline` gives it (the first
/// NUL-terminated argument; on Android the process name), or `None`.
pub fn current_process_name_from_proc() -> Option<String> {
    if !cfg!(any(target_os = "linux", target_os = "android")) {
        return None;
    }
    let bytes = std::fs::read("/proc/self/cmdline").ok()?;
    process_name_from_cmdline(&bytes)
}

/// The process name in the contents of a `cmdline` file.
pub fn process_name_from_cmdline(bytes: &[u8]) -> Option<String> {
    let first = bytes.split(|&b| b == 0).next()?;
    let name = String::from_utf8_lossy(first).trim().to_string();
    (!name.is_empty()).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(current: Option<&str>, main: Option<&str>) -> ProcessFacts {
        ProcessFacts {
            current: current.map(Into::into),
            main: main.map(Into::into),
        }
    }

    #[test]
    fn i2_main_process_is_allowed() {
        assert_eq!(
            facts(Some("com.example"), Some("com.example")).check(),
            Ok(())
        );
    }

    #[test]
    fn i2_other_process_is_refused_with_both_names() {
        assert_eq!(
            facts(Some("com.example:push"), Some("com.example")).check(),
            Err(InitError::NotMainProcess {
                current: "com.example:push".into(),
                main: "com.example".into()
            })
        );
    }

    #[test]
    fn i2_renamed_main_process_is_what_counts() {
        // android:process renamed the main process: the package name alone is not it.
        assert!(facts(Some("com.example"), Some("com.example.main"))
            .check()
            .is_err());
    }

    #[test]
    fn i2_unknown_names_fail_closed() {
        assert!(matches!(
            facts(None, Some("a")).check(),
            Err(InitError::UnknownProcessName { ref which }) if which == "current"
        ));
        assert!(matches!(
            facts(Some("a"), Some("  ")).check(),
            Err(InitError::UnknownProcessName { ref which }) if which == "main"
        ));
    }

    #[test]
    fn i2_cmdline_gives_the_first_argument() {
        assert_eq!(
            process_name_from_cmdline(b"com.example:push\0"),
            Some("com.example:push".into())
        );
        assert_eq!(
            process_name_from_cmdline(b"/usr/bin/app\0--flag\0"),
            Some("/usr/bin/app".into())
        );
        assert_eq!(process_name_from_cmdline(b"\0"), None);
        assert_eq!(process_name_from_cmdline(b""), None);
    }

    /// Linux, not under qemu-user (scripts/test-arm.sh sets the runner),
    /// whose /proc may show the emulator's view of the command line.
    fn native_linux() -> bool {
        cfg!(target_os = "linux")
            && std::env::var_os("IMBRIDGE_TEST_RUNNER").is_none_or(|r| r.is_empty())
    }

    #[test]
    fn i2_this_process_has_its_own_name_on_linux() {
        if cfg!(target_os = "linux") {
            assert!(current_process_name_from_proc().is_some());
        }
        if native_linux() {
            // The runtime's own argv[0], read without /proc: the same name.
            let argv0 = std::env::args().next();
            assert!(argv0.as_deref().is_some_and(|a| !a.is_empty()));
            assert_eq!(current_process_name_from_proc(), argv0);
        }
    }

    #[test]
    fn i2_the_os_fills_in_only_a_missing_current_name() {
        if native_linux() {
            let filled = facts(None, Some("com.example")).with_current_from_os();
            assert_eq!(filled.current, std::env::args().next());
            assert_eq!(filled.main.as_deref(), Some("com.example"));
        }
        let given = facts(Some("com.example:push"), Some("com.example")).with_current_from_os();
        assert_eq!(
            given.current.as_deref(),
            Some("com.example:push"),
            "a given name wins"
        );
    }
}
