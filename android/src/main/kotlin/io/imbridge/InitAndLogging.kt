package io.imbridge

import io.imbridge.core.*


/** Whether someone is logged in (a logout under way still counts, as in the SDK). */
val LoginStatus.isLoggedIn: Boolean
    get() = sdkValue == 1

/**
 * Sends the core's log records at [level] and above to [sink] — e.g. your
 * logger or Timber. Calling it again replaces the sink; never an error. On
 * Android, with a level set and no sink installed, the core writes to
 * logcat (tag `imbridge`); a sink replaces that output. `installLogcat`
 * sends records to logcat with one tag per core module.
 * Tokens, secrets and user sigs never appear in a record (SPEC T5).
 */
fun installLogger(level: LogLevel = LogLevel.INFO, sink: (LogRecord) -> Unit) =
    installLogger(
        object : LogSink {
            override fun log(record: LogRecord) = sink(record)
        },
        level,
    )
