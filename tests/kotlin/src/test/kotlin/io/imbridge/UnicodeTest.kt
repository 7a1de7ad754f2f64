package io.imbridge

import io.imbridge.core.*
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/**
 * An unpaired surrogate (half an emoji, e.g. after truncation) becomes
 * U+FFFD on every path into Rust: UniFFI calls, the JNI fast path and
 * `Dispatcher.receive(String)` — never an exception, never `?` — in text.
 * In an identifier it is refused with 6017 naming the argument, since a
 * replaced id is another id.
 */
class UnicodeTest {
    private val halfEmoji = "hi \uD83D" // the high half of 😀 alone
    private val replaced = "hi \uFFFD"

    private fun textOf(json: String): String =
        Regex("\"Text\":\"([^\"]*)\"").find(json)!!.groupValues[1]

    @Test
    fun x3_uniffi_calls_replace_an_unpaired_surrogate() {
        val body = encodeC2cMessage(C2cMessage(toAccount = "bob", msgSeq = 1u, msgRandom = 2u, msgBody = listOf(Element.Text(TextElem(halfEmoji)))))
        assertEquals(replaced, textOf(body))
        // A valid pair is kept as it is.
        val emoji = encodeC2cMessage(C2cMessage(toAccount = "bob", msgSeq = 1u, msgRandom = 2u, msgBody = listOf(Element.Text(TextElem("hi 😀")))))
        assertEquals("hi 😀", textOf(emoji))
    }

    @Test
    fun x3_the_jni_fast_path_replaces_it_the_same_way() {
        assertTrue(JvmFastPath.available)
        assertEquals(replaced, textOf(FastPath.encodeC2cText("bob", halfEmoji, 1u, 2u)))
        val batch = FastPath.encodeC2cTexts(arrayOf("bob"), arrayOf(halfEmoji), intArrayOf(1), intArrayOf(2))
        assertEquals(replaced, textOf(batch.single().json!!))
    }

    @Test
    fun x3_received_text_with_an_unpaired_surrogate_is_delivered_replaced() {
        val json = """[{"From_Account":"alice","To_Account":"bob","MsgSeq":1,"MsgRandom":1,"MsgTime":1700000000,""" +
            """"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"$halfEmoji"}}]}]"""
        for (jni in listOf(true, false)) {
            val got = mutableListOf<String>()
            val d = Dispatcher().apply { setUser("bob"); viaJni = jni }
            val handle = d.addListener { event ->
                if (event is DispatchEvent.NewMessages) {
                    got += event.messages.flatMap { m -> m.elements.map { (it as Element.Text).v1.text } }
                }
                true
            }
            d.receive(0u, json)
            assertEquals(listOf(replaced), got, "viaJni=$jni")
            handle.close()
        }
    }

    private fun assertRefusedNaming(field: String, call: () -> Unit) {
        val e = org.junit.jupiter.api.assertThrows<MessageException.InvalidField>(call)
        assertEquals(6017, e.code)
        assertEquals(field, e.field)
        assertTrue(e.detail.contains("U+FFFD"), e.detail)
    }

    @Test
    fun x3_identifiers_with_an_unpaired_surrogate_are_refused_naming_the_argument() {
        val cutUser = "bob\uD83D"
        val text = listOf(Element.Text(TextElem("hi")))
        assertRefusedNaming("To_Account") { encodeC2cMessage(C2cMessage(toAccount = cutUser, msgSeq = 1u, msgRandom = 2u, msgBody = text)) }
        assertRefusedNaming("From_Account") {
            encodeC2cMessage(C2cMessage(fromAccount = cutUser, toAccount = "bob", msgSeq = 1u, msgRandom = 2u, msgBody = text))
        }
        assertRefusedNaming("GroupId") { encodeGroupMessage(GroupMessage(groupId = "g\uDE00", random = 1u, msgBody = text), null) }
        assertRefusedNaming("To_Account") { FastPath.encodeC2cText(cutUser, "hi", 1u, 2u) }
        assertRefusedNaming("conversation") { conversationIdParse("c2c_$cutUser") }
        // The same id whole, and the same surrogate in text, pass.
        encodeC2cMessage(C2cMessage(toAccount = "bob😀", msgSeq = 1u, msgRandom = 2u, msgBody = listOf(Element.Text(TextElem(halfEmoji)))))
    }
}
