package io.imbridge

import kotlinx.coroutines.flow.first
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.util.Collections
import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger

/** SPEC D1–D7 with listeners written in Kotlin, through the real library. */
class DispatchTest {
    private fun c2c(seq: Int, to: String = "bob", text: String = "hi") =
        """{"From_Account":"alice","To_Account":"$to","MsgSeq":$seq,"MsgRandom":$seq,"MsgTime":1700000000,""" +
            """"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"$text"}}]}"""

    private fun dispatcher() = Dispatcher().apply {
        setUser("bob")
        joinGroup("g1")
    }

    @Test
    fun d3_a_batch_is_one_kotlin_call_with_decoded_messages() {
        val d = dispatcher()
        val batches = Collections.synchronizedList(mutableListOf<List<IncomingMessage>>())
        d.addListener { e -> if (e is DispatchEvent.NewMessages) batches += e.messages; false }
        val report = d.receive(0u, (1..100).map { c2c(it) })
        assertEquals(100u, report.accepted)
        assertEquals(1, batches.size)
        val first = batches[0][0]
        assertEquals("c2c_alice", first.conversation)
        assertEquals(Element.Text("hi"), first.elements.single())
    }

    @Test
    fun d3_a_json_array_batch_crosses_as_one_string() {
        val d = dispatcher()
        val sizes = Collections.synchronizedList(mutableListOf<Int>())
        d.addListener { e -> if (e is DispatchEvent.NewMessages) sizes += e.messages.size; false }
        val report = d.receiveArray(0u, (1..50).joinToString(",", "[", "]") { c2c(it) })
        assertEquals(50u, report.accepted)
        assertEquals(listOf(50), sizes)
        assertThrows<MessageException.Json> { d.receiveArray(0u, "[") }
    }

    @Test
    fun d4_m7_every_undelivered_message_has_a_reason() {
        val d = dispatcher()
        d.addListener { false }
        val group = """{"GroupId":"g9","From_Account":"carol","Random":1,"MsgBody":[]}"""
        val report = d.receive(0u, listOf(c2c(1), c2c(1), c2c(2, to = "dave"), group, "{broken"))
        assertEquals(1u, report.accepted)
        assertEquals(
            listOf(DropReason.DUPLICATE, DropReason.MISROUTED, DropReason.NOT_MEMBER, DropReason.MALFORMED),
            report.dropped.map { it.reason },
        )
        assertTrue(report.dropped.last().detail!!.contains("JSON"))
        val stats = d.stats()
        assertEquals(1uL, stats.dropped["duplicate"])
        assertEquals(5uL, stats.received)
        assertEquals(6017, assertThrows<MessageException.InvalidField> { d.receive(0u, listOf(c2c(3)), "alice") }.code)
    }

    @Test
    fun d6_a_throwing_listener_is_counted_and_the_others_run() {
        val d = dispatcher()
        d.addListener { throw IllegalStateException("listener bug") }
        val got = AtomicInteger()
        d.addListener { got.incrementAndGet(); false }
        d.receive(0u, listOf(c2c(1)))
        assertEquals(1, got.get())
        assertEquals(1uL, d.stats().listenerFailures)
    }

    @Test
    fun d5_a_listener_removes_itself_while_being_called() {
        val d = dispatcher()
        val calls = AtomicInteger()
        lateinit var handle: ListenerHandle
        handle = d.addListener {
            calls.incrementAndGet()
            handle.remove()
            d.receive(1u, listOf(c2c(2))) // re-enters: must not reach this listener again
            false
        }
        d.receive(0u, listOf(c2c(1)))
        assertEquals(1, calls.get())
        assertEquals(0u, d.listenerCount())
    }

    @Test
    fun d2_chain_mode_stops_at_the_consumer() {
        val d = dispatcher()
        d.setMode(DispatchMode.CHAIN)
        val second = AtomicInteger()
        val first = d.addListener { true }
        d.addListener { second.incrementAndGet(); false }
        d.receive(0u, listOf(c2c(1), c2c(2)))
        assertEquals(0, second.get())
        assertEquals(2uL, d.stats().consumedBy[first.id()])
    }

    @Test
    fun d7_messages_wait_for_the_first_listener() {
        val d = Dispatcher(buffer = 2u).apply { setUser("bob") }
        d.receive(0u, listOf(c2c(1), c2c(2), c2c(3)))
        assertEquals(2uL, d.stats().buffered)
        assertEquals(1uL, d.stats().dropped["overflow"])
        val got = Collections.synchronizedList(mutableListOf<Int>())
        d.addListener { e -> if (e is DispatchEvent.NewMessages) got += e.messages.size; false }
        assertEquals(listOf(2), got)
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
                repeat(50) { i -> d.receive(0u, listOf(c2c(t * 1000 + i))) }
                val extra = d.addListener { false }
                extra.remove()
            }
        }
        start.countDown()
        pool.shutdown()
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS), "deadlock")
        assertEquals(3 * 8 * 50, total.get())
        assertEquals(3u, d.listenerCount())
    }

    @Test
    fun d3_flow_collects_batches_and_cancelling_removes_the_listener() = runBlocking {
        val d = dispatcher()
        val collected = async(Dispatchers.Default) { d.messages().first() }
        while (d.listenerCount() == 0u) Thread.sleep(1)
        d.receive(0u, listOf(c2c(1), c2c(2)))
        assertEquals(2, collected.await().size)
        while (d.listenerCount() != 0u) Thread.sleep(1)
    }

    private inline fun <reified T : Throwable> assertThrows(noinline block: () -> Unit): T =
        org.junit.jupiter.api.assertThrows<T>(block)
}
