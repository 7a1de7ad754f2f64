package io.imbridge

import io.imbridge.core.*
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.contentOrNull
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/** M2 and M9 through the builders: a failed add throws and changes nothing. */
class BuildersTest {
    @Test
    fun m2_second_custom_element_is_6016_and_body_unchanged() {
        MessageBodyBuilder().use { b ->
            b.add(Element.Custom(CustomElem("one")))
            b.add(Element.Text(TextElem("hi")))
            val e = assertThrows<MessageException.SecondCustomElement> { b.add(Element.Custom(CustomElem("two"))) }
            assertEquals(6016, e.code)
            assertEquals(2u, e.index)
            assertEquals(2u, b.count())
        }
    }

    @Test
    fun m2_body_over_12_kb_is_8001_and_body_unchanged() {
        MessageBodyBuilder().use { b ->
            b.add(Element.Text(TextElem("a".repeat(6000))))
            val before = b.encodedLen()
            val e = assertThrows<MessageException.BodyTooLarge> { b.add(Element.Text(TextElem("b".repeat(6300)))) }
            assertEquals(8001, e.code)
            assertEquals(12288uL, e.limit)
            assertEquals(before, b.encodedLen())
        }
    }

    @Test
    fun m2_limit_is_configurable() {
        val e = assertThrows<MessageException.BodyTooLarge> {
            messageBody(MessageLimits(maxBodyBytes = 64u)) { text("x".repeat(100)) }
        }
        assertEquals(64uL, e.limit)
    }

    @Test
    fun m2_empty_message_is_6016() {
        val e = assertThrows<MessageException.EmptyMessage> { messageBody { } }
        assertEquals(6016, e.code)
        assertEquals(ErrorCode.INVALID_ELEMENT, e.errorCode)
    }

    @Test
    fun m2_add_all_is_all_or_nothing() {
        MessageBodyBuilder().use { b ->
            b.add(Element.Text(TextElem("kept")))
            assertThrows<MessageException.InvalidElement> {
                b.addAll(listOf(Element.Text(TextElem("new")), Element.Text(TextElem(""))))
            }
            assertEquals(listOf<Element>(Element.Text(TextElem("kept"))), b.elements())
        }
    }

    @Test
    fun m2_dsl_builds_every_kind_in_order() {
        val body = messageBody {
            text("hello")
            custom(data = "{}", desc = "push")
            face(1)
            location("Bay", 22.5, 113.95)
            image("u", 1, listOf(ImageInfo(kind = 1u, url = "https://e/o")))
            sound("https://e/s", 10u, 2u)
            file("https://e/f", 10u, "f.txt")
            video("https://e/v", 100u, 5u, "mp4", "https://e/t", 10u, 64u, 48u, "jpg")
        }
        assertEquals(
            listOf("Text", "Custom", "Face", "Location", "Image", "Sound", "File", "Video"),
            body.map { it::class.simpleName },
        )
    }

    @Test
    fun m9_community_rejects_at_all() {
        val e = assertThrows<MessageException.MentionNotAllowed> { mentions(GroupType.COMMUNITY) { all() } }
        assertEquals(6017, e.code)
        assertEquals(GroupType.COMMUNITY, e.groupType)
        assertEquals(listOf<Mention>(Mention.User("bob")), mentions(GroupType.COMMUNITY) { user("bob") })
    }

    @Test
    fun m9_avchatroom_rejects_any_mention() {
        assertThrows<MessageException.MentionNotAllowed> { mentions(GroupType.AV_CHAT_ROOM) { user("bob") } }
        assertThrows<MessageException.MentionNotAllowed> { mentions(GroupType.AV_CHAT_ROOM) { all() } }
    }

    @Test
    fun m9_at_most_30_targets_including_all() {
        val e = assertThrows<MessageException.TooManyMentions> {
            mentions(GroupType.WORK) {
                all()
                repeat(30) { user("u$it") }
            }
        }
        assertEquals(31uL, e.count)
        assertEquals(30uL, e.limit)
    }

    @Test
    fun m9_sdk_all_marker_means_at_all() {
        assertEquals("__kImSDK_MesssageAtALL__", mentionAllMarker())
        MentionListBuilder(GroupType.PUBLIC).use { b ->
            b.addSdkUser(mentionAllMarker())
            assertEquals(listOf<Mention>(Mention.All), b.mentions())
        }
    }

    @Test
    fun m9_group_encode_checks_mentions_by_declared_type() {
        val message = GroupMessage(
            groupId = "room_7", random = 1u, msgBody = listOf(Element.Text(TextElem("@bob"))),
            groupAtInfo = listOf(Mention.User("bob")),
        )
        assertTrue(message.encode(GroupType.MEETING).contains("\"GroupAt_Account\":\"bob\""))
        assertThrows<MessageException.MentionNotAllowed> { message.encode(GroupType.AV_CHAT_ROOM) }
    }

    @Test
    fun m8_red_packet_is_high_priority_with_push_text() {
        val packet = redPacket(888uL, "Happy new year")
        assertEquals(Priority.HIGH, packet.priority)
        val custom = packet.element as Element.Custom
        assertEquals("[Red Packet] Happy new year", custom.v1.desc)
        assertEquals(
            Vectors.json("""{"type":"RED_PACKET","amount":888,"msg":"Happy new year"}"""),
            Vectors.json(custom.v1.data),
        )
        assertEquals(6017, assertThrows<MessageException.InvalidField> { redPacket(0uL, "x") }.code)
    }

    /** M8: the FAQ's red packet, from the shared vector the Rust and Swift suites read too. */
    @Test
    fun m8_red_packet_matches_the_faq_vectors() {
        val file = java.io.File(System.getProperty("imbridge.vectors") ?: "../vectors", "red_packet/faq.json")
        val v = Vectors.json(file.readText()).jsonObject
        val builds = v.getValue("build").jsonArray
        assertTrue(builds.size >= 3)
        for (case in builds) {
            val o = case.jsonObject
            val packet = redPacket(
                o.getValue("amount").jsonPrimitive.content.toULong(),
                o.getValue("msg").jsonPrimitive.content,
                o.getValue("push_text").jsonPrimitive.contentOrNull,
            )
            val custom = packet.element as Element.Custom
            assertEquals(o.getValue("data"), Vectors.json(custom.v1.data))
            assertEquals(o.getValue("desc").jsonPrimitive.content, custom.v1.desc)
        }
        for (case in v.getValue("read").jsonArray) {
            val o = case.jsonObject
            val packet = redPacketRead(Element.Custom(CustomElem(o.getValue("data").jsonPrimitive.content)))!!
            assertEquals(o.getValue("amount").jsonPrimitive.content.toULong(), packet.amount)
            assertEquals(o.getValue("msg").jsonPrimitive.content, packet.msg)
        }
        assertEquals(null, redPacketRead(Element.Text(TextElem("hi"))))
        for (amount in v.getValue("refused").jsonArray) {
            val e = assertThrows<MessageException.InvalidField> { redPacket(amount.jsonPrimitive.content.toULong(), "x") }
            assertEquals(6017, e.code)
        }
    }

    @Test
    fun m10_group_type_facts() {
        val avChat = groupTypeInfo(GroupType.AV_CHAT_ROOM)
        assertEquals(null, avChat.maxMembers)
        assertEquals(false, avChat.storesHistory)
        assertEquals(100_000u, groupTypeInfo(GroupType.COMMUNITY).maxMembers)
        assertEquals(GroupType.COMMUNITY, groupTypeFromId("@TGS#_abc"))
    }
}
