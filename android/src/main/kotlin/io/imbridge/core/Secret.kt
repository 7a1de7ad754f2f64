package io.imbridge.core

import io.imbridge.secretFingerprint

/**
 * A value that must never be shown (SPEC T5): a push token, an app secret,
 * OPPO's MasterSecret. [toString] prints a short fingerprint only, so a
 * record holding one (`PushChannelConfig`, `PushEvent.Token`,
 * `PushAction.Report`) can be logged whole. [value] is the secret itself,
 * for the one place that must send it.
 */
class Secret(
    /** The secret itself: pass it only to the call that must send it. */
    val value: String,
) {
    /**
     * `#` and 8 hex digits (FNV-1a of the UTF-8), computed by the core: the
     * value `PushStatus.tokenFingerprint`, the logs and the diagnostics
     * snapshots show for the same secret. Enough to tell two secrets apart,
     * useless to recover one.
     */
    val fingerprint: String get() = secretFingerprint(this)

    /** `Secret(#1a2b3c4d)`: the [fingerprint], never the value. */
    override fun toString(): String = "Secret($fingerprint)"

    /** Equal when the secret values are equal (compared here, never printed). */
    override fun equals(other: Any?): Boolean = other is Secret && other.value == value

    /** Consistent with [equals]. */
    override fun hashCode(): Int = value.hashCode()
}
