//! One instance across processes: an advisory lock on the data directory
//! (SPEC I3).
//!
//! `flock(LOCK_EX | LOCK_NB)` through rustix — std's `File::try_lock`
//! returns `Unsupported` on Android. The lock lives as long as the open
//! file, so it is released on uninit, on drop, and by the kernel when the
//! holding process dies, however it dies. The file records the holder's pid
//! and process name so a second process's error can name it.

use crate::init::InitError;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// The lock file's name inside the data directory.
pub const LOCK_FILE_NAME: &str = "imbridge.lock";

/// A held lock on `<data dir>/imbridge.lock`; released when dropped.
#[derive(Debug)]
pub struct ProcessLock {
    // Held only for its lock: closing the file releases it.
    _file: File,
    path: PathBuf,
}

/// Who holds a lock, as the lock file records it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LockHolder {
    /// The holder's pid.
    pub pid: Option<u32>,
    /// The holder's process name.
    pub process: Option<String>,
}

impl LockHolder {
    /// Reads `pid=…` and `process=…` lines; anything else is ignored, so a
    /// half-written file gives what it has.
    pub fn parse(text: &str) -> LockHolder {
        let mut holder = LockHolder::default();
        for line in text.lines() {
            if let Some(pid) = line.strip_prefix("pid=") {
                holder.pid = pid.trim().parse().ok();
            } else if let Some(process) = line.strip_prefix("process=") {
                holder.process = Some(process.to_string());
            }
        }
        holder
    }

    fn render(pid: u32, process: &str) -> String {
        // One line per field; a newline in the name would break the format.
        format!(
            "pid={pid}\nprocess={}\n",
            process.replace(['\n', '\r'], " ")
        )
    }
}

impl ProcessLock {
    /// Takes the lock of `data_dir` for this process (creating the
    /// directory and file as needed), or says who holds it.
    pub fn acquire(data_dir: &Path, process_name: &str) -> Result<ProcessLock, InitError> {
        let path = data_dir.join(LOCK_FILE_NAME);
        let shown = path.display().to_string();
        let io = |e: std::io::Error| InitError::Io {
            path: shown.clone(),
            reason: e.to_string(),
        };
        std::fs::create_dir_all(data_dir).map_err(io)?;
        // No truncate on open: the file may be the holder's record.
        let mut file = File::options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(io)?;
        if let Err(e) = try_lock_exclusive(&file, &shown) {
            if let InitError::LockHeld { .. } = e {
                let mut text = String::new();
                // Best effort: a holder that has not written yet gives no names.
                let _ = file.read_to_string(&mut text);
                let holder = LockHolder::parse(&text);
                return Err(InitError::LockHeld {
                    path: shown,
                    holder_pid: holder.pid,
                    holder_process: holder.process,
                });
            }
            return Err(e);
        }
        file.set_len(0).map_err(io)?;
        file.seek(SeekFrom::Start(0)).map_err(io)?;
        file.write_all(LockHolder::render(std::process::id(), process_name).as_bytes())
            .map_err(io)?;
        file.sync_data().map_err(io)?;
        Ok(ProcessLock { _file: file, path })
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

#[cfg(unix)]
fn try_lock_exclusive(file: &File, path: &str) -> Result<(), InitError> {
    use rustix::fs::{flock, FlockOperation};
    flock(file, FlockOperation::NonBlockingLockExclusive).map_err(|e| flock_refusal(e, path))
}

/// I3: what a failed `flock` means: another holder, a filesystem without
/// advisory locks, or an I/O error.
#[cfg(unix)]
fn flock_refusal(e: rustix::io::Errno, path: &str) -> InitError {
    use rustix::io::Errno;
    let path = path.to_string();
    if e == Errno::WOULDBLOCK || e == Errno::AGAIN {
        InitError::LockHeld {
            path,
            holder_pid: None,
            holder_process: None,
        }
    } else if e == Errno::NOSYS || e == Errno::OPNOTSUPP || e == Errno::NOLCK || e == Errno::INVAL {
        InitError::LockUnsupported {
            path,
            reason: e.to_string(),
        }
    } else {
        InitError::Io {
            path,
            reason: e.to_string(),
        }
    }
}

#[cfg(not(unix))]
fn try_lock_exclusive(_file: &File, path: &str) -> Result<(), InitError> {
    Err(InitError::LockUnsupported {
        path: path.to_string(),
        reason: "advisory locks are implemented for Unix-like systems only".to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("imbridge-lock-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn i3_second_holder_is_refused_with_the_first_named() {
        let dir = temp_dir("second");
        let first = ProcessLock::acquire(&dir, "com.example").unwrap();
        // A second open file description contends like another process would.
        let err = ProcessLock::acquire(&dir, "com.example:push").unwrap_err();
        assert_eq!(
            err,
            InitError::LockHeld {
                path: first.path().display().to_string(),
                holder_pid: Some(std::process::id()),
                holder_process: Some("com.example".into()),
            }
        );
        assert!(err.to_string().contains(&std::process::id().to_string()));
        drop(first);
        assert!(
            ProcessLock::acquire(&dir, "com.example:push").is_ok(),
            "released on drop"
        );
    }

    #[test]
    fn i3_lock_file_records_pid_and_process() {
        let dir = temp_dir("record");
        let lock = ProcessLock::acquire(&dir, "line\nbreak").unwrap();
        let holder = LockHolder::parse(&std::fs::read_to_string(lock.path()).unwrap());
        assert_eq!(holder.pid, Some(std::process::id()));
        assert_eq!(holder.process.as_deref(), Some("line break"));
    }

    #[test]
    fn i3_half_written_record_still_parses() {
        assert_eq!(
            LockHolder::parse("pid=12"),
            LockHolder {
                pid: Some(12),
                process: None
            }
        );
        assert_eq!(LockHolder::parse("garbage"), LockHolder::default());
    }

    #[cfg(unix)]
    #[test]
    fn i3_each_flock_failure_is_the_refusal_it_means() {
        use rustix::io::Errno;
        for held in [Errno::WOULDBLOCK, Errno::AGAIN] {
            assert!(
                matches!(flock_refusal(held, "p"), InitError::LockHeld { .. }),
                "{held:?}"
            );
        }
        for unsupported in [Errno::NOSYS, Errno::OPNOTSUPP, Errno::NOLCK, Errno::INVAL] {
            assert!(
                matches!(flock_refusal(unsupported, "p"), InitError::LockUnsupported { ref path, .. } if path == "p"),
                "{unsupported:?}"
            );
        }
        for other in [Errno::IO, Errno::BADF, Errno::INTR, Errno::PERM] {
            assert!(
                matches!(flock_refusal(other, "p"), InitError::Io { ref path, .. } if path == "p"),
                "{other:?}"
            );
        }
    }

    #[test]
    fn i3_unusable_directory_is_an_io_error() {
        let file = std::env::temp_dir().join(format!("imbridge-not-a-dir-{}", std::process::id()));
        std::fs::write(&file, "x").unwrap();
        assert!(matches!(
            ProcessLock::acquire(&file, "p"),
            Err(InitError::Io { .. })
        ));
    }
}
