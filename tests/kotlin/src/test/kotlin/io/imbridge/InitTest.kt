package io.imbridge

import io.imbridge.core.*
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.nio.file.Files
import java.util.Collections
import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit

/** SPEC I1–I4 and the logging bridge through the real library (one process-wide instance). */
class InitTest {
    private val dataDir = Files.createTempDirectory("imbridge-init").toString()
    private val app = "com.example.chat"

    private fun init(sdkAppId: ULong = 1400000001u, current: String? = app, main: String? = app) =
        Bridge.initialize(InitConfig(sdkAppId, dataDir), current, main)

    @AfterEach
    fun uninit() {
        runCatching { Bridge.current().uninit() }
        removeLogger()
    }

    @Test
    fun i2_init_from_a_non_main_process_is_refused_with_both_names() {
        val e = assertThrows<InitException.NotMainProcess> { init(current = "$app:push") }
        assertEquals("$app:push", e.current)
        assertEquals(app, e.main)
        assertEquals(6013, assertThrows<InitException.NotInitialised> { Bridge.current() }.code)
    }

    @Test
    fun i2_unknown_main_process_fails_closed() {
        val e = assertThrows<InitException.UnknownProcessName> { init(main = null) }
        assertEquals("main", e.which)
    }

    @Test
    fun i1_equal_config_returns_the_same_instance() {
        val a = init()
        val b = init()
        assertTrue(a.isSameInstance(b))
        assertTrue(Bridge.current().isSameInstance(a))
    }

    @Test
    fun i1_different_config_names_what_differs() {
        init()
        val e = assertThrows<InitException.ConfigMismatch> { init(sdkAppId = 1400000002u) }
        assertEquals(listOf("sdk_app_id: 1400000001 → 1400000002"), e.differences)
    }

    @Test
    fun i1_invalid_config_is_6017() {
        val e = assertThrows<InitException.InvalidConfig> { init(sdkAppId = 0u) }
        assertEquals(6017, e.code)
        assertEquals("sdk_app_id", e.field)
    }

    @Test
    fun i1_uninit_makes_handles_answer_6013_and_init_works_again() {
        val old = init()
        old.uninit()
        assertFalse(old.isAlive())
        assertEquals(6013, assertThrows<InitException.NotInitialised> { old.loginStatus() }.code)
        assertThrows<InitException.NotInitialised> { old.uninit() }
        val again = init()
        assertFalse(again.isSameInstance(old))
    }

    @Test
    fun i1_many_threads_init_at_once_get_one_instance() {
        val pool = Executors.newFixedThreadPool(8)
        val start = CountDownLatch(1)
        val results = Collections.synchronizedList(mutableListOf<Bridge>())
        repeat(8) { pool.submit { start.await(); results += init() } }
        start.countDown()
        pool.shutdown()
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS), "deadlock")
        assertEquals(8, results.size)
        assertTrue(results.all { it.isSameInstance(results[0]) })
    }

    @Test
    fun i4_calls_before_login_are_6014_and_the_flow_works() {
        val bridge = init()
        assertEquals(6014, assertThrows<InitException.NotLoggedIn> { bridge.requireLoggedIn() }.code)
        assertEquals(3, bridge.loginStatus().sdkValue)
        assertEquals(LoginState.LoggingIn("alice"), bridge.beginLogin("alice"))
        assertThrows<InitException.LoginInProgress> { bridge.beginLogin("alice") }
        bridge.loginSucceeded()
        assertTrue(bridge.loginStatus().isLoggedIn)
        assertEquals("alice", bridge.requireLoggedIn())
        val switch = assertThrows<InitException.SwitchUserRequiresLogout> { bridge.beginLogin("bob") }
        assertEquals("alice", switch.current)
        bridge.beginLogout()
        bridge.logoutCompleted()
        assertEquals(LoginState.LoggingIn("bob"), bridge.beginLogin("bob"))
    }

    @Test
    fun i4_kicked_and_sig_expired_end_the_session() {
        val bridge = init()
        for ((code, why) in listOf(6208 to SessionEnd.KICKED_OFFLINE, 70001 to SessionEnd.USER_SIG_EXPIRED)) {
            bridge.beginLogin("alice")
            bridge.loginSucceeded()
            assertTrue(bridge.sessionEnded(code))
            val status = bridge.loginStatus()
            assertEquals(LoginState.LoggedOut, status.state)
            assertEquals(why, status.lastSessionEnd)
        }
        assertEquals(6017, assertThrows<InitException.InvalidConfig> { bridge.sessionEnded(6014) }.code)
    }

    @Test
    fun logging_delivers_core_records_filtered_by_level() {
        val records = Collections.synchronizedList(mutableListOf<LogRecord>())
        installLogger(LogLevel.INFO) { records += it }
        init()
        assertTrue(records.any { it.target == "imbridge::init" && it.level == LogLevel.INFO && "initialised" in it.message })
        records.clear()
        setLogLevel(LogLevel.WARN)
        Bridge.current().beginLogin("alice")
        assertTrue(records.none { it.level == LogLevel.INFO }, "INFO must be filtered at WARN: $records")
        assertThrows<InitException.LoginInProgress> { Bridge.current().beginLogin("alice") }
        assertTrue(records.any { it.level == LogLevel.WARN && "refused" in it.message })
    }

    @Test
    fun logging_survives_a_throwing_sink_and_reinstalling() {
        installLogger(LogLevel.TRACE) { throw IllegalStateException("sink failure") }
        init().beginLogin("alice") // logs through the throwing sink; must not throw here
        val records = Collections.synchronizedList(mutableListOf<LogRecord>())
        installLogger(LogLevel.TRACE) { records += it }
        Bridge.current().loginSucceeded()
        assertTrue(records.isNotEmpty())
    }
}
