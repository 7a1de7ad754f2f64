import Foundation
import IMBridge

/// Replays a scenario of tests/vectors/outbox/ through the Swift-facing
/// ``Outbox`` API, with the same rules as `imbridge outbox simulate`.
enum OutboxScenarios {
    static let dir = Vectors.wireDir.deletingLastPathComponent().appendingPathComponent("outbox")

    static func all() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    static func expected(_ scenario: URL) throws -> [String] {
        let url = scenario.deletingPathExtension().appendingPathExtension("expected.jsonl")
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    private struct Arrival { let index: Int; let id: String; let at: UInt64; let conversation: String; let priority: Priority }

    static func replay(_ scenario: URL) throws -> [String] {
        let root = try JSONSerialization.jsonObject(with: Data(contentsOf: scenario)) as! [String: Any]
        let l = root["limits"] as? [String: Any] ?? [:]
        func num(_ key: String, _ d: Int) -> Int { (l[key] as? NSNumber)?.intValue ?? d }
        let outbox = try Outbox(limits: OutboxLimits(
            groupPerWindow: UInt32(num("group_per_window", 40)),
            c2cPerWindow: UInt32(num("c2c_per_window", 5)),
            lowestMaxWaitMs: UInt64(num("lowest_max_wait_ms", 2000)),
            maxQueuedPerConversation: UInt32(num("max_queued_per_conversation", 1000)),
            maxQueuedTotal: UInt32(num("max_queued_total", 100_000))
        ))
        for (c, n) in (l["per_conversation"] as? [String: Any] ?? [:]) {
            try outbox.setConversationLimit(conversation: try conversationIdParse(text: c), perSec: UInt32((n as! NSNumber).intValue))
        }
        let until = UInt64((root["until_ms"] as! NSNumber).uint64Value)
        var arrivals = (root["messages"] as! [[String: Any]]).enumerated().map { i, m in
            Arrival(index: i, id: m["id"] as! String, at: (m["at_ms"] as! NSNumber).uint64Value,
                    conversation: m["conversation"] as! String, priority: priority(m["priority"] as? String ?? "Normal"))
        }.sorted { ($0.at, $0.index) < ($1.at, $1.index) }

        var out: [String] = []
        func shed(_ s: ShedMessage) { out.append(#"{"id":"\#(s.id)","shed_ms":\#(s.shedMs),"reason":"\#(s.detail)"}"#) }
        var lastPoll: UInt64?
        while true {
            let arrival = arrivals.first?.at
            guard let now = [arrival, outbox.nextPollMs()].compactMap({ $0 }).min() else { break }
            if now > until || (lastPoll == now && arrival != now) { break }
            lastPoll = now
            while let a = arrivals.first, a.at == now {
                arrivals.removeFirst()
                let admission = outbox.admit(nowMs: now, messages: [OutgoingMessage(id: a.id, conversation: try conversationIdParse(text: a.conversation), priority: a.priority)])
                if case let .refused(code, _) = admission[0] { out.append(#"{"id":"\#(a.id)","refused":\#(code)}"#) }
                outbox.takeShed().forEach(shed)
            }
            let poll = outbox.poll(nowMs: now)
            let waited = poll.shed.filter { if case .waitExceeded = $0.reason { return true } else { return false } }
            poll.shed.filter { if case .queueFull = $0.reason { return true } else { return false } }.forEach(shed)
            poll.released.forEach { out.append(#"{"id":"\#($0.id)","sent_ms":\#($0.releasedMs)}"#) }
            waited.forEach(shed)
        }
        outbox.queued().forEach { out.append(#"{"id":"\#($0.id)","queued":true}"#) }
        arrivals.forEach { out.append(#"{"id":"\#($0.id)","queued":true}"#) }
        return out
    }

    static func priority(_ name: String) -> Priority {
        switch name {
        case "High": return .high
        case "Low": return .low
        case "Lowest": return .lowest
        default: return .normal
        }
    }
}
