package io.imbridge

import io.imbridge.core.*
import java.nio.ByteBuffer

/**
 * JNI entry points for the batch paths where a JNA crossing (microseconds)
 * would cost more than the work: incoming dispatch and text encoding.
 * Everything else goes through the UniFFI API.
 *
 * One copy of the library serves both, however it is found. On Android,
 * [System.loadLibrary] and JNA both load `libimbridge.so` from the app's
 * native library directory, which the linker loads once. On a desktop JVM,
 * JNA finds it by itself (the jar's resource, extracted to a temporary
 * file; `jna.library.path`; the system paths), so the JNI side asks that
 * copy where it lives ([nativeLibraryPath]) and loads exactly that file:
 * `System.loadLibrary` could find another file on `java.library.path`, a
 * second copy with its own dispatchers. When JNA's copy was extracted from
 * the jar (and deleted by JNA once loaded), or loading fails, [available]
 * is `false` and [Dispatcher] and [FastPath] fall back to the UniFFI calls
 * that do the same work, so nothing breaks — it is slower. Put the library
 * on `jna.library.path` to have both on one file.
 *
 * Results cross as one byte array in UniFFI's own serialisation: byte 0 is
 * 0 and the value follows, or 1 and a [MessageException] follows.
 */
object JvmFastPath {
    /** Whether the JNI entry points are loaded. */
    val available: Boolean = try {
        if (onAndroid()) {
            System.loadLibrary("imbridge")
            true
        } else {
            val file = jnaCopy()
            if (file != null) System.load(file)
            file != null
        }
    } catch (e: UnsatisfiedLinkError) {
        false
    } catch (e: SecurityException) {
        false
    }

    /**
     * The file JNA loaded the library from (loading it through JNA first),
     * or `null` when that file is gone: JNA deletes the copy it extracts
     * from a jar once loaded, and loading any other file would make a
     * second copy. Then the fast path stays off and the UniFFI calls do the
     * work; a library on `jna.library.path` keeps it on.
     */
    private fun jnaCopy(): String? = nativeLibraryPath()?.takeIf { java.io.File(it).isFile }

    private fun onAndroid(): Boolean = System.getProperty("java.vm.vendor").orEmpty().contains("Android", ignoreCase = true) ||
        System.getProperty("java.vm.name").orEmpty().contains("Dalvik", ignoreCase = true)

    /** Does nothing: the floor under every JNI crossing. */
    @JvmStatic external fun noop()

    // @JvmName keeps the JNI symbol free of Kotlin's internal-name mangling.
    @JvmStatic @JvmName("receive") internal external fun receive(
        dispatcher: Long,
        nowMs: Long,
        messages: ByteArray,
        arrivedOn: String?,
    ): ByteArray?

    // @JvmName keeps the JNI symbol free of Kotlin's internal-name mangling.
    @JvmStatic @JvmName("encodeC2cText") internal external fun encodeC2cText(
        toAccount: ByteArray,
        text: ByteArray,
        msgSeq: Int,
        msgRandom: Int,
    ): ByteArray?

    // @JvmName keeps the JNI symbol free of Kotlin's internal-name mangling.
    @JvmStatic @JvmName("encodeC2cTexts") internal external fun encodeC2cTexts(
        toAccounts: Array<String>,
        texts: Array<String>,
        msgSeqs: IntArray,
        msgRandoms: IntArray,
    ): ByteArray?

    /**
     * Reads a result frame: the value (read by [readValue], a generated
     * converter's `read` of either UniFFI component), or the typed error
     * thrown.
     */
    internal fun <T> read(frame: ByteArray?, readValue: (ByteBuffer) -> T): T {
        // A null frame means the JNI call left a Java exception pending, which
        // the JVM has already thrown by the time this line could run.
        val buffer = ByteBuffer.wrap(checkNotNull(frame) { "imbridge: JNI call returned no frame" })
        return when (val tag = buffer.get().toInt()) {
            0 -> readValue(buffer)
            1 -> throw FfiConverterTypeMessageError.read(buffer)
            else -> error("imbridge: unknown JNI frame tag $tag")
        }
    }
}

/**
 * M3 text messages built and encoded through JNI when it is loaded, through
 * UniFFI otherwise; the same JSON either way.
 */
object FastPath {
    /**
     * One C2C text message as `sendmsg` takes it. Throws [MessageException]
     * (6016 empty text, 8001 too large, 6017 no recipient).
     */
    fun encodeC2cText(toAccount: String, text: String, msgSeq: UInt, msgRandom: UInt): String =
        if (JvmFastPath.available) {
            JvmFastPath.read(
                // UTF-8 bytes cross faster than strings (no modified-UTF-8 round trip).
                JvmFastPath.encodeC2cText(
                    utf8(toAccount),
                    utf8(text),
                    msgSeq.toInt(),
                    msgRandom.toInt(),
                ),
                FfiConverterString::read,
            )
        } else {
            val row = io.imbridge.encodeC2cTexts(listOf(toAccount), listOf(text), listOf(msgSeq), listOf(msgRandom)).single()
            row.error?.let { throw it }
            row.json
        }

    /**
     * Many C2C text messages in one crossing: row `i` is `toAccounts[i]`,
     * `texts[i]`, `msgSeqs[i]` (u32 bits), `msgRandoms[i]` (u32 bits). Each row
     * succeeds or fails alone, in order. Columns of different lengths throw
     * `InvalidField` (6017).
     */
    fun encodeC2cTexts(
        toAccounts: Array<String>,
        texts: Array<String>,
        msgSeqs: IntArray,
        msgRandoms: IntArray,
    ): List<EncodedText> =
        if (JvmFastPath.available) {
            JvmFastPath.read(
                // Strings cross as modified UTF-8, in which a lone surrogate
                // would decode to three U+FFFD: replace it here, once.
                JvmFastPath.encodeC2cTexts(wellFormed(toAccounts), wellFormed(texts), msgSeqs, msgRandoms),
                FfiConverterSequenceTypeEncodedText::read,
            )
        } else {
            io.imbridge.encodeC2cTexts(
                toAccounts.asList(),
                texts.asList(),
                msgSeqs.map { it.toUInt() },
                msgRandoms.map { it.toUInt() },
            )
        }
}

/**
 * [text] with every unpaired surrogate (half of an emoji, e.g. after
 * truncation) replaced by U+FFFD, as on every other path into Rust; [text]
 * itself when it has none (no copy). Valid surrogate pairs are kept.
 */
internal fun wellFormed(text: String): String {
    var i = 0
    while (i < text.length && !Character.isSurrogate(text[i])) i++
    if (i == text.length) return text
    val out = StringBuilder(text.length).append(text, 0, i)
    while (i < text.length) {
        val c = text[i]
        if (Character.isHighSurrogate(c) && i + 1 < text.length && Character.isLowSurrogate(text[i + 1])) {
            out.append(c).append(text[i + 1])
            i += 2
            continue
        }
        out.append(if (Character.isSurrogate(c)) '\uFFFD' else c)
        i++
    }
    return out.toString()
}

/** [texts] with [wellFormed] applied; the same array when nothing changes. */
internal fun wellFormed(texts: Array<String>): Array<String> {
    var copy: Array<String>? = null
    for (i in texts.indices) {
        val fixed = wellFormed(texts[i])
        if (fixed !== texts[i]) {
            if (copy == null) copy = texts.copyOf()
            copy[i] = fixed
        }
    }
    return copy ?: texts
}

/**
 * UTF-8 bytes of [text] for the JNI calls, unpaired surrogates as U+FFFD
 * (not the `?` that `String.encodeToByteArray()` writes on the JVM).
 */
internal fun utf8(text: String): ByteArray = wellFormed(text).encodeToByteArray()
