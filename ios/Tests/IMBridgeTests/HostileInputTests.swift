import Foundation
import XCTest
import IMBridge

/// Panic audit, a representative set in Swift: hostile arguments (empty,
/// huge, NUL, malformed JSON, extreme numbers, NaN, every enum value) to the
/// decoders, builders, dispatch, outbox, push and diagnostics. Each call must
/// return or throw the library's typed error, never end the process.
/// Figures go to target/reliability/audit-swift.jsonl.
final class HostileInputTests: XCTestCase {
    private let strings = ["", " ", String(repeating: "x", count: 1 << 20), "\u{0}", "{\"", "[1e309]", "c2c_", "group_",
                           "é👋", "null", "-1",
                           // Nesting 10,000 deep, and 10 MB.
                           String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000),
                           String(repeating: #"{"a":"#, count: 10_000) + "1" + String(repeating: "}", count: 10_000),
                           String(repeating: "y", count: 10 << 20)]
    private var rows: [String] = []

    /// Runs `body` once per value; a typed error counts as handled.
    private func sweep<T>(_ name: String, _ values: [T], _ body: (T) throws -> Void) {
        var ok = 0
        var typed = 0
        for value in values {
            do {
                try body(value)
                ok += 1
            } catch is MessageError {
                typed += 1
            } catch is PushError {
                typed += 1
            } catch is OutboxError {
                typed += 1
            } catch is InitError {
                typed += 1
            } catch {
                XCTFail("\(name): untyped error \(error)")
            }
        }
        rows.append(#"{"lang":"swift","function":"\#(name)","calls":\#(values.count),"ok":\#(ok),"typed_error":\#(typed),"other":0}"#)
    }

    func test_hostile_arguments_end_in_a_value_or_a_typed_error() throws {
        sweep("decodeC2cMessage", strings) { _ = try decodeC2cMessage(json: $0) }
        sweep("decodeGroupMessage", strings) { _ = try decodeGroupMessage(json: $0) }
        sweep("conversationIdParse", strings) { _ = try conversationIdParse(text: $0) }
        sweep("checkSendBody", strings) { _ = try checkSendBody(json: $0) }
        sweep("diagnose", strings) { _ = try diagnose(snapshotJson: $0) }
        sweep("willPush", strings) { _ = try willPush(bodyJson: $0, context: PushContext(recipientState: .loggedIn, pushEnabled: true, receiveOption: .notReceiveExceptAt)) }
        sweep("redPacket", [UInt64.min, UInt64.max]) { _ = try redPacket(amount: $0, msg: "", pushText: "") }
        sweep("clientMsgIdNew", [UInt64.min, UInt64.max]) { _ = clientMsgIdNew(tinyid: $0, nowUnixSecs: $0, random: UInt32.max) }
        sweep("validateElement", strings.map { Element.text(TextElem(text: $0)) } + strings.map { Element.custom(CustomElem(data: $0)) }
            + [Double.nan, .infinity, -.greatestFiniteMagnitude, 91].map { Element.location(LocationElem(desc: "d", latitude: $0, longitude: $0)) }) {
            try validateElement(element: $0)
        }
        sweep("encodeC2cTexts (unequal columns)", [0, 1, 10_000]) { n in
            _ = try encodeC2cTexts(toAccounts: Array(repeating: "", count: n), texts: Array(repeating: "", count: n),
                                   msgSeqs: Array(repeating: .max, count: n), msgRandoms: Array(repeating: 0, count: n + 1))
        }
        // Columns of equal length, so every row reaches its own checks.
        sweep("encodeC2cTexts", strings) { s in
            _ = try encodeC2cTexts(toAccounts: [s, "bob", s], texts: ["hi", s, s], msgSeqs: [0, .max, 1], msgRandoms: [.max, 0, 1])
        }
        let builder = MessageBodyBuilder()
        sweep("MessageBodyBuilder.add", strings) { try builder.add(element: .custom(CustomElem(data: $0))) }
        let d = DispatchCore()
        d.setUser(userId: "bob")
        _ = d.addListener()
        sweep("DispatchCore.receive", strings) { _ = try d.receive(nowMs: .max, messagesJson: $0, arrivedOn: $0) }
        sweep("DispatchCore.receive(nil)", strings) { _ = try d.receive(nowMs: 0, messagesJson: $0) }
        sweep("DispatchCore.revoked", strings) { _ = try d.revoked(conversation: $0, messageId: $0, operator: $0, reason: $0) }
        sweep("DispatchCore.recordOutcome", [UInt64.min, .max]) {
            d.recordOutcome(outcome: DeliveryOutcome(messages: $0, called: .max, consumedBy: $0, failed: [$0]))
        }
        sweep("DispatchCore.removeListener", [UInt64.min, .max]) { _ = d.removeListener(id: $0) }
        let outbox = try Outbox()
        sweep("Outbox.admit", strings) { _ = outbox.admit(nowMs: .max, messages: [OutgoingMessage(id: $0, conversation: .c2c(userId: $0), priority: .lowest)]) }
        sweep("Outbox.setConversationLimit", strings) { try outbox.setConversationLimit(conversation: .group(groupId: $0), perSec: .max) }
        sweep("Outbox.poll", [UInt64.min, .max]) { _ = outbox.poll(nowMs: $0) }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("imbridge-hostile-\(UUID().uuidString)").path
        let push = try PushChannel.open(config: PushChannelConfig(vendor: .fcm, businessId: 1, appVersion: "1"), dataDir: dir)
        sweep("PushChannel.handle", strings) { _ = try push.handle(nowMs: .max, event: .token(token: Secret($0))) }
        // Valid-looking configs with one hostile field, so each reaches its own check.
        sweep("PushChannel.open", strings) {
            _ = try PushChannel.open(config: PushChannelConfig(vendor: .oppo, businessId: 1, appVersion: $0, appSecret: Secret("a"),
                                                                masterSecret: Secret($0), channelId: $0), dataDir: dir)
        }
        sweep("PushChannel.open(apns)", strings) {
            _ = try PushChannel.open(config: PushChannelConfig(vendor: .apns, businessId: 1, appVersion: $0, environment: .sandbox),
                                     dataDir: dir + "/" + $0.prefix(20))
        }
        sweep("PushChannel.open(businessId)", [UInt64.min, .max]) {
            _ = try PushChannel.open(config: PushChannelConfig(vendor: .fcm, businessId: $0, appVersion: "1"), dataDir: dir)
        }
        sweep("Dispatcher.receive", strings) { _ = try Dispatcher().receive(nowMs: 0, messagesJson: $0, arrivedOn: $0) }
        sweep("idParse", strings) { _ = try idParse(text: $0) }
        sweep("Bridge.initialize", strings) {
            _ = try Bridge.initialize(config: InitConfig(sdkAppId: 1, dataDir: $0), appBundleIdentifier: $0)
            try Bridge.current().uninit()
        }
        let out = Vectors.wireDir.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("target/reliability")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try (rows.joined(separator: "\n") + "\n").write(to: out.appendingPathComponent("audit-swift.jsonl"), atomically: true, encoding: .utf8)
    }
}
