package io.imbridge

import io.imbridge.core.InitException
import io.imbridge.core.MessageException
import io.imbridge.core.OutboxException
import io.imbridge.core.PushException
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.TestFactory
import java.lang.reflect.Modifier

/**
 * X3: every case of every exception is safe to print — `toString`,
 * `message`, `code`, `codeOrName`, `kind` — and reads the same as in
 * Swift. The cases are enumerated by reflection over each sealed class's
 * nested subclasses, each built with placeholder fields, so a case added
 * to the core is checked without touching this file.
 */
class ErrorsPrintingTest {
    private val domains = listOf(
        MessageException::class.java,
        InitException::class.java,
        PushException::class.java,
        OutboxException::class.java,
    )

    /** One instance of [case], every field a placeholder of its JVM type. */
    private fun construct(case: Class<*>): ImbridgeException {
        val constructor = case.declaredConstructors.maxByOrNull { it.parameterCount }
            ?: error("${case.name} has no constructor")
        constructor.isAccessible = true
        val args = constructor.parameterTypes.map { type ->
            when {
                type == String::class.java -> "x"
                type == Int::class.javaPrimitiveType -> 0x8000
                type == Long::class.javaPrimitiveType -> 1L shl 32
                type == Boolean::class.javaPrimitiveType -> false
                type.isEnum -> type.enumConstants.first()
                type == UInt::class.java -> 0x8000u // a nullable field, boxed
                type == ULong::class.java -> 1uL shl 32
                type == java.lang.Integer::class.java -> 0x8000
                type == java.lang.Long::class.java -> 1L shl 32
                type == List::class.java -> listOf("x")
                type == Map::class.java -> mapOf("x" to "y")
                type.name == "kotlin.jvm.internal.DefaultConstructorMarker" -> null // of a synthetic constructor
                else -> error("${case.name}: no placeholder for a field of type ${type.name}")
            }
        }
        return constructor.newInstance(*args.toTypedArray()) as ImbridgeException
    }

    /** The independent statement of a kind: the case's name in snake case. */
    private fun expectedKind(case: Class<*>): String = when (case.simpleName) {
        "RandomReused" -> "duplicate_random" // the CLI's name since M7 shipped
        else -> case.simpleName.replace(Regex("([a-z0-9])([A-Z])"), "$1_$2").lowercase()
    }

    @TestFactory
    fun x3_every_case_of_every_exception_is_safe_to_print(): List<DynamicTest> = domains.flatMap { domain ->
        val cases = domain.declaredClasses.filter { domain.isAssignableFrom(it) && !Modifier.isAbstract(it.modifiers) }
        assertTrue(cases.isNotEmpty(), "no case of ${domain.simpleName} found")
        cases.map { case ->
            DynamicTest.dynamicTest("${domain.simpleName}.${case.simpleName}") {
                val e = construct(case)
                assertEquals(expectedKind(case), e.kind)
                assertEquals(e.code?.toString() ?: e.kind, e.codeOrName)
                assertEquals(e.detail, e.message)
                assertTrue(e.detail.isNotBlank(), "blank detail")
                assertEquals("${domain.simpleName}.${e.kind}[${e.codeOrName}]: ${e.detail}", e.toString())
                assertTrue(e.code == null || e.code in 6000..99999, "code ${e.code}")
                assertEquals(e.code != null, e.errorCode != null, "errorCode ${e.errorCode}")
            }
        }
    }
}
