package io.imbridge

import io.imbridge.core.*
import android.app.Application
import org.robolectric.RuntimeEnvironment
import org.junit.After
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.annotation.Config
import org.robolectric.shadows.ShadowApplication
import java.io.File
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNull
import kotlin.test.assertTrue

/**
 * SPEC I1–I3 on Android, against the real Android 15 framework classes:
 * what `Application.onCreate` sees in the main process and in `:push` /
 * `:remote` processes.
 */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [24, 35], manifest = Config.NONE)
class AndroidInitTest {
    private val app: Application = RuntimeEnvironment.getApplication()

    @After
    fun uninit() {
        runCatching { Bridge.current().uninit() }
    }

    /**
     * Runs the test as if in process [name]: what API 28+ reads
     * (`Application.getProcessName`) and what older releases read
     * (`ActivityManager.runningAppProcesses` for this pid).
     */
    private fun inProcess(name: String) = inProcess(app, name)

    @Test
    fun i2_main_process_is_the_application_info_process_name() {
        assertEquals(app.packageName, AndroidProcessNames.main(app))
        app.applicationInfo.processName = "com.example.chat:ui"
        assertEquals("com.example.chat:ui", AndroidProcessNames.main(app))
    }

    @Test
    fun i2_current_process_is_read_from_the_framework() {
        inProcess(app.packageName + ":push")
        assertEquals(app.packageName + ":push", AndroidProcessNames.current(app))
    }

    @Test
    fun i1_initialize_from_application_on_create_in_the_main_process() {
        inProcess(app.packageName)
        val bridge = Bridge.initialize(app, sdkAppId = 1400000001u)
        assertTrue(bridge.isSameInstance(Bridge.current()))
        // An equal config returns the live instance (I1).
        assertTrue(Bridge.initialize(app, sdkAppId = 1400000001u).isSameInstance(bridge))
    }

    @Test
    fun i3_lock_file_lives_in_files_dir() {
        inProcess(app.packageName)
        Bridge.initialize(app, sdkAppId = 1400000001u)
        assertTrue(File(app.filesDir, "imbridge.lock").isFile, "lock file in ${app.filesDir}")
    }

    @Test
    fun i2_push_process_is_refused_naming_both_processes() {
        inProcess(app.packageName + ":push")
        val e = assertFailsWith<InitException.NotMainProcess> { Bridge.initialize(app, sdkAppId = 1400000001u) }
        assertEquals(app.packageName + ":push", e.current)
        assertEquals(app.packageName, e.main)
        assertFailsWith<InitException.NotInitialised> { Bridge.current() }
    }

    @Test
    fun i2_remote_process_is_refused() {
        inProcess(app.packageName + ":remote")
        val e = assertFailsWith<InitException.NotMainProcess> { Bridge.initialize(app, sdkAppId = 1400000001u) }
        assertEquals(app.packageName + ":remote", e.current)
    }

    @Test
    fun i2_renamed_main_process_is_the_main_process() {
        val renamed = app.packageName + ":main"
        app.applicationInfo.processName = renamed
        inProcess(renamed)
        Bridge.initialize(app, sdkAppId = 1400000001u)
        inProcess(app.packageName)
        Bridge.current().uninit()
        // The package name is not the main process once the app renamed it.
        val e = assertFailsWith<InitException.NotMainProcess> { Bridge.initialize(app, sdkAppId = 1400000001u) }
        assertEquals(renamed, e.main)
    }

    @Test
    fun i2_no_main_process_name_fails_closed() {
        app.applicationInfo.processName = null
        assertNull(AndroidProcessNames.main(app))
        inProcess(app.packageName)
        assertFailsWith<InitException.UnknownProcessName> { Bridge.initialize(app, sdkAppId = 1400000001u) }
    }
}

/** [AndroidInitTest.inProcess] for any test class. */
internal fun inProcess(app: Application, name: String) {
    ShadowApplication.setProcessName(name)
    val manager = app.getSystemService(android.content.Context.ACTIVITY_SERVICE) as android.app.ActivityManager
    val info = android.app.ActivityManager.RunningAppProcessInfo(name, android.os.Process.myPid(), arrayOf(app.packageName))
    org.robolectric.Shadows.shadowOf(manager).setProcesses(listOf(info))
}
