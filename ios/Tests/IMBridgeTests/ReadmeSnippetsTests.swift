import Foundation
import XCTest
import IMBridge

/// The README's Swift snippets, verbatim between the `snippet` markers
/// (scripts/check-readme-snippets.py keeps them equal), compiled and run
/// with small stand-ins for the app's own code.
final class ReadmeSnippetsTests: XCTestCase {
    func test_readme_swift_quick_start() throws {
        // snippet: quick-start
        let body = try messageBody {                  // M2: each add is checked at once
            Element.text(TextElem(text: "Your order shipped"))
            Element.custom(CustomElem(data: #"{"orderId":42}"#, desc: "Order #42 is on its way"))
        }
        let tracker = RandomTracker(seed: UInt64.random(in: .min ... .max))
        let nowMs = UInt64(ProcessInfo.processInfo.systemUptime * 1000)   // a monotonic clock
        let random = try tracker.draw(conversation: "c2c_bob", nowMs: nowMs)  // M7
        let json = try C2cMessage(
            syncOtherMachine: .sync,
            toAccount: "bob", msgSeq: 1, msgRandom: random, msgBody: body,
            offlinePushInfo: OfflinePushInfo(title: "Shop", desc: "Order #42 is on its way")
        ).encoded()                                   // the exact `sendmsg` body

        do {
            try MentionListBuilder(groupType: .community).add(mention: .all)   // M9
        } catch let error as IMBridgeError {             // MessageError, PushError, OutboxError, InitError
            print("error \(error.codeOrName): \(error.localizedDescription)")  // error 6017: Community group: @all is not allowed
        }
        // end snippet
        XCTAssertTrue(json.contains("Your order shipped"), json)
    }

    func test_readme_swift_outbox() async throws {
        struct API { let sent: Sent; func send(_ batch: [ReleasedMessage]) async throws { sent.add(batch.map(\.id)) } }
        let sent = Sent()
        let api = API(sent: sent)
        @Sendable func retryLater(_ failed: [ReleasedMessage], _ error: Error) async { print(failed, error) }
        // snippet: outbox
        let driver = OutboxDriver(
            outbox: try Outbox(),
            onSendFailed: { failed, error in await retryLater(failed, error) }
        ) { batch in try await api.send(batch) }
        Task { await driver.run() }
        _ = try await driver.submit([OutgoingMessage(id: "m1", conversation: .group(groupId: "@TGS#1"), priority: .high)])
        // end snippet
        for _ in 0..<500 where sent.items.isEmpty { try await Task.sleep(nanoseconds: 10_000_000) }
        XCTAssertEqual(sent.items, ["m1"])
    }

    func test_readme_swift_push() async throws {
        let supportDir = FileManager.default.temporaryDirectory.appendingPathComponent("imbridge-readme-\(UUID().uuidString)")
        let performed = Sent()
        @Sendable func perform(_ action: PushAction) async { performed.add(["\(action)"]) }
        let apnsTokenHex = "a1b2c3d4e5f6"
        // snippet: push
        let config = PushChannelConfig(vendor: .apns, businessId: 12345, appVersion: "1.0", environment: .production)
        let push = PushActions(channel: try PushChannel.open(config: config, dataDir: supportDir.path))
        Task { for await action in push.actions { await perform(action) } }
        _ = try push.send(.token(token: Secret(apnsTokenHex)))   // from didRegisterForRemoteNotifications
        _ = try push.send(.enable)                               // after requestAuthorization granted
        _ = try push.send(.login(userId: "alice"))               // → .report(token:businessId:userId:)
        // end snippet
        for _ in 0..<500 where performed.items.isEmpty { try await Task.sleep(nanoseconds: 10_000_000) }
        XCTAssertEqual(performed.items.count, 1)
        XCTAssertTrue(performed.items.first?.hasPrefix("report") ?? false, "\(performed.items)")
        push.finish()
    }

    func test_readme_swift_dispatch() throws {
        @Sendable func show(_ batch: [IncomingMessage]) { print(batch) }
        @Sendable func log(_ event: DispatchEvent) { print(event) }
        let nowMs: UInt64 = 0
        let jsonFromTheSocket = #"[{"From_Account":"alice","To_Account":"bob","MsgSeq":1,"MsgRandom":1,"MsgTime":1,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi"}}]}]"#
        // snippet: dispatch
        let dispatcher = Dispatcher()
        dispatcher.setUser(userId: "bob")
        let stream = dispatcher.messages()                                         // registered now, not at the first `await`
        let reader = Task { for await batch in stream { show(batch) } }            // reader.cancel() unregisters
        let handle = dispatcher.addListener { event in log(event); return false }  // released → unregistered
        let report = try dispatcher.receive(nowMs: nowMs, messagesJson: jsonFromTheSocket)
        // end snippet
        XCTAssertEqual(report.accepted, 1)
        reader.cancel()
        withExtendedLifetime(handle) {}
    }
}

/// Strings collected across tasks.
final class Sent: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String] = []
    func add(_ more: [String]) { lock.lock(); values += more; lock.unlock() }
    var items: [String] { lock.lock(); defer { lock.unlock() }; return values }
}
