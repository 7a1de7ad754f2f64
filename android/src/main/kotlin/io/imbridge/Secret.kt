package io.imbridge

/**
 * A value that must never be shown (SPEC T5): a push token, an app secret,
 * OPPO's MasterSecret. [toString] prints a short fingerprint only, so a
 * record holding one (`PushChannelConfig`, `PushEvent.Token`,
 * `PushAction.Report`) can be logged whole. [value] is the secret itself,
 * for the one place that must send it.
 */
class Secret(val value: String) {
    /** 8 hex digits: enough to tell two secrets apart in a log, useless to recover one. */
    val fingerprint: String get() = "#%08x".format(value.hashCode())

    override fun toString(): String = "Secret($fingerprint)"

    override fun equals(other: Any?): Boolean = other is Secret && other.value == value

    override fun hashCode(): Int = value.hashCode()
}
