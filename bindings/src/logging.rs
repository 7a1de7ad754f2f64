//! Logging bridge: the core logs through the `log` facade; this forwards
//! records to a sink the app implements in Kotlin or Swift (on Android,
//! to logcat under the tag `imbridge` until a sink is installed).

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Once, PoisonError, RwLock};

/// Severity of a log record, most severe first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum LogLevel {
    /// Something failed.
    Error,
    /// Something was refused or looks wrong.
    Warn,
    /// State changes (init, login, …).
    Info,
    /// Details for debugging.
    Debug,
    /// Everything.
    Trace,
}

/// One log record.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LogRecord {
    /// Its level.
    pub level: LogLevel,
    /// The domain that logged it, e.g. `imbridge::init`.
    pub target: String,
    /// The message. Tokens, secrets and user sigs never appear here (SPEC T5).
    pub message: String,
}

/// What a sink that threw is turned into: the record is dropped for that
/// sink, and the core carries on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum LogSinkError {
    /// The sink threw.
    #[error("log sink failed: {reason}")]
    Failed {
        /// What it threw.
        reason: String,
    },
}

impl From<uniffi::UnexpectedUniFFICallbackError> for LogSinkError {
    fn from(e: uniffi::UnexpectedUniFFICallbackError) -> Self {
        LogSinkError::Failed { reason: e.reason }
    }
}

/// Receives the core's log records. Implemented by the app (Kotlin, Swift).
/// Called on whatever thread logged; a sink that throws is ignored for that
/// record and never disturbs the core.
#[uniffi::export(with_foreign)]
pub trait LogSink: Send + Sync {
    /// One record at or above the configured level.
    fn log(&self, record: LogRecord) -> Result<(), LogSinkError>;
}

struct Forwarder {
    sink: RwLock<Option<Arc<dyn LogSink>>>,
}

static FORWARDER: Forwarder = Forwarder {
    sink: RwLock::new(None),
};
static INSTALL: Once = Once::new();

fn level_in(level: log::Level) -> LogLevel {
    match level {
        log::Level::Error => LogLevel::Error,
        log::Level::Warn => LogLevel::Warn,
        log::Level::Info => LogLevel::Info,
        log::Level::Debug => LogLevel::Debug,
        log::Level::Trace => LogLevel::Trace,
    }
}

fn filter(level: LogLevel) -> log::LevelFilter {
    match level {
        LogLevel::Error => log::LevelFilter::Error,
        LogLevel::Warn => log::LevelFilter::Warn,
        LogLevel::Info => log::LevelFilter::Info,
        LogLevel::Debug => log::LevelFilter::Debug,
        LogLevel::Trace => log::LevelFilter::Trace,
    }
}

impl log::Log for Forwarder {
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        metadata.level() <= log::max_level()
    }

    fn log(&self, record: &log::Record<'_>) {
        if !self.enabled(record.metadata()) {
            return;
        }
        let sink = self
            .sink
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        // On Android, logcat is the default output until the app installs
        // a sink; the sink then replaces it, so no line appears twice
        // (Kotlin's `installLogcat` is such a sink, with one tag per target).
        #[cfg(target_os = "android")]
        if sink.is_none() {
            logcat::log(record);
        }
        if let Some(sink) = sink {
            let record = LogRecord {
                level: level_in(record.level()),
                target: record.target().to_string(),
                message: record.args().to_string(),
            };
            // A throwing sink must not turn a log line into a crash: its
            // exception arrives as an Err (dropped), a panic is contained.
            let _ = catch_unwind(AssertUnwindSafe(|| sink.log(record)));
        }
    }

    fn flush(&self) {}
}

#[cfg(target_os = "android")]
mod logcat {
    use std::sync::OnceLock;
    static LOGCAT: OnceLock<android_logger::AndroidLogger> = OnceLock::new();

    pub fn log(record: &log::Record<'_>) {
        let logger = LOGCAT.get_or_init(|| {
            android_logger::AndroidLogger::new(
                android_logger::Config::default()
                    .with_tag("imbridge")
                    .with_max_level(log::LevelFilter::Trace),
            )
        });
        log::Log::log(logger, record);
    }
}

fn install_forwarder() {
    INSTALL.call_once(|| {
        // Fails only if the app's own Rust code installed a logger first; then
        // records go there, and this bridge stays out of the way.
        let _ = log::set_logger(&FORWARDER);
    });
}

/// Sends the core's log records at `level` and above to `sink`. Installing
/// again replaces the sink and level; it is never an error.
#[uniffi::export]
pub fn install_logger(sink: Arc<dyn LogSink>, level: LogLevel) {
    install_forwarder();
    *FORWARDER
        .sink
        .write()
        .unwrap_or_else(PoisonError::into_inner) = Some(sink);
    log::set_max_level(filter(level));
}

/// Changes the level at run time.
#[uniffi::export]
pub fn set_log_level(level: LogLevel) {
    install_forwarder();
    log::set_max_level(filter(level));
}

/// Stops sending records to the app's sink (logcat keeps them on Android).
#[uniffi::export]
pub fn remove_logger() {
    *FORWARDER
        .sink
        .write()
        .unwrap_or_else(PoisonError::into_inner) = None;
}
