package io.imbridge.core

import io.imbridge.secretFingerprint

/**
 * A value that must never be shown (SPEC T5): a push token, an app secret,
 * OPPO's MasterSecret. [toString] prints a short fingerprint only, so a
 * record holding one (`PushChannelConfig`, `PushEvent.Token`,
 * `PushAction.Report`) can be logged whole. [value] is the secret itself,
 * for the one place that must send it.
 */
class Secret(val value: String) {
    /**
     * `#` and 8 hex digits (FNV-1a of the UTF-8), computed by the core: the
     * value `PushStatus.tokenFingerprint`, the logs and the diagnostics
     * snapshots show for the same secret. Enough to tell two secrets apart,
     * useless to recover one.
     */
    val fingerprint: String get() = secretFingerprint(this)

    override fun toString(): String = "Secret($fingerprint)"

    override fun equals(other: Any?): Boolean = other is Secret && other.value == value

    override fun hashCode(): Int = value.hashCode()
}
