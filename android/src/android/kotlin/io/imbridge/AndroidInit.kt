package io.imbridge

import io.imbridge.core.*
import android.app.ActivityManager
import android.app.Application
import android.content.Context
import android.os.Build
import android.os.Process
import java.io.File
import java.io.IOException

/**
 * The process names SPEC I2 decides on, resolved the ways Android allows.
 * Android-only: the JVM-safe entry point is [Bridge.Companion.initialize]
 * with both names passed explicitly.
 */
object AndroidProcessNames {
    /**
     * The main process: `applicationInfo.processName`. Not the package name:
     * `android:process` on `<application>` renames the main process.
     */
    fun main(context: Context): String? = context.applicationInfo.processName?.takeIf { it.isNotBlank() }

    /**
     * This process: `Process.myProcessName()` (API 33+),
     * `Application.getProcessName()` (28+), then
     * `ActivityManager.runningAppProcesses` (the framework's answer for
     * this pid), then `/proc/self/cmdline`; `null` when none tells, and
     * init then fails closed.
     */
    fun current(context: Context): String? {
        if (Build.VERSION.SDK_INT >= 33) {
            Process.myProcessName().takeIf { it.isNotBlank() }?.let { return it }
        }
        if (Build.VERSION.SDK_INT >= 28) {
            Application.getProcessName()?.takeIf { it.isNotBlank() }?.let { return it }
        }
        return fromActivityManager(context) ?: fromProcCmdline()
    }

    private fun fromProcCmdline(): String? = try {
        File("/proc/self/cmdline").readBytes()
            .takeWhile { it != 0.toByte() }.toByteArray()
            .toString(Charsets.UTF_8).trim().ifEmpty { null }
    } catch (e: IOException) {
        null
    } catch (e: SecurityException) {
        null
    }

    private fun fromActivityManager(context: Context): String? = try {
        val manager = context.getSystemService(Context.ACTIVITY_SERVICE) as? ActivityManager
        val pid = Process.myPid()
        manager?.runningAppProcesses?.firstOrNull { it.pid == pid }?.processName
    } catch (e: SecurityException) {
        null
    }
}

/**
 * SPEC I1–I3 on Android: initialises in the main process only. Call it
 * from `Application.onCreate`; in a `:push` or `:remote` process it throws
 * [InitException.NotMainProcess] naming both processes — catch it and skip
 * the SDK there.
 */
fun Bridge.Companion.initialize(context: Context, sdkAppId: ULong): Bridge =
    Bridge.initialize(
        InitConfig(sdkAppId, context.filesDir.absolutePath),
        AndroidProcessNames.current(context),
        AndroidProcessNames.main(context),
    )
