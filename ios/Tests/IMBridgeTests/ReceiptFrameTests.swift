import Foundation
import XCTest
@testable import IMBridge

/// The flat receipt frame Swift's `Dispatcher` reads (SPEC D3): the same
/// receipt as UniFFI's generic lifting, for every kind of received message
/// the shared vectors hold, and a typed error — never a crash — for a cut
/// frame.
final class ReceiptFrameTests: XCTestCase {
    /// Every valid send vector, turned into a received message for "bob".
    private func receivedVectors() throws -> [String] {
        try Vectors.wire.filter(\.isValid).enumerated().map { i, vector in
            var message = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(vector.text.utf8)) as? [String: Any])
            message["From_Account"] = "alice"
            message["MsgTime"] = 1_700_000_000
            // Distinct keys, so no vector is a duplicate of another (M7).
            if message["GroupId"] == nil {
                message["To_Account"] = "bob"
                message["MsgSeq"] = i + 1
                message["MsgRandom"] = 1000 + i
            } else {
                message["Random"] = 1000 + i
            }
            let data = try JSONSerialization.data(withJSONObject: message)
            return String(decoding: data, as: UTF8.self)
        }
    }

    private func core(_ groups: [String]) -> DispatchCore {
        let core = DispatchCore(mode: .observer, buffer: 1000)
        core.setUser(userId: "bob")
        for group in groups { core.joinGroup(groupId: group) }
        _ = core.addListener()
        _ = core.addListener()
        return core
    }

    private func groups(of messages: [String]) -> [String] {
        messages.compactMap { text in
            (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])?["GroupId"] as? String
        }
    }

    func test_d3_frame_reads_the_same_receipt_as_the_generated_reader_for_every_vector() throws {
        let messages = try receivedVectors()
        XCTAssertGreaterThan(messages.count, 15)
        // Plus what must be dropped: a message for someone else, and a duplicate.
        let astray = #"{"From_Account":"alice","To_Account":"carol","MsgSeq":1,"MsgRandom":1,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"x"}}]}"#
        let batch = "[" + (messages + [astray, messages[0]]).joined(separator: ",") + "]"
        let groups = groups(of: messages)

        let framed = try ReceiptFrame.read(core(groups).receiveFrame(nowMs: 5, messagesJson: batch, arrivedOn: nil))
        let lifted = try core(groups).receive(nowMs: 5, messagesJson: batch, arrivedOn: nil)
        XCTAssertEqual(framed, lifted)
        XCTAssertFalse(lifted.report.dropped.isEmpty, "the astray message and the duplicate are reported")
        guard case let .newMessages(delivered) = framed.deliveries.first?.event else {
            return XCTFail("one delivery of new messages: \(framed.deliveries)")
        }
        XCTAssertEqual(delivered.count, messages.count)
        let kinds = Set(delivered.flatMap(\.elements).map { String(describing: $0).prefix(while: { $0 != "(" }) })
        XCTAssertTrue(kinds.isSuperset(of: ["text", "custom", "image", "face", "location", "sound", "file", "video"]), "\(kinds)")
        XCTAssertTrue(delivered.contains { !$0.mentions.isEmpty }, "a group message with mentions")
        XCTAssertTrue(delivered.contains { $0.directedTo != nil }, "a directed group message")
    }

    func test_d3_frame_of_a_batch_for_nobody_waits_in_the_buffer() throws {
        let core = DispatchCore(mode: .chain, buffer: 10)
        core.setUser(userId: "bob")
        let batch = #"[{"From_Account":"alice","To_Account":"bob","MsgSeq":1,"MsgRandom":1,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi"}}]}]"#
        let receipt = try ReceiptFrame.read(core.receiveFrame(nowMs: 0, messagesJson: batch, arrivedOn: nil))
        XCTAssertEqual(receipt.report.accepted, 1)
        XCTAssertTrue(receipt.deliveries.isEmpty, "no listener: D7 buffers, nothing to deliver")
        XCTAssertEqual(core.stats().buffered, 1)
    }

    func test_d3_a_cut_frame_is_a_typed_error_at_every_length() throws {
        let messages = try receivedVectors()
        let batch = "[" + messages.joined(separator: ",") + "]"
        let frame = try core(groups(of: messages)).receiveFrame(nowMs: 5, messagesJson: batch, arrivedOn: nil)
        XCTAssertNoThrow(try ReceiptFrame.read(frame))
        for length in stride(from: 0, to: frame.count, by: 7) {
            XCTAssertThrowsError(try ReceiptFrame.read(frame.prefix(length)), "cut at \(length)")
        }
        XCTAssertThrowsError(try ReceiptFrame.read(frame + Data([0])), "a byte too many")
    }

    func test_d3_a_frame_claiming_more_elements_than_bytes_is_refused_before_allocating() throws {
        let frame = try core([]).receiveFrame(nowMs: 0, messagesJson: "[]", arrivedOn: nil)
        // The report (accepted 0, nothing dropped) is read by the generated
        // reader; the deliveries' count is the last four bytes.
        var huge = frame.dropLast(4)
        huge.append(contentsOf: [0x7f, 0xff, 0xff, 0xff])
        XCTAssertThrowsError(try ReceiptFrame.read(Data(huge)))
    }

    func test_d3_dispatcher_delivers_what_the_frame_holds() throws {
        let d = Dispatcher()
        d.setUser(userId: "bob")
        let got = Counter()
        let handle = d.addListener { event in
            if case let .newMessages(messages) = event { got.add(messages.count) }
            return false
        }
        let report = try d.receive(nowMs: 0, messagesJson: #"[{"From_Account":"alice","To_Account":"bob","MsgSeq":1,"MsgRandom":1,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi"}}]}]"#)
        XCTAssertEqual(report.accepted, 1)
        XCTAssertEqual(got.values, [1])
        XCTAssertEqual(d.stats().delivered, 1)
        withExtendedLifetime(handle) {}
    }
}
