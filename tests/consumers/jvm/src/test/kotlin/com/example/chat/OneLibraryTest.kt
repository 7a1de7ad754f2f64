package com.example.chat

import io.imbridge.Dispatcher
import io.imbridge.JvmFastPath
import io.imbridge.core.DispatchEvent
import io.imbridge.nativeLibraryPath
import org.junit.jupiter.api.Test
import java.io.File
import kotlin.test.assertEquals

/**
 * One copy of the native library, whichever way it is found: the jar's
 * resource, `jna.library.path` or `java.library.path` (scripts/
 * check-consumers.sh runs this class once per set-up). JNI and JNA must
 * share it, or a dispatcher made on one side is unknown to the other.
 */
class OneLibraryTest {
    @Test
    fun the_jni_fast_path_and_jna_share_one_library() {
        val jnaLibraryPath = System.getProperty("jna.library.path")
        // The fast path is on exactly when JNA's copy is a file that stays.
        assertEquals(jnaLibraryPath != null, JvmFastPath.available, "JNI fast path")
        val path = checkNotNull(nativeLibraryPath()) { "no path" }
        jnaLibraryPath?.let { dir ->
            assertEquals(File(dir).canonicalFile, File(path).canonicalFile.parentFile, "JNA took the copy on jna.library.path")
        }
        // The copies this process has mapped: the one JNA loaded (a jar's
        // copy is extracted under a temporary name, then deleted) and
        // nothing else named libimbridge.so.
        val mapped = File("/proc/self/maps").readLines()
            .map { line -> line.indexOf('/').let { if (it < 0) "" else line.substring(it).removeSuffix(" (deleted)") } }
            .filter { it.endsWith("/libimbridge.so") || it == path }
            .toSet()
        assertEquals(setOf(path), mapped, "mapped copies")
        // A dispatcher made through JNA receives through JNI.
        Dispatcher().use { d ->
            d.setUser("bob")
            var got = 0
            d.addListener { e -> if (e is DispatchEvent.NewMessages) got += e.messages.size; false }
            val report = d.receive(
                0u,
                """[{"From_Account":"alice","To_Account":"bob","MsgSeq":1,"MsgRandom":1,"MsgTime":1,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi"}}]}]""",
            )
            assertEquals(1u, report.accepted)
            assertEquals(1, got)
        }
    }
}
