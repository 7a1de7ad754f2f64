//! T4 crash-safety of the persisted push state, with real processes: a
//! writer is killed (SIGKILL) at random points of a save loop — between
//! write and rename, mid-write, mid-rename — and the next start must read
//! the old or the new state whole, never a half state, never a panic.
//! A file cut at every length (what a non-atomic writer would leave) reads
//! as a typed error, and restoring from it resets cleanly to NoToken.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use imbridge_core::push::{
    ApnsEnvironment, PushChannelConfig, PushFacts, PushState, PushStore, PushVendor,
};
use imbridge_core::redact::Secret;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

const WRITER_PATH: &str = "IMBRIDGE_PUSH_WRITER_PATH";

fn facts(user: &str, token: &str) -> PushFacts {
    PushFacts {
        state: PushState::Registered,
        token: Some(Secret::new(token)),
        user: Some(user.into()),
        backoff_ms: 0,
        ..PushFacts::default()
    }
}

fn old_and_new() -> [PushFacts; 2] {
    // Different lengths, so a torn write could not pass for either.
    [
        facts("alice", "token-one"),
        facts("bob-with-a-longer-name", "token-two-is-longer-too"),
    ]
}

/// Not a test of its own: the child process. Saves the two states in turn,
/// forever, until it is killed.
#[test]
#[ignore = "run by t4_* tests as a separate process"]
fn push_writer_process() {
    let Ok(path) = std::env::var(WRITER_PATH) else {
        return;
    };
    let store = PushStore::at(path);
    let states = old_and_new();
    store.save(PushVendor::Apns, &states[0]).unwrap();
    eprintln!("writing");
    for i in 0.. {
        store.save(PushVendor::Apns, &states[i % 2]).unwrap();
    }
}

fn temp_path(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("imbridge-push-crash-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("apns.json")
}

fn kill_writer_after(path: &Path, delay: Duration) {
    let mut child = common::child::this_test_binary()
        .args([
            "--exact",
            "push_writer_process",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(WRITER_PATH, path)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let started = BufReader::new(stderr)
        .lines()
        .map_while(Result::ok)
        .any(|l| l.trim() == "writing");
    assert!(started, "the writer never started");
    std::thread::sleep(delay);
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn t4_a_writer_killed_at_any_point_leaves_the_old_or_the_new_state_whole() {
    let path = temp_path("kill");
    let store = PushStore::at(&path);
    let states = old_and_new();
    let mut rng = fastrand::Rng::with_seed(4);
    let rounds = 25;
    let mut seen = [0u32; 2];
    for round in 0..rounds {
        kill_writer_after(&path, Duration::from_micros(rng.u64(0..20_000)));
        let loaded = store.load(PushVendor::Apns);
        match loaded {
            Ok(Some(f)) => {
                assert!(
                    states.contains(&f),
                    "round {round}: a state neither old nor new: {f:?}"
                );
                seen[usize::from(f != states[0])] += 1;
            }
            other => panic!("round {round}: expected a whole state, got {other:?}"),
        }
    }
    // A writer killed mid-write leaves its temporary file (named after its
    // pid) behind, and the loads above never read one. At least one kill
    // must have landed mid-write, or this test did not test the danger.
    let mid_write = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .count();
    assert!(
        mid_write >= 1,
        "no kill of {rounds} landed mid-write: the test proves nothing"
    );
    std::fs::write(
        common::reliability_dir().join("crash-safety.json"),
        format!(
            r#"{{"kills":{rounds},"killed_mid_write":{mid_write},"read_first_state":{},"read_second_state":{},"half_states":0,"panics":0}}"#,
            seen[0], seen[1]
        ),
    )
    .unwrap();
    let _ = std::fs::remove_dir_all(path.parent().unwrap());
}

#[test]
fn t4_a_file_cut_at_any_length_is_a_typed_error_and_restore_resets_to_no_token() {
    let path = temp_path("cut");
    let store = PushStore::at(&path);
    store.save(PushVendor::Apns, &old_and_new()[1]).unwrap();
    let whole = std::fs::read(&path).unwrap();
    for len in 0..whole.len() {
        assert!(
            store.decode(PushVendor::Apns, &whole[..len]).is_err(),
            "a snapshot cut at {len} of {} bytes was accepted",
            whole.len()
        );
    }
    assert_eq!(
        store.decode(PushVendor::Apns, &whole).unwrap(),
        old_and_new()[1]
    );

    std::fs::write(&path, &whole[..whole.len() / 2]).unwrap();
    let config = PushChannelConfig {
        vendor: Some(PushVendor::Apns),
        business_id: 12345,
        environment: Some(ApnsEnvironment::Production),
        app_version: "1.0".into(),
        ..PushChannelConfig::default()
    };
    let (machine, error) = imbridge_core::push::PushMachine::restore(config, &store).unwrap();
    assert!(error.is_some(), "the half file must be reported");
    assert_eq!(machine.state(), PushState::NoToken);
    let _ = std::fs::remove_dir_all(path.parent().unwrap());
}
