package io.imbridge

import io.imbridge.core.*
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.nio.file.Files

/**
 * X3: every exception imbridge throws is an [ImbridgeException] with the
 * service's `code` where one exists and a readable `message` (its `detail`),
 * never a field dump.
 */
class ErrorsTest {
    private fun assertReadable(e: ImbridgeException, code: Int?, name: String) {
        assertEquals(code, e.code, e.toString())
        assertEquals(name, e.codeOrName)
        assertEquals(e.detail, e.message)
        assertFalse(e.message.contains("detail="), "a field dump: ${e.message}")
        assertTrue(e.message.isNotBlank())
    }

    @Test
    fun x3_every_error_type_shares_one_base_with_code_and_detail() {
        val message: ImbridgeException = assertThrows<MessageException> { redPacket(0uL, "x") }
        assertReadable(message, 6017, "6017")
        assertEquals(ErrorCode.INVALID_PARAMETER, message.errorCode)
        assertTrue(message.detail.startsWith("invalid amount"), message.detail)

        val json: ImbridgeException = assertThrows<MessageException> { decodeC2cMessage("{") }
        assertReadable(json, null, "json")
        assertTrue(json.detail.startsWith("malformed JSON at line 1, column 1"), json.detail)

        val push: ImbridgeException = assertThrows<PushException> {
            PushChannel.open(PushChannelConfig(PushVendor.OPPO, 1u, "1.0"), Files.createTempDirectory("imbridge-err").toString())
        }
        assertReadable(push, 6017, "6017")
        assertTrue(push.detail.startsWith("invalid push config"), push.detail)

        val outbox: ImbridgeException = assertThrows<OutboxException> { Outbox(OutboxLimits(c2cPerWindow = 0u)) }
        assertReadable(outbox, 6017, "6017")
        assertTrue(outbox.detail.startsWith("invalid limit c2c"), outbox.detail)

        runCatching { Bridge.current().uninit() }
        val init: ImbridgeException = assertThrows<InitException> { Bridge.current() }
        assertReadable(init, 6013, "6013")
        assertEquals("not initialised: call init first (or again after uninit)", init.detail)
    }

    @Test
    fun x3_one_catch_clause_catches_them_all() {
        val caught = listOf<() -> Unit>(
            { redPacket(0uL, "x") },
            { decodeGroupMessage("[]") },
            { Outbox(OutboxLimits(groupPerWindow = 0u)) },
        ).map { call ->
            try {
                call(); null
            } catch (e: ImbridgeException) {
                e.codeOrName
            }
        }
        assertEquals(3, caught.filterNotNull().size, "$caught")
    }
}
