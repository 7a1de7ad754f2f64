package io.imbridge.bench

import io.imbridge.Dispatcher
import io.imbridge.FastPath
import io.imbridge.JvmFastPath

/**
 * One cold start, run in a fresh JVM by [BaselineBench]: prints
 * "<ns to the first encoded message> <ns to the first delivered message>".
 * For the library that includes `System.loadLibrary` (JNI) and JNA's
 * initialisation (the first UniFFI call); for the baselines, loading the
 * JSON library's classes.
 */
fun main(args: Array<String>) {
    val start = System.nanoTime()
    var delivered = 0
    val encoded = when (args.single()) {
        "library" -> {
            check(JvmFastPath.available) { "JNI entry points not loaded" }
            FastPath.encodeC2cText("bob", "hello", 1u, 1u)
        }
        "kotlinx" -> SendBaselines.kotlinx("bob", "hello", 1, 1)
        "orgjson" -> SendBaselines.orgJson("bob", "hello", 1, 1)
        else -> error("library, kotlinx or orgjson")
    }
    val firstEncode = System.nanoTime() - start
    val batch = """[{"From_Account":"alice","To_Account":"bob","MsgSeq":1,"MsgRandom":1,"MsgTime":1700000000,""" +
        """"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hello"}}]}]"""
    when (args.single()) {
        "library" -> Dispatcher().use { d ->
            d.setUser("bob")
            d.addListener { delivered++; false }
            d.receive(0u, batch.encodeToByteArray())
        }
        "kotlinx" -> KotlinxDispatcher("bob", emptySet()).apply { addListener { delivered++ } }.receive(0, batch)
        else -> OrgJsonDispatcher("bob", emptySet()).apply { addListener { delivered++ } }.receive(0, batch)
    }
    val firstDelivery = System.nanoTime() - start
    check(delivered == 1 && encoded.isNotEmpty()) { "nothing delivered" }
    println("$firstEncode $firstDelivery")
}
