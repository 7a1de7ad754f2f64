package io.imbridge.bench

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.json.Json
import org.json.JSONArray
import org.json.JSONObject

/**
 * What an app team writes without imbridge to send one C2C text message:
 * the same `sendmsg` body and the same checks (recipient not blank, text
 * not empty, body within the 12 KB limit), with the JSON libraries Android
 * apps use. The bench checks each produces the library's JSON.
 */
object SendBaselines {
    /** The service's body limit (SPEC M2). */
    private const val BODY_LIMIT_BYTES = 12 * 1024

    @Serializable
    class TextContent(@SerialName("Text") val text: String)

    @Serializable
    class TextElem(
        @SerialName("MsgType") val msgType: String,
        @SerialName("MsgContent") val msgContent: TextContent,
    )

    @Serializable
    class SendC2c(
        @SerialName("SyncOtherMachine") val syncOtherMachine: Int,
        @SerialName("To_Account") val toAccount: String,
        @SerialName("MsgSeq") val msgSeq: Long,
        @SerialName("MsgRandom") val msgRandom: Long,
        @SerialName("MsgBody") val msgBody: List<TextElem>,
    )

    private fun check(to: String, text: String) {
        require(to.isNotBlank()) { "To_Account: recipient is empty" }
        require(text.isNotEmpty()) { "empty message" }
    }

    private fun checkSize(body: String): String {
        require(utf8Length(body) <= BODY_LIMIT_BYTES) { "body too large" }
        return body
    }

    /** kotlinx.serialization: `@Serializable` classes and `Json.encodeToString`. */
    fun kotlinx(to: String, text: String, seq: Long, random: Long): String {
        check(to, text)
        val body = SendC2c(1, to, seq, random, listOf(TextElem("TIMTextElem", TextContent(text))))
        return checkSize(Json.encodeToString(SendC2c.serializer(), body))
    }

    /** org.json: `JSONObject`, as Android ships it and the service's FAQ uses. */
    fun orgJson(to: String, text: String, seq: Long, random: Long): String {
        check(to, text)
        val element = JSONObject().put("MsgType", "TIMTextElem").put("MsgContent", JSONObject().put("Text", text))
        val body = JSONObject()
            .put("SyncOtherMachine", 1)
            .put("To_Account", to)
            .put("MsgSeq", seq)
            .put("MsgRandom", random)
            .put("MsgBody", JSONArray().put(element))
        return checkSize(body.toString())
    }

    /** The floor: a hand-written StringBuilder, faster than anything an app team writes. */
    fun stringBuilderFloor(to: String, text: String, seq: Long, random: Long): String {
        check(to, text)
        val sb = StringBuilder(96 + text.length)
        sb.append("{\"SyncOtherMachine\":1,\"To_Account\":")
        quote(sb, to)
        sb.append(",\"MsgSeq\":").append(seq).append(",\"MsgRandom\":").append(random)
        sb.append(",\"MsgBody\":[{\"MsgType\":\"TIMTextElem\",\"MsgContent\":{\"Text\":")
        quote(sb, text)
        sb.append("}}]}")
        return checkSize(sb.toString())
    }

    private fun quote(sb: StringBuilder, s: String) {
        sb.append('"')
        for (c in s) {
            when {
                c == '"' -> sb.append("\\\"")
                c == '\\' -> sb.append("\\\\")
                c == '\n' -> sb.append("\\n")
                c == '\r' -> sb.append("\\r")
                c == '\t' -> sb.append("\\t")
                c < ' ' -> sb.append("\\u%04x".format(c.code))
                else -> sb.append(c)
            }
        }
        sb.append('"')
    }

    /** UTF-8 length without allocating (kinder to the baselines than `toByteArray().size`). */
    private fun utf8Length(s: String): Int {
        var n = 0
        var i = 0
        while (i < s.length) {
            val c = s[i]
            n += when {
                c.code < 0x80 -> 1
                c.code < 0x800 -> 2
                Character.isHighSurrogate(c) && i + 1 < s.length -> { i++; 4 }
                else -> 3
            }
            i++
        }
        return n
    }
}
