package io.imbridge

import io.imbridge.core.*
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.receiveAsFlow

/**
 * Feeds a [PushChannel] and publishes every action it asks for as a [Flow],
 * so the app can collect them in one place:
 *
 * ```
 * val push = PushActions(PushChannel.open(config, context.filesDir.path))
 * scope.launch {
 *     push.actions.collect { action ->
 *         when (action) {
 *             is PushAction.Report -> api.reportToken(action.token.value, action.businessId)
 *                 .let { ok -> push.send(PushEvent.ReportResult(ok, retryable = !ok)) }
 *             is PushAction.ScheduleRetry -> scheduleTick(action.atMs)
 *             else -> api.perform(action)
 *         }
 *     }
 * }
 * push.send(PushEvent.Token(Secret(vendorToken)))
 * ```
 *
 * The flow buffers without bound and has one collector: no action is
 * dropped while nobody collects. [clock] gives wall-clock milliseconds (the
 * state persists across restarts).
 */
class PushActions(
    /** The channel whose actions this runs; its status can be read at any time. */
    val channel: PushChannel,
    private val clock: () -> ULong = { System.currentTimeMillis().toULong() },
) : AutoCloseable {
    private val queue = Channel<PushAction>(Channel.UNLIMITED)

    /** The actions, in the order the channel asked for them. */
    val actions: Flow<PushAction> = queue.receiveAsFlow()

    /**
     * Feeds [event] now and queues the actions it produced (also returned).
     * Throws [PushException] for an invalid event or config.
     */
    fun send(event: PushEvent): List<PushAction> {
        val produced = channel.handle(clock(), event)
        produced.forEach { queue.trySend(it) }
        return produced
    }

    /** Completes [actions]. */
    override fun close() {
        queue.close()
    }
}

