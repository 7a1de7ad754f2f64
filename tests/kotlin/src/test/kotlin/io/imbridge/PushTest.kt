package io.imbridge

import io.imbridge.core.*
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.test.runTest
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.boolean
import kotlinx.serialization.json.booleanOrNull
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.int
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.long
import kotlinx.serialization.json.put
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.DynamicTest.dynamicTest
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestFactory
import org.junit.jupiter.api.assertThrows
import java.io.File
import java.util.Collections
import java.nio.file.Files

/** SPEC T1–T6 through the real library, replaying the shared scenarios. */
class PushTest {
    private val dir = File(System.getProperty("imbridge.vectors") ?: "../vectors", "push")
    private fun dataDir() = Files.createTempDirectory("imbridge-push").toString()

    private val apns = PushChannelConfig(
        vendor = PushVendor.APNS, businessId = 12345u, appVersion = "1.0",
        environment = ApnsEnvironment.PRODUCTION,
    )

    private fun config(o: JsonObject): PushChannelConfig {
        fun s(k: String) = o[k]?.jsonPrimitive?.content
        return PushChannelConfig(
            vendor = PushVendor.valueOf(s("vendor")!!.uppercase()),
            businessId = o["business_id"]!!.jsonPrimitive.long.toULong(),
            appVersion = s("app_version") ?: "",
            environment = s("environment")?.let { ApnsEnvironment.valueOf(it.uppercase()) },
            appKey = s("app_key"), appSecret = s("app_secret")?.let(::Secret), masterSecret = s("master_secret")?.let(::Secret),
            channelId = s("channel_id"),
        )
    }

    private fun event(o: JsonObject, channel: MutableMap<String, JsonElement>): PushEvent = when (val t = o["type"]!!.jsonPrimitive.content) {
        "enable" -> PushEvent.Enable
        "disable" -> PushEvent.Disable
        "token" -> PushEvent.Token(Secret(o["token"]!!.jsonPrimitive.content))
        "login" -> PushEvent.Login(o["user"]!!.jsonPrimitive.content)
        "logout" -> PushEvent.Logout
        "kicked" -> PushEvent.Kicked
        "user_sig_expired" -> PushEvent.UserSigExpired
        "report_result" -> PushEvent.ReportResult(
            o["ok"]!!.jsonPrimitive.boolean, o["retryable"]?.jsonPrimitive?.booleanOrNull ?: false,
            o["reason"]?.jsonPrimitive?.content,
        )
        "unregister_result" -> PushEvent.UnregisterResult(o["ok"]?.jsonPrimitive?.booleanOrNull ?: true)
        "background" -> PushEvent.Background(o["unread"]!!.jsonPrimitive.int.toUInt())
        "foreground" -> PushEvent.Foreground
        "tick" -> PushEvent.Tick
        "config" -> {
            o.filterKeys { it != "type" && it != "at_ms" }.forEach { (k, v) -> channel[k] = v }
            PushEvent.Config(config(JsonObject(channel)))
        }
        else -> error("unknown event $t")
    }

    private fun stateName(s: PushState) = s.name.split('_').joinToString("") { it.lowercase().replaceFirstChar(Char::uppercase) }

    private fun actionJson(a: PushAction): JsonObject = when (a) {
        is PushAction.Report -> buildJsonObject {
            put("type", "report"); put("token", a.token.value); put("business_id", a.businessId.toLong()); put("user", a.userId)
        }
        is PushAction.Unregister -> buildJsonObject { put("type", "unregister"); put("user", a.userId) }
        is PushAction.ScheduleRetry -> buildJsonObject { put("type", "schedule_retry"); put("at_ms", a.atMs.toLong()) }
        is PushAction.ReportBackground -> buildJsonObject { put("type", "report_background"); put("unread", a.unread.toLong()) }
        PushAction.ReportForeground -> buildJsonObject { put("type", "report_foreground") }
        PushAction.ReportDisabled -> buildJsonObject { put("type", "report_disabled") }
    }

    @TestFactory
    fun t2_shared_scenarios_replay_identically(): List<DynamicTest> =
        scenarioFiles(dir).map { file ->
            dynamicTest(file.name) {
                val root = Vectors.json(file.readText()).jsonObject
                val fields = root["channel"]!!.jsonObject.toMutableMap()
                PushChannel.open(config(JsonObject(fields)), dataDir()).use { channel ->
                    val got = root["events"]!!.jsonArray.map { e ->
                        val o = e.jsonObject
                        val at = o["at_ms"]!!.jsonPrimitive.long
                        val actions = channel.handle(at.toULong(), event(o, fields))
                        JsonObject(
                            mapOf(
                                "at_ms" to JsonPrimitive(at), "state" to JsonPrimitive(stateName(channel.state())),
                                "actions" to JsonArray(actions.map(::actionJson)),
                            ),
                        )
                    }
                    val expected = File(dir, file.name.removeSuffix(".json") + ".expected.jsonl").readLines()
                        .filter { it.isNotBlank() }.map { Vectors.json(it) }
                    assertEquals(expected, got)
                }
            }
        }

    /** Every secret of a scenario replaced by a marker that cannot occur by chance. */
    /** 24 letters from g–z / G–Z, no hex digit (so no fingerprint can match), different per [seed]. */
    private fun marker(seed: String): String {
        val letters = "ghijklmnopqrstuvwxyzGHIJKLMNOPQRSTUVWXYZ"
        val rng = java.util.Random(seed.hashCode().toLong())
        return String(CharArray(24) { letters[rng.nextInt(letters.length)] })
    }

    /** The first 6-character piece of a marker that [line] shows, if any: partial leaks count. */
    private fun leak(line: String, markers: Collection<String>): String? =
        markers.firstNotNullOfOrNull { m -> (0..m.length - 6).map { m.substring(it, it + 6) }.firstOrNull { line.contains(it) } }

    private fun withMarkers(element: JsonElement, file: String, markers: MutableSet<String>): JsonElement = when (element) {
        is JsonObject -> JsonObject(
            element.mapValues { (key, value) ->
                if (key in setOf("token", "app_secret", "master_secret") && value is JsonPrimitive && value.isString &&
                    value.content.isNotEmpty()
                ) {
                    JsonPrimitive(marker("$file-${markers.size}")).also { markers += it.content }
                } else {
                    withMarkers(value, file, markers)
                }
            },
        )
        is JsonArray -> JsonArray(element.map { withMarkers(it, file, markers) })
        else -> element
    }

    @TestFactory
    fun t5_no_secret_reaches_a_log_line_or_a_to_string_in_any_scenario(): List<DynamicTest> =
        scenarioFiles(dir).map { file ->
            dynamicTest(file.name) {
                val markers = mutableSetOf<String>()
                val root = withMarkers(Vectors.json(file.readText()), file.name, markers).jsonObject
                val shown = Collections.synchronizedList(mutableListOf<String>())
                installLogger(LogLevel.TRACE) { shown += "${it.target} ${it.message}" }
                try {
                    val fields = root["channel"]!!.jsonObject.toMutableMap()
                    val config = config(JsonObject(fields))
                    shown += config.toString()
                    PushChannel.open(config, dataDir()).use { channel ->
                        for (e in root["events"]!!.jsonArray) {
                            val o = e.jsonObject
                            val event = event(o, fields)
                            shown += event.toString()
                            channel.handle(o["at_ms"]!!.jsonPrimitive.long.toULong(), event).forEach { shown += it.toString() }
                            shown += channel.status().toString()
                        }
                    }
                } finally {
                    installLogger(LogLevel.WARN) { }
                }
                assertTrue(shown.any { it.contains("Secret(#") }, "the scenario shows no secret at all: nothing was checked")
                for (line in shown) {
                    assertEquals(null, leak(line, markers), "part of a secret shown: $line")
                }
                val out = File(System.getProperty("imbridge.vectors") ?: "../vectors").resolve("../../target/reliability")
                out.mkdirs()
                File(out, "redaction-kotlin.jsonl").appendText(
                    """{"scenario":"${file.name}","secrets":${markers.size},"lines":${shown.size},"leaks":0}""" + "\n",
                )
            }
        }

    @Test
    fun t1_oppo_without_master_secret_is_6017() {
        val e = assertThrows<PushException.InvalidConfig> {
            PushChannel.open(
                PushChannelConfig(PushVendor.OPPO, 1u, "1.0", appSecret = Secret("s"), channelId = "im"), dataDir(),
            )
        }
        assertEquals(6017, e.code)
        assertEquals("master_secret", e.field)
    }

    @Test
    fun t4_state_survives_a_restart_and_corrupt_files_reset_to_no_token() {
        val data = dataDir()
        PushChannel.open(apns, data).use { c ->
            c.handle(0u, PushEvent.Enable)
            c.handle(1u, PushEvent.Token(Secret("abc")))
            c.handle(2u, PushEvent.Login("alice"))
            c.handle(3u, PushEvent.ReportResult(ok = true))
        }
        PushChannel.open(apns, data).use { c ->
            assertEquals(PushState.REGISTERED, c.state())
            assertEquals(null, c.restoreProblem())
            assertEquals(3uL, c.status().registeredAtMs)
        }
        File(data, "push-apns.json").writeText("{\"version\": 1, \"vendor\": \"apns\", \"fac")
        PushChannel.open(apns, data).use { c ->
            assertEquals(PushState.NO_TOKEN, c.state())
            assertNotNull(c.restoreProblem())
        }
    }

    @Test
    fun t5_status_shows_a_fingerprint_not_the_token() {
        PushChannel.open(apns, dataDir()).use { c ->
            c.handle(0u, PushEvent.Enable)
            c.handle(1u, PushEvent.Token(Secret("very-secret-device-token")))
            val status = c.status()
            assertFalse(status.toString().contains("very-secret-device-token"))
            // One fingerprint: the status shows what the Kotlin Secret shows.
            assertEquals(Secret("very-secret-device-token").fingerprint, status.tokenFingerprint)
            assertEquals("#fc7939bd", status.tokenFingerprint)
        }
    }

    @Test
    fun t2_invalid_event_is_6017_and_changes_nothing() {
        PushChannel.open(apns, dataDir()).use { c ->
            c.handle(0u, PushEvent.Enable)
            assertEquals(6017, assertThrows<PushException.InvalidEvent> { c.handle(1u, PushEvent.Token(Secret(""))) }.code)
            assertEquals(PushState.NO_TOKEN, c.state())
        }
    }

    @Test
    fun t6_will_push_gives_every_reason() {
        val body = """{"SyncOtherMachine":1,"To_Account":"bob","MsgSeq":1,"MsgRandom":2,"MsgLifeTime":0,""" +
            """"MsgBody":[{"MsgType":"TIMCustomElem","MsgContent":{"Data":"{}"}}]}"""
        val verdict = willPush(body, PushContext(recipientState = RecipientState.KICKED, pushEnabled = true))
        assertFalse(verdict.willPush)
        assertEquals(
            listOf(NoPushReason.CustomWithoutDesc, NoPushReason.OnlineOnly, NoPushReason.RecipientKicked),
            verdict.reasons,
        )
        assertEquals(3, verdict.details.size)
        val text = """{"GroupId":"g1","Random":1,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi"}}]}"""
        val online = PushContext(recipientState = RecipientState.LOGGED_IN, pushEnabled = true)
        assertTrue(willPush(text, online).willPush)
        assertEquals(
            listOf<NoPushReason>(NoPushReason.ReceiveOptionSilences(ReceiveOption.RECEIVE_NOT_NOTIFY)),
            willPush(text, online.copy(receiveOption = ReceiveOption.RECEIVE_NOT_NOTIFY)).reasons,
        )
        // @-only options silence a message that does not @ the recipient, and not one that does.
        val atBob = """{"GroupId":"g1","Random":1,"GroupAtInfo":[{"GroupAtAllFlag":0,"GroupAt_Account":"bob"}],""" +
            """"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi"}}]}"""
        val atOnly = online.copy(recipient = "bob", receiveOption = ReceiveOption.NOT_NOTIFY_EXCEPT_AT)
        assertTrue(willPush(atBob, atOnly).willPush)
        assertFalse(willPush(text, atOnly).willPush)
    }

    @Test
    fun t2_actions_flow_delivers_every_action_in_order() = runTest {
        PushActions(PushChannel.open(apns, dataDir()), clock = { 42u }).use { push ->
            push.send(PushEvent.Enable)
            push.send(PushEvent.Token(Secret("abc")))
            push.send(PushEvent.Login("alice"))
            push.send(PushEvent.ReportResult(ok = true))
            push.send(PushEvent.Background(5u))
            val actions = push.actions.take(2).toList()
            assertEquals(PushAction.Report(Secret("abc"), 12345uL, "alice"), actions[0])
            assertEquals(PushAction.ReportBackground(5u), actions[1])
        }
    }
}
