//! Initialisation and login (SPEC I1–I4).
//!
//! - [`Registry`]: one live [`Instance`] per process (I1).
//! - [`ProcessFacts`]: initialise only in the main process (I2).
//! - [`ProcessLock`]: one instance across processes, by `flock` on
//!   `<data dir>/imbridge.lock` (I3).
//! - [`Login`]: the login state machine every domain consults (I4).

mod config;
mod error;
mod instance;
mod lock;
mod login;
mod process;

pub use config::InitConfig;
pub use error::InitError;
pub use instance::{Instance, Registry};
pub use lock::{LockHolder, ProcessLock, LOCK_FILE_NAME};
pub use login::{Login, LoginState, LoginStatus, SessionEnd};
pub use process::{current_process_name_from_proc, process_name_from_cmdline, ProcessFacts};
