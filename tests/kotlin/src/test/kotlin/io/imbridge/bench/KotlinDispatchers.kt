package io.imbridge.bench

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.builtins.ListSerializer
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonObject
import org.json.JSONArray
import org.json.JSONObject

/**
 * The rules imbridge's dispatcher applies to a received batch, written in
 * plain Kotlin the way an app team would: decode with their JSON library,
 * drop duplicates by the service's keys within its windows (SPEC M7: C2C
 * sender + MsgSeq + MsgRandom + content, 120 s; group + Random, 5 min),
 * deliver only the user's C2C messages and joined groups' messages (D4),
 * call every listener in order (D1), count what was dropped. Content is
 * compared by its parsed form's hash, cheaper than the library's CRC32.
 */
abstract class KotlinDispatcher<M>(private val user: String, private val groups: Set<String>) {
    private val listeners = ArrayList<(M) -> Unit>()
    private val seen = HashMap<Any, Long>()
    private val expiry = ArrayDeque<Pair<Long, Any>>()
    var delivered = 0
    var duplicates = 0
    var misrouted = 0
    var notMember = 0

    fun addListener(listener: (M) -> Unit) {
        listeners += listener
    }

    /** One message's routing facts, read from the decoded form. */
    protected class Facts(val groupId: String?, val to: String?, val dedupKey: Any)

    protected abstract fun decode(batch: String): List<M>
    protected abstract fun facts(message: M): Facts

    fun receive(nowMs: Long, batch: String) {
        while (expiry.isNotEmpty() && expiry.first().first <= nowMs) seen.remove(expiry.removeFirst().second)
        for (message in decode(batch)) {
            val facts = facts(message)
            val window = if (facts.groupId != null) {
                if (facts.groupId !in groups) { notMember++; continue }
                300_000L
            } else {
                if (facts.to != user) { misrouted++; continue }
                120_000L
            }
            if (seen.putIfAbsent(facts.dedupKey, nowMs + window) != null) { duplicates++; continue }
            expiry.addLast(nowMs + window to facts.dedupKey)
            for (listener in listeners) listener(message)
            delivered++
        }
    }
}

private data class C2cKey(val from: String, val seq: Long, val random: Long, val content: Int)
private data class GroupKey(val group: String, val random: Long)

/** With kotlinx.serialization: `@Serializable` classes, unknown keys ignored. */
class KotlinxDispatcher(user: String, groups: Set<String>) : KotlinDispatcher<KotlinxDispatcher.Message>(user, groups) {
    @Serializable
    class Element(@SerialName("MsgType") val msgType: String, @SerialName("MsgContent") val msgContent: JsonObject)

    @Serializable
    class Message(
        @SerialName("From_Account") val fromAccount: String,
        @SerialName("To_Account") val toAccount: String? = null,
        @SerialName("GroupId") val groupId: String? = null,
        @SerialName("MsgSeq") val msgSeq: Long = 0,
        @SerialName("MsgRandom") val msgRandom: Long = 0,
        @SerialName("Random") val random: Long = 0,
        @SerialName("MsgTime") val msgTime: Long = 0,
        @SerialName("MsgBody") val msgBody: List<Element>,
    )

    private val json = Json { ignoreUnknownKeys = true }
    private val serializer = ListSerializer(Message.serializer())

    override fun decode(batch: String): List<Message> = json.decodeFromString(serializer, batch)

    override fun facts(message: Message): Facts = if (message.groupId != null) {
        Facts(message.groupId, null, GroupKey(message.groupId, message.random))
    } else {
        val content = message.msgBody.fold(0) { h, e -> 31 * (31 * h + e.msgType.hashCode()) + e.msgContent.hashCode() }
        Facts(null, message.toAccount, C2cKey(message.fromAccount, message.msgSeq, message.msgRandom, content))
    }
}

/** With org.json: `JSONArray` / `JSONObject`, as Android ships them. */
class OrgJsonDispatcher(user: String, groups: Set<String>) : KotlinDispatcher<JSONObject>(user, groups) {
    override fun decode(batch: String): List<JSONObject> {
        val array = JSONArray(batch)
        return List(array.length()) { array.getJSONObject(it) }
    }

    override fun facts(message: JSONObject): Facts {
        val from = message.getString("From_Account")
        if (message.has("GroupId")) {
            val group = message.getString("GroupId")
            return Facts(group, null, GroupKey(group, message.getLong("Random")))
        }
        val content = message.getJSONArray("MsgBody").toString().hashCode()
        return Facts(
            null,
            message.optString("To_Account"),
            C2cKey(from, message.getLong("MsgSeq"), message.getLong("MsgRandom"), content),
        )
    }
}
