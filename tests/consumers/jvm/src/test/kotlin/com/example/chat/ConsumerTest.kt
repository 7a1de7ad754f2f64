package com.example.chat

import io.imbridge.FastPath
import io.imbridge.IMBRIDGE_VERSION
import io.imbridge.JvmFastPath
import io.imbridge.Outbox
import io.imbridge.core.Admission
import io.imbridge.core.C2cMessage
import io.imbridge.core.ConversationId
import io.imbridge.core.GroupType
import io.imbridge.core.MessageException
import io.imbridge.core.OutgoingMessage
import io.imbridge.core.Priority
import io.imbridge.core.SyncOtherMachine
import io.imbridge.ImbridgeException
import io.imbridge.encode
import io.imbridge.imbridgeVersion
import io.imbridge.mentions
import io.imbridge.messageBody
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import kotlin.test.assertEquals
import kotlin.test.assertTrue

/** What an app does first with the library, through the published jar only. */
class ConsumerTest {
    @Test
    fun native_library_loads_from_the_jar() {
        assertEquals(IMBRIDGE_VERSION, imbridgeVersion())
        // From the jar alone JNA deletes the copy it extracted, so the JNI
        // side cannot load that file: the fast path answers through UniFFI.
        assertEquals(false, JvmFastPath.available)
        assertTrue(FastPath.encodeC2cText("bob", "hi", 1u, 2u).contains("\"To_Account\":\"bob\""))
    }

    @Test
    fun m2_builds_and_encodes_a_send_body() {
        val body = messageBody { text("Your order shipped") }
        val json = C2cMessage(toAccount = "bob", msgSeq = 1u, msgRandom = 7u, msgBody = body, syncOtherMachine = SyncOtherMachine.SYNC).encode()
        assertTrue(json.contains("\"MsgBody\":[{\"MsgType\":\"TIMTextElem\""), json)
    }

    @Test
    fun m9_errors_carry_the_service_code() {
        val e = assertThrows<MessageException> { mentions(GroupType.COMMUNITY) { all() } }
        assertEquals(6017, e.code)
        val base: ImbridgeException = e
        assertEquals(e.detail, base.message)
    }

    @Test
    fun p2_outbox_admits_and_releases() = Outbox().use { outbox ->
        val admitted = outbox.admit(0u, listOf(OutgoingMessage("m1", ConversationId.C2c("bob"), Priority.HIGH)))
        assertEquals(listOf<Admission>(Admission.Accepted), admitted)
        assertEquals(listOf("m1"), outbox.poll(0u).released.map { it.id })
    }
}
