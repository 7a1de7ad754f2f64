package com.example.chat

import io.imbridge.Dispatcher
import io.imbridge.ImbridgeException
import io.imbridge.Outbox
import io.imbridge.OutboxDriver
import io.imbridge.core.C2cMessage
import io.imbridge.core.ConversationId
import io.imbridge.core.DispatchEvent
import io.imbridge.core.GroupType
import io.imbridge.core.InitException
import io.imbridge.core.MessageException
import io.imbridge.core.OutboxLimits
import io.imbridge.core.OutgoingMessage
import io.imbridge.core.Priority
import io.imbridge.core.ReleasedMessage
import io.imbridge.encode
import io.imbridge.imbridgeVersion
import io.imbridge.LogLevel
import io.imbridge.LogRecord
import io.imbridge.decodeC2cMessage
import io.imbridge.installLogger
import io.imbridge.mentions
import io.imbridge.messageBody
import io.imbridge.messages
import io.imbridge.removeLogger
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import java.util.Collections
import kotlin.system.exitProcess

/**
 * An app as a release build ships it: shrunk, optimised and obfuscated by
 * ProGuard with no rules of its own (only what its dependencies' jars
 * carry in META-INF/proguard). Each check exercises one thing a shrinker
 * can break: a call and its string/record arguments, a listener called
 * back from the dispatcher, the log callback from Rust, each error's
 * code/codeOrName/message, and the outbox driver on coroutines.
 */
fun main() {
    val failures = mutableListOf<String>()
    fun check(name: String, body: () -> Unit) {
        try {
            body()
            println("ok   $name")
        } catch (t: Throwable) {
            failures += name
            println("FAIL $name: $t")
            t.printStackTrace(System.out)
        }
    }
    fun expect(condition: Boolean, message: () -> String) {
        if (!condition) throw AssertionError(message())
    }

    check("calls and records") {
        expect(imbridgeVersion().isNotEmpty()) { "no version" }
        val json = C2cMessage(toAccount = "bob", msgSeq = 1u, msgRandom = 7u, msgBody = messageBody { text("hi") }).encode()
        expect(json.contains("\"To_Account\":\"bob\"") && json.contains("TIMTextElem")) { json }
    }

    check("listeners and the messages() flow") {
        val dispatcher = Dispatcher().apply { setUser("bob") }
        val seen = Collections.synchronizedList(mutableListOf<DispatchEvent>())
        val batches = dispatcher.messages()
        val first = runBlocking(Dispatchers.Default) {
            val collected = async { batches.first().size }
            val handle = dispatcher.addListener { event -> seen += event; false }
            val report = dispatcher.receive(0u, """[{"From_Account":"alice","To_Account":"bob","MsgSeq":1,"MsgRandom":1,"MsgTime":1,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi"}}]}]""")
            expect(report.accepted == 1u) { "accepted ${report.accepted}" }
            handle.close()
            withTimeout(10_000) { collected.await() }
        }
        expect(first == 1 && seen.size == 1 && seen[0] is DispatchEvent.NewMessages) { "listener saw $seen" }
        dispatcher.close()
    }

    check("log callback from Rust") {
        val records = Collections.synchronizedList(mutableListOf<LogRecord>())
        installLogger(LogLevel.DEBUG) { records += it }
        Dispatcher().use { d ->
            d.setUser("bob")
            d.receive(0u, """[{"From_Account":"alice","To_Account":"carol","MsgSeq":1,"MsgRandom":1,"MsgTime":1,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi"}}]}]""")
        }
        removeLogger()
        expect(records.any { it.message.contains("dropped") }) { "records: $records" }
    }

    check("errors: code, codeOrName, message, toString") {
        val mention = runCatching { mentions(GroupType.COMMUNITY) { all() } }.exceptionOrNull()
        expect(mention is MessageException && mention.code == 6017 && mention.codeOrName == "6017") { "$mention" }
        val empty = runCatching { messageBody { } }.exceptionOrNull() as ImbridgeException
        expect(empty.code == 6016 && empty.kind == "empty_message") { "$empty" }
        expect(empty.toString() == "MessageException.empty_message[6016]: ${empty.message}") { empty.toString() }
        val json = runCatching { decodeC2cMessage("{") }.exceptionOrNull() as ImbridgeException
        expect(json.codeOrName == "json" && json.message!!.startsWith("malformed JSON")) { "$json" }
        val notInit = InitException.NotInitialised()
        expect(notInit.code == 6013 && notInit.codeOrName == "6013" && notInit.toString().startsWith("InitException.not_initialised[6013]")) { "$notInit" }
    }

    check("outbox driver on coroutines") {
        runBlocking {
            val sent = CompletableDeferred<List<String>>()
            val driver = OutboxDriver(
                Outbox(OutboxLimits(c2cPerWindow = 5u)), this,
                onSendFailed = { _: List<ReleasedMessage>, e: Throwable -> sent.completeExceptionally(e) },
            ) { batch -> sent.complete(batch.map { it.id }) }
            driver.submit(listOf(OutgoingMessage("m1", ConversationId.C2c("bob"), Priority.HIGH), OutgoingMessage("m2", ConversationId.C2c("bob"), Priority.NORMAL)))
            val ids = withTimeout(10_000) { sent.await() }
            driver.close()
            expect(ids == listOf("m1", "m2")) { "sent $ids" }
        }
    }

    if (failures.isEmpty()) {
        println("shrunk consumer: all passed")
    } else {
        println("shrunk consumer: ${failures.size} failed: $failures")
        exitProcess(1)
    }
}
