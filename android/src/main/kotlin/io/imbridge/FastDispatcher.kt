package io.imbridge

import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.channels.awaitClose
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.buffer
import kotlinx.coroutines.flow.callbackFlow
import java.util.concurrent.ConcurrentHashMap

/**
 * The fast way to deliver incoming messages to Kotlin listeners (SPEC D1–D7).
 *
 * [Dispatcher.addListener] calls each Kotlin listener from Rust: one JNA
 * crossing and one conversion of the batch per listener. Here the core still
 * decides everything — registration order, the listener set fixed when an
 * event starts (D5), chain mode, the no-listener buffer (D7), the counters —
 * but returns its decision as [DeliveryPlan]s through JNI; the batch is
 * converted once and this class calls the listeners. A listener may add or
 * remove listeners or call back in from its callback, from any thread.
 *
 * Drive a dispatcher that has listeners registered here through this class
 * only: a plain `Dispatcher.receive` cannot reach them, and counts each such
 * miss as a listener failure.
 */
class FastDispatcher(val dispatcher: Dispatcher) {
    private val listeners = ConcurrentHashMap<ULong, MessageListener>()
    private val fastPathId: Long = dispatcher.fastPathId().toLong()

    /**
     * D1: registers [listener] at the end of the order; the same listener
     * again returns a handle to the existing registration. The first
     * listener receives what waited in the buffer (D7) before this returns.
     */
    fun addListener(listener: MessageListener): FastListenerHandle {
        listeners.entries.firstOrNull { it.value === listener }?.let {
            return FastListenerHandle(this, it.key)
        }
        val registration = dispatcher.addDeferredListener()
        val id = registration.handle.id()
        listeners[id] = listener
        registration.handle.close()
        run(registration.plans)
        return FastListenerHandle(this, id)
    }

    /** D1: registers [onEvent]; return `true` in chain mode to consume the event. */
    fun addListener(onEvent: (DispatchEvent) -> Boolean): FastListenerHandle =
        addListener(
            object : MessageListener {
                override fun onEvent(event: DispatchEvent): Boolean = onEvent(event)
            },
        )

    internal fun remove(id: ULong): Boolean {
        listeners.remove(id)
        return dispatcher.removeListenerById(id)
    }

    /** Listeners registered here now. */
    val listenerCount: Int get() = listeners.size

    /**
     * Receives a batch — one JSON array of messages, as UTF-8 bytes from the
     * transport — at [nowMs], delivers it and reports what was dropped and
     * why. A batch that is not a JSON array throws [MessageException].
     */
    fun receive(nowMs: Long, messagesJson: ByteArray, arrivedOn: String? = null): ReceiveReport {
        val planned = if (JvmFastPath.available) {
            JvmFastPath.read(
                JvmFastPath.receive(fastPathId, nowMs, messagesJson, arrivedOn),
                FfiConverterTypePlannedReceive,
            )
        } else {
            dispatcher.receivePlanned(nowMs.toULong(), messagesJson.decodeToString(), arrivedOn)
        }
        run(planned.plans)
        return planned.report
    }

    /** [receive] with the batch as a string. */
    fun receive(nowMs: Long, messagesJson: String, arrivedOn: String? = null): ReceiveReport =
        receive(nowMs, messagesJson.encodeToByteArray(), arrivedOn)

    /** D3: a message was revoked. */
    fun revoked(conversation: String, messageId: String, operator: String, reason: String) =
        run(dispatcher.revokedPlanned(conversation, messageId, operator, reason))

    /** D3: the peer read a C2C conversation up to [readTime]. */
    fun readReceipt(conversation: String, reader: String, readTime: ULong) =
        run(dispatcher.readReceiptPlanned(conversation, reader, readTime))

    /** D3: a message was modified; [message] is its new JSON. */
    fun modified(message: String) = run(dispatcher.modifiedPlanned(message))

    /** Counters, for diagnostics (the core's, shared with [dispatcher]). */
    fun stats(): DispatchStats = dispatcher.stats()

    private fun run(plans: List<DeliveryPlan>) {
        for (plan in plans) {
            // D5: the listeners are resolved before any is called, so one
            // removed by an earlier listener of this event still gets it.
            val targets = plan.listeners.mapNotNull { id -> listeners[id]?.let { id to it } }
            var consumedBy: ULong? = null
            var failed: MutableList<ULong>? = null
            for ((id, listener) in targets) {
                try {
                    if (listener.onEvent(plan.event) && plan.mode == DispatchMode.CHAIN) {
                        consumedBy = id
                        break
                    }
                } catch (e: Exception) {
                    // D6: isolated and counted; the others still run.
                    (failed ?: mutableListOf<ULong>().also { failed = it }).add(id)
                }
            }
            if (consumedBy != null || failed != null) {
                val messages = (plan.event as? DispatchEvent.NewMessages)?.messages?.size ?: 0
                dispatcher.recordOutcome(
                    messages.toULong(),
                    consumedBy.takeIf { messages > 0 },
                    failed.orEmpty(),
                )
            }
        }
    }
}

/** A listener registered with a [FastDispatcher]; [close] unregisters it. */
class FastListenerHandle internal constructor(
    private val owner: FastDispatcher,
    /** The handle id (as in `DispatchStats.consumedBy`). */
    val id: ULong,
) : AutoCloseable {
    /** Unregisters the listener; whether it was still registered. */
    fun remove(): Boolean = owner.remove(id)

    override fun close() {
        remove()
    }
}

/**
 * D3: new messages as a [Flow] of batches; collecting registers a listener,
 * cancelling removes it. Buffers without bound: a slow collector loses nothing.
 */
fun FastDispatcher.messages(): Flow<List<IncomingMessage>> = callbackFlow {
    val handle = addListener { event ->
        if (event is DispatchEvent.NewMessages) trySend(event.messages)
        false
    }
    awaitClose { handle.close() }
}.buffer(Channel.UNLIMITED)
