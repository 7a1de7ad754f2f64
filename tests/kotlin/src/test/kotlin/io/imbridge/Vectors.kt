package io.imbridge

import io.imbridge.core.*
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import java.io.File

/** One entry of tests/vectors/wire/index.json, shared with the Rust and Swift suites. */
data class WireVector(
    val file: String,
    val expect: String,
    val field: String?,
    val groupType: GroupType?,
    val text: String,
) {
    val isValid get() = expect == "ok"
}

object Vectors {
    private val dir = File(System.getProperty("imbridge.vectors") ?: "../vectors", "wire")

    val wire: List<WireVector> by lazy {
        val index = Json.parseToJsonElement(File(dir, "index.json").readText()).jsonObject
        index.getValue("vectors").jsonArray.map { element ->
            val v = element.jsonObject
            val file = v.string("file")!!
            WireVector(
                file = file,
                expect = v.string("expect")!!,
                field = v.string("field"),
                groupType = v.string("group_type")?.let { name ->
                    groupTypeFromName(name) ?: error("unknown group type $name in index.json")
                },
                text = File(dir, file).readText(),
            )
        }
    }

    fun json(text: String): JsonElement = Json.parseToJsonElement(text)

    private fun JsonObject.string(key: String): String? = this[key]?.jsonPrimitive?.content
}

/**
 * The `.json` scenario files of [dir], sorted; never empty, so a scenario
 * suite cannot pass by running nothing (a folder that cannot be listed — as
 * under a 32-bit emulator on a 64-bit file system — fails here).
 */
fun scenarioFiles(dir: java.io.File): List<java.io.File> {
    val files = dir.listFiles { f -> f.name.endsWith(".json") }?.sortedBy { it.name }.orEmpty()
    check(files.isNotEmpty()) { "no scenario file could be listed in ${dir.absolutePath}" }
    return files
}
