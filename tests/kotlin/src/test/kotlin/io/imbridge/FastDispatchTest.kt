package io.imbridge

import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertSame
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.util.Collections
import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger

/**
 * SPEC D1–D7 through delivery plans and the JNI entry point: the core
 * decides, Kotlin calls its listeners. Same rules as [DispatchTest].
 */
class FastDispatchTest {
    private fun c2c(seq: Int, to: String = "bob", text: String = "hi") =
        """{"From_Account":"alice","To_Account":"$to","MsgSeq":$seq,"MsgRandom":$seq,"MsgTime":1700000000,""" +
            """"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"$text"}}]}"""

    private fun batch(vararg messages: String) = messages.joinToString(",", "[", "]")

    private fun fast() = FastDispatcher(
        Dispatcher().apply {
            setUser("bob")
            joinGroup("g1")
        },
    )

    @Test
    fun jni_entry_points_are_loaded_on_the_host_jvm() {
        assertTrue(JvmFastPath.available, "System.loadLibrary(\"imbridge\") failed: check java.library.path")
        JvmFastPath.noop()
    }

    @Test
    fun d3_a_batch_is_converted_once_and_reaches_every_listener() {
        val f = fast()
        val seen = Collections.synchronizedList(mutableListOf<List<IncomingMessage>>())
        repeat(3) { f.addListener { e -> if (e is DispatchEvent.NewMessages) seen += e.messages; false } }
        val report = f.receive(0, (1..100).joinToString(",", "[", "]") { c2c(it) })
        assertEquals(100u, report.accepted)
        assertEquals(3, seen.size)
        assertSame(seen[0], seen[1], "one conversion shared by every listener")
        assertEquals(Element.Text("hi"), seen[0][0].elements.single())
        assertEquals(100uL, f.stats().delivered)
    }

    @Test
    fun d4_m7_every_undelivered_message_has_a_reason() {
        val f = fast()
        f.addListener { false }
        val group = """{"GroupId":"g9","From_Account":"carol","Random":1,"MsgBody":[]}"""
        val report = f.receive(0, "[${c2c(1)},${c2c(1)},${c2c(2, to = "dave")},$group,{}]")
        assertEquals(1u, report.accepted)
        assertEquals(
            listOf(DropReason.DUPLICATE, DropReason.MISROUTED, DropReason.NOT_MEMBER, DropReason.MALFORMED),
            report.dropped.map { it.reason },
        )
        assertEquals(1uL, f.stats().dropped["duplicate"])
    }

    @Test
    fun bad_input_through_jni_is_a_typed_error() {
        val f = fast()
        assertThrows<MessageException.Json> { f.receive(0, "[") }
        assertEquals(6017, assertThrows<MessageException.InvalidField> { f.receive(0, batch(c2c(1)), "alice") }.code)
        assertThrows<MessageException.InvalidField> { f.receive(-1, batch(c2c(1))) }
        assertThrows<MessageException.InvalidField> { f.receive(0, byteArrayOf(0x5b, 0xff.toByte(), 0x5d)) }
        // A stale dispatcher id is a typed error, never a dangling pointer.
        assertThrows<MessageException.InvalidField> {
            JvmFastPath.read(JvmFastPath.receive(Long.MAX_VALUE, 0, "[]".encodeToByteArray(), null), FfiConverterTypePlannedReceive)
        }
    }

    @Test
    fun d6_a_throwing_listener_is_counted_and_the_others_run() {
        val f = fast()
        f.addListener { throw IllegalStateException("listener bug") }
        val got = AtomicInteger()
        f.addListener { got.incrementAndGet(); false }
        f.receive(0, batch(c2c(1)))
        assertEquals(1, got.get())
        assertEquals(1uL, f.stats().listenerFailures)
    }

    @Test
    fun d5_a_listener_removes_itself_while_being_called() {
        val f = fast()
        val calls = AtomicInteger()
        lateinit var handle: FastListenerHandle
        handle = f.addListener {
            calls.incrementAndGet()
            handle.remove()
            f.receive(1, batch(c2c(2))) // re-enters: must not reach this listener again
            false
        }
        f.receive(0, batch(c2c(1)))
        assertEquals(1, calls.get())
        assertEquals(0, f.listenerCount)
        assertEquals(0u, f.dispatcher.listenerCount())
    }

    @Test
    fun d5_a_listener_removed_by_an_earlier_one_still_gets_the_event_it_started_with() {
        val f = fast()
        val second = AtomicInteger()
        lateinit var secondHandle: FastListenerHandle
        f.addListener { secondHandle.remove(); false }
        secondHandle = f.addListener { second.incrementAndGet(); false }
        f.receive(0, batch(c2c(1)))
        f.receive(0, batch(c2c(2)))
        assertEquals(1, second.get())
    }

    @Test
    fun d1_adding_the_same_listener_twice_is_one_registration() {
        val f = fast()
        val listener = object : MessageListener {
            override fun onEvent(event: DispatchEvent) = false
        }
        val a = f.addListener(listener)
        val b = f.addListener(listener)
        assertEquals(a.id, b.id)
        assertEquals(1u, f.dispatcher.listenerCount())
    }

    @Test
    fun d2_chain_mode_stops_at_the_consumer_and_is_counted() {
        val f = fast()
        f.dispatcher.setMode(DispatchMode.CHAIN)
        val second = AtomicInteger()
        val first = f.addListener { true }
        f.addListener { second.incrementAndGet(); false }
        f.receive(0, batch(c2c(1), c2c(2)))
        assertEquals(0, second.get())
        assertEquals(2uL, f.stats().consumedBy[first.id])
    }

    @Test
    fun d7_messages_wait_for_the_first_listener() {
        val f = FastDispatcher(Dispatcher(buffer = 2u).apply { setUser("bob") })
        f.receive(0, batch(c2c(1), c2c(2), c2c(3)))
        assertEquals(2uL, f.stats().buffered)
        assertEquals(1uL, f.stats().dropped["overflow"])
        val got = Collections.synchronizedList(mutableListOf<Int>())
        f.addListener { e -> if (e is DispatchEvent.NewMessages) got += e.messages.size; false }
        assertEquals(listOf(2), got)
    }

    @Test
    fun d3_other_events_reach_deferred_listeners() {
        val f = fast()
        val events = Collections.synchronizedList(mutableListOf<DispatchEvent>())
        f.addListener { e -> events += e; false }
        f.revoked("c2c_alice", "m1", "alice", "oops")
        f.readReceipt("c2c_alice", "alice", 5u)
        f.modified(c2c(9, text = "edited"))
        assertEquals(3, events.size)
        assertEquals(DispatchEvent.ReadReceipt("c2c_alice", "alice", 5u), events[1])
        assertThrows<MessageException.InvalidField> { f.revoked("nope", "m1", "a", "r") }
    }

    @Test
    fun a_plain_receive_cannot_reach_deferred_listeners_and_says_so() {
        val f = fast()
        f.addListener { false }
        f.dispatcher.receiveArray(0u, batch(c2c(1)))
        assertEquals(1uL, f.stats().listenerFailures)
    }

    @Test
    fun d5_listeners_and_receivers_on_several_threads() {
        val f = fast()
        val total = AtomicInteger()
        repeat(3) { f.addListener { e -> if (e is DispatchEvent.NewMessages) total.addAndGet(e.messages.size); false } }
        val pool = Executors.newFixedThreadPool(8)
        val start = CountDownLatch(1)
        repeat(8) { t ->
            pool.submit {
                start.await()
                repeat(50) { i -> f.receive(0, batch(c2c(t * 1000 + i))) }
                f.addListener { false }.close()
            }
        }
        start.countDown()
        pool.shutdown()
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS), "deadlock")
        assertEquals(3 * 8 * 50, total.get())
        assertEquals(3, f.listenerCount)
    }

    @Test
    fun d3_flow_collects_batches_and_cancelling_removes_the_listener() = runBlocking {
        val f = fast()
        val collected = async(Dispatchers.Default) { f.messages().first() }
        while (f.listenerCount == 0) Thread.sleep(1)
        f.receive(0, batch(c2c(1), c2c(2)))
        assertEquals(2, collected.await().size)
        while (f.listenerCount != 0) Thread.sleep(1)
    }

    @Test
    fun m3_jni_and_uniffi_encode_the_same_json() {
        val viaJni = FastPath.encodeC2cText("bob", "héllo 👋 \"q\"", 7u, 4_000_000_000u)
        val viaUniffi = encodeC2cTexts(listOf("bob"), listOf("héllo 👋 \"q\""), listOf(7u), listOf(4_000_000_000u)).single().json
        assertEquals(viaUniffi, viaJni)
        assertTrue(viaJni.contains("\"MsgRandom\":4000000000"))
        val rows = FastPath.encodeC2cTexts(arrayOf("bob", "", "carol"), arrayOf("a", "b", ""), intArrayOf(1, 2, 3), intArrayOf(1, 2, 3))
        assertEquals(3, rows.size)
        assertEquals(null, rows[0].error)
        assertEquals(6017, rows[1].error!!.code)
        assertEquals(6016, rows[2].error!!.code)
        assertEquals(6017, assertThrows<MessageException.InvalidField> { FastPath.encodeC2cTexts(arrayOf("a"), arrayOf(), intArrayOf(1), intArrayOf(1)) }.code)
        assertEquals(6016, assertThrows<MessageException> { FastPath.encodeC2cText("bob", "", 1u, 1u) }.code)
    }

    private inline fun <reified T : Throwable> assertThrows(noinline block: () -> Unit): T =
        org.junit.jupiter.api.assertThrows<T>(block)
}
