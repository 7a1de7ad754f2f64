package io.imbridge

import io.imbridge.core.*
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.File
import java.lang.management.ManagementFactory
import java.nio.file.Files
import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicLong

/**
 * Reliability under load: 8 threads for a bounded time (`imbridge.stress.seconds`,
 * default 3) mixing dispatch (two dispatchers, batches over JNI),
 * listener add/remove, outbox admission and push events on shared objects.
 * No crash, no deadlock (a watchdog fails the test with a thread dump), and
 * every count conserved: each message delivered once to each permanent
 * listener or dropped with a reason; each outgoing message released, shed or
 * refused. Figures go to `target/reliability/stress-kotlin.json`.
 */
class StressTest {
    private val seconds = System.getProperty("imbridge.stress.seconds")?.toLong() ?: 3

    private fun c2c(seq: Long, to: String) =
        """{"From_Account":"s$seq","To_Account":"$to","MsgSeq":1,"MsgRandom":1,""" +
            """"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"m"}}]}"""

    @Test
    fun eight_threads_mixing_every_shared_object_conserve_every_count() {
        val plain = Dispatcher().apply { setUser("bob") }
        val fast = Dispatcher().apply { setUser("bob") }
        val plainSeen = AtomicLong()
        val fastSeen = AtomicLong()
        // Per message: how often each permanent listener saw each sender id.
        val plainCounts = List(3) { java.util.concurrent.ConcurrentHashMap<String, Int>() }
        val fastCounts = List(3) { java.util.concurrent.ConcurrentHashMap<String, Int>() }
        val plainAccepted = java.util.concurrent.ConcurrentHashMap.newKeySet<String>()
        val fastAccepted = java.util.concurrent.ConcurrentHashMap.newKeySet<String>()
        fun count(into: java.util.concurrent.ConcurrentHashMap<String, Int>, messages: List<IncomingMessage>) {
            for (m in messages) into.merge(m.fromAccount, 1, Int::plus)
        }
        repeat(3) { i ->
            plain.addListener { e ->
                if (e is DispatchEvent.NewMessages) { plainSeen.addAndGet(e.messages.size.toLong()); count(plainCounts[i], e.messages) }
                false
            }
            fast.addListener { e ->
                if (e is DispatchEvent.NewMessages) { fastSeen.addAndGet(e.messages.size.toLong()); count(fastCounts[i], e.messages) }
                false
            }
        }
        val outbox = Outbox(OutboxLimits(maxQueuedTotal = 500u))
        val push = PushChannel.open(
            PushChannelConfig(PushVendor.FCM, 1u, "1.0"),
            Files.createTempDirectory("imbridge-stress").toString(),
        )
        val accepted = LongArray(2)
        val dropped = LongArray(2)
        val outgoing = AtomicLong()
        val refused = AtomicLong()
        val pushEvents = AtomicLong()
        val seq = AtomicLong()
        val deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds)
        val pool = Executors.newFixedThreadPool(8)
        val start = CountDownLatch(1)
        val failures = java.util.Collections.synchronizedList(mutableListOf<Throwable>())
        repeat(8) { t ->
            pool.submit {
                try {
                    start.await()
                    var round = 0L
                    while (System.nanoTime() < deadline) {
                        round++
                        // A batch where 1 in 5 is misrouted and 1 in 7 repeats the previous one.
                        val ids = (0 until 20).map {
                            val s = seq.incrementAndGet()
                            (if (s % 7 == 0L) s - 1 else s) to (if (s % 5 == 0L) "eve" else "bob")
                        }
                        val batch = ids.joinToString(",", "[", "]") { (s, to) -> c2c(s, to) }
                        fun accept(report: ReceiveReport, into: MutableSet<String>) {
                            val gone = report.dropped.map { it.index.toInt() }.toSet()
                            for ((i, id) in ids.withIndex()) if (i !in gone) check(into.add("s${id.first}")) { "s${id.first} accepted twice" }
                        }
                        when (t % 4) {
                            0 -> plain.receive(0u, batch).let {
                                accept(it, plainAccepted)
                                synchronized(accepted) { accepted[0] += it.accepted.toLong(); dropped[0] += it.dropped.size.toLong() }
                            }
                            1 -> fast.receive(0u, batch).let {
                                accept(it, fastAccepted)
                                synchronized(accepted) { accepted[1] += it.accepted.toLong(); dropped[1] += it.dropped.size.toLong() }
                            }
                            2 -> {
                                plain.addListener { false }.use { it.remove() }
                                fast.addListener { false }.close()
                                val messages = (0 until 10).map {
                                    OutgoingMessage("t$t-$round-$it", ConversationId.C2c("u${it % 50}"), Priority.entries[it % Priority.entries.size])
                                }
                                outgoing.addAndGet(messages.size.toLong())
                                refused.addAndGet(outbox.admit(round.toULong(), messages).count { it is Admission.Refused }.toLong())
                                outbox.poll((round * 1000).toULong())
                            }
                            else -> {
                                val events = listOf(
                                    PushEvent.Enable, PushEvent.Token(Secret("tok$round")), PushEvent.Login("u$t"),
                                    PushEvent.ReportResult(round % 3 != 0L, true, null), PushEvent.Tick, PushEvent.Logout,
                                )
                                for (e in events) {
                                    runCatching { push.handle(round.toULong(), e) }.onFailure {
                                        if (it !is PushException) throw it
                                    }
                                    pushEvents.incrementAndGet()
                                }
                            }
                        }
                    }
                } catch (e: Throwable) {
                    failures += e
                }
            }
        }
        start.countDown()
        pool.shutdown()
        val finished = pool.awaitTermination(seconds + 60, TimeUnit.SECONDS)
        if (!finished) {
            val dump = ManagementFactory.getThreadMXBean().dumpAllThreads(true, true).joinToString("\n")
            error("watchdog: threads still running ${seconds + 60} s after the deadline (deadlock?)\n$dump")
        }
        assertEquals(emptyList<Throwable>(), failures)
        // Dispatch: each accepted message reached each of the 3 permanent listeners once.
        assertEquals(3 * accepted[0], plainSeen.get())
        assertEquals(3 * accepted[1], fastSeen.get())
        // Exactly once per message, not just in total: every accepted message,
        // and nothing else, reached each permanent listener once.
        for ((acceptedIds, counts) in listOf(plainAccepted to plainCounts, fastAccepted to fastCounts)) {
            for (seen in counts) {
                assertEquals(acceptedIds, seen.keys, "the messages a listener saw")
                assertEquals(emptyMap<String, Int>(), seen.filterValues { it != 1 }, "seen more than once")
            }
        }
        assertTrue(dropped[0] > 0 && dropped[1] > 0, "drops were exercised")
        val plainStats = plain.stats()
        assertEquals(plainStats.received, plainStats.dropped.values.sum() + accepted[0].toULong())
        // Outbox: drain, then every message is released, shed or refused.
        // Drain: a poll releases what one window allows, so poll until empty.
        var drainAt = ULong.MAX_VALUE / 4u
        repeat(10_000) {
            if (outbox.stats().queued > 0u) {
                outbox.poll(drainAt)
                drainAt += 1_000u
            }
        }
        val o = outbox.stats()
        assertEquals(0uL, o.queued, "drained")
        assertEquals(outgoing.get(), o.admitted.toLong() + o.refused.toLong())
        assertEquals(o.admitted, o.released + o.shed + o.queued)
        assertEquals(refused.get(), o.refused.toLong())
        val out = File(System.getProperty("imbridge.vectors") ?: "../vectors").resolve("../../target/reliability")
        out.mkdirs()
        File(out, "stress-kotlin.json").writeText(
            """{"lang":"kotlin","threads":8,"seconds":$seconds,"messages_received":${plainStats.received + fast.stats().received},""" +
                """"deliveries":${plainSeen.get() + fastSeen.get()},"outgoing":${outgoing.get()},"released":${o.released},""" +
                """"shed":${o.shed},"refused":${o.refused},"queued_after_drain":${o.queued},"push_events":${pushEvents.get()},"failures":0}""",
        )
        push.close()
        outbox.close()
    }
}
