package io.imbridge

import io.imbridge.core.*
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertSame
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.util.Collections
import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger

/**
 * SPEC D1–D7 with listeners written in Kotlin, through the real library:
 * the core decides, the Kotlin [Dispatcher] calls its listeners.
 */
class DispatchTest {
    private fun c2c(seq: Int, to: String = "bob", text: String = "hi") =
        """{"From_Account":"alice","To_Account":"$to","MsgSeq":$seq,"MsgRandom":$seq,"MsgTime":1700000000,""" +
            """"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"$text"}}]}"""

    private fun batch(vararg messages: String) = messages.joinToString(",", "[", "]")

    private fun dispatcher() = Dispatcher().apply {
        setUser("bob")
        joinGroup("g1")
    }

    @Test
    fun d3_a_batch_is_converted_once_and_reaches_every_listener_in_one_call() {
        val d = dispatcher()
        val seen = Collections.synchronizedList(mutableListOf<List<IncomingMessage>>())
        val handles = List(3) { d.addListener { e -> if (e is DispatchEvent.NewMessages) seen += e.messages; false } }
        val report = d.receive(0u, (1..100).joinToString(",", "[", "]") { c2c(it) })
        assertEquals(100u, report.accepted)
        assertEquals(3, seen.size)
        assertSame(seen[0], seen[1], "one conversion shared by every listener")
        assertEquals("c2c_alice", seen[0][0].conversation)
        assertEquals(Element.Text(TextElem("hi")), seen[0][0].elements.single())
        assertEquals(100uL, d.stats().delivered)
        handles.forEach { it.close() }
    }

    @Test
    fun d4_m7_every_undelivered_message_has_a_reason() {
        val d = dispatcher()
        d.addListener { false }
        val group = """{"GroupId":"g9","From_Account":"carol","Random":1,"MsgBody":[]}"""
        val report = d.receive(0u, "[${c2c(1)},${c2c(1)},${c2c(2, to = "dave")},$group,{}]")
        assertEquals(1u, report.accepted)
        assertEquals(
            listOf(DropReason.DUPLICATE, DropReason.MISROUTED, DropReason.NOT_MEMBER, DropReason.MALFORMED),
            report.dropped.map { it.reason },
        )
        // Only the input that did not decode carries its typed error.
        val malformed = checkNotNull(report.dropped.last().error) { "the malformed input carries its error" }
        assertEquals(6017, malformed.code)
        assertTrue(malformed.detail.isNotEmpty())
        assertTrue(report.dropped.dropLast(1).all { it.error == null })
        val stats = d.stats()
        assertEquals(1uL, stats.dropped["duplicate"])
        assertEquals(5uL, stats.received)
    }

    @Test
    fun bad_input_is_a_typed_error() {
        val d = dispatcher()
        assertThrows<MessageException.Json> { d.receive(0u, "[") }
        assertThrows<MessageException.InvalidField> { d.receive(0u, "{\"not\":\"an array\"}") }
        assertEquals(6017, assertThrows<MessageException.InvalidField> { d.receive(0u, batch(c2c(1)), "alice") }.code)
        assertThrows<MessageException.InvalidField> { d.receive(0u, byteArrayOf(0x5b, 0xff.toByte(), 0x5d)) }
    }

    @Test
    fun d6_a_throwing_listener_is_counted_and_the_others_run() {
        val d = dispatcher()
        d.addListener { throw IllegalStateException("listener bug") }
        val got = AtomicInteger()
        d.addListener { got.incrementAndGet(); false }
        d.receive(0u, batch(c2c(1)))
        assertEquals(1, got.get())
        assertEquals(1uL, d.stats().listenerFailures)
        assertEquals(1uL, d.stats().delivered, "the second listener took it")
    }

    @Test
    fun d6_an_error_an_app_survives_is_isolated_and_counted() {
        fun recurse(n: Int): Int = recurse(n + 1) + 1
        val survivable = listOf<() -> Nothing>(
            { TODO("listener not written yet") },
            { throw AssertionError("check failed") },
            { recurse(0); error("unreachable") },
            { throw NoClassDefFoundError("com/example/Missing") },
            { throw InterruptedException() },
        )
        for (raise in survivable) {
            val d = dispatcher()
            d.addListener { raise() }
            val got = AtomicInteger()
            d.addListener { got.incrementAndGet(); false }
            d.receive(0u, batch(c2c(1)))
            val interrupted = Thread.interrupted() // clears the flag the InterruptedException case restored
            assertEquals(1, got.get(), "the next listener ran after ${runCatching { raise() }.exceptionOrNull()}")
            assertEquals(1uL, d.stats().listenerFailures)
            assertEquals(1uL, d.stats().delivered)
            assertEquals(interrupted, runCatching { raise() }.exceptionOrNull() is InterruptedException)
        }
    }

    @Test
    fun d6_the_jvm_failing_is_counted_then_rethrown() {
        val d = dispatcher()
        d.addListener { throw OutOfMemoryError("simulated") }
        val got = AtomicInteger()
        d.addListener { got.incrementAndGet(); false }
        assertThrows<OutOfMemoryError> { d.receive(0u, batch(c2c(1))) }
        assertEquals(0, got.get(), "nothing runs after the JVM failed")
        assertEquals(1uL, d.stats().listenerFailures, "counted before it was rethrown")
    }

    @Test
    fun d6_a_lone_throwing_listener_delivers_nothing() {
        val d = dispatcher()
        d.addListener { throw IllegalStateException("listener bug") }
        d.receive(0u, batch(c2c(1), c2c(2)))
        val stats = d.stats()
        assertEquals(0uL, stats.delivered, "same count as the Rust driver")
        assertEquals(1uL, stats.listenerFailures)
    }

    @Test
    fun d5_a_listener_removes_itself_while_being_called() {
        val d = dispatcher()
        val calls = AtomicInteger()
        lateinit var handle: ListenerHandle
        handle = d.addListener {
            calls.incrementAndGet()
            handle.remove()
            d.receive(1u, batch(c2c(2))) // re-enters: must not reach this listener again
            false
        }
        d.receive(0u, batch(c2c(1)))
        assertEquals(1, calls.get())
        assertEquals(0, d.listenerCount)
    }

    @Test
    fun d5_a_listener_removed_by_an_earlier_one_still_gets_the_event_it_started_with() {
        val d = dispatcher()
        val second = AtomicInteger()
        lateinit var secondHandle: ListenerHandle
        d.addListener { secondHandle.remove(); false }
        secondHandle = d.addListener { second.incrementAndGet(); false }
        d.receive(0u, batch(c2c(1)))
        d.receive(0u, batch(c2c(2)))
        assertEquals(1, second.get())
    }

    @Test
    fun d1_adding_the_same_listener_twice_is_one_registration() {
        val d = dispatcher()
        val listener = MessageListener { false }
        val a = d.addListener(listener)
        val b = d.addListener(listener)
        assertEquals(a.id, b.id)
        assertEquals(1, d.listenerCount)
    }

    @Test
    fun d1_closing_the_handle_unregisters_the_listener() {
        val d = dispatcher()
        val got = AtomicInteger()
        d.addListener { got.incrementAndGet(); false }.use { assertEquals(1, d.listenerCount) }
        assertEquals(0, d.listenerCount, "use {} closed it")
        d.receive(0u, batch(c2c(1)))
        assertEquals(0, got.get())
        assertEquals(1uL, d.stats().buffered, "no listener: it waits (D7)")
        val handle = d.addListener { false }
        assertTrue(handle.remove())
        assertFalse(handle.remove(), "removing twice is harmless")
    }

    @Test
    fun d2_chain_mode_stops_at_the_consumer_and_is_counted() {
        val d = dispatcher()
        d.setMode(DispatchMode.CHAIN)
        val second = AtomicInteger()
        val first = d.addListener { true }
        d.addListener { second.incrementAndGet(); false }
        d.receive(0u, batch(c2c(1), c2c(2)))
        assertEquals(0, second.get())
        assertEquals(2uL, d.stats().consumedBy[first.id])
        d.setMode(DispatchMode.OBSERVER)
        d.receive(0u, batch(c2c(3)))
        assertEquals(1, second.get(), "observers all see it")
    }

    @Test
    fun d7_messages_wait_for_the_first_listener() {
        val d = Dispatcher(buffer = 2u).apply { setUser("bob") }
        d.receive(0u, batch(c2c(1), c2c(2), c2c(3)))
        assertEquals(2uL, d.stats().buffered)
        assertEquals(1uL, d.stats().dropped["overflow"])
        val got = Collections.synchronizedList(mutableListOf<Int>())
        d.addListener { e -> if (e is DispatchEvent.NewMessages) got += e.messages.size; false }
        assertEquals(listOf(2), got)
        assertEquals(0uL, d.stats().buffered)
    }

    @Test
    fun d3_other_events_reach_listeners_or_are_counted() {
        val d = dispatcher()
        d.readReceipt("c2c_alice", "alice", 1u)
        assertEquals(1uL, d.stats().eventsWithoutListener)
        val events = Collections.synchronizedList(mutableListOf<DispatchEvent>())
        d.addListener { e -> events += e; false }
        d.revoked("c2c_alice", "m1", "alice", "oops")
        d.readReceipt("c2c_alice", "alice", 5u)
        d.modified(c2c(9, text = "edited"))
        assertEquals(3, events.size)
        assertEquals(DispatchEvent.ReadReceipt(ConversationId.C2c("alice"), "alice", 5u), events[1])
        assertThrows<MessageException.InvalidField> { d.revoked("nope", "m1", "a", "r") }
    }

    @Test
    fun d5_listeners_and_receivers_on_several_threads() {
        val d = dispatcher()
        val total = AtomicInteger()
        repeat(3) { d.addListener { e -> if (e is DispatchEvent.NewMessages) total.addAndGet(e.messages.size); false } }
        val pool = Executors.newFixedThreadPool(8)
        val start = CountDownLatch(1)
        repeat(8) { t ->
            pool.submit {
                start.await()
                repeat(50) { i -> d.receive(0u, batch(c2c(t * 1000 + i))) }
                d.addListener { false }.close()
            }
        }
        start.countDown()
        pool.shutdown()
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS), "deadlock")
        assertEquals(3 * 8 * 50, total.get())
        assertEquals(3, d.listenerCount)
        assertEquals(400uL, d.stats().delivered)
    }

    @Test
    fun d3_flow_collects_batches_and_cancelling_removes_the_listener() = runBlocking {
        val d = dispatcher()
        val collected = async(Dispatchers.Default) { d.messages().first() }
        while (d.listenerCount == 0) Thread.sleep(1)
        d.receive(0u, batch(c2c(1), c2c(2)))
        assertEquals(2, collected.await().size)
        while (d.listenerCount != 0) Thread.sleep(1)
    }

    @Test
    fun the_core_alone_decides_without_calling_anything() {
        val core = DispatchCore().apply { setUser("bob") }
        val a = core.addListener().id
        val b = core.addListener().id
        val receipt = core.receive(0u, batch(c2c(1), c2c(2)))
        assertEquals(listOf(a, b), receipt.deliveries.single().listeners)
        core.recordOutcome(DeliveryOutcome(2u, 2u, null, listOf(a, b)))
        assertEquals(0uL, core.stats().delivered, "both threw")
    }

    private inline fun <reified T : Throwable> assertThrows(noinline block: () -> Unit): T =
        org.junit.jupiter.api.assertThrows<T>(block)

    /** Nothing received is lost: every field reaches the listener, through JNI and through UniFFI alike. */
    @Test
    fun d3_every_field_of_a_received_message_reaches_the_listener_on_both_paths() {
        val c2c = """{"From_Account":"alice","To_Account":"bob","MsgSeq":3729430001,"MsgRandom":9,"MsgTime":1700000000,""" +
            """"MsgKey":"1_2_3","OnlineOnlyFlag":0,"CloudCustomData":"{\"k\":1}","EventTime":1700000000123,""" +
            """"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi"}}]}"""
        val group = """{"GroupId":"g1","From_Account":"carol","MsgSeq":7,"Random":3,"MsgTime":1,"To_Account":["bob"],""" +
            """"TopicId":"t1","CloudCustomData":"x","OnlineOnlyFlag":1,"Type":"Public","MsgBody":[]}"""
        for (jni in listOf(true, false)) {
            val d = dispatcher().apply { viaJni = jni }
            val seen = mutableListOf<IncomingMessage>()
            val handle = d.addListener { e -> if (e is DispatchEvent.NewMessages) seen += e.messages; false }
            d.receive(0u, "[$c2c,$group]")
            val (m, g) = seen
            assertEquals(3729430001uL, m.msgSeq, "viaJni=$jni")
            assertEquals("1_2_3", m.msgKey)
            assertEquals("{\"k\":1}", m.cloudCustomData)
            assertEquals(false, m.onlineOnlyFlag)
            assertEquals(mapOf("EventTime" to "1700000000123"), m.extra)
            assertEquals(listOf("bob"), g.directedTo)
            assertEquals("t1", g.topicId)
            assertEquals("x", g.cloudCustomData)
            assertEquals(true, g.onlineOnlyFlag)
            assertEquals(mapOf("Type" to "\"Public\""), g.extra)
            handle.close()
        }
    }
}

