package io.imbridge

import io.imbridge.*
import io.imbridge.core.*
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.launch
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeout
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.nio.file.Files
import java.security.SecureRandom
import kotlin.coroutines.CoroutineContext

/**
 * The README's Kotlin snippets, verbatim between the `snippet` markers
 * (scripts/check-readme-snippets.py keeps them equal), compiled and run with
 * small stand-ins for the app's own code. Android's `Log` and `SystemClock`
 * are stood in for on the JVM.
 */
@OptIn(ExperimentalCoroutinesApi::class)
class ReadmeSnippetsTest {
    private object Log { fun w(tag: String, message: String) = println("$tag: $message") }
    private object SystemClock { fun elapsedRealtime(): Long = System.nanoTime() / 1_000_000 }

    @Test
    fun readme_kotlin_quick_start() {
        // snippet: quick-start
        val body = messageBody {                      // M2: each add is checked at once
            text("Your order shipped")
            custom(data = """{"orderId":42}""", desc = "Order #42 is on its way")
        }
        val random = RandomTracker(seed = SecureRandom().nextLong().toULong())
            .draw("c2c_bob", SystemClock.elapsedRealtime().toULong())     // M7: fresh in 120 s
        val json = C2cMessage(
            toAccount = "bob", msgSeq = 1u, msgRandom = random, msgBody = body,
            syncOtherMachine = SyncOtherMachine.SYNC,
            offlinePushInfo = OfflinePushInfo(title = "Shop", desc = "Order #42 is on its way"),
        ).encode()                                    // the exact `sendmsg` body

        try {
            mentions(GroupType.COMMUNITY) { all() }   // M9: refused before any network call
        } catch (e: ImbridgeException) {               // base of Message/Push/Outbox/InitException
            Log.w("chat", "error ${e.codeOrName}: ${e.message}")  // error 6017: Community group: @all is not allowed
        }
        // end snippet
        assertTrue(json.contains("Your order shipped"), json)
    }

    @Test
    fun readme_kotlin_outbox() = runTest {
        val lifecycleScope = backgroundScope
        val sent = mutableListOf<String>()
        fun log(shed: List<ShedMessage>) = println(shed)
        fun retryLater(failed: List<ReleasedMessage>, error: Throwable) = println("$failed: $error")
        val api = object {
            suspend fun send(batch: List<ReleasedMessage>) {
                sent += batch.map { it.id }
            }
        }
        // snippet: outbox
        val driver = OutboxDriver(
            Outbox(), lifecycleScope,
            onShed = { shed -> log(shed) },
            onSendFailed = { failed, error -> retryLater(failed, error) },   // send threw: the batch comes back
        ) { batch -> api.send(batch) }
        driver.submit(listOf(OutgoingMessage("m1", ConversationId.Group("@TGS#1"), Priority.HIGH)))   // List<Admission>
        // end snippet
        runCurrent()
        assertEquals(listOf("m1"), sent)
        driver.close()
    }

    @Test
    fun readme_kotlin_push() = runTest {
        val filesDir = Files.createTempDirectory("imbridge-readme").toFile()
        val scope = backgroundScope
        val performed = mutableListOf<PushAction>()
        fun perform(action: PushAction) {
            performed += action
        }
        val fcmToken = "fcm-token-from-firebase"
        // snippet: push
        val config = PushChannelConfig(vendor = PushVendor.FCM, businessId = 12345u, appVersion = "1.0")
        val push = PushActions(PushChannel.open(config, filesDir.path))
        scope.launch { push.actions.collect { action -> perform(action) } }   // Flow<PushAction>
        push.send(PushEvent.Token(Secret(fcmToken)))   // from FirebaseMessaging; kept until Enable
        push.send(PushEvent.Enable)                    // after the notification permission is granted
        push.send(PushEvent.Login("alice"))            // → PushAction.Report(token, businessId, "alice")
        // end snippet
        runCurrent()
        assertTrue(performed.single() is PushAction.Report, "$performed")
        push.close()
    }

    /**
     * The README's dispatch snippet, run as written on collectors of three
     * kinds (the test's own scheduler, `Dispatchers.Default`,
     * `Dispatchers.Unconfined`), many times: the collector always gets the
     * first batch, though `receive` runs right after `launch`.
     */
    @Test
    fun readme_kotlin_dispatch() {
        val contexts = listOf<CoroutineContext?>(null, Dispatchers.Default, Dispatchers.Unconfined)
        for (context in contexts) repeat(if (context == Dispatchers.Default) 200 else 20) {
            runTest {
                val scope = if (context == null) backgroundScope else CoroutineScope(context + SupervisorJob())
                val shown = CompletableDeferred<List<IncomingMessage>>()
                fun show(batch: List<IncomingMessage>) { shown.complete(batch) }
                fun log(event: DispatchEvent) = println(event)
                val nowMs = 0uL
                val bytesFromTheSocket = ("""[{"From_Account":"alice","To_Account":"bob","MsgSeq":1,"MsgRandom":1,"MsgTime":1,""" +
                    """"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi"}}]}]""").encodeToByteArray()
                // snippet: dispatch
                val dispatcher = Dispatcher().apply { setUser("bob") }
                val batches = dispatcher.messages()                                          // registered now: no batch is missed
                scope.launch { batches.collect { batch -> show(batch) } }                    // Flow<List<IncomingMessage>>
                val handle = dispatcher.addListener { event -> log(event); false }          // close() to unregister
                val report = dispatcher.receive(nowMs, bytesFromTheSocket)                   // one JSON array; what was dropped, and why
                // end snippet
                assertEquals(1u, report.accepted)
                val batch = withContext(Dispatchers.Default) { withTimeout(10_000) { shown.await() } }
                assertEquals(Element.Text(TextElem("hi")), batch.single().elements.single(), "collector on $context")
                handle.close()
                if (context != null) scope.cancel()
                dispatcher.close()
            }
        }
    }
}
