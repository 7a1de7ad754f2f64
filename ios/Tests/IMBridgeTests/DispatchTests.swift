import Foundation
import XCTest
import IMBridge

/// SPEC D1–D7 with listeners written in Swift, through the real library:
/// the core decides, the Swift `Dispatcher` calls its listeners.
final class DispatchTests: XCTestCase {
    private func c2c(_ seq: Int, to: String = "bob") -> String {
        #"{"From_Account":"alice","To_Account":"\#(to)","MsgSeq":\#(seq),"MsgRandom":\#(seq),"MsgTime":1700000000,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi"}}]}"#
    }

    private func batch(_ messages: String...) -> String {
        "[" + messages.joined(separator: ",") + "]"
    }

    /// A listener adding the size of every batch to `counter`.
    private func counting(_ counter: Counter) -> @Sendable (DispatchEvent) throws -> Bool {
        { event in
            if case let .newMessages(messages) = event { counter.add(messages.count) }
            return false
        }
    }

    private func dispatcher() -> Dispatcher {
        let d = Dispatcher()
        d.setUser(userId: "bob")
        d.joinGroup(groupId: "g1")
        return d
    }

    /// Nothing received is lost: every field of a received message reaches the listener.
    func test_d3_every_field_of_a_received_message_reaches_the_listener() throws {
        let c2c = #"{"From_Account":"alice","To_Account":"bob","MsgSeq":3729430001,"MsgRandom":9,"MsgTime":1700000000,"MsgKey":"1_2_3","OnlineOnlyFlag":0,"CloudCustomData":"{\"k\":1}","EventTime":1700000000123,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi"}}]}"#
        let group = #"{"GroupId":"g1","From_Account":"carol","MsgSeq":7,"Random":3,"MsgTime":1,"To_Account":["bob"],"TopicId":"t1","CloudCustomData":"x","OnlineOnlyFlag":1,"Type":"Public","MsgBody":[]}"#
        let d = dispatcher()
        let seen = Received()
        let handle = d.addListener { event in
            if case let .newMessages(messages) = event { seen.add(messages) }
            return false
        }
        _ = try d.receive(nowMs: 0, messagesJson: batch(c2c, group))
        let messages = seen.messages
        XCTAssertEqual(messages.count, 2)
        let m = messages[0], g = messages[1]
        XCTAssertEqual(m.msgSeq, 3_729_430_001)
        XCTAssertEqual(m.msgKey, "1_2_3")
        XCTAssertEqual(m.cloudCustomData, #"{"k":1}"#)
        XCTAssertEqual(m.onlineOnlyFlag, false)
        XCTAssertEqual(m.extra, ["EventTime": "1700000000123"])
        XCTAssertEqual(g.directedTo, ["bob"])
        XCTAssertEqual(g.topicId, "t1")
        XCTAssertEqual(g.cloudCustomData, "x")
        XCTAssertEqual(g.onlineOnlyFlag, true)
        XCTAssertEqual(g.extra, ["Type": #""Public""#])
        withExtendedLifetime(handle) {}
    }

    func test_d3_a_batch_is_one_call_per_listener() throws {
        let d = dispatcher()
        let counter = Counter()
        let handles = (0..<3).map { _ in d.addListener(counting(counter)) }
        let report = try d.receive(nowMs: 0, messagesJson: "[" + (1...100).map { c2c($0) }.joined(separator: ",") + "]")
        XCTAssertEqual(report.accepted, 100)
        XCTAssertEqual(counter.values, [100, 100, 100])
        XCTAssertEqual(d.stats().delivered, 100)
        XCTAssertEqual(handles.count, 3)
    }

    func test_d4_m7_every_undelivered_message_has_a_reason_and_bad_input_throws() throws {
        let d = dispatcher()
        let handle = d.addListener { _ in false }
        let group = #"{"GroupId":"g9","From_Account":"carol","Random":1,"MsgBody":[]}"#
        let report = try d.receive(nowMs: 0, messagesJson: batch(c2c(1), c2c(1), c2c(2, to: "dave"), group, "{}"))
        XCTAssertEqual(report.accepted, 1)
        XCTAssertEqual(report.dropped.map(\.reason), [.duplicate, .misrouted, .notMember, .malformed])
        XCTAssertEqual(d.stats().dropped["duplicate"], 1)
        XCTAssertThrowsError(try d.receive(nowMs: 0, messagesJson: "["))
        XCTAssertThrowsError(try d.receive(nowMs: 0, messagesJson: batch(c2c(3)), arrivedOn: "alice")) { error in
            XCTAssertEqual((error as? MessageError)?.code, 6017)
        }
        handle.remove()
    }

    func test_d6_a_throwing_listener_is_counted_and_the_others_run() throws {
        struct Bug: Error {}
        let d = dispatcher()
        let failing = d.addListener { _ in throw Bug() }
        let counter = Counter()
        let working = d.addListener { _ in counter.add(1); return false }
        try d.receive(nowMs: 0, messagesJson: batch(c2c(1)))
        XCTAssertEqual(counter.values, [1])
        XCTAssertEqual(d.stats().listenerFailures, 1)
        XCTAssertEqual(d.stats().delivered, 1, "the second listener took it")
        XCTAssertNotEqual(failing.id, working.id)
    }

    func test_d6_a_lone_throwing_listener_delivers_nothing() throws {
        struct Bug: Error {}
        let d = dispatcher()
        let handle = d.addListener { _ in throw Bug() }
        try d.receive(nowMs: 0, messagesJson: batch(c2c(1), c2c(2)))
        XCTAssertEqual(d.stats().delivered, 0, "same count as the Rust and Kotlin drivers")
        XCTAssertEqual(d.stats().listenerFailures, 1)
        handle.remove()
    }

    func test_d5_a_listener_removes_itself_while_being_called() throws {
        let d = dispatcher()
        let counter = Counter()
        let box = HandleBox()
        let again = batch(c2c(2))
        box.handle = d.addListener { _ in
            counter.add(1)
            box.handle?.remove()
            _ = try? d.receive(nowMs: 1, messagesJson: again) // re-enters: must not reach this listener again
            return false
        }
        try d.receive(nowMs: 0, messagesJson: batch(c2c(1)))
        XCTAssertEqual(counter.values, [1])
        XCTAssertEqual(d.listenerCount, 0)
    }

    func test_d5_a_listener_removed_by_an_earlier_one_still_gets_the_event_it_started_with() throws {
        let d = dispatcher()
        let counter = Counter()
        let box = HandleBox()
        let first = d.addListener { _ in box.handle?.remove(); return false }
        box.handle = d.addListener { _ in counter.add(1); return false }
        try d.receive(nowMs: 0, messagesJson: batch(c2c(1)))
        try d.receive(nowMs: 0, messagesJson: batch(c2c(2)))
        XCTAssertEqual(counter.values, [1])
        first.remove()
    }

    func test_d1_the_same_listener_twice_is_one_registration() {
        let d = dispatcher()
        let listener = ClosureMessageListener { _ in false }
        let a = d.addListener(listener)
        let b = d.addListener(listener)
        XCTAssertEqual(a.id, b.id)
        withExtendedLifetime((a, b)) { XCTAssertEqual(d.listenerCount, 1) }
    }

    func test_d1_releasing_the_handle_unregisters_the_listener() throws {
        let d = dispatcher()
        let counter = Counter()
        do {
            let handle = d.addListener(counting(counter))
            XCTAssertEqual(d.listenerCount, 1)
            _ = handle
        }
        XCTAssertEqual(d.listenerCount, 0, "the handle's deinit unregistered it")
        try d.receive(nowMs: 0, messagesJson: batch(c2c(1)))
        XCTAssertEqual(counter.values, [])
        XCTAssertEqual(d.stats().buffered, 1, "no listener: it waits (D7)")
        let handle = d.addListener { _ in false }
        XCTAssertTrue(handle.remove())
        XCTAssertFalse(handle.remove(), "removing twice is harmless")
    }

    func test_d2_chain_mode_stops_at_the_consumer() throws {
        let d = dispatcher()
        d.setMode(mode: .chain)
        let counter = Counter()
        let first = d.addListener { _ in true }
        let second = d.addListener { _ in counter.add(1); return false }
        try d.receive(nowMs: 0, messagesJson: batch(c2c(1), c2c(2)))
        XCTAssertEqual(counter.values, [])
        XCTAssertEqual(d.stats().consumedBy[first.id], 2)
        d.setMode(mode: .observer)
        try d.receive(nowMs: 0, messagesJson: batch(c2c(3)))
        XCTAssertEqual(counter.values, [1], "observers all see it")
        second.remove()
    }

    func test_d7_messages_wait_for_the_first_listener() throws {
        let d = Dispatcher(buffer: 2)
        d.setUser(userId: "bob")
        try d.receive(nowMs: 0, messagesJson: batch(c2c(1), c2c(2), c2c(3)))
        XCTAssertEqual(d.stats().buffered, 2)
        XCTAssertEqual(d.stats().dropped["overflow"], 1)
        let counter = Counter()
        let handle = d.addListener(counting(counter))
        XCTAssertEqual(counter.values, [2])
        XCTAssertEqual(d.stats().buffered, 0)
        handle.remove()
    }

    func test_d3_other_events_reach_listeners_or_are_counted() throws {
        let d = dispatcher()
        try d.readReceipt(conversation: "c2c_alice", reader: "alice", readTime: 1)
        XCTAssertEqual(d.stats().eventsWithoutListener, 1)
        let counter = Counter()
        let handle = d.addListener { _ in counter.add(1); return false }
        try d.revoked(conversation: "c2c_alice", messageId: "m1", operator: "alice", reason: "oops")
        try d.readReceipt(conversation: "c2c_alice", reader: "alice", readTime: 5)
        try d.modified(message: c2c(9))
        XCTAssertEqual(counter.values.count, 3)
        XCTAssertThrowsError(try d.revoked(conversation: "nope", messageId: "m1", operator: "a", reason: "r"))
        handle.remove()
    }

    func test_d5_listeners_and_receivers_on_several_threads() throws {
        let d = dispatcher()
        let counter = Counter()
        let handles = (0..<3).map { _ in d.addListener(counting(counter)) }
        let batches = (0..<8).map { t in (0..<50).map { i in "[" + c2c(t * 1000 + i) + "]" } }
        DispatchQueue.concurrentPerform(iterations: 8) { t in
            for json in batches[t] {
                _ = try? d.receive(nowMs: 0, messagesJson: json)
            }
            d.addListener { _ in false }.remove()
        }
        XCTAssertEqual(counter.values.reduce(0, +), 3 * 8 * 50)
        XCTAssertEqual(d.listenerCount, 3)
        XCTAssertEqual(handles.count, 3)
    }

    func test_d3_stream_delivers_batches_and_ending_it_removes_the_listener() async throws {
        let d = dispatcher()
        let task = Task { () -> [IncomingMessage]? in
            for await batch in d.messages() { return batch }
            return nil
        }
        for _ in 0..<5000 where d.listenerCount == 0 { try await Task.sleep(nanoseconds: 1_000_000) }
        try d.receive(nowMs: 0, messagesJson: batch(c2c(1), c2c(2)))
        let batch = await task.value
        XCTAssertEqual(batch?.count, 2)
        XCTAssertEqual(batch?.first?.conversation, "c2c_alice")
        for _ in 0..<5000 where d.listenerCount != 0 { try await Task.sleep(nanoseconds: 1_000_000) }
        XCTAssertEqual(d.listenerCount, 0, "ending the iteration removes the listener")
    }

    func test_the_core_alone_decides_without_calling_anything() throws {
        let core = DispatchCore()
        core.setUser(userId: "bob")
        let a = core.addListener().id
        let b = core.addListener().id
        let receipt = try core.receive(nowMs: 0, messagesJson: batch(c2c(1), c2c(2)))
        XCTAssertEqual(receipt.deliveries.first?.listeners, [a, b])
        core.recordOutcome(outcome: DeliveryOutcome(messages: 2, called: 2, consumedBy: nil, failed: [a, b]))
        XCTAssertEqual(core.stats().delivered, 0, "both threw")
    }

    /// D1 for main-actor code: batches received on another thread reach a
    /// main-actor closure on the main thread, in the order received.
    func test_d1_a_main_actor_listener_runs_on_the_main_thread_in_order() {
        let d = dispatcher()
        let sizes = Counter()
        let onMain = Counter()
        let done = expectation(description: "three batches on the main actor")
        done.expectedFulfillmentCount = 3
        let handle = d.addMainActorListener { event in
            if case let .newMessages(messages) = event {
                sizes.add(messages.count)
                onMain.add(Thread.isMainThread ? 1 : 0)
                done.fulfill()
            }
        }
        let batches = [batch(c2c(1)), batch(c2c(2), c2c(3)), batch(c2c(4), c2c(5), c2c(6))]
        DispatchQueue.global().async {
            for json in batches { _ = try? d.receive(nowMs: 0, messagesJson: json) }
        }
        wait(for: [done], timeout: 10)
        XCTAssertEqual(sizes.values, [1, 2, 3], "in the order received")
        XCTAssertEqual(onMain.values, [1, 1, 1], "on the main thread")
        withExtendedLifetime(handle) {}
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

/// Collects delivered messages across threads.
final class Received: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [IncomingMessage] = []
    func add(_ batch: [IncomingMessage]) { lock.lock(); items += batch; lock.unlock() }
    var messages: [IncomingMessage] { lock.lock(); defer { lock.unlock() }; return items }
}
