// The Swift rows of BENCHMARKS.md, from a release-built executable
// (`scripts/bench.sh` runs `swift run -c release IMBridgeBench`).
// Each row is warmed up, then timed 7 times; the median is reported in
// nanoseconds per message. Rows go to stdout and, as JSON lines, to the
// file named by IMBRIDGE_BENCH_OUT. IMBRIDGE_BENCH_SCALE shortens a run.
import Foundation
import IMBridge

let env = ProcessInfo.processInfo.environment
let scale = Double(env["IMBRIDGE_BENCH_SCALE"] ?? "1") ?? 1
let outPath = env["IMBRIDGE_BENCH_OUT"]

func record(_ row: String, _ ns: Double) {
    print("bench " + row.padding(toLength: 48, withPad: " ", startingAt: 0) + String(format: "%10.1f ns/msg", ns))
    if let path = outPath, let line = "{\"lang\":\"swift\",\"row\":\"\(row)\",\"ns\":\(ns)}\n".data(using: .utf8) {
        if let handle = FileHandle(forWritingAtPath: path) {
            handle.seekToEndOfFile()
            handle.write(line)
            handle.closeFile()
        } else {
            _ = FileManager.default.createFile(atPath: path, contents: line)
        }
    }
}

@discardableResult
func measure(_ row: String, perCall: Int, minMessages: Int = 200_000, _ body: () throws -> Void) rethrows -> Double {
    let calls = max(1, Int(Double(minMessages) * scale) / perCall)
    for _ in 0..<calls { try body() }
    var samples: [Double] = []
    for _ in 0..<7 {
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<calls { try body() }
        samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / Double(calls * perCall))
    }
    let median = samples.sorted()[3]
    record(row, median)
    return median
}

/// (d) plain Swift: the same `sendmsg` JSON built by hand, as UTF-8 bytes.
func plainSwift(to: String, text: String, seq: UInt32, random: UInt32) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(112 + text.utf8.count)
    out.append(contentsOf: #"{"SyncOtherMachine":1,"To_Account":"#.utf8)
    quote(&out, to)
    out.append(contentsOf: #","MsgSeq":"#.utf8)
    out.append(contentsOf: String(seq).utf8)
    out.append(contentsOf: #","MsgRandom":"#.utf8)
    out.append(contentsOf: String(random).utf8)
    out.append(contentsOf: #","MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"#.utf8)
    quote(&out, text)
    out.append(contentsOf: "}}]}".utf8)
    return String(decoding: out, as: UTF8.self)
}

func quote(_ out: inout [UInt8], _ value: String) {
    out.append(UInt8(ascii: "\""))
    for byte in value.utf8 {
        switch byte {
        case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
        case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
        case UInt8(ascii: "\n"): out.append(contentsOf: #"\n"#.utf8)
        case UInt8(ascii: "\r"): out.append(contentsOf: #"\r"#.utf8)
        case UInt8(ascii: "\t"): out.append(contentsOf: #"\t"#.utf8)
        case 0..<0x20: out.append(contentsOf: String(format: "\\u%04x", byte).utf8)
        default: out.append(byte)
        }
    }
    out.append(UInt8(ascii: "\""))
}

let texts = (0..<100).map { "message number \($0), with some text: \"quoted\" é" }
let library = try encodeC2cTexts(toAccounts: ["bob"], texts: [texts[1]], msgSeqs: [1], msgRandoms: [1])[0].json
precondition(library == plainSwift(to: "bob", text: texts[1], seq: 1, random: 1), "the reference must build the same JSON")

measure("a_noop_uniffi", perCall: 1, minMessages: 2_000_000) { noop() }

var i: UInt32 = 0
try measure("b_encode_one_uniffi_record", perCall: 1) {
    i &+= 1
    _ = try encodeC2cMessage(message: C2cMessage(
        toAccount: "bob", msgSeq: i, msgRandom: i,
        msgBody: [.text(text: texts[Int(i & 63)])], syncOtherMachine: .sync
    ))
}
try measure("b_encode_one_flat", perCall: 1) {
    i &+= 1
    _ = try encodeC2cTexts(toAccounts: ["bob"], texts: [texts[Int(i & 63)]], msgSeqs: [i], msgRandoms: [i])
}
let to = Array(repeating: "bob", count: 100)
let seqs = (0..<100).map { UInt32($0) }
try measure("c_encode_batch100_flat", perCall: 100) {
    _ = try encodeC2cTexts(toAccounts: to, texts: texts, msgSeqs: seqs, msgRandoms: seqs)
}
measure("d_encode_plain_swift", perCall: 1) {
    i &+= 1
    _ = plainSwift(to: "bob", text: texts[Int(i & 63)], seq: i, random: i)
}

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
    }
    record("e_per_listener_fast_plans_batch\(batch)", planned / Double(listeners))

    // What one more listener costs: the same pipeline with 1 listener.
    let single = Dispatcher()
    single.setUser(userId: "bob")
    let singleHandle = single.addListener { _ in false }
    let one = try measure("e_dispatch_fast_plans_1_listener_batch\(batch)", perCall: 100, minMessages: 100_000) {
        now += 300_001
        for json in arrays { try single.receive(nowMs: now, messagesJson: json) }
    }
    record("e_marginal_listener_fast_plans_batch\(batch)", (planned - one) / Double(listeners - 1))
    precondition(handles.count == listeners && singleHandle.id > 0)
}
