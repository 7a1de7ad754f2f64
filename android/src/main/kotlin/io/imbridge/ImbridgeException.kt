package io.imbridge

import io.imbridge.core.MessageException

/**
 * The base of every exception imbridge throws: [MessageException],
 * [PushException], [OutboxException], [InitException] and
 * [OutboxDriverStoppedException].
 *
 * ```
 * try { bridge.send(…) } catch (e: ImbridgeException) { log("${e.codeOrName}: ${e.message}") }
 * ```
 *
 * [message] is [detail], one readable sentence; [code] is the service's
 * number (6016, 6017, 8001, 10023, 6013, 6014) where one exists. The
 * exceptions are the core's error enums as they are (same variants, same
 * fields, in `io.imbridge.core`); [code] and [detail] ask the core, so they
 * cost one call into the library each time they are read.
 */
abstract class ImbridgeException internal constructor() : Exception() {
    /** The service's numeric code, or `null` where the service has none. */
    open val code: Int? get() = null

    /** The error as one readable sentence, e.g. for a log line. */
    abstract val detail: String

    /**
     * The error kind's stable snake-case name (`empty_message`,
     * `not_logged_in`, `invalid_field`, …), from the core: the same in
     * Kotlin, Swift and the CLI, and in shrunk, obfuscated builds.
     */
    abstract val kind: String

    /**
     * `MessageException`, `PushException`, …: the error type's own name,
     * written as text (scripts/kotlin_error_base.py) so that it reads the
     * same after R8 renamed the classes.
     */
    abstract val domain: String

    /** [detail]: readable, never a field dump. */
    override val message: String get() = detail

    /**
     * The code as the CLI prints it in `error[...]`: the service's number,
     * or the error's name in snake case where it has none (`json`,
     * `duplicate_random`, `not_main_process`, `lock_held`, …).
     */
    val codeOrName: String
        get() = code?.toString() ?: kind

    /** [code] as an [io.imbridge.core.ErrorCode], `null` where the service has no number. */
    val errorCode: io.imbridge.core.ErrorCode? get() = code?.let { errorCodeFromValue(it) }

    /**
     * `MessageException.empty_message[6016]: a message needs …`: [domain]
     * and [kind] are text, so the line reads the same after R8 renamed the
     * classes.
     */
    override fun toString(): String = "$domain.$kind[$codeOrName]: $detail"

}
