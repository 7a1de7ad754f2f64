package io.imbridge

import io.imbridge.core.*

/**
 * G: this instance's state as a snapshot (JSON) for [diagnose] on the
 * device or `imbridge doctor` at support; tokens and secrets are never in it.
 */
fun Bridge.snapshot(
    dispatcher: Dispatcher? = null,
    channels: List<PushChannel> = emptyList(),
    app: AppFacts = AppFacts(),
): String = exportSnapshot(this, dispatcher?.core, channels, app)

/** G: diagnoses this instance's state right away. */
fun Bridge.diagnose(
    dispatcher: Dispatcher? = null,
    channels: List<PushChannel> = emptyList(),
    app: AppFacts = AppFacts(),
): List<Finding> = diagnose(snapshot(dispatcher, channels, app))
