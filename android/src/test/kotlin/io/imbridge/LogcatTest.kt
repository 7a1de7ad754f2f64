package io.imbridge

import io.imbridge.core.*
import android.app.Application
import android.util.Log
import org.robolectric.RuntimeEnvironment
import org.junit.After
import org.junit.Before
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.annotation.Config
import org.robolectric.shadows.ShadowLog
import kotlin.test.assertEquals
import kotlin.test.assertTrue

/** The logging bridge into logcat: tags per core module, priorities per level. */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [24, 35], manifest = Config.NONE)
class LogcatTest {
    private val app: Application = RuntimeEnvironment.getApplication()

    @Before
    fun clear() {
        ShadowLog.clear()
    }

    @After
    fun uninit() {
        runCatching { Bridge.current().uninit() }
        setLogLevel(LogLevel.INFO)
    }

    @Test
    fun core_records_reach_logcat_with_module_tag_and_priority() {
        installLogcat(LogLevel.INFO)
        inProcess(app, app.packageName)
        Bridge.initialize(app, sdkAppId = 1400000001u)
        val init = ShadowLog.getLogsForTag("imbridge/init")
        assertTrue(init.any { it.type == Log.INFO && "initialised" in it.msg }, "logcat: ${ShadowLog.getLogs().map { "${it.tag} ${it.msg}" }}")
    }

    @Test
    fun refusals_are_logged_at_warn_and_info_is_filtered_at_warn() {
        installLogcat(LogLevel.WARN)
        inProcess(app, app.packageName + ":push")
        runCatching { Bridge.initialize(app, sdkAppId = 1400000001u) }
        val logs = ShadowLog.getLogs().filter { it.tag.startsWith("imbridge") }
        assertTrue(logs.any { it.type == Log.WARN && "refused" in it.msg }, "logcat: ${logs.map { it.msg }}")
        assertTrue(logs.none { it.type == Log.INFO }, "INFO must be filtered at WARN: ${logs.map { it.msg }}")
    }

    @Test
    fun levels_map_to_logcat_priorities() {
        assertEquals(Log.ERROR, LogLevel.ERROR.logcatPriority)
        assertEquals(Log.WARN, LogLevel.WARN.logcatPriority)
        assertEquals(Log.INFO, LogLevel.INFO.logcatPriority)
        assertEquals(Log.DEBUG, LogLevel.DEBUG.logcatPriority)
        assertEquals(Log.VERBOSE, LogLevel.TRACE.logcatPriority)
    }

    @Test
    fun tag_is_imbridge_slash_module() {
        assertEquals("imbridge/push", LogRecord(LogLevel.INFO, "imbridge::push::machine", "m").logcatTag)
        assertEquals("imbridge", LogRecord(LogLevel.INFO, "imbridge", "m").logcatTag)
        assertEquals("imbridge", LogRecord(LogLevel.INFO, "", "m").logcatTag)
    }
}
