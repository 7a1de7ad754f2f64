package io.imbridge

import io.imbridge.core.*
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.io.File
import java.nio.file.Files

/** SPEC G: export a snapshot from live objects and diagnose it. */
class DoctorTest {
    @AfterEach
    fun uninit() {
        runCatching { Bridge.current().uninit() }
    }

    @Test
    fun g_snapshot_of_a_live_instance_is_diagnosed() {
        val data = Files.createTempDirectory("imbridge-doctor").toString()
        val bridge = Bridge.initialize(InitConfig(1400000001u, data), "com.example.chat", "com.example.chat")
        bridge.beginLogin("bob")
        bridge.loginSucceeded()
        val dispatcher = Dispatcher().apply { setUser("bob") }
        val channel = PushChannel.open(
            PushChannelConfig(PushVendor.FCM, 12345u, "1.0"), data,
        )
        channel.handle(0u, PushEvent.Enable)
        channel.handle(1u, PushEvent.Token(Secret("fcm-token")))
        val snapshot = exportSnapshot(
            bridge, dispatcher.core, listOf(channel),
            AppFacts(
                mainProcess = "com.example.chat",
                messageBodyJson = """{"SyncOtherMachine":1,"From_Account":"alice","To_Account":"bob","MsgSeq":1,"MsgRandom":2,""" +
                    """"MsgBody":[{"MsgType":"TIMCustomElem","MsgContent":{"Data":"{}"}}]}""",
                messageStatus = 2, serverKey = "1_2_3", notificationsEnabled = true, platform = "android",
                openConversation = "c2c_alice",
            ),
        )
        assertTrue(!snapshot.contains("fcm-token"), "tokens never in snapshots")
        val ids = diagnose(snapshot).map { it.id }
        // No policy facts were given: the checks that need them are named as not run.
        assertEquals(
            listOf("q2.no_listener", "q3.token_not_reported", "q3.app_state_not_reported", "q3.custom_without_desc", "g.not_checked"),
            ids,
        )
        val notChecked = diagnose(snapshot).last()
        assertEquals(Severity.INFO, notChecked.severity)
        assertEquals("not checked — no policy: x2.blocklisted_shown_as_sent, x1.beyond_retention", notChecked.evidence)
        assertEquals(
            listOf("q2.recipient_not_logged_in", "g.not_checked"),
            Bridge.current().apply { beginLogout(); logoutCompleted() }.diagnose().map { it.id },
        )
        val finding = diagnose(snapshot).first()
        assertEquals(Severity.ERROR, finding.severity)
        assertTrue(finding.fix.isNotBlank())
    }

    @Test
    fun g_example_snapshots_diagnose_the_same_in_kotlin() {
        val dir = File(System.getProperty("imbridge.vectors") ?: "../vectors").resolve("../../examples/snapshots")
        assertEquals(emptyList<Finding>(), diagnose(File(dir, "healthy.json").readText()))
        for (rule in doctorRules()) {
            val ids = diagnose(File(dir, "${rule.id}.json").readText()).map { it.id }
            assertEquals(listOf(rule.id), ids, rule.id)
        }
    }

    @Test
    fun g_malformed_snapshot_is_6017() {
        val e = assertThrows<MessageException.InvalidField> { diagnose("""{"version":1,"recipient":{"logged_in_user":5}}""") }
        assertEquals(6017, e.code)
    }
}
