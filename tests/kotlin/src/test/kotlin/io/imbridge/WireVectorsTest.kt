package io.imbridge

import io.imbridge.core.*
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.DynamicTest.dynamicTest
import org.junit.jupiter.api.TestFactory
import org.junit.jupiter.api.assertThrows

/** The shared wire vectors through the real library: same verdicts as Rust and Swift. */
class WireVectorsTest {
    @TestFactory
    fun m1_m4_valid_vectors_round_trip_unchanged(): List<DynamicTest> =
        Vectors.wire.filter { it.isValid }.map { v ->
            dynamicTest(v.file) {
                val out = checkSendBody(v.text, v.groupType)
                assertEquals(Vectors.json(v.text), Vectors.json(out))
            }
        }

    @TestFactory
    fun m3_m4_valid_vectors_survive_the_typed_records(): List<DynamicTest> =
        Vectors.wire.filter { it.isValid }.map { v ->
            dynamicTest(v.file) {
                // GroupId makes a group body (directed when it has To_Account, M4).
                val out = if (v.text.contains("\"GroupId\"")) {
                    GroupMessage.decode(v.text).encode(v.groupType)
                } else {
                    C2cMessage.decode(v.text).encode()
                }
                assertEquals(Vectors.json(v.text), Vectors.json(out))
            }
        }

    @TestFactory
    fun x3_invalid_vectors_fail_with_their_code_and_field(): List<DynamicTest> =
        Vectors.wire.filter { !it.isValid }.map { v ->
            dynamicTest(v.file) {
                val e = assertThrows<MessageException> { checkSendBody(v.text, v.groupType) }
                assertEquals(v.expect, e.codeOrName, e.detail)
                v.field?.let { field ->
                    assertTrue(e is MessageException.InvalidField, "expected a field error, got $e")
                    assertEquals(field, (e as MessageException.InvalidField).field)
                }
            }
        }
}
