//! Locking for exported objects that never panics.

use std::sync::{Mutex, MutexGuard, PoisonError};

/// Locks `mutex`, recovering the data if a previous holder panicked: every
/// core operation leaves its state consistent before it can fail, so the
/// data is still valid, and an exported call must never end in a panic.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
