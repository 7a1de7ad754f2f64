package io.imbridge

import io.imbridge.core.*
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.consumeAsFlow
import kotlinx.coroutines.flow.onCompletion
import java.util.concurrent.ConcurrentHashMap

/**
 * Receives dispatched events. Return `true` in chain mode to consume the
 * event (later listeners are not called); observer mode ignores it.
 *
 * D6: whatever a listener throws — an exception, or an `Error` an app
 * survives such as `NotImplementedError` (`TODO()`), `AssertionError` or
 * `StackOverflowError` — is counted as a listener failure and the other
 * listeners still run. Only an `OutOfMemoryError`, `InternalError` or
 * `UnknownError` (the JVM itself failing) is counted and then rethrown.
 * An `InterruptedException` keeps the thread's interrupt flag set.
 */
fun interface MessageListener {
    /** One event: a batch of new messages is one call. */
    fun onEvent(event: DispatchEvent): Boolean
}

/**
 * The incoming pipeline with Kotlin listeners (SPEC D1–D7): receive a batch,
 * the core decides (decode, duplicates, delivery rules, who gets what, the
 * no-listener buffer, the counters), and this class calls the listeners.
 *
 * One crossing per batch however many listeners: the core returns its
 * decision as [Delivery]s (through JNI when loaded, else UniFFI) and hears
 * back only when a listener threw or consumed an event. No lock is held
 * while a listener runs, so a listener may add or remove listeners or call
 * [receive] again, from any thread.
 */
class Dispatcher(mode: DispatchMode = DispatchMode.OBSERVER, buffer: UInt = 1000u) : AutoCloseable {
    /** The core: rules and counters. Pass it to `exportSnapshot`. */
    val core: DispatchCore = DispatchCore(mode, buffer)
    private val listeners = ConcurrentHashMap<ULong, MessageListener>()

    // Registering and resolving a delivery's ids share this lock, so a
    // listener the core has registered is always found by a later delivery.
    private val registering = Any()
    private val fastPathId: Long by lazy { core.fastPathId().toLong() }

    /** Whether batches cross through JNI (else UniFFI); the benchmarks compare both. */
    internal var viaJni: Boolean = JvmFastPath.available

    /**
     * D1: registers [listener] at the end of the order; the same listener
     * again returns a handle to its existing registration. The first listener
     * receives what waited in the buffer (D7) before this returns. Close the
     * handle to unregister.
     */
    fun addListener(listener: MessageListener): ListenerHandle {
        val registration = synchronized(registering) {
            listeners.entries.firstOrNull { it.value === listener }?.let {
                return ListenerHandle(this, it.key)
            }
            core.addListener().also { listeners[it.id] = listener }
        }
        deliver(registration.deliveries)
        return ListenerHandle(this, registration.id)
    }

    @Volatile
    private var closed = false

    internal fun remove(id: ULong): Boolean {
        synchronized(registering) { listeners.remove(id) }
        // A handle closed after the dispatcher (a messages() collection
        // ending once the screen's dispatcher is gone) has nothing to remove.
        if (closed) return false
        return try {
            core.removeListener(id)
        } catch (e: IllegalStateException) {
            if (closed) false else throw e // closed while this call ran
        }
    }

    /** Listeners registered now. */
    val listenerCount: Int get() = core.listenerCount().toInt()

    /** D2: observer or chain semantics. */
    fun setMode(mode: DispatchMode) = core.setMode(mode)

    /** D4: the logged-in user (`null` after logout). */
    fun setUser(userId: String?) = core.setUser(userId)

    /** D4: the user joined a group or an AVChatRoom. */
    fun joinGroup(groupId: String) = core.joinGroup(groupId)

    /** D4: the user left a group. */
    fun leaveGroup(groupId: String) = core.leaveGroup(groupId)

    /**
     * Receives a batch — one JSON array of messages, as UTF-8 bytes from the
     * transport — at [nowMs], delivers it and reports what was dropped and
     * why. [arrivedOn] is the conversation the transport delivered it for,
     * when it says. Throws [MessageException] when the batch is not a JSON
     * array or [arrivedOn] is malformed (6017).
     */
    fun receive(nowMs: ULong, messagesJson: ByteArray, arrivedOn: String? = null): ReceiveReport {
        val receipt = if (viaJni) {
            JvmFastPath.read(
                // The ULong's 64 bits as a jlong; the Rust side reads them back as u64.
                JvmFastPath.receive(fastPathId, nowMs.toLong(), messagesJson, arrivedOn),
                FfiConverterTypeReceipt::read,
            )
        } else {
            core.receive(nowMs, messagesJson.decodeToString(), arrivedOn)
        }
        deliver(receipt.deliveries)
        return receipt.report
    }

    /** [receive] with the batch as a string. */
    fun receive(nowMs: ULong, messagesJson: String, arrivedOn: String? = null): ReceiveReport =
        receive(nowMs, utf8(messagesJson), arrivedOn)

    /** D3: a message was revoked. */
    fun revoked(conversation: String, messageId: String, operator: String, reason: String) =
        deliver(core.revoked(conversation, messageId, operator, reason))

    /** D3: the peer read a C2C conversation up to [readTime] (unix seconds). */
    fun readReceipt(conversation: String, reader: String, readTime: ULong) =
        deliver(core.readReceipt(conversation, reader, readTime))

    /** D3: a message was modified; [message] is its new JSON. */
    fun modified(message: String) = deliver(core.modified(message))

    /** Counters, for diagnostics. */
    fun stats(): DispatchStats = core.stats()

    /**
     * Frees the core; the dispatcher is unusable afterwards. Listener
     * handles and `messages()` flows may still be closed (they do nothing).
     */
    override fun close() {
        closed = true
        core.close()
    }

    private fun deliver(deliveries: List<Delivery>) {
        for (delivery in deliveries) {
            // D5: every id is resolved before any listener is called.
            val targets = synchronized(registering) { delivery.listeners.map { id -> id to listeners[id] } }
            var called = 0u
            var consumedBy: ULong? = null
            var failed: MutableList<ULong>? = null
            for ((id, listener) in targets) {
                if (listener == null) continue // removed since the core decided
                called++
                try {
                    // D2: in chain mode the first consumer stops the delivery.
                    if (listener.onEvent(delivery.event) && delivery.mode == DispatchMode.CHAIN) {
                        consumedBy = id
                        break
                    }
                } catch (t: Throwable) {
                    // D6: isolated and counted; the others still run.
                    (failed ?: mutableListOf<ULong>().also { failed = it }).add(id)
                    if (t is InterruptedException) Thread.currentThread().interrupt()
                    if (isFatal(t)) {
                        // The JVM itself is failing: count what happened, then let it go.
                        recordOutcome(delivery, called, consumedBy, failed)
                        throw t
                    }
                }
            }
            if (consumedBy != null || failed != null || called.toInt() != targets.size) {
                recordOutcome(delivery, called, consumedBy, failed)
            }
        }
    }

    private fun recordOutcome(delivery: Delivery, called: UInt, consumedBy: ULong?, failed: List<ULong>?) {
        val messages = (delivery.event as? DispatchEvent.NewMessages)?.messages?.size ?: 0
        core.recordOutcome(DeliveryOutcome(messages.toULong(), called, consumedBy, failed.orEmpty()))
    }
}

/**
 * A registered listener. [close] (or [remove]) unregisters it; use it with
 * `use { }` or close it when the screen goes away.
 */
class ListenerHandle internal constructor(
    private val owner: Dispatcher,
    /** The listener's id (as in `DispatchStats.consumedBy`). */
    val id: ULong,
) : AutoCloseable {
    /** Unregisters the listener; whether it was still registered. */
    fun remove(): Boolean = owner.remove(id)

    /** [remove], for `use { }`; closing twice does nothing more. */
    override fun close() {
        remove()
    }
}

/**
 * D3: new messages as a [Flow] of batches (one element per [Dispatcher.receive]).
 *
 * The listener is registered when `messages()` is called, not when
 * collection starts, so a batch received between this call and the
 * collector's first suspension is buffered, never missed, whichever
 * dispatcher the collector runs on: call it before the first `receive`,
 * then collect it where you like. The flow can be collected once; ending
 * the collection (cancelled or completed) removes the listener. It
 * buffers without bound, so a slow collector loses nothing — and a flow
 * that is never collected keeps its listener and its batches until the
 * dispatcher is closed.
 */
fun Dispatcher.messages(): Flow<List<IncomingMessage>> {
    val batches = Channel<List<IncomingMessage>>(Channel.UNLIMITED)
    val handle = addListener { event ->
        if (event is DispatchEvent.NewMessages) batches.trySend(event.messages)
        false
    }
    return batches.consumeAsFlow().onCompletion { handle.close() }
}

/**
 * D6: the throwables after which the JVM itself cannot be trusted to go
 * on: every `VirtualMachineError` but `StackOverflowError`, whose stack has
 * unwound by the time it is caught.
 */
internal fun isFatal(t: Throwable): Boolean = t is VirtualMachineError && t !is StackOverflowError
