//! Locking that never panics, for the core's thread-safe objects and the
//! FFI crate's exported ones.

use std::sync::{Mutex, MutexGuard, PoisonError};

/// Locks `mutex`, recovering the data if a previous holder panicked: every
/// operation leaves its state consistent before it can fail, so the data is
/// still valid, and an exported call must never end in a panic.
pub fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
