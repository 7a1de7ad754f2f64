package io.imbridge

import io.imbridge.core.*
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Tag
import org.junit.jupiter.api.Test
import io.imbridge.bench.BenchHarness
import io.imbridge.bench.SendBaselines

/**
 * The JVM rows of BENCHMARKS.md (run by `scripts/bench.sh`, or
 * `mvn test -Dtest=CrossingBench -Dgroups=bench -DexcludedGroups=none`).
 * A warmed-up harness: each row runs until the JIT settles, then 7 timed
 * runs; the median is reported, in nanoseconds per message. Results go to
 * the file named by `imbridge.bench.out` (JSON lines) and to stdout.
 */
@Tag("bench")
class CrossingBench {
    private val harness = BenchHarness()
    private val texts = (0 until 100).map { "message number $it, with some text: \"quoted\" é" }

    private fun measure(row: String, perCall: Int, minMessages: Int = 200_000, body: () -> Any?): Double =
        harness.measure(row, perCall, minMessages, body = body)

    /** (d) the floor: the same `sendmsg` JSON built with a StringBuilder. */
    private fun plainKotlin(to: String, text: String, seq: Int, random: Long): String =
        SendBaselines.stringBuilderFloor(to, text, seq.toLong(), random)

    @Test
    fun crossings_and_encoding() {
        check(JvmFastPath.available) { "JNI entry points not loaded" }
        val library = FastPath.encodeC2cText("bob", texts[1], 1u, 1u)
        assertEquals(library, plainKotlin("bob", texts[1], 1, 1), "the reference must build the same JSON")

        measure("a_noop_uniffi", 1, 20_000) { noop() }
        measure("a_noop_jni", 1, 2_000_000) { JvmFastPath.noop() }

        var i = 0
        measure("b_encode_one_uniffi_record", 1, 20_000) {
            i++
            encodeC2cMessage(
                C2cMessage(toAccount = "bob", msgSeq = i.toUInt(), msgRandom = i.toUInt(), msgBody = listOf(Element.Text(TextElem(texts[i and 63]))), syncOtherMachine = SyncOtherMachine.SYNC),
            )
        }
        measure("b_encode_one_jni", 1) { i++; FastPath.encodeC2cText("bob", texts[i and 63], i.toUInt(), i.toUInt()) }

        val to = Array(100) { "bob" }
        val body = texts.toTypedArray()
        val seqs = IntArray(100) { it }
        val toList = to.asList()
        val seqList = seqs.map { it.toUInt() }
        measure("c_encode_batch100_uniffi", 100) { encodeC2cTexts(toList, texts, seqList, seqList) }
        measure("c_encode_batch100_jni", 100) { FastPath.encodeC2cTexts(to, body, seqs, seqs) }

        measure("d_encode_plain_kotlin", 1) { i++; plainKotlin("bob", texts[i and 63], i, i.toLong()) }
        harness.finish()
    }

    private fun c2c(seq: Int) =
        """{"From_Account":"alice","To_Account":"bob","MsgSeq":$seq,"MsgRandom":$seq,"MsgTime":1700000000,""" +
            """"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hello $seq"}}]}"""

    @Test
    fun dispatch_to_kotlin_listeners() {
        check(JvmFastPath.available) { "JNI entry points not loaded" }
        val listeners = 3
        for (batch in listOf(1, 100)) {
            val arrays = (0 until 100).map { c2c(it) }.chunked(batch).map { it.joinToString(",", "[", "]") }
            val bytes = arrays.map { it.encodeToByteArray() }

            val plain = Dispatcher().apply { setUser("bob"); viaJni = false }
            repeat(listeners) { plain.addListener { false } }
            var now = 0uL
            val uniffi = measure("e_dispatch_uniffi_listeners_batch$batch", 100, if (batch == 1) 3_000 else 100_000) {
                now += 300_001u // past the dedup window: every round is new
                arrays.forEach { plain.receive(now, it) }
            }
            println("  = %.1f ns per message per listener".format(uniffi / listeners))

            val fast = Dispatcher().apply { setUser("bob") }
            repeat(listeners) { fast.addListener { false } }
            var t = 0uL
            val jni = measure("e_dispatch_fast_jni_batch$batch", 100) {
                t += 300_001u
                bytes.forEach { fast.receive(t, it) }
            }
            harness.record("e_per_listener_uniffi_batch$batch", uniffi / listeners)
            harness.record("e_per_listener_fast_jni_batch$batch", jni / listeners)
            println("  = %.1f ns per message per listener".format(jni / listeners))

            // What one more listener costs: the same pipeline with 1 listener.
            val single = Dispatcher().apply { setUser("bob") }
            single.addListener { false }
            val one = measure("e_dispatch_fast_jni_1_listener_batch$batch", 100) {
                t += 300_001u
                bytes.forEach { single.receive(t, it) }
            }
            val marginal = (jni - one) / (listeners - 1)
            harness.record("e_marginal_listener_fast_jni_batch$batch", marginal)
            println("  each listener beyond the first: %.1f ns per message".format(marginal))
        }
        harness.finish()
    }
}
