package io.imbridge

import io.imbridge.core.*
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Test

/**
 * Every kind of value the FFI carries, both ways, at the integer edges
 * where a 32-bit ABI or a signed/unsigned mix goes wrong (0x7FFF, 0x8000,
 * 0xFFFF, 2^31, 2^32−1, 2^63, 2^64−1), each checked against text written
 * here (the ids' documented text forms, the REST JSON), not against the
 * library's own output. scripts/test-arm-jvm.sh runs it on armhf and arm64
 * JVMs as well.
 */
class FfiEdgesTest {
    private val u32Edges = listOf(0u, 0x7FFFu, 0x8000u, 0xFFFFu, 0x7FFF_FFFFu, 0x8000_0000u, UInt.MAX_VALUE)
    private val u64Edges = listOf(0uL, 0xFFFF_FFFFuL, 0x1_0000_0000uL, 0x7FFF_FFFF_FFFF_FFFFuL, 0x8000_0000_0000_0000uL, ULong.MAX_VALUE)

    @Test
    fun m6_u64_and_u32_records_cross_both_ways_at_their_edges() {
        for (big in u64Edges) for (small in u32Edges) {
            val text = "$big-$big-$small"
            val id = clientMsgIdParse(text)
            assertEquals(ClientMsgId(big, big, small), id, text)
            assertEquals(text, clientMsgIdFormat(id))
        }
        for (seq in u32Edges) for (time in u64Edges) {
            val key = C2cMsgKey(msgSeq = seq, msgRandom = seq, msgTime = time)
            assertEquals("${seq}_${seq}_$time", c2cMsgKeyFormat(key))
            assertEquals(key, c2cMsgKeyParse("${seq}_${seq}_$time"))
        }
        for (seq in u64Edges) assertEquals(GroupMsgKey("@TGS#_g_1", seq), groupMsgKeyParse("@TGS#_g_1_$seq"))
    }

    @Test
    fun m3_integers_reach_the_json_unchanged_on_the_uniffi_and_jni_paths() {
        for (n in u32Edges) {
            val json = C2cMessage(toAccount = "bob", msgSeq = n, msgRandom = n, msgLifeTime = n, msgBody = listOf(Element.Text(TextElem("hi")))).encode()
            for (field in listOf("MsgSeq", "MsgRandom", "MsgLifeTime")) {
                assertEquals(true, json.contains("\"$field\":$n"), "$field $n in $json")
            }
            val fast = FastPath.encodeC2cText("bob", "hi", n, n)
            assertEquals(true, fast.contains("\"MsgSeq\":$n,") && fast.contains("\"MsgRandom\":$n,"), fast)
        }
    }

    @Test
    fun m3_integers_come_back_from_json_unchanged() {
        for (n in u32Edges) {
            val decoded = decodeC2cMessage(
                """{"To_Account":"bob","MsgSeq":$n,"MsgRandom":$n,"MsgLifeTime":$n,""" +
                    """"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi"}}]}""",
            )
            assertEquals(n, decoded.msgSeq)
            assertEquals(n, decoded.msgRandom)
            assertEquals(n, decoded.msgLifeTime)
        }
    }

    @Test
    fun signed_integers_optionals_and_enums_cross_at_their_edges() {
        for (v in listOf(Int.MIN_VALUE, -1, 0x7FFF, 0x8000, 0xFFFF, Int.MAX_VALUE)) {
            assertNull(errorCodeFromValue(v), "$v is no service code")
            assertNull(priorityFromNative(v))
        }
        assertEquals(ErrorCode.INVALID_PARAMETER, errorCodeFromValue(6017))
        assertEquals(Priority.HIGH, priorityFromNative(1))
        assertEquals(1, priorityToNative(Priority.HIGH))
        // Strings both ways, beyond the BMP and with NUL.
        val text = "a\u0000b 😀 ü"
        val json = C2cMessage(toAccount = "bob", msgSeq = 1u, msgRandom = 1u, msgBody = listOf(Element.Text(TextElem(text)))).encode()
        assertEquals(text, (decodeC2cMessage(json).msgBody.single() as Element.Text).v1.text)
    }

    @Test
    fun u64_times_cross_through_jni_and_uniffi() {
        // ULong like every time the library takes; the JNI path carries its
        // 64 bits in a jlong, so the top half must survive the trip too.
        for (now in listOf(0uL, 0x7FFF_FFFFuL, 0x8000_0000uL, 0xFFFF_FFFFuL, Long.MAX_VALUE.toULong(), 0x8000_0000_0000_0000uL, ULong.MAX_VALUE)) {
            for (jni in listOf(true, false)) {
                Dispatcher().use { d ->
                    d.viaJni = jni
                    d.setUser("bob")
                    val report = d.receive(
                        now,
                        """[{"From_Account":"alice","To_Account":"bob","MsgSeq":1,"MsgRandom":1,"MsgTime":${now / 1000u},""" +
                            """"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi"}}]}]""",
                    )
                    assertEquals(1u, report.accepted, "now=$now jni=$jni")
                }
            }
        }
    }
}
