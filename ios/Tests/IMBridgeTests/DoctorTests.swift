import Foundation
import XCTest
import IMBridge

/// SPEC G: export a snapshot from live objects and diagnose it.
final class DoctorTests: XCTestCase {
    override func tearDown() {
        try? Bridge.current().uninit()
    }

    func test_g_snapshot_of_a_live_instance_is_diagnosed() throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("imbridge-doctor-\(UUID().uuidString)").path
        let bridge = try Bridge.initialize(config: InitConfig(sdkAppId: 1_400_000_001, dataDir: data),
                                           currentProcess: "com.example.chat", mainProcess: "com.example.chat")
        _ = try bridge.beginLogin(userId: "bob")
        _ = try bridge.loginSucceeded()
        let dispatcher = Dispatcher()
        let handle = dispatcher.addListener { _ in false }
        defer { handle.remove() }
        let channel = try PushChannel.open(config: PushChannelConfig(vendor: .apns, businessId: 1, appVersion: "1", environment: .production), dataDir: data)
        _ = try channel.handle(nowMs: 0, event: .enable)
        _ = try channel.handle(nowMs: 1, event: .token(token: Secret("apns-token")))
        _ = try channel.handle(nowMs: 2, event: .reportResult(ok: true))
        let snapshot = try exportSnapshot(bridge: bridge, dispatcher: dispatcher.core, channels: [channel],
                                          app: AppFacts(mainProcess: "com.example.chat.NotificationService", notificationsEnabled: false))
        XCTAssertFalse(snapshot.contains("apns-token"))
        let ids = try diagnose(snapshotJson: snapshot).map(\.id)
        XCTAssertEqual(ids, ["q3.token_not_reported", "q3.app_state_not_reported", "q3.not_main_process", "q3.notifications_disabled", "g.not_checked"])
        // Healthy without the broken facts, and it says which checks had no facts to run on.
        let plain = try bridge.diagnose(dispatcher: dispatcher)
        XCTAssertEqual(plain.map(\.id), ["g.not_checked"])
        XCTAssertEqual(plain.first?.severity, .info)
    }

    func test_g_example_snapshots_diagnose_the_same_in_swift() throws {
        let dir = Vectors.wireDir.deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples/snapshots")
        XCTAssertEqual(try diagnose(snapshotJson: String(contentsOf: dir.appendingPathComponent("healthy.json"), encoding: .utf8)), [])
        for rule in doctorRules() {
            let text = try String(contentsOf: dir.appendingPathComponent("\(rule.id).json"), encoding: .utf8)
            XCTAssertEqual(try diagnose(snapshotJson: text).map(\.id), [rule.id], rule.id)
        }
    }
}
