package io.imbridge

import io.imbridge.core.*
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.File
import java.lang.reflect.InvocationTargetException
import java.lang.reflect.Method
import java.lang.reflect.Modifier
import java.lang.reflect.ParameterizedType
import java.lang.reflect.Proxy
import java.lang.reflect.Type
import java.nio.file.Files

/**
 * Panic audit: every exported function, and every method of the exported
 * objects, called with hostile arguments — empty, huge (1 MiB), unpaired
 * UTF-16 surrogates, NUL, malformed JSON, negative and extreme numbers,
 * NaN, empty and 10,000-element lists, every enum value. One argument is
 * hostile at a time, the others sensible, so each reaches the check it is
 * aimed at. Each call must return, or throw the library's typed exception;
 * never `InternalException` (a caught Rust panic) or anything else.
 *
 * A string with an unpaired surrogate crosses with U+FFFD in its place, so
 * a `CharacterCodingException` (what UniFFI's own lowering would throw) is
 * a failure like any other. Figures per function go to
 * `target/reliability/audit-kotlin.jsonl`.
 */
class PanicAuditTest {
    private val typed = listOf(
        MessageException::class.java, PushException::class.java, OutboxException::class.java,
        InitException::class.java, LogSinkException::class.java,
    )

    private val hostileStrings = listOf(
        "", " ", "x".repeat(1 shl 20), "\uD800", "a\uDC00b", "\u0000", "{\"", "[1e309]", "c2c_", "group_",
        "é👋", "null", "-1",
        // Nesting 10,000 deep, and 10 MB.
        "[".repeat(10_000) + "]".repeat(10_000), "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000),
        "y".repeat(10 shl 20),
    )

    private class Tally(var calls: Int = 0, var ok: Int = 0, var typed: Int = 0)

    private val tallies = sortedMapOf<String, Tally>()
    private val failures = mutableListOf<String>()

    private fun benign(type: Type): Any? {
        val raw = rawClass(type)
        return when {
            raw == String::class.java -> "c2c_bob"
            raw == java.lang.Long.TYPE || raw == java.lang.Long::class.java -> 1L
            raw == Integer.TYPE || raw == Integer::class.java -> 1
            raw == java.lang.Short.TYPE -> 1.toShort()
            raw == java.lang.Byte.TYPE -> 1.toByte()
            raw == java.lang.Boolean.TYPE || raw == java.lang.Boolean::class.java -> false
            raw == java.lang.Double.TYPE -> 1.0
            raw == java.lang.Float.TYPE -> 1.0f
            raw == ByteArray::class.java -> ByteArray(1)
            raw == IntArray::class.java -> intArrayOf(1)
            raw.isArray -> java.lang.reflect.Array.newInstance(raw.componentType, 1).also {
                java.lang.reflect.Array.set(it, 0, benign(raw.componentType))
            }
            List::class.java.isAssignableFrom(raw) -> emptyList<Any?>()
            Map::class.java.isAssignableFrom(raw) -> emptyMap<Any?, Any?>()
            raw.isEnum -> raw.enumConstants.first()
            raw == UInt::class.java -> 1u
            raw == ULong::class.java -> 1uL
            raw.isInterface -> listenerProxy(raw)
            raw.isSealed -> raw.permittedSubclasses.firstNotNullOfOrNull { instance(it) }
            else -> instance(raw)
        }
    }

    private fun hostile(type: Type): List<Any?> {
        val raw = rawClass(type)
        return when {
            raw == String::class.java -> hostileStrings
            raw == java.lang.Long.TYPE -> listOf(0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE)
            raw == Integer.TYPE -> listOf(0, -1, Int.MAX_VALUE, Int.MIN_VALUE)
            raw == java.lang.Short.TYPE -> listOf(0.toShort(), (-1).toShort())
            raw == java.lang.Byte.TYPE -> listOf(0.toByte(), (-1).toByte())
            raw == java.lang.Double.TYPE -> listOf(Double.NaN, Double.POSITIVE_INFINITY, -0.0, -Double.MAX_VALUE)
            raw == java.lang.Float.TYPE -> listOf(Float.NaN, Float.NEGATIVE_INFINITY)
            raw == ByteArray::class.java -> listOf(ByteArray(0), byteArrayOf(0xC3.toByte()), "[".repeat(10_000).encodeToByteArray())
            raw == IntArray::class.java -> listOf(IntArray(0), intArrayOf(-1, Int.MIN_VALUE))
            raw.isArray -> listOf(
                java.lang.reflect.Array.newInstance(raw.componentType, 0),
                java.lang.reflect.Array.newInstance(raw.componentType, 3).also { a ->
                    repeat(3) { java.lang.reflect.Array.set(a, it, benign(raw.componentType)) }
                },
            ) + hostile(raw.componentType).take(4).map { v ->
                java.lang.reflect.Array.newInstance(raw.componentType, 1).also { java.lang.reflect.Array.set(it, 0, v) }
            }
            List::class.java.isAssignableFrom(raw) -> {
                val element = (type as? ParameterizedType)?.actualTypeArguments?.first()
                if (element == null) {
                    listOf(emptyList<Any?>())
                } else {
                    val one = benign(element)
                    listOf(emptyList(), List(10_000) { one }) + hostile(element).take(4).map { listOf(it) }
                }
            }
            raw.isEnum -> raw.enumConstants.toList()
            raw.isSealed -> raw.permittedSubclasses.flatMap { sub -> variants(sub) }
            !raw.isInterface && !raw.isPrimitive && raw.name.startsWith("io.imbridge.") -> variants(raw)
            else -> emptyList()
        }
    }

    private fun rawClass(type: Type): Class<*> = when (type) {
        is Class<*> -> type
        is ParameterizedType -> type.rawType as Class<*>
        is java.lang.reflect.WildcardType -> rawClass(type.upperBounds.first())
        else -> Any::class.java
    }

    private fun listenerProxy(iface: Class<*>): Any = Proxy.newProxyInstance(iface.classLoader, arrayOf(iface)) { _, m, _ ->
        when (m.returnType) {
            java.lang.Boolean.TYPE -> false
            else -> null
        }
    }

    private fun constructorOf(c: Class<*>) =
        c.declaredConstructors.filter { !it.isSynthetic }.maxByOrNull { it.parameterCount }?.also { it.isAccessible = true }

    /** A sensible instance of a record or variant (`object`s by their INSTANCE). */
    private fun instance(c: Class<*>): Any? {
        c.declaredFields.firstOrNull { it.name == "INSTANCE" && Modifier.isStatic(it.modifiers) }?.let { return it.get(null) }
        val ctor = constructorOf(c) ?: return null
        return runCatching { ctor.newInstance(*ctor.genericParameterTypes.map { benign(it) }.toTypedArray()) }.getOrNull()
    }

    /** The sensible instance, then one per field with that field hostile. */
    private fun variants(c: Class<*>): List<Any?> {
        c.declaredFields.firstOrNull { it.name == "INSTANCE" && Modifier.isStatic(it.modifiers) }?.let { return listOf(it.get(null)) }
        val ctor = constructorOf(c) ?: return emptyList()
        val params = ctor.genericParameterTypes
        val base = params.map { benign(it) }
        val out = mutableListOf<Any?>()
        runCatching { ctor.newInstance(*base.toTypedArray()) }.onSuccess { out += it }
        for ((i, p) in params.withIndex()) {
            // Shallow: nested records stay sensible, so the sweep stays finite.
            val raw = rawClass(p)
            val values = if (raw == String::class.java || raw.isPrimitive || raw.isEnum) hostile(p).take(5) else emptyList()
            for (v in values) {
                val args = base.toMutableList().also { it[i] = v }
                runCatching { ctor.newInstance(*args.toTypedArray()) }.onSuccess { out += it }
            }
        }
        return out
    }

    private fun call(name: String, target: Any?, method: Method) {
        val params = method.genericParameterTypes
        val base = params.map { benign(it) }
        val argSets = mutableListOf(base)
        for ((i, p) in params.withIndex()) {
            for (v in hostile(p)) argSets += base.toMutableList().also { it[i] = v }
        }
        val tally = tallies.getOrPut(name) { Tally() }
        for (args in argSets) {
            tally.calls++
            try {
                method.invoke(target, *args.toTypedArray())
                tally.ok++
            } catch (e: InvocationTargetException) {
                val cause = e.targetException
                when {
                    typed.any { it.isInstance(cause) } -> tally.typed++
                    else -> failures += "$name(${args.joinToString { describe(it) }}) threw $cause"
                }
            }
        }
    }

    private fun describe(v: Any?): String = when (v) {
        is String -> if (v.length > 40) "\"${v.take(10)}…\"(${v.length})" else "\"$v\""
        is List<*> -> "list(${v.size})"
        else -> v.toString().take(60)
    }

    private val skipped = setOf(
        // Global logger state, exercised by InitTest (a throwing sink included).
        "installLogger", "removeLogger", "setLogLevel",
        // Needs a live Bridge (global); hostile snapshots are fuzzed in Rust.
        "exportSnapshot",
        "use", "uniffiEnsureInitialized",
    )

    private fun auditable(m: Method) = Modifier.isPublic(m.modifiers) && !m.isSynthetic && !m.isBridge &&
        !m.name.contains('$') && m.name.substringBefore('-') !in skipped && !m.name.startsWith("uniffi") &&
        m.name !in setOf("close", "destroy", "equals", "hashCode", "toString", "getCleanable", "getHandle")

    private fun objectsUnderAudit(): List<Any> {
        return listOf(
            DispatchCore().apply { setUser("bob") },
            Outbox(),
            MessageBodyBuilder(),
            MentionListBuilder(GroupType.entries.first()),
            RandomTracker(7uL),
            PushChannel.open(PushChannelConfig(PushVendor.FCM, 1u, "1.0"), Files.createTempDirectory("imbridge-audit").toString()),
            // The JNI fast path (the only unsafe code) and the Kotlin drivers over it.
            FastPath,
            Dispatcher().apply { setUser("bob") },
        )
    }

    @Test
    fun every_exported_function_ends_in_a_value_or_a_typed_exception() {
        val functions = Class.forName("io.imbridge.ImbridgeKt").declaredMethods
            .filter { Modifier.isStatic(it.modifiers) && auditable(it) }
        assertTrue(functions.size >= 25, "found only ${functions.size} exported functions")
        for (f in functions.sortedBy { it.name }) call(f.name.substringBefore('-'), null, f)

        for (obj in objectsUnderAudit()) {
            val methods = obj.javaClass.methods.filter { !Modifier.isStatic(it.modifiers) && auditable(it) && it.declaringClass == obj.javaClass }
            for (m in methods.sortedBy { it.name }) call("${obj.javaClass.simpleName}.${m.name.substringBefore('-')}", obj, m)
            (obj as? AutoCloseable)?.close()
        }

        val out = File(System.getProperty("imbridge.vectors") ?: "../vectors").resolve("../../target/reliability")
        out.mkdirs()
        File(out, "audit-kotlin.jsonl").writeText(
            tallies.entries.joinToString("\n", postfix = "\n") { (name, t) ->
                """{"lang":"kotlin","function":"$name","calls":${t.calls},"ok":${t.ok},"typed_error":${t.typed},""" +
                    """"other":0}"""
            },
        )
        assertEquals(emptyList<String>(), failures.take(20), "${failures.size} calls ended in something else")
        assertTrue(tallies.values.sumOf { it.typed } > 100, "the hostile arguments reached the typed checks")
    }
}
