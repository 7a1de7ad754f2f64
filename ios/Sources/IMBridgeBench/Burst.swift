// The login-sync burst and cold start rows of the Swift bench.
import Foundation
import IMBridge

/// Who the first listener got, in order (`sender:seq`); filled in the checking run only.
final class Delivered: @unchecked Sendable {
    var keys: [String] = []
}

/// The library's `Dispatcher` with the burst's three listeners. It holds
/// their handles, since a released handle unregisters its listener.
final class LibraryBurst {
    let dispatcher = Dispatcher()
    private var handles: [ListenerHandle] = []

    init(_ delivered: Delivered?) {
        dispatcher.setUser(userId: SyncBurst.user)
        for group in SyncBurst.joined { dispatcher.joinGroup(groupId: group) }
        handles.append(dispatcher.addListener { event in
            if let delivered, case let .newMessages(messages) = event {
                delivered.keys += messages.map { "\($0.fromAccount):\($0.msgSeq)" }
            }
            return false
        })
        for _ in 0..<2 { handles.append(dispatcher.addListener { _ in false }) }
    }

    /// Receives every batch; returns how many messages were delivered.
    func run(_ batches: [String]) throws -> Int {
        for batch in batches { _ = try dispatcher.receive(nowMs: 0, messagesJson: batch) }
        return Int(dispatcher.stats().delivered)
    }
}

/// The Swift driver as it was before the flat frame: `DispatchCore.receive`
/// with UniFFI's generic record lifting, then every listener in turn.
final class GenericLiftingDriver {
    let core = DispatchCore(mode: .observer, buffer: 1000)
    private var listeners: [UInt64: (DispatchEvent) -> Bool] = [:]
    var delivered = 0

    init(listeners count: Int, user: String = "bob", groups: [String] = []) {
        core.setUser(userId: user)
        for group in groups { core.joinGroup(groupId: group) }
        for _ in 0..<count {
            listeners[core.addListener().id] = { [unowned self] event in
                if case let .newMessages(messages) = event { self.delivered &+= messages.count }
                return false
            }
        }
    }

    func receive(nowMs: UInt64, _ json: String) throws {
        for delivery in try core.receive(nowMs: nowMs, messagesJson: json, arrivedOn: nil).deliveries {
            for id in delivery.listeners { _ = listeners[id]?(delivery.event) }
        }
    }
}

func codableDispatcher(_ delivered: Delivered?) -> SwiftDispatcher<CodableMessages.Message> {
    let d = CodableMessages.dispatcher(user: SyncBurst.user, groups: Set(SyncBurst.joined))
    d.addListener { m in delivered?.keys.append("\(m.fromAccount):\(m.msgSeq)"); sink.consume(m.msgSeq) }
    for _ in 0..<2 { d.addListener { m in sink.consume(m.msgSeq) } }
    return d
}

func dictionaryDispatcher(_ delivered: Delivered?) -> SwiftDispatcher<[String: Any]> {
    let d = DictionaryMessages.dispatcher(user: SyncBurst.user, groups: Set(SyncBurst.joined))
    d.addListener { m in
        delivered?.keys.append("\(m["From_Account"] as? String ?? ""):\(m["MsgSeq"] as? Int ?? 0)")
        sink.consume(m.count)
    }
    for _ in 0..<2 { d.addListener { m in sink.consume(m.count) } }
    return d
}

func runBurst() throws {
    let batches = SyncBurst.batches
    // The same deliveries, in the same order, from all three.
    let expected = Delivered()
    _ = try LibraryBurst(expected).run(batches)
    precondition(expected.keys.count == SyncBurst.messages - 300, "2% duplicates and 1% astray are not delivered")
    let viaCodable = Delivered()
    let c = codableDispatcher(viaCodable)
    for batch in batches { try c.receive(nowMs: 0, batch) }
    precondition(viaCodable.keys == expected.keys, "Codable must deliver what the library delivers")
    let viaDictionaries = Delivered()
    let j = dictionaryDispatcher(viaDictionaries)
    for batch in batches { try j.receive(nowMs: 0, batch) }
    precondition(viaDictionaries.keys == expected.keys, "JSONSerialization must deliver what the library delivers")

    // A fresh dispatcher per burst: a burst arrives after login, on an empty dedup window.
    let n = SyncBurst.messages
    try measure("burst_library", perCall: n, minMessages: 5 * n) {
        try LibraryBurst(nil).run(batches)
    }
    try measure("burst_library_generic_lifting", perCall: n, minMessages: 5 * n) {
        let d = GenericLiftingDriver(listeners: 3, user: SyncBurst.user, groups: SyncBurst.joined)
        for batch in batches { try d.receive(nowMs: 0, batch) }
        return d.delivered
    }
    try measure("burst_codable", perCall: n, minMessages: 5 * n) {
        let d = codableDispatcher(nil)
        for batch in batches { try d.receive(nowMs: 0, batch) }
        return d.delivered
    }
    try measure("burst_jsonserialization", perCall: n, minMessages: 5 * n) {
        let d = dictionaryDispatcher(nil)
        for batch in batches { try d.receive(nowMs: 0, batch) }
        return d.delivered
    }
}

/// One cold start in this fresh process: prints "<ns to the first encoded
/// message> <ns to the first delivered message>". The library is linked
/// when the process starts; this times its first calls (UniFFI's
/// initialisation included) against the baselines' first calls.
func coldStart(_ which: String) throws {
    let start = DispatchTime.now().uptimeNanoseconds
    let encoded: String
    switch which {
    case "library": encoded = try encodeC2cTexts(toAccounts: ["bob"], texts: ["hello"], msgSeqs: [1], msgRandoms: [1])[0].json
    case "codable": encoded = try SendBaselines.codable(to: "bob", text: "hello", seq: 1, random: 1)
    default: encoded = try SendBaselines.jsonSerialization(to: "bob", text: "hello", seq: 1, random: 1)
    }
    let firstEncode = DispatchTime.now().uptimeNanoseconds - start
    let batch = #"[{"From_Account":"alice","To_Account":"bob","MsgSeq":1,"MsgRandom":1,"MsgTime":1700000000,"#
        + #""MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hello"}}]}]"#
    let got = Delivered()
    switch which {
    case "library":
        let d = Dispatcher()
        d.setUser(userId: "bob")
        let handle = d.addListener { _ in got.keys.append("1"); return false }
        _ = try d.receive(nowMs: 0, messagesJson: batch)
        withExtendedLifetime(handle) {}
    case "codable":
        let d = CodableMessages.dispatcher(user: "bob", groups: [])
        d.addListener { _ in got.keys.append("1") }
        try d.receive(nowMs: 0, batch)
    default:
        let d = DictionaryMessages.dispatcher(user: "bob", groups: [])
        d.addListener { _ in got.keys.append("1") }
        try d.receive(nowMs: 0, batch)
    }
    let firstDelivery = DispatchTime.now().uptimeNanoseconds - start
    precondition(got.keys.count == 1 && !encoded.isEmpty, "nothing delivered")
    print("\(firstEncode) \(firstDelivery)")
}

/// Median of 5 fresh processes per implementation.
func runColdStarts() throws {
    for which in ["library", "codable", "jsonserialization"] {
        var encodes: [Double] = []
        var deliveries: [Double] = []
        for _ in 0..<5 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
            process.arguments = ["--cold", which]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            process.waitUntilExit()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let parts = output.split(whereSeparator: \.isWhitespace).compactMap { Double($0) }
            precondition(process.terminationStatus == 0 && parts.count == 2, "cold start \(which) failed: \(output)")
            encodes.append(parts[0])
            deliveries.append(parts[1])
        }
        record("cold_first_encode_\(which)", encodes.sorted()[2])
        record("cold_first_delivery_\(which)", deliveries.sorted()[2])
    }
}
