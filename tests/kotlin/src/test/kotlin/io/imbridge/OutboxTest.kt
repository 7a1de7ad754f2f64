package io.imbridge

import io.imbridge.core.*
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.test.advanceTimeBy
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.DynamicTest.dynamicTest
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestFactory
import org.junit.jupiter.api.assertThrows

/** SPEC P1–P4 through the real library, and the coroutine driver on virtual time. */
class OutboxTest {
    private fun msg(id: String, conversation: String = "c2c_bob", priority: Priority = Priority.NORMAL) =
        OutgoingMessage(id, conversationIdParse(conversation), priority)

    @TestFactory
    fun p3_shared_scenarios_replay_identically(): List<DynamicTest> =
        OutboxScenarios.all().map { file ->
            dynamicTest(file.name) {
                assertEquals(OutboxScenarios.expected(file), OutboxScenarios.replay(file))
            }
        }

    @Test
    fun records_and_fieldless_variants_print_readably() {
        // What a log line or a test failure shows: names and fields, never
        // "Admission${'$'}Accepted@2d9d4f9d".
        assertEquals("Accepted", Admission.Accepted.toString())
        assertEquals("Tick", PushEvent.Tick.toString())
        assertEquals("OutgoingMessage(id=m1, conversation=C2c(userId=bob), priority=NORMAL)", msg("m1").toString())
        assertEquals("Refused(code=10023, reason=full)", Admission.Refused(10023, "full").toString())
    }

    @Test
    fun p2_c2c_burst_is_released_5_then_the_rest_a_window_later() = Outbox().use { outbox ->
        val admissions = outbox.admit(0u, (0 until 7).map { msg("m$it") })
        assertTrue(admissions.all { it == Admission.Accepted })
        val first = outbox.poll(0u)
        assertEquals(listOf("m0", "m1", "m2", "m3", "m4"), first.released.map { it.id })
        assertEquals(1000uL, first.nextPollMs)
        assertEquals(listOf("m5", "m6"), outbox.poll(1000u).released.map { it.id })
        assertEquals(null, outbox.nextPollMs())
    }

    @Test
    fun p3_high_overtakes_and_stats_conserve() = Outbox(OutboxLimits(c2cPerWindow = 1u)).use { outbox ->
        outbox.admit(0u, listOf(msg("first")))
        outbox.poll(0u)
        outbox.admit(1u, listOf(msg("low", priority = Priority.LOW), msg("high", priority = Priority.HIGH)))
        assertEquals(listOf("high", "low"), outbox.queued().map { it.id })
        assertEquals(listOf("high"), outbox.poll(1000u).released.map { it.id })
        val s = outbox.stats()
        assertEquals(s.admitted, s.released + s.shed + s.queued)
    }

    @Test
    fun p3_full_queue_refuses_with_10023_and_sheds_only_lowest() =
        Outbox(OutboxLimits(c2cPerWindow = 1u, maxQueuedPerConversation = 1u)).use { outbox ->
            val admissions = outbox.admit(
                0u,
                listOf(msg("a"), msg("b", priority = Priority.HIGH), msg("like", priority = Priority.LOWEST)),
            )
            assertEquals(Admission.Accepted, admissions[0])
            assertEquals(10023, (admissions[1] as Admission.Refused).code)
            assertEquals(Admission.Accepted, admissions[2])
            val shed = outbox.poll(0u).shed.single()
            assertEquals("like", shed.id)
            assertEquals(ShedReason.QueueFull(1uL), shed.reason)
        }

    @Test
    fun p3_lowest_shed_after_its_wait_carries_the_reason() =
        Outbox(OutboxLimits(c2cPerWindow = 1u, lowestMaxWaitMs = 300u)).use { outbox ->
            outbox.admit(0u, listOf(msg("a"), msg("like", priority = Priority.LOWEST)))
            assertEquals(300uL, outbox.poll(0u).nextPollMs)
            val shed = outbox.poll(300u).shed.single()
            assertEquals(ShedReason.WaitExceeded(300uL, 300uL), shed.reason)
            assertTrue(shed.detail.startsWith("lowest_max_wait_exceeded"))
        }

    @Test
    fun m12_malformed_conversation_is_refused_with_6017() = Outbox().use { outbox ->
        // Text that is no conversation id fails where it is parsed...
        assertEquals(6017, assertThrows<MessageException.InvalidField> { conversationIdParse("bob") }.code)
        // ...and an id built field by field is checked on admission.
        val empty = OutgoingMessage("x", ConversationId.C2c(""), Priority.NORMAL)
        val refused = outbox.admit(0u, listOf(empty)).single() as Admission.Refused
        assertEquals(6017, refused.code)
        assertEquals(0uL, outbox.stats().admitted)
    }

    @Test
    fun p2_invalid_limits_throw_6017() {
        val e = assertThrows<OutboxException.InvalidLimit> { Outbox(OutboxLimits(groupPerWindow = 0u)) }
        assertEquals(6017, e.code)
        Outbox().use { outbox ->
            assertThrows<OutboxException.InvalidLimit> { outbox.setConversationLimit(ConversationId.C2c("bob"), 0u) }
            assertThrows<OutboxException.InvalidLimit> { outbox.setConversationLimit(ConversationId.Group(""), 3u) }
        }
    }

    @OptIn(ExperimentalCoroutinesApi::class)
    @Test
    fun p4_driver_sleeps_until_ask_again_and_sends_in_batches() = runTest {
        val batches = mutableListOf<Pair<Long, List<String>>>()
        val driver = OutboxDriver(
            Outbox(), backgroundScope, clock = { testScheduler.currentTime.toULong() },
            onSendFailed = { _, e -> throw AssertionError("no send fails here", e) },
        ) { batch -> batches += testScheduler.currentTime to batch.map { it.id } }
        val admissions = driver.submit((0 until 7).map { msg("m$it") })
        assertEquals(7, admissions.count { it == Admission.Accepted })
        runCurrent()
        assertEquals(listOf(0L to listOf("m0", "m1", "m2", "m3", "m4")), batches)
        advanceTimeBy(999)
        runCurrent()
        assertEquals(1, batches.size, "nothing may go before the window opens")
        // Background work only runs as virtual time is advanced explicitly.
        advanceTimeBy(1)
        runCurrent()
        assertEquals(1000L to listOf("m5", "m6"), batches[1])
        driver.close()
    }

    @OptIn(ExperimentalCoroutinesApi::class)
    @Test
    fun p4_driver_reports_shed_messages() = runTest {
        val shed = mutableListOf<String>()
        val driver = OutboxDriver(
            Outbox(OutboxLimits(c2cPerWindow = 1u, lowestMaxWaitMs = 500u)), backgroundScope,
            clock = { testScheduler.currentTime.toULong() }, onShed = { s -> shed += s.map { it.id } },
            onSendFailed = { _, _ -> },
        ) { }
        driver.submit(listOf(msg("a"), msg("like", priority = Priority.LOWEST)))
        advanceTimeBy(499)
        runCurrent()
        assertEquals(emptyList<String>(), shed, "not before its wait ends")
        advanceTimeBy(1)
        runCurrent()
        assertEquals(listOf("like"), shed)
        driver.close()
    }

    @OptIn(ExperimentalCoroutinesApi::class)
    @Test
    fun p4_driver_gives_back_a_failed_batch_and_goes_on() = runTest {
        val sent = mutableListOf<String>()
        val failed = mutableListOf<Pair<List<String>, String?>>()
        var calls = 0
        val driver = OutboxDriver(
            Outbox(), backgroundScope, clock = { testScheduler.currentTime.toULong() },
            onSendFailed = { batch, e -> failed += batch.map { it.id } to e.message },
        ) { batch ->
            if (calls++ == 0) throw java.io.IOException("network down")
            sent += batch.map { it.id }
        }
        driver.submit((0 until 7).map { msg("m$it") })
        runCurrent()
        assertEquals(listOf(listOf("m0", "m1", "m2", "m3", "m4") to "network down"), failed)
        advanceTimeBy(1000)
        runCurrent()
        assertEquals(listOf("m5", "m6"), sent, "the driver goes on after a failed send")
        assertEquals(true, driver.isRunning)
        assertEquals(1, driver.submit(listOf(msg("m7"))).count { it == Admission.Accepted })
        advanceTimeBy(1000)
        runCurrent()
        assertEquals(listOf("m5", "m6", "m7"), sent)
        driver.close()
    }

    @OptIn(ExperimentalCoroutinesApi::class)
    @Test
    fun p4_driver_goes_on_when_a_callback_throws() = runTest {
        val sent = mutableListOf<String>()
        val driver = OutboxDriver(
            Outbox(OutboxLimits(c2cPerWindow = 1u, lowestMaxWaitMs = 500u)), backgroundScope,
            clock = { testScheduler.currentTime.toULong() },
            onShed = { throw IllegalStateException("app bug in onShed") },
            onSendFailed = { _, _ -> },
        ) { batch -> sent += batch.map { it.id } }
        driver.submit(listOf(msg("a"), msg("like", priority = Priority.LOWEST)))
        advanceTimeBy(500)
        runCurrent()
        assertEquals(1L, driver.callbackFailures)
        driver.submit(listOf(msg("b")))
        advanceTimeBy(1000)
        runCurrent()
        assertEquals(listOf("a", "b"), sent)
        driver.close()
    }

    @Test
    fun p4_a_stopped_driver_refuses_submit() = runTest {
        val outbox = Outbox()
        val driver = OutboxDriver(outbox, backgroundScope, onSendFailed = { _, _ -> }) { }
        driver.close()
        assertEquals(false, driver.isRunning)
        val e = assertThrows<OutboxDriverStoppedException> { driver.submit(listOf(msg("late"))) }
        assertEquals(1, e.refused)
        // One of the library's errors: caught with the rest, printed like them.
        val asLibraryError: ImbridgeException = e
        assertEquals(null, asLibraryError.code)
        assertEquals("driver_stopped", asLibraryError.codeOrName)
        assertTrue(e.toString().startsWith("OutboxDriverStoppedException.driver_stopped[driver_stopped]: OutboxDriver was stopped"), e.toString())
        assertEquals(0uL, outbox.stats().queued, "nothing was admitted")
        val scope = kotlinx.coroutines.CoroutineScope(kotlinx.coroutines.Job())
        val other = OutboxDriver(Outbox(), scope, onSendFailed = { _, _ -> }) { }
        scope.coroutineContext[kotlinx.coroutines.Job]!!.cancel()
        assertThrows<OutboxDriverStoppedException> { other.submit(listOf(msg("x"))) }
    }
}
