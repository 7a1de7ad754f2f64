package io.imbridge

import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.channels.awaitClose
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.buffer
import kotlinx.coroutines.flow.callbackFlow

/**
 * D3: new messages as a [Flow] of batches (one element per `receive`).
 * Collecting registers a listener; cancelling the collection removes it.
 * The flow buffers without bound, so a slow collector loses nothing.
 */
fun Dispatcher.messages(): Flow<List<IncomingMessage>> = callbackFlow {
    val handle = addListener(
        object : MessageListener {
            override fun onEvent(event: DispatchEvent): Boolean {
                if (event is DispatchEvent.NewMessages) trySend(event.messages)
                return false
            }
        },
    )
    awaitClose {
        handle.remove()
        handle.close()
    }
}.buffer(Channel.UNLIMITED)

/**
 * D1: registers [onEvent] as a listener; close (or `remove()`) the handle
 * to unregister. Return `true` in chain mode to consume the event.
 */
fun Dispatcher.addListener(onEvent: (DispatchEvent) -> Boolean): ListenerHandle =
    addListener(
        object : MessageListener {
            override fun onEvent(event: DispatchEvent): Boolean = onEvent(event)
        },
    )
