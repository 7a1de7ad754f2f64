package io.imbridge

import io.imbridge.core.*
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.long
import kotlinx.serialization.json.put
import java.io.File

/**
 * Replays a scenario of tests/vectors/outbox/ through the Kotlin-facing
 * [Outbox] API, with the same rules as `imbridge outbox simulate`: at each
 * moment the arrivals of that moment are admitted in input order, then the
 * outbox is polled; one output line per message.
 */
object OutboxScenarios {
    private val dir = File(System.getProperty("imbridge.vectors") ?: "../vectors", "outbox")

    fun all(): List<File> = scenarioFiles(dir)

    fun expected(scenario: File): List<JsonElement> =
        File(dir, scenario.name.removeSuffix(".json") + ".expected.jsonl").readLines()
            .filter { it.isNotBlank() }.map { Vectors.json(it) }

    private data class Arrival(val index: Int, val id: String, val at: ULong, val conversation: String, val priority: Priority)

    fun replay(scenario: File): List<JsonObject> {
        val root = Vectors.json(scenario.readText()).jsonObject
        val l = root["limits"]?.jsonObject ?: JsonObject(emptyMap())
        fun num(key: String, default: Long) = l[key]?.jsonPrimitive?.long ?: default
        val outbox = Outbox(
            OutboxLimits(
                groupPerWindow = num("group_per_window", 40).toUInt(),
                c2cPerWindow = num("c2c_per_window", 5).toUInt(),
                lowestMaxWaitMs = num("lowest_max_wait_ms", 2000).toULong(),
                maxQueuedPerConversation = num("max_queued_per_conversation", 1000).toUInt(),
                maxQueuedTotal = num("max_queued_total", 100_000).toUInt(),
            ),
        )
        l["per_conversation"]?.jsonObject?.forEach { (c, n) ->
            outbox.setConversationLimit(conversationIdParse(c), n.jsonPrimitive.long.toUInt())
        }
        val until = root.getValue("until_ms").jsonPrimitive.long.toULong()
        val arrivals = root.getValue("messages").jsonArray.mapIndexed { i, m ->
            val o = m.jsonObject
            Arrival(
                i, o.getValue("id").jsonPrimitive.content, o.getValue("at_ms").jsonPrimitive.long.toULong(),
                o.getValue("conversation").jsonPrimitive.content,
                Priority.valueOf((o["priority"]?.jsonPrimitive?.content ?: "Normal").uppercase()),
            )
        }.sortedWith(compareBy({ it.at }, { it.index })).toMutableList()

        val out = mutableListOf<JsonObject>()
        fun shed(s: ShedMessage) = buildJsonObject {
            put("id", s.id); put("shed_ms", s.shedMs.toLong()); put("reason", s.detail)
        }
        var lastPoll: ULong? = null
        while (true) {
            val arrival = arrivals.firstOrNull()?.at
            val now = listOfNotNull(arrival, outbox.nextPollMs()).minOrNull() ?: break
            if (now > until || (lastPoll == now && arrival != now)) break
            lastPoll = now
            while (arrivals.firstOrNull()?.at == now) {
                val a = arrivals.removeAt(0)
                val admission = outbox.admit(now, listOf(OutgoingMessage(a.id, conversationIdParse(a.conversation), a.priority))).single()
                if (admission is Admission.Refused) out += buildJsonObject { put("id", a.id); put("refused", admission.code) }
                outbox.takeShed().forEach { out += shed(it) }
            }
            val poll = outbox.poll(now)
            val (waited, displaced) = poll.shed.partition { it.reason is ShedReason.WaitExceeded }
            displaced.forEach { out += shed(it) }
            poll.released.forEach { r -> out += buildJsonObject { put("id", r.id); put("sent_ms", r.releasedMs.toLong()) } }
            waited.forEach { out += shed(it) }
        }
        outbox.queued().forEach { q -> out += queued(q.id) }
        arrivals.forEach { a -> out += queued(a.id) }
        outbox.close()
        return out
    }

    private fun queued(id: String) = JsonObject(mapOf("id" to JsonPrimitive(id), "queued" to JsonPrimitive(true)))
}
