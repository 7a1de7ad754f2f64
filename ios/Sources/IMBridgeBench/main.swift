// The Swift rows of BENCHMARKS.md, from a release-built executable
// (`scripts/bench.sh` runs `swift run -c release IMBridgeBench`). Rows go
// to stdout and, as JSON lines, to the file named by IMBRIDGE_BENCH_OUT;
// IMBRIDGE_BENCH_SCALE shortens a run. `IMBridgeBench --cold WHICH` is one
// cold start, run in a fresh process by the cold-start rows.
import Foundation
import IMBridge

if let flag = CommandLine.arguments.firstIndex(of: "--cold") {
    try coldStart(CommandLine.arguments[flag + 1])
    exit(0)
}

let texts = (0..<100).map { "message number \($0), with some text: \"quoted\" é" }

// MARK: sending one message: the library against Codable, JSONSerialization and the floor

let library = try encodeC2cTexts(toAccounts: ["bob"], texts: [texts[1]], msgSeqs: [1], msgRandoms: [1])[0].json
let floorJSON = try SendBaselines.floor(to: "bob", text: texts[1], seq: 1, random: 1)
let codableJSON = try SendBaselines.codable(to: "bob", text: texts[1], seq: 1, random: 1)
let dictionaryJSON = try SendBaselines.jsonSerialization(to: "bob", text: texts[1], seq: 1, random: 1)
precondition(library == floorJSON, "the floor must build the library's JSON")
precondition(sameJSON(library, codableJSON), "Codable must build the library's JSON")
precondition(sameJSON(library, dictionaryJSON), "JSONSerialization must build the library's JSON")

measure("a_noop_uniffi", perCall: 1, minMessages: 2_000_000) { noop(); return 1 }

var i: UInt32 = 0
try measure("b_encode_one_uniffi_record", perCall: 1) {
    i &+= 1
    return try encodeC2cMessage(message: C2cMessage(
        syncOtherMachine: .sync, toAccount: "bob", msgSeq: i, msgRandom: i,
        msgBody: [.text(TextElem(text: texts[Int(i & 63)]))]
    )).utf8.count
}
try measure("b_encode_one_flat", perCall: 1) {
    i &+= 1
    return try encodeC2cTexts(toAccounts: ["bob"], texts: [texts[Int(i & 63)]], msgSeqs: [i], msgRandoms: [i])[0].json.utf8.count
}
let to = Array(repeating: "bob", count: 100)
let seqs = (0..<100).map { UInt32($0) }
try measure("c_encode_batch100_flat", perCall: 100) {
    try encodeC2cTexts(toAccounts: to, texts: texts, msgSeqs: seqs, msgRandoms: seqs).count
}
try measure("d_encode_plain_swift", perCall: 1) {
    i &+= 1
    return try SendBaselines.floor(to: "bob", text: texts[Int(i & 63)], seq: i, random: i).utf8.count
}
try measure("send_codable", perCall: 1, minMessages: 50_000) {
    i &+= 1
    return try SendBaselines.codable(to: "bob", text: texts[Int(i & 63)], seq: i, random: i).utf8.count
}
try measure("send_jsonserialization", perCall: 1, minMessages: 50_000) {
    i &+= 1
    return try SendBaselines.jsonSerialization(to: "bob", text: texts[Int(i & 63)], seq: i, random: i).utf8.count
}

// MARK: dispatch rows: a pipeline of 100 messages, 1 and 3 listeners

func c2c(_ seq: Int) -> String {
    #"{"From_Account":"alice","To_Account":"bob","MsgSeq":\#(seq),"MsgRandom":\#(seq),"MsgTime":1700000000,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hello \#(seq)"}}]}"#
}

let listeners = 3
for batch in [1, 100] {
    let messages = (0..<100).map(c2c)
    let arrays = stride(from: 0, to: 100, by: batch).map { "[" + messages[$0..<min($0 + batch, 100)].joined(separator: ",") + "]" }

    var now: UInt64 = 0
    let fast = Dispatcher()
    fast.setUser(userId: "bob")
    let handles = (0..<listeners).map { _ in fast.addListener { _ in false } }
    let planned = try measure("e_dispatch_fast_plans_batch\(batch)", perCall: 100, minMessages: 100_000) {
        now += 300_001
        for json in arrays { try fast.receive(nowMs: now, messagesJson: json) }
        return Int(fast.stats().delivered)
    }
    record("e_per_listener_fast_plans_batch\(batch)", planned / Double(listeners))

    // Before the flat frame: the same core, its receipt lifted by UniFFI's
    // generic reader, the listeners called in a loop.
    let generic = GenericLiftingDriver(listeners: listeners)
    let lifted = try measure("e_dispatch_generic_lifting_batch\(batch)", perCall: 100, minMessages: 100_000) {
        now += 300_001
        for json in arrays { try generic.receive(nowMs: now, json) }
        return generic.delivered
    }
    record("e_per_listener_generic_lifting_batch\(batch)", lifted / Double(listeners))

    // What one more listener costs: the same pipeline with 1 listener.
    let single = Dispatcher()
    single.setUser(userId: "bob")
    let singleHandle = single.addListener { _ in false }
    let one = try measure("e_dispatch_fast_plans_1_listener_batch\(batch)", perCall: 100, minMessages: 100_000) {
        now += 300_001
        for json in arrays { try single.receive(nowMs: now, messagesJson: json) }
        return Int(single.stats().delivered)
    }
    record("e_marginal_listener_fast_plans_batch\(batch)", (planned - one) / Double(listeners - 1))
    precondition(handles.count == listeners && singleHandle.id > 0)
}

// MARK: the login-sync burst: the library against pure-Swift dispatchers of the same rules

try runBurst()
try runColdStarts()
print("bench sink \(sink.value)")
