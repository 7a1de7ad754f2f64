import Foundation
import XCTest
import IMBridge

/// SPEC D1–D7 through delivery plans: the core decides, Swift calls its
/// listeners from one converted batch. Same rules as DispatchTests.
final class FastDispatchTests: XCTestCase {
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

    private func fast() -> FastDispatcher {
        let d = Dispatcher()
        d.setUser(userId: "bob")
        return FastDispatcher(d)
    }

    func test_d3_a_batch_reaches_every_listener_once() throws {
        let f = fast()
        let counter = Counter()
        for _ in 0..<3 { f.addListener(counting(counter)) }
        let report = try f.receive(nowMs: 0, messagesJson: "[" + (1...100).map { c2c($0) }.joined(separator: ",") + "]")
        XCTAssertEqual(report.accepted, 100)
        XCTAssertEqual(counter.values.reduce(0, +), 300)
        XCTAssertEqual(f.stats().delivered, 100)
    }

    func test_d4_m7_every_undelivered_message_has_a_reason_and_bad_input_throws() throws {
        let f = fast()
        f.addListener { _ in false }
        let report = try f.receive(nowMs: 0, messagesJson: batch(c2c(1), c2c(1), c2c(2, to: "dave"), "{}"))
        XCTAssertEqual(report.accepted, 1)
        XCTAssertEqual(report.dropped.map(\.reason), [.duplicate, .misrouted, .malformed])
        XCTAssertThrowsError(try f.receive(nowMs: 0, messagesJson: "["))
        XCTAssertThrowsError(try f.receive(nowMs: 0, messagesJson: batch(c2c(3)), arrivedOn: "alice"))
    }

    func test_d6_a_throwing_listener_is_counted_and_the_others_run() throws {
        struct Bug: Error {}
        let f = fast()
        f.addListener { _ in throw Bug() }
        let counter = Counter()
        f.addListener { _ in counter.add(1); return false }
        try f.receive(nowMs: 0, messagesJson: batch(c2c(1)))
        XCTAssertEqual(counter.values.reduce(0, +), 1)
        XCTAssertEqual(f.stats().listenerFailures, 1)
    }

    func test_d5_a_listener_removes_itself_while_being_called() throws {
        let f = fast()
        let counter = Counter()
        let box = FastHandleBox()
        let again = batch(c2c(2))
        box.handle = f.addListener { _ in
            counter.add(1)
            box.handle?.remove()
            _ = try? f.receive(nowMs: 1, messagesJson: again) // re-enters: must not reach this listener again
            return false
        }
        try f.receive(nowMs: 0, messagesJson: batch(c2c(1)))
        XCTAssertEqual(counter.values.reduce(0, +), 1)
        XCTAssertEqual(f.listenerCount, 0)
    }

    func test_d2_chain_mode_stops_at_the_consumer() throws {
        let f = fast()
        f.dispatcher.setMode(mode: .chain)
        let counter = Counter()
        let first = f.addListener { _ in true }
        f.addListener { _ in counter.add(1); return false }
        try f.receive(nowMs: 0, messagesJson: batch(c2c(1), c2c(2)))
        XCTAssertEqual(counter.values.reduce(0, +), 0)
        XCTAssertEqual(f.stats().consumedBy[first.id], 2)
    }

    func test_d7_messages_wait_for_the_first_listener() throws {
        let d = Dispatcher(buffer: 2)
        d.setUser(userId: "bob")
        let f = FastDispatcher(d)
        try f.receive(nowMs: 0, messagesJson: batch(c2c(1), c2c(2), c2c(3)))
        XCTAssertEqual(f.stats().buffered, 2)
        let counter = Counter()
        f.addListener(counting(counter))
        XCTAssertEqual(counter.values.reduce(0, +), 2)
    }

    func test_d5_listeners_and_receivers_on_several_threads() throws {
        let f = fast()
        let counter = Counter()
        for _ in 0..<3 { f.addListener(counting(counter)) }
        let batches = (0..<8).map { t in (0..<50).map { i in "[" + c2c(t * 1000 + i) + "]" } }
        DispatchQueue.concurrentPerform(iterations: 8) { t in
            for json in batches[t] {
                _ = try? f.receive(nowMs: 0, messagesJson: json)
            }
            f.addListener { _ in false }.remove()
        }
        XCTAssertEqual(counter.values.reduce(0, +), 3 * 8 * 50)
        XCTAssertEqual(f.listenerCount, 3)
    }

    func test_m3_batch_encoding_matches_one_by_one_and_reports_each_failure() throws {
        let rows = try encodeC2cTexts(toAccounts: ["bob", "", "carol"], texts: ["a", "b", ""], msgSeqs: [1, 2, 3], msgRandoms: [1, 2, 3])
        XCTAssertEqual(rows.count, 3)
        XCTAssertNil(rows[0].error)
        XCTAssertTrue(rows[0].json.contains(#""To_Account":"bob""#))
        XCTAssertEqual(rows[1].error?.code, 6017)
        XCTAssertEqual(rows[2].error?.code, 6016)
        XCTAssertThrowsError(try encodeC2cTexts(toAccounts: ["a"], texts: [], msgSeqs: [1], msgRandoms: [1]))
    }
}

/// Lets a listener refer to its own fast handle.
private final class FastHandleBox: @unchecked Sendable {
    var handle: FastListenerHandle?
}
