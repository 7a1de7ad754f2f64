package io.imbridge

import io.imbridge.core.*
import kotlinx.coroutines.CancellationException
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
 * val driver = OutboxDriver(
 *     Outbox(), lifecycleScope,
 *     onSendFailed = { failed, error -> retryLater(failed, error) },
 * ) { batch -> api.send(batch) }
 * driver.submit(listOf(OutgoingMessage("m1", ConversationId.Group("@TGS#1"), Priority.HIGH)))
 * ```
 *
 * [send] runs on [scope]'s dispatcher, one batch at a time, in release
 * order. [clock] is a monotonic millisecond clock (`ULong`, like every time
 * the library takes); the default counts from the driver's creation with
 * [System.nanoTime].
 *
 * **When [send] throws**, the driver gives the batch back: [onSendFailed]
 * gets every message of it with the exception, and the driver goes on with
 * the next batch. It never retries on its own — only the app knows whether
 * the send reached the service (a retry with the same `MsgRandom` inside the
 * de-duplication window is dropped by the service as a duplicate, M7). To
 * retry, [submit] the messages again: they queue behind what is queued at
 * their priority, and count against the window again. Cancellation of
 * [scope] is not a failure: it stops the driver.
 *
 * **Stopping**: [close] (or cancelling [scope]) stops the driver; messages
 * still queued stay in [outbox]. A stopped driver refuses [submit] with
 * [OutboxDriverStoppedException] rather than accepting messages nobody will
 * send.
 *
 * **High priority** overtakes everything queued in its conversation, so it
 * is the next message sent there once the window has room. It does not
 * pre-empt sends already made: when the window is full, High waits for the
 * oldest send in the window to age out like any other message (P1, P2).
 *
 * [onShed] and [onSendFailed] run on the driver's coroutine; an exception
 * they throw is counted in [callbackFailures] and the driver goes on.
 */
class OutboxDriver(
    /** The outbox this driver paces; its state can be read while the driver runs. */
    val outbox: Outbox,
    scope: CoroutineScope,
    private val clock: () -> ULong = monotonicMillis(),
    private val onShed: (List<ShedMessage>) -> Unit = {},
    private val onSendFailed: (failed: List<ReleasedMessage>, error: Throwable) -> Unit,
    private val send: suspend (List<ReleasedMessage>) -> Unit,
) : AutoCloseable {
    private val wake = Channel<Unit>(Channel.CONFLATED)
    private val job: Job = scope.launch { run() }

    /** Exceptions thrown by [onShed] or [onSendFailed] (caught so the driver goes on). */
    @Volatile
    var callbackFailures: Long = 0
        private set

    /** Whether the driver still runs: false after [close] or once [scope] is cancelled. */
    val isRunning: Boolean get() = job.isActive

    /**
     * Admits a batch (one crossing into Rust) and wakes the driver. Returns
     * one [Admission] per message, in order: a refused message (10023 queue
     * bound, 6017 bad conversation id) was not taken.
     *
     * @throws OutboxDriverStoppedException when the driver was stopped
     *   (nothing is admitted).
     */
    fun submit(messages: List<OutgoingMessage>): List<Admission> {
        if (!job.isActive) throw OutboxDriverStoppedException(messages.size)
        val admissions = outbox.admit(now(), messages)
        wake.trySend(Unit)
        return admissions
    }

    private fun now(): ULong = clock()

    private suspend fun run() {
        while (kotlinx.coroutines.currentCoroutineContext().isActive) {
            val poll = outbox.poll(now())
            if (poll.shed.isNotEmpty()) guarded { onShed(poll.shed) }
            if (poll.released.isNotEmpty()) sendOrGiveBack(poll.released)
            val next = poll.nextPollMs
            if (next == null) {
                wake.receive()
            } else {
                val wait = next.toLong() - now().toLong()
                if (wait > 0) withTimeoutOrNull(wait) { wake.receive() }
            }
        }
    }

    private suspend fun sendOrGiveBack(batch: List<ReleasedMessage>) {
        try {
            send(batch)
        } catch (e: CancellationException) {
            throw e
        } catch (e: Throwable) {
            guarded { onSendFailed(batch, e) }
        }
    }

    private inline fun guarded(callback: () -> Unit) {
        try {
            callback()
        } catch (e: CancellationException) {
            throw e
        } catch (e: Throwable) {
            callbackFailures++
        }
    }

    /** Stops the driver; queued messages stay in [outbox], and [submit] throws from now on. */
    override fun close() {
        job.cancel()
        wake.close()
    }
}

/**
 * [OutboxDriver.submit] on a driver that was stopped: nothing was admitted.
 * An [ImbridgeException] like every error of the library (kind
 * `driver_stopped`, no service code), so one `catch` covers them all.
 */
class OutboxDriverStoppedException internal constructor(
    /** How many messages that [OutboxDriver.submit] call carried, none of them admitted. */
    val refused: Int,
) : ImbridgeException() {
    override val detail: String
        get() = "OutboxDriver was stopped (closed, or its scope cancelled): $refused message(s) not admitted; " +
            "make a new driver over the same Outbox to go on"
    override val kind: String get() = "driver_stopped"
    override val domain: String get() = "OutboxDriverStoppedException"
}

/** A monotonic millisecond clock starting at 0 now. */
fun monotonicMillis(): () -> ULong {
    val origin = System.nanoTime()
    return { ((System.nanoTime() - origin) / 1_000_000).coerceAtLeast(0).toULong() }
}
