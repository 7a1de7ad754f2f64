package io.imbridge

import io.imbridge.core.*
import android.util.Log

/**
 * Sends the core's log records at [level] and above to logcat: the tag is
 * `imbridge/<module>` (`imbridge/init`, `imbridge/push`, …) and the
 * priority follows the record's level. Installing any sink, this one
 * included, replaces the core's default logcat output (tag `imbridge`), so
 * no line appears twice. Tokens, secrets and user sigs never appear in a
 * record (SPEC T5).
 */
fun installLogcat(level: LogLevel = LogLevel.INFO) =
    installLogger(level) { record -> Log.println(record.level.logcatPriority, record.logcatTag, record.message) }

/** The logcat priority of a core log level. */
val LogLevel.logcatPriority: Int
    get() = when (this) {
        LogLevel.ERROR -> Log.ERROR
        LogLevel.WARN -> Log.WARN
        LogLevel.INFO -> Log.INFO
        LogLevel.DEBUG -> Log.DEBUG
        LogLevel.TRACE -> Log.VERBOSE
    }

/** `imbridge/<module>` from a record's target `imbridge::<module>::…`. */
internal val LogRecord.logcatTag: String
    get() {
        val module = target.split("::").getOrNull(1)
        return if (module.isNullOrEmpty()) "imbridge" else "imbridge/$module"
    }
