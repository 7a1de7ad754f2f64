package io.imbridge

import io.imbridge.core.*
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.isActive
import kotlinx.coroutines.launch
import kotlinx.coroutines.withTimeoutOrNull

/**
 * Drives an [Outbox] with coroutines: releases messages to [send] as the
 * frequency limits allow, reports shed messages to [onShed], and sleeps
 * until the outbox's "ask again" time or the next [submit] — never longer,
 * never busy-waiting (SPEC P3, P4).
 *
 * ```
 * val driver = OutboxDriver(Outbox(), lifecycleScope, send = { batch -> api.send(batch) })
 * driver.submit(listOf(OutgoingMessage("m1", "group_@TGS#1", Priority.HIGH)))
 * ```
 *
 * [send] runs on [scope]'s dispatcher, one batch at a time, in release
 * order. [clock] is a monotonic millisecond clock; the default counts from
 * the driver's creation with [System.nanoTime]. Close the driver (or cancel
 * [scope]) to stop it; messages still queued stay in the [Outbox].
 */
class OutboxDriver(
    val outbox: Outbox,
    scope: CoroutineScope,
    private val clock: () -> Long = monotonicMillis(),
    private val onShed: (List<ShedMessage>) -> Unit = {},
    private val send: suspend (List<ReleasedMessage>) -> Unit,
) : AutoCloseable {
    private val wake = Channel<Unit>(Channel.CONFLATED)
    private val job: Job = scope.launch { run() }

    /**
     * Admits a batch (one crossing into Rust) and wakes the driver. Returns
     * one [Admission] per message, in order: a refused message (10023 queue
     * bound, 6017 bad conversation id) was not taken.
     */
    fun submit(messages: List<OutgoingMessage>): List<Admission> {
        val admissions = outbox.admit(now(), messages)
        wake.trySend(Unit)
        return admissions
    }

    private fun now(): ULong = clock().coerceAtLeast(0).toULong()

    private suspend fun run() {
        while (kotlinx.coroutines.currentCoroutineContext().isActive) {
            val poll = outbox.poll(now())
            if (poll.shed.isNotEmpty()) onShed(poll.shed)
            if (poll.released.isNotEmpty()) send(poll.released)
            val next = poll.nextPollMs
            if (next == null) {
                wake.receive()
            } else {
                val wait = next.toLong() - now().toLong()
                if (wait > 0) withTimeoutOrNull(wait) { wake.receive() }
            }
        }
    }

    /** Stops the driver; queued messages stay in [outbox]. */
    override fun close() {
        job.cancel()
        wake.close()
    }
}

/** A monotonic millisecond clock starting at 0 now. */
fun monotonicMillis(): () -> Long {
    val origin = System.nanoTime()
    return { (System.nanoTime() - origin) / 1_000_000 }
}
