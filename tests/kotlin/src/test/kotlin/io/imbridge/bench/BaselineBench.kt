package io.imbridge.bench

import io.imbridge.*
import io.imbridge.core.*
import kotlinx.serialization.json.Json
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Tag
import org.junit.jupiter.api.Test
import java.io.File
import java.lang.management.ManagementFactory
import java.util.concurrent.TimeUnit

/**
 * The library against what an app team writes with org.json and
 * kotlinx.serialization (and the hand-written floor), in the same run:
 * sending one message, the login-sync burst, and cold start. Each baseline
 * is first checked to produce the library's JSON / deliver the library's
 * messages. Run by `scripts/bench.sh`; rows go to `imbridge.bench.out`.
 */
@Tag("bench")
class BaselineBench {
    private val harness = BenchHarness()
    private val texts = (0 until 64).map { "message number $it, with some text: \"quoted\" é" }

    @Test
    fun send_one_message_against_the_json_libraries() {
        check(io.imbridge.JvmFastPath.available) { "JNI entry points not loaded" }
        val library = FastPath.encodeC2cText("bob", texts[1], 1u, 1u)
        val parsed = Json.parseToJsonElement(library)
        for ((name, json) in listOf(
            "kotlinx" to SendBaselines.kotlinx("bob", texts[1], 1, 1),
            "org.json" to SendBaselines.orgJson("bob", texts[1], 1, 1),
            "floor" to SendBaselines.stringBuilderFloor("bob", texts[1], 1, 1),
        )) {
            assertEquals(parsed, Json.parseToJsonElement(json), "$name must build the library's JSON")
        }

        var i = 0
        harness.measure("send_library_jni", 1) { i++; FastPath.encodeC2cText("bob", texts[i and 63], i.toUInt(), i.toUInt()) }
        harness.measure("send_library_uniffi_record", 1, 20_000) {
            i++
            encodeC2cMessage(C2cMessage(toAccount = "bob", msgSeq = i.toUInt(), msgRandom = i.toUInt(), msgBody = listOf(Element.Text(TextElem(texts[i and 63]))), syncOtherMachine = SyncOtherMachine.SYNC))
        }
        harness.measure("send_kotlinx", 1) { i++; SendBaselines.kotlinx("bob", texts[i and 63], i.toLong(), i.toLong()) }
        harness.measure("send_orgjson", 1) { i++; SendBaselines.orgJson("bob", texts[i and 63], i.toLong(), i.toLong()) }
        harness.measure("send_floor", 1) { i++; SendBaselines.stringBuilderFloor("bob", texts[i and 63], i.toLong(), i.toLong()) }
        harness.finish()
    }

    /** Who each implementation delivered to its first listener, in order: `sender:seq`. */
    private fun libraryDispatcher(seen: MutableList<String>?): Dispatcher = Dispatcher().apply {
        setUser(SyncBurst.USER)
        SyncBurst.JOINED.forEach(::joinGroup)
        addListener { event ->
            if (seen != null && event is DispatchEvent.NewMessages) event.messages.forEach { seen += "${it.fromAccount}:${it.msgSeq}" }
            harness.consume(event)
            false
        }
        repeat(2) { addListener { event -> harness.consume(event); false } }
    }

    private fun <M> baseline(d: KotlinDispatcher<M>, seen: MutableList<String>?, key: (M) -> String): KotlinDispatcher<M> = d.apply {
        addListener { m -> seen?.add(key(m)); harness.consume(m) }
        repeat(2) { addListener { m -> harness.consume(m) } }
    }

    private fun kotlinx(seen: MutableList<String>? = null) =
        baseline(KotlinxDispatcher(SyncBurst.USER, SyncBurst.JOINED.toSet()), seen) { "${it.fromAccount}:${it.msgSeq}" }

    private fun orgJson(seen: MutableList<String>? = null) =
        baseline(OrgJsonDispatcher(SyncBurst.USER, SyncBurst.JOINED.toSet()), seen) { "${it.getString("From_Account")}:${it.getLong("MsgSeq")}" }

    @Test
    fun login_sync_burst_against_pure_kotlin() {
        check(io.imbridge.JvmFastPath.available) { "JNI entry points not loaded" }
        // The same deliveries, in the same order, from all three.
        val expected = mutableListOf<String>()
        libraryDispatcher(expected).use { d -> SyncBurst.batchBytes.forEach { d.receive(0u, it) } }
        assertEquals(SyncBurst.MESSAGES - 200 - 100, expected.size, "2% duplicates and 1% astray are not delivered")
        for ((name, run) in listOf<Pair<String, (MutableList<String>) -> Unit>>(
            "kotlinx" to { seen -> kotlinx(seen).let { d -> SyncBurst.batches.forEach { d.receive(0, it) } } },
            "org.json" to { seen -> orgJson(seen).let { d -> SyncBurst.batches.forEach { d.receive(0, it) } } },
        )) {
            val seen = mutableListOf<String>()
            run(seen)
            assertEquals(expected, seen, "$name must deliver what the library delivers")
        }

        // A fresh dispatcher per burst: a burst arrives after login, on an empty dedup window.
        val n = SyncBurst.MESSAGES
        harness.measure("burst_library_jni", n, 10 * n, allocation = true) {
            libraryDispatcher(null).use { d -> SyncBurst.batchBytes.forEach { d.receive(0u, it) }; d.stats().delivered }
        }
        harness.measure("burst_kotlinx", n, 10 * n, allocation = true) {
            kotlinx().also { d -> SyncBurst.batches.forEach { d.receive(0, it) } }.delivered
        }
        harness.measure("burst_orgjson", n, 10 * n, allocation = true) {
            orgJson().also { d -> SyncBurst.batches.forEach { d.receive(0, it) } }.delivered
        }
        harness.finish()
    }

    /**
     * Cold start, each in a fresh JVM (ColdStart.kt): from loading the
     * library (or the JSON library's classes) to the first encoded message
     * and to the first delivered message. Median of 5 processes.
     */
    @Test
    fun cold_start_in_a_fresh_jvm() {
        val java = File(System.getProperty("java.home"), "bin/java").path
        val classpath = System.getProperty("java.class.path")
        for (which in listOf("library", "kotlinx", "orgjson")) {
            val runs = (1..5).map {
                val process = ProcessBuilder(
                    java, "-cp", classpath,
                    "-Djava.library.path=" + System.getProperty("java.library.path"),
                    "-Djna.library.path=" + System.getProperty("jna.library.path"),
                    "io.imbridge.bench.ColdStartKt", which,
                ).redirectErrorStream(true).start()
                check(process.waitFor(60, TimeUnit.SECONDS)) { "cold start $which did not finish" }
                val output = process.inputStream.bufferedReader().readText()
                check(process.exitValue() == 0) { "cold start $which failed: $output" }
                val (encode, deliver) = output.trim().lines().last().split(" ").map { it.toDouble() }
                encode to deliver
            }
            harness.record("cold_first_encode_$which", runs.map { it.first }.sorted()[2])
            harness.record("cold_first_delivery_$which", runs.map { it.second }.sorted()[2])
        }
    }
}

/**
 * Warm-up, 7 timed runs, the median in ns per message; every result is
 * folded into [sink] so the JIT cannot drop the work being measured.
 */
class BenchHarness {
    private val out = System.getProperty("imbridge.bench.out")?.let { File(it) }
    private val scale = System.getProperty("imbridge.bench.scale")?.toDouble() ?: 1.0
    private var sink = 0L
    private val threads = ManagementFactory.getThreadMXBean() as com.sun.management.ThreadMXBean

    fun consume(value: Any?) {
        sink += when (value) {
            is String -> value.length + value[value.length / 2].code.toLong()
            is Number -> value.toLong()
            null -> 1
            else -> System.identityHashCode(value).toLong()
        }
    }

    fun record(row: String, ns: Double, bytes: Double? = null) {
        println("bench %-36s %12.1f ns/msg%s".format(row, ns, bytes?.let { "  %8.0f B/msg".format(it) } ?: ""))
        val allocation = bytes?.let { ""","alloc_bytes":$it""" } ?: ""
        out?.appendText("""{"lang":"kotlin","row":"$row","ns":$ns$allocation}""" + "\n")
    }

    /** Median ns per message of [body], which handles [perCall] messages. */
    fun measure(row: String, perCall: Int, minMessages: Int = 200_000, allocation: Boolean = false, body: () -> Any?): Double {
        val calls = maxOf(1, (minMessages * scale).toInt() / perCall)
        repeat(2 * calls) { consume(body()) } // warm-up
        val samples = (1..7).map {
            val start = System.nanoTime()
            repeat(calls) { consume(body()) }
            (System.nanoTime() - start).toDouble() / (calls.toLong() * perCall)
        }.sorted()
        // Bytes the JVM allocated on this thread (native allocations by the library are not counted).
        val bytes = if (allocation) {
            val id = Thread.currentThread().id
            val before = threads.getThreadAllocatedBytes(id)
            consume(body())
            (threads.getThreadAllocatedBytes(id) - before).toDouble() / perCall
        } else null
        record(row, samples[3], bytes)
        return samples[3]
    }

    /** Prints the sink, so its value is used. */
    fun finish() = println("bench sink %d".format(sink))
}
