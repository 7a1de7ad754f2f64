import Foundation
import XCTest
import IMBridge

/// SPEC D1–D7 with listeners written in Swift, through the real library.
final class DispatchTests: XCTestCase {
    private func c2c(_ seq: Int, to: String = "bob") -> String {
        #"{"From_Account":"alice","To_Account":"\#(to)","MsgSeq":\#(seq),"MsgRandom":\#(seq),"MsgTime":1700000000,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi"}}]}"#
    }

    private func dispatcher() -> Dispatcher {
        let d = Dispatcher()
        d.setUser(userId: "bob")
        d.joinGroup(groupId: "g1")
        return d
    }

    func test_d3_a_batch_is_one_swift_call() throws {
        let d = dispatcher()
        let sizes = Counter()
        _ = d.addListener { event in
            if case let .newMessages(messages) = event { sizes.add(messages.count) }
            return false
        }
        let report = try d.receive(nowMs: 0, messages: (1...100).map { c2c($0) })
        XCTAssertEqual(report.accepted, 100)
        XCTAssertEqual(sizes.values, [100])
    }

    func test_d3_a_json_array_batch_crosses_as_one_string() throws {
        let d = dispatcher()
        let sizes = Counter()
        _ = d.addListener { event in
            if case let .newMessages(messages) = event { sizes.add(messages.count) }
            return false
        }
        let array = "[" + (1...50).map { c2c($0) }.joined(separator: ",") + "]"
        XCTAssertEqual(try d.receiveArray(nowMs: 0, messagesJson: array).accepted, 50)
        XCTAssertEqual(sizes.values, [50])
        XCTAssertThrowsError(try d.receiveArray(nowMs: 0, messagesJson: "["))
    }

    func test_d4_every_undelivered_message_has_a_reason() throws {
        let d = dispatcher()
        _ = d.addListener { _ in false }
        let report = try d.receive(nowMs: 0, messages: [c2c(1), c2c(1), c2c(2, to: "dave"), "{broken"])
        XCTAssertEqual(report.accepted, 1)
        XCTAssertEqual(report.dropped.map(\.reason), [.duplicate, .misrouted, .malformed])
        XCTAssertEqual(d.stats().dropped["duplicate"], 1)
    }

    func test_d6_a_throwing_listener_is_counted_and_the_others_run() throws {
        struct Boom: Error {}
        let d = dispatcher()
        _ = d.addListener { _ in throw Boom() }
        let got = Counter()
        _ = d.addListener { _ in got.add(1); return false }
        _ = try d.receive(nowMs: 0, messages: [c2c(1)])
        XCTAssertEqual(got.values, [1])
        XCTAssertEqual(d.stats().listenerFailures, 1)
    }

    func test_d5_a_listener_removes_itself_while_being_called() throws {
        let d = dispatcher()
        let calls = Counter()
        let box = HandleBox()
        box.handle = d.addListener { [c2c = self.c2c(2)] _ in
            calls.add(1)
            _ = box.handle?.remove()
            _ = try? d.receive(nowMs: 1, messages: [c2c])
            return false
        }
        _ = try d.receive(nowMs: 0, messages: [c2c(1)])
        XCTAssertEqual(calls.values.count, 1)
        XCTAssertEqual(d.listenerCount(), 0)
    }

    func test_d7_messages_wait_for_the_first_listener() throws {
        let d = Dispatcher(mode: nil, buffer: 2)
        d.setUser(userId: "bob")
        _ = try d.receive(nowMs: 0, messages: [c2c(1), c2c(2), c2c(3)])
        XCTAssertEqual(d.stats().buffered, 2)
        XCTAssertEqual(d.stats().dropped["overflow"], 1)
        let sizes = Counter()
        _ = d.addListener { event in
            if case let .newMessages(m) = event { sizes.add(m.count) }
            return false
        }
        XCTAssertEqual(sizes.values, [2])
    }

    func test_d5_receivers_on_several_threads() async throws {
        let d = dispatcher()
        let total = Counter()
        for _ in 0..<3 {
            _ = d.addListener { event in
                if case let .newMessages(m) = event { total.add(m.count) }
                return false
            }
        }
        let perThread = (0..<8).map { t in (0..<50).map { i in c2c(t * 1000 + i) } }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for messages in perThread {
                group.addTask {
                    for m in messages { _ = try d.receive(nowMs: 0, messages: [m]) }
                }
            }
            try await group.waitForAll()
        }
        XCTAssertEqual(total.values.reduce(0, +), 3 * 8 * 50)
    }

    func test_d3_stream_delivers_batches_and_ending_it_removes_the_listener() async throws {
        let d = dispatcher()
        let task = Task { () -> [IncomingMessage]? in
            for await batch in d.messages() { return batch }
            return nil
        }
        for _ in 0..<5000 where d.listenerCount() == 0 { try await Task.sleep(nanoseconds: 1_000_000) }
        _ = try d.receive(nowMs: 0, messages: [c2c(1), c2c(2)])
        let batch = await task.value
        XCTAssertEqual(batch?.count, 2)
        XCTAssertEqual(batch?.first?.conversation, "c2c_alice")
        for _ in 0..<5000 where d.listenerCount() != 0 { try await Task.sleep(nanoseconds: 1_000_000) }
        XCTAssertEqual(d.listenerCount(), 0, "ending the iteration removes the listener")
    }
}

/// Thread-safe collector of integers.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Int] = []
    func add(_ n: Int) { lock.lock(); items.append(n); lock.unlock() }
    var values: [Int] { lock.lock(); defer { lock.unlock() }; return items }
}

/// Lets a listener refer to its own handle.
final class HandleBox: @unchecked Sendable {
    var handle: ListenerHandle?
}
