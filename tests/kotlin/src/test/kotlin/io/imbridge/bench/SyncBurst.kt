package io.imbridge.bench

/**
 * The login-sync burst: what the service delivers after login or a
 * reconnect — [MESSAGES] messages in batches of [BATCH], C2C and group,
 * text / custom / image, about 2% duplicates (the same message again) and
 * about 1% that must not be delivered (another recipient, a group the user
 * has not joined). Deterministic, so every implementation sees the same
 * bytes. Swift's bench builds the same burst (ios/Sources/IMBridgeBench).
 */
object SyncBurst {
    const val MESSAGES = 10_000
    const val BATCH = 100
    const val USER = "bob"
    val JOINED = listOf("@TGS#team", "@TGS#family", "@TGS#work")

    /** The burst as JSON arrays, one per batch. */
    val batches: List<String> by lazy { (0 until MESSAGES).map(::message).chunked(BATCH).map { it.joinToString(",", "[", "]") } }

    /** The same batches as UTF-8, as a transport hands them over. */
    val batchBytes: List<ByteArray> by lazy { batches.map { it.encodeToByteArray() } }

    /** Message [i]: every 50th repeats an earlier one, every 100th (offset 17) goes astray. */
    private fun message(i: Int): String {
        if (i % 50 == 49) return message(i - 7)
        val astray = i % 100 == 17
        val body = body(i)
        return if (i % 3 == 0) {
            val group = if (astray) "@TGS#not-joined" else JOINED[i % JOINED.size]
            """{"GroupId":"$group","From_Account":"user${i % 40}","MsgSeq":${i + 1},"Random":${i * 7919 + 13},""" +
                """"MsgTime":1700000000,"MsgBody":$body}"""
        } else {
            val to = if (astray) "carol" else USER
            """{"From_Account":"user${i % 40}","To_Account":"$to","MsgSeq":${i + 1},"MsgRandom":${i * 7919 + 13},""" +
                """"MsgTime":1700000000,"MsgBody":$body}"""
        }
    }

    private fun body(i: Int): String = when (i % 10) {
        7 -> """[{"MsgType":"TIMCustomElem","MsgContent":{"Data":"{\"kind\":\"order\",\"id\":$i}","Desc":"New order"}}]"""
        8 -> """[{"MsgType":"TIMImageElem","MsgContent":{"UUID":"img$i","ImageFormat":1,"ImageInfoArray":[""" +
            """{"Type":1,"Size":1024,"Width":800,"Height":600,"URL":"https://cdn.example.com/$i/o.jpg"},""" +
            """{"Type":3,"Size":64,"Width":198,"Height":148,"URL":"https://cdn.example.com/$i/t.jpg"}]}}]"""
        else -> """[{"MsgType":"TIMTextElem","MsgContent":{"Text":"message $i from the sync, with some text: é"}}]"""
    }
}
