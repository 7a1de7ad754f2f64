//! SPEC I3 with two real OS processes: this test binary re-runs itself as
//! the lock holder, and the parent contends for the same data directory.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use imbridge_core::init::{InitError, ProcessLock};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};

const HOLDER_DIR: &str = "IMBRIDGE_LOCK_HOLDER_DIR";
const HOLDER_NAME: &str = "com.example:holder";

/// Not a test of its own: the child process. Takes the lock, says so, and
/// holds it until its stdin closes (or it is killed).
#[test]
#[ignore = "run by i3_* tests as a separate process"]
fn lock_holder_process() {
    let Ok(dir) = std::env::var(HOLDER_DIR) else {
        return;
    };
    let _lock = ProcessLock::acquire(Path::new(&dir), HOLDER_NAME).unwrap();
    // On stderr: libtest writes its own lines to stdout.
    eprintln!("locked");
    let mut rest = Vec::new();
    let _ = std::io::stdin().read_to_end(&mut rest);
}

fn spawn_holder(dir: &Path) -> Child {
    let mut child = common::child::this_test_binary()
        .args([
            "--exact",
            "lock_holder_process",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(HOLDER_DIR, dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let locked = BufReader::new(stderr)
        .lines()
        .map_while(Result::ok)
        .any(|l| l.trim() == "locked");
    assert!(locked, "the holder process never took the lock");
    child
}

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("imbridge-lock-proc-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

fn assert_held_by(dir: &Path, child: &Child) {
    match ProcessLock::acquire(dir, "com.example") {
        Err(InitError::LockHeld {
            holder_pid,
            holder_process,
            ..
        }) => {
            assert_eq!(holder_pid, Some(child.id()));
            assert_eq!(holder_process.as_deref(), Some(HOLDER_NAME));
        }
        other => panic!("expected LockHeld, got {other:?}"),
    }
}

#[test]
fn i3_second_process_is_refused_with_the_first_ones_pid_until_it_exits() {
    let dir = dir("exit");
    let mut child = spawn_holder(&dir);
    assert_held_by(&dir, &child);
    drop(child.stdin.take()); // the holder returns normally
    assert!(child.wait().unwrap().success());
    assert!(ProcessLock::acquire(&dir, "com.example").is_ok());
}

#[test]
fn i3_lock_is_free_again_after_the_holder_is_killed() {
    let dir = dir("kill");
    let mut child = spawn_holder(&dir);
    assert_held_by(&dir, &child);
    child.kill().unwrap();
    child.wait().unwrap();
    let lock = ProcessLock::acquire(&dir, "com.example").unwrap();
    let record = std::fs::read_to_string(lock.path()).unwrap();
    assert!(
        record.contains(&format!("pid={}", std::process::id())),
        "{record}"
    );
}
