//! What the reliability tests share: where their figures go.
#![allow(dead_code, clippy::unwrap_used)]

pub mod child;

use std::io::Write;
use std::path::PathBuf;

/// `target/reliability/`, where scripts/reliability.sh reads the figures.
pub fn reliability_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/reliability");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Appends one JSON line to `file` in one write, so lines of tests running
/// in parallel cannot interleave.
pub fn append_line(file: &str, json: &str) {
    let mut log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(reliability_dir().join(file))
        .unwrap();
    log.write_all(format!("{json}\n").as_bytes()).unwrap();
}
