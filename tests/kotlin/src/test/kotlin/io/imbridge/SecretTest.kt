package io.imbridge

import io.imbridge.core.*
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import org.junit.jupiter.api.Test
import java.io.File
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertTrue

/** SPEC T5: one fingerprint per secret, the same in Rust, Kotlin and Swift. */
class SecretTest {
    private val vectors = File(System.getProperty("imbridge.vectors") ?: "../vectors", "secret/fingerprints.json")

    @Test
    fun t5_fingerprints_match_the_shared_vectors() {
        val entries = Vectors.json(vectors.readText()).jsonObject.getValue("vectors").jsonArray
        assertTrue(entries.size >= 5)
        for (entry in entries) {
            val secret = Secret(entry.jsonObject.getValue("secret").jsonPrimitive.content)
            val expected = entry.jsonObject.getValue("fingerprint").jsonPrimitive.content
            assertEquals(expected, secret.fingerprint, "fingerprint of '${secret.value}'")
            assertEquals("Secret($expected)", secret.toString())
        }
    }

    @Test
    fun t5_to_string_never_shows_the_value() {
        val secret = Secret("0123456789abcdef-device-token")
        assertFalse(secret.toString().contains("0123456789abcdef"))
        assertFalse(PushEvent.Token(secret).toString().contains("0123456789abcdef"))
    }
}
