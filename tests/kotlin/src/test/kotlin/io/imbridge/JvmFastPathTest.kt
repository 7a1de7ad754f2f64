package io.imbridge

import io.imbridge.core.*
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** The JNI entry points: loaded, typed errors, and the same results as UniFFI. */
class JvmFastPathTest {
    private fun c2c(seq: Int) =
        """{"From_Account":"alice","To_Account":"bob","MsgSeq":$seq,"MsgRandom":$seq,"MsgTime":1700000000,""" +
            """"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi"}}]}"""

    @Test
    fun jni_entry_points_are_loaded_on_the_host_jvm() {
        assertTrue(JvmFastPath.available, "System.loadLibrary(\"imbridge\") failed: check java.library.path")
        JvmFastPath.noop()
    }

    @Test
    fun d3_jni_and_uniffi_receive_decide_the_same() {
        val batch = "[${c2c(1)},${c2c(1)},${c2c(2)}]"
        val viaJni = DispatchCore().apply { setUser("bob"); addListener() }
        val viaUniffi = DispatchCore().apply { setUser("bob"); addListener() }
        val jni = JvmFastPath.read(
            JvmFastPath.receive(viaJni.fastPathId().toLong(), 0, batch.encodeToByteArray(), null),
            FfiConverterTypeReceipt::read,
        )
        assertEquals(viaUniffi.receive(0u, batch), jni)
        assertEquals(viaUniffi.stats(), viaJni.stats())
    }

    @Test
    fun a_stale_dispatcher_id_is_a_typed_error() {
        // Never a dangling pointer.
        assertThrows<MessageException.InvalidField> {
            JvmFastPath.read(JvmFastPath.receive(Long.MAX_VALUE, 0, "[]".encodeToByteArray(), null), FfiConverterTypeReceipt::read)
        }
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
