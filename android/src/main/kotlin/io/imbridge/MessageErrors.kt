package io.imbridge

import io.imbridge.core.*

/**
 * The service's numeric code of this error (6016 invalid element, 6017
 * invalid parameter, 8001 body too large), or `null` where the service has
 * none (malformed JSON, a reused MsgRandom).
 */
val MessageException.code: Int?
    get() = when (this) {
        is MessageException.InvalidElement -> code
        is MessageException.SecondCustomElement -> code
        is MessageException.EmptyMessage -> code
        is MessageException.BodyTooLarge -> code
        is MessageException.InvalidField -> code
        is MessageException.MentionNotAllowed -> code
        is MessageException.TooManyMentions -> code
        is MessageException.Json -> null
        is MessageException.RandomReused -> null
    }

/** [code] as an [ErrorCode], `null` where the service has no number. */
val MessageException.errorCode: ErrorCode?
    get() = code?.let { errorCodeFromValue(it) }

/** The error as one readable sentence, e.g. for a log line or a toast in a debug build. */
val MessageException.detail: String
    get() = when (this) {
        is MessageException.InvalidElement -> detail
        is MessageException.SecondCustomElement -> detail
        is MessageException.EmptyMessage -> detail
        is MessageException.BodyTooLarge -> detail
        is MessageException.InvalidField -> detail
        is MessageException.MentionNotAllowed -> detail
        is MessageException.TooManyMentions -> detail
        is MessageException.Json -> detail
        is MessageException.RandomReused -> detail
    }

/**
 * The code as the CLI prints it in `error[...]`: the service's number, or a
 * short name where it has none (`json`, `duplicate_random`).
 */
val MessageException.codeOrName: String
    get() = code?.toString() ?: when (this) {
        is MessageException.RandomReused -> "duplicate_random"
        else -> "json"
    }
