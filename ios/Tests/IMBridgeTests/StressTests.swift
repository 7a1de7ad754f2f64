import Foundation
import XCTest
import IMBridge

/// Reliability under load: 8 threads for a bounded time (IMBRIDGE_STRESS_SECONDS,
/// default 3) mixing dispatch (two dispatchers on the one delivery path),
/// listener add/remove, outbox admission and push events on shared objects.
/// No crash, no deadlock (a watchdog fails the test), and every count
/// conserved. Figures go to target/reliability/stress-swift.json.
final class StressTests: XCTestCase {
    func test_eight_threads_mixing_every_shared_object_conserve_every_count() throws {
        let seconds = Double(ProcessInfo.processInfo.environment["IMBRIDGE_STRESS_SECONDS"] ?? "") ?? 3
        let plain = Dispatcher()
        plain.setUser(userId: "bob")
        let fast = Dispatcher()
        fast.setUser(userId: "bob")
        let plainSeen = Tally()
        let fastSeen = Tally()
        // Per message: how often each permanent listener saw each sender id.
        let plainCounts = (0..<3).map { _ in Counts() }
        let fastCounts = (0..<3).map { _ in Counts() }
        let plainAccepted = Counts()
        let fastAccepted = Counts()
        var handles: [ListenerHandle] = []
        for i in 0..<3 {
            handles.append(plain.addListener { event in
                if case let .newMessages(m) = event { plainSeen.add(m.count); plainCounts[i].add(m.map(\.fromAccount)) }
                return false
            })
            handles.append(fast.addListener { event in
                if case let .newMessages(m) = event { fastSeen.add(m.count); fastCounts[i].add(m.map(\.fromAccount)) }
                return false
            })
        }
        let outbox = try Outbox(limits: OutboxLimits(maxQueuedTotal: 500))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("imbridge-stress-\(UUID().uuidString)").path
        let push = try PushChannel.open(config: PushChannelConfig(vendor: .fcm, businessId: 1, appVersion: "1.0"), dataDir: dir)
        let accepted = [Tally(), Tally()]
        let outgoing = Tally()
        let refused = Tally()
        let pushEvents = Tally()
        let failures = Tally()
        let seq = Tally()
        let deadline = Date().addingTimeInterval(seconds)
        let done = DispatchGroup()
        // Eight real threads: GCD would run only as many at once as there are cores.
        for t in 0..<8 {
            done.enter()
            Thread {
                var round: UInt64 = 0
                while Date() < deadline {
                    round += 1
                    let ids = (0..<20).map { _ -> (String, String) in
                        let s = seq.add(1)
                        return ("s\(s % 7 == 0 ? s - 1 : s)", s % 5 == 0 ? "eve" : "bob")
                    }
                    let batch = "[" + ids.map { from, to in
                        #"{"From_Account":"\#(from)","To_Account":"\#(to)","MsgSeq":1,"MsgRandom":1,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"m"}}]}"#
                    }.joined(separator: ",") + "]"
                    func accept(_ report: ReceiveReport, into: Counts) -> Int {
                        let gone = Set(report.dropped.map { Int($0.index) })
                        into.add(ids.enumerated().filter { !gone.contains($0.offset) }.map { $0.element.0 })
                        return Int(report.accepted)
                    }
                    do {
                        switch t % 4 {
                        case 0: accepted[0].add(accept(try plain.receive(nowMs: 0, messagesJson: batch), into: plainAccepted))
                        case 1: accepted[1].add(accept(try fast.receive(nowMs: 0, messagesJson: batch), into: fastAccepted))
                        case 2:
                            plain.addListener { _ in false }.remove()
                            fast.addListener { _ in false }.remove()
                            let priorities: [Priority] = [.high, .normal, .low, .lowest]
                            let messages = (0..<10).map { i in
                                OutgoingMessage(id: "t\(t)-\(round)-\(i)", conversation: .c2c(userId: "u\(i % 50)"), priority: priorities[i % 4])
                            }
                            outgoing.add(messages.count)
                            refused.add(outbox.admit(nowMs: round, messages: messages).filter {
                                if case .refused = $0 { return true } else { return false }
                            }.count)
                            _ = outbox.poll(nowMs: round * 1000)
                        default:
                            let events: [PushEvent] = [.enable, .token(token: Secret("tok\(round)")), .login(userId: "u\(t)"),
                                                       .reportResult(ok: round % 3 != 0, retryable: true, reason: nil), .tick, .logout]
                            for event in events {
                                do { _ = try push.handle(nowMs: round, event: event) } catch is PushError {}
                                pushEvents.add(1)
                            }
                        }
                    } catch {
                        failures.add(1)
                    }
                }
                done.leave()
            }.start()
        }
        XCTAssertEqual(done.wait(timeout: .now() + seconds + 60), .success, "watchdog: threads still running (deadlock?)")
        XCTAssertEqual(failures.value, 0)
        XCTAssertEqual(plainSeen.value, 3 * accepted[0].value)
        XCTAssertEqual(fastSeen.value, 3 * accepted[1].value)
        // Exactly once per message, not just in total: every accepted message
        // (each accepted once), and nothing else, reached each listener once.
        for (acceptedIds, counts) in [(plainAccepted, plainCounts), (fastAccepted, fastCounts)] {
            XCTAssertEqual(acceptedIds.snapshot.filter { $0.value != 1 }, [:], "accepted more than once")
            for seen in counts {
                XCTAssertEqual(Set(seen.snapshot.keys), Set(acceptedIds.snapshot.keys), "the messages a listener saw")
                XCTAssertEqual(seen.snapshot.filter { $0.value != 1 }, [:], "seen more than once")
            }
        }
        let stats = plain.stats()
        XCTAssertEqual(stats.received, stats.dropped.values.reduce(0, +) + UInt64(accepted[0].value))
        // Drain: a poll releases what one window allows, so poll until empty.
        var drainAt = UInt64.max / 4
        for _ in 0..<10_000 where outbox.stats().queued > 0 {
            _ = outbox.poll(nowMs: drainAt)
            drainAt += 1_000
        }
        let o = outbox.stats()
        XCTAssertEqual(o.queued, 0, "drained")
        XCTAssertEqual(UInt64(outgoing.value), o.admitted + o.refused)
        XCTAssertEqual(o.admitted, o.released + o.shed + o.queued)
        XCTAssertEqual(UInt64(refused.value), o.refused)
        XCTAssertEqual(handles.count, 6, "the permanent listeners stayed registered throughout")
        let out = Vectors.wireDir.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("target/reliability")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let json = #"{"lang":"swift","threads":8,"seconds":\#(seconds),"messages_received":\#(stats.received + fast.stats().received),"deliveries":\#(plainSeen.value + fastSeen.value),"outgoing":\#(outgoing.value),"released":\#(o.released),"shed":\#(o.shed),"refused":\#(o.refused),"queued_after_drain":\#(o.queued),"push_events":\#(pushEvents.value),"failures":0}"#
        try json.write(to: out.appendingPathComponent("stress-swift.json"), atomically: true, encoding: .utf8)
    }
}

/// A counter shared by threads; `add` returns the new total.
private final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    @discardableResult
    func add(_ n: Int) -> Int { lock.withLock { count += n; return count } }
    var value: Int { lock.withLock { count } }
}

/// How often each string was seen, shared by threads.
private final class Counts: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [String: Int] = [:]
    func add(_ keys: [String]) { lock.withLock { for k in keys { counts[k, default: 0] += 1 } } }
    var snapshot: [String: Int] { lock.withLock { counts } }
}
