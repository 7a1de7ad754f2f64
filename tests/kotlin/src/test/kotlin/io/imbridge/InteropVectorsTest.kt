package io.imbridge

import io.imbridge.core.*
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.boolean
import kotlinx.serialization.json.int
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import org.junit.jupiter.api.Test
import java.io.File
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNull
import kotlin.test.assertTrue

/**
 * The Web SDK's own names, numbers and ids (`interop/web_sdk.json`, made by
 * running the SDK) and what `idParse` says about each kind of id
 * (`ids/parse.json`): the same vectors the Rust and Swift suites read
 * (SPEC M6, M10, M12, P1).
 */
class InteropVectorsTest {
    private val dir = File(System.getProperty("imbridge.vectors") ?: "../vectors")
    private val web = Vectors.json(File(dir, "interop/web_sdk.json").readText()).jsonObject

    private fun list(key: String) = web.getValue(key).jsonArray.also { assertTrue(it.isNotEmpty(), key) }
    private fun JsonElement.str(key: String) = jsonObject.getValue(key).jsonPrimitive.content

    @Test
    fun m10_web_sdk_group_type_names_read_as_their_type() {
        for (t in list("group_types")) {
            val type = groupTypeFromName(t.str("name"))!!
            assertEquals(t.str("type"), groupTypeName(type))
            assertEquals(t.str("name"), groupTypeRestName(type))
        }
        for (name in list("not_group_types")) assertNull(groupTypeFromName(name.jsonPrimitive.content))
    }

    @Test
    fun p1_web_and_native_priority_numbers() {
        for (p in list("web_priorities")) {
            val number = p.jsonObject.getValue("number").jsonPrimitive.int
            val priority = priorityFromWeb(number)
            if (number in 1..4) {
                assertEquals(p.str("web_sdk_reads").uppercase(), priority!!.name)
                assertEquals(number, priorityToWeb(priority))
            } else {
                assertNull(priority, "web number $number")
            }
        }
        for (p in list("native_priorities")) {
            val number = p.jsonObject.getValue("number").jsonPrimitive.int
            val priority = priorityFromNative(number)!!
            assertEquals(p.str("priority").uppercase(), priority.name)
            if (number != 0) assertEquals(number, priorityToNative(priority))
        }
    }

    @Test
    fun m12_web_sdk_conversation_ids_parse_and_format_both_ways() {
        for (c in list("conversations")) {
            val id = conversationIdParse(c.str("web"))
            assertEquals(id, conversationIdParse(c.str("native")))
            assertEquals(c.str("native"), conversationIdFormat(id))
            assertEquals(c.str("web"), conversationIdFormat(id, ConversationIdForm.WEB))
        }
    }

    @Test
    fun m6_web_sdk_legacy_ids_hold_the_full_unsigned_sequence() {
        for (m in list("legacy_message_ids")) {
            val id = legacyWebMsgIdParse(m.str("id"))
            assertEquals(m.str("conversation"), conversationIdFormat(id.conversation))
            assertEquals(m.str("msg_seq").toULong(), id.msgSeq)
            assertEquals(m.str("random").toUInt(), id.random)
            assertEquals(m.jsonObject.getValue("sent_by_me").jsonPrimitive.boolean, id.sentByMe)
            assertEquals(m.str("id"), legacyWebMsgIdFormat(id))
        }
    }

    @Test
    fun m6_id_parse_matches_the_shared_vectors() {
        val cases = Vectors.json(File(dir, "ids/parse.json").readText()).jsonObject.getValue("vectors").jsonArray
        assertTrue(cases.size >= 15)
        for (case in cases) {
            val text = case.str("id")
            val expect = case.jsonObject.getValue("expect")
            if (expect is JsonNull) {
                val e = assertFailsWith<MessageException.InvalidField>(text) { idParse(text) }
                assertTrue(e.reason.contains("is none of"), e.reason)
            } else {
                assertEquals(expect.jsonObject, describe(idParse(text)), text)
            }
        }
    }

    /** The parsed id as the flat object `imbridge id parse` prints (without `id`). */
    private fun describe(parsed: ParsedId): JsonObject {
        val fields = mutableMapOf<String, JsonElement>()
        fun conversation(id: ConversationId) {
            fields["conversation"] = JsonPrimitive(conversationIdFormat(id))
            fields["web"] = JsonPrimitive(conversationIdFormat(id, ConversationIdForm.WEB))
            when (id) {
                is ConversationId.C2c -> { fields["conversation_kind"] = JsonPrimitive("c2c"); fields["peer"] = JsonPrimitive(id.userId) }
                is ConversationId.Group -> { fields["conversation_kind"] = JsonPrimitive("group"); fields["group_id"] = JsonPrimitive(id.groupId) }
            }
        }
        when (parsed) {
            is ParsedId.ClientMessage -> {
                fields["kind"] = JsonPrimitive("client_msg_id")
                fields["tinyid"] = JsonPrimitive(parsed.id.tinyid.toString().toBigInteger())
                fields["client_time"] = JsonPrimitive(parsed.id.clientTime.toLong())
                fields["client_time_utc"] = JsonPrimitive(parsed.clientTimeUtc)
                fields["random"] = JsonPrimitive(parsed.id.random.toLong())
            }
            is ParsedId.C2cServerKey -> {
                fields["kind"] = JsonPrimitive("c2c_msg_key")
                fields["msg_seq"] = JsonPrimitive(parsed.key.msgSeq.toLong())
                fields["msg_random"] = JsonPrimitive(parsed.key.msgRandom.toLong())
                fields["msg_time"] = JsonPrimitive(parsed.key.msgTime.toLong())
                fields["msg_time_utc"] = JsonPrimitive(parsed.msgTimeUtc)
            }
            is ParsedId.GroupServerKey -> {
                fields["kind"] = JsonPrimitive("group_msg_key")
                fields["group_id"] = JsonPrimitive(parsed.key.groupId)
                fields["msg_seq"] = JsonPrimitive(parsed.key.msgSeq.toString().toBigInteger())
            }
            is ParsedId.LegacyWeb -> {
                fields["kind"] = JsonPrimitive("legacy_web_msg_id")
                conversation(parsed.id.conversation)
                fields["msg_seq"] = JsonPrimitive(parsed.id.msgSeq.toString().toBigInteger())
                fields["random"] = JsonPrimitive(parsed.id.random.toLong())
                fields["sent_by_me"] = JsonPrimitive(parsed.id.sentByMe)
            }
            is ParsedId.Conversation -> {
                fields["kind"] = JsonPrimitive("conversation_id")
                conversation(parsed.id)
                fields["form"] = JsonPrimitive(parsed.form.name.lowercase())
            }
        }
        return JsonObject(fields)
    }
}
