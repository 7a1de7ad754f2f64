package io.imbridge

import io.imbridge.core.*
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/** M6, M7, M11, M12, P1, X3 through the real library. */
class IdentifiersTest {
    @Test
    fun m6_client_msg_id_from_injected_clock_and_random() {
        val id = clientMsgIdNew(144115212345678uL, 1_700_000_000uL, 42u)
        assertEquals("144115212345678-1700000000-42", id.format())
        assertEquals(id, ClientMsgId.parse(id.format()))
    }

    @Test
    fun m6_malformed_ids_are_6017() {
        for (bad in listOf("", "1-2", "1-2-x", "1-2-4294967296", "-1-2-3")) {
            val e = assertThrows<MessageException.InvalidField>(bad) { ClientMsgId.parse(bad) }
            assertEquals(6017, e.code)
        }
        assertThrows<MessageException.InvalidField> { C2cMsgKey.parse("1_2") }
        assertThrows<MessageException.InvalidField> { groupMsgKeyParse("nogroup") }
    }

    @Test
    fun m6_server_keys_round_trip() {
        val key = C2cMsgKey.parse("12_3456_1700000000")
        assertEquals(C2cMsgKey(12u, 3456u, 1_700_000_000uL), key)
        assertEquals("12_3456_1700000000", key.format())
        val group = groupMsgKeyParse("@TGS#_room_1_42")
        assertEquals(GroupMsgKey("@TGS#_room_1", 42uL), group)
        assertEquals("@TGS#_room_1_42", groupMsgKeyFormat(group))
    }

    @Test
    fun m12_conversation_ids() {
        assertEquals(ConversationId.C2c("alice"), ConversationId.parse("c2c_alice"))
        assertEquals("group_g1", ConversationId.Group("g1").format())
        assertEquals(6017, assertThrows<MessageException.InvalidField> { ConversationId.parse("alice") }.code)
    }

    @Test
    fun m7_tracker_draws_fresh_values_and_flags_reuse() {
        RandomTracker(seed = 7uL).use { tracker ->
            val first = tracker.draw("c2c_bob", 0uL)
            val second = tracker.draw("c2c_bob", 10uL)
            assertNotEquals(first, second)
            val e = assertThrows<MessageException.RandomReused> { tracker.record("c2c_bob", first, 60_000uL) }
            assertEquals(120_000uL, e.windowMs)
            assertNull(e.code)
            assertEquals("duplicate_random", e.codeOrName)
            tracker.record("c2c_bob", first, 120_000uL)
            assertThrows<MessageException.InvalidField> { tracker.draw("bob", 0uL) }
        }
    }

    @Test
    fun m7_same_seed_same_values() {
        val a = RandomTracker(seed = 99uL).use { it.draw("group_g", 0uL) }
        val b = RandomTracker(seed = 99uL).use { it.draw("group_g", 0uL) }
        assertEquals(a, b)
    }

    @Test
    fun p1_native_and_web_priority_numbers() {
        assertEquals(Priority.NORMAL, priorityFromNative(0))
        assertEquals(Priority.HIGH, priorityFromNative(1))
        assertNull(priorityFromNative(9))
        assertEquals(3, priorityToNative(Priority.LOWEST))
        assertEquals(Priority.LOWEST, priorityFromWeb(4))
        assertEquals(4, priorityToWeb(Priority.LOWEST))
        assertNull(priorityFromWeb(0))
    }

    @Test
    fun m11_status_numbers() {
        assertEquals(MessageStatus.SENT, messageStatusFromValue(2))
        assertNull(messageStatusFromValue(7))
    }

    @Test
    fun x3_error_codes_keep_the_service_numbers() {
        assertEquals(ErrorCode.GROUP_FREQUENCY_LIMIT, errorCodeFromValue(10023))
        assertEquals(ErrorCode.USER_SIG_EXPIRED_SERVER, errorCodeFromValue(70001))
        assertNull(errorCodeFromValue(1))
    }

    @Test
    fun x3_malformed_json_is_a_json_error_with_position() {
        val e = assertThrows<MessageException.Json> { C2cMessage.decode("""{"To_Account": "bob", "MsgSeq": 1""") }
        assertEquals(1uL, e.line)
        assertNull(e.code)
    }

    @Test
    fun x3_out_of_range_msg_random_names_the_field() {
        val json = """{"SyncOtherMachine":2,"To_Account":"bob","MsgSeq":1,"MsgRandom":4294967296,"MsgBody":[]}"""
        val e = assertThrows<MessageException.InvalidField> { C2cMessage.decode(json) }
        assertEquals("MsgRandom", e.field)
    }

    @Test
    fun library_loads_and_reports_its_version() {
        // The loaded library and these classes come from one version
        // (Cargo.toml's, written into the generated ImbridgeVersion.kt).
        assertEquals(IMBRIDGE_VERSION, imbridgeVersion())
        assertTrue(Regex("""^[0-9]+\.[0-9]+\.[0-9]+.*""").matches(IMBRIDGE_VERSION), IMBRIDGE_VERSION)
    }
}
