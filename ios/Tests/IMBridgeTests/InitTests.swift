import Foundation
import XCTest
import IMBridge

/// SPEC I1–I4 and the logging bridge through the real library.
final class InitTests: XCTestCase {
    private let app = "com.example.chat"
    private var dataDir: String!

    override func setUp() {
        dataDir = FileManager.default.temporaryDirectory
            .appendingPathComponent("imbridge-init-\(UUID().uuidString)").path
    }

    override func tearDown() {
        try? Bridge.current().uninit()
        removeLogger()
    }

    private func initialize(sdkAppId: UInt64 = 1_400_000_001, current: String? = nil, main: String? = nil) throws -> Bridge {
        try Bridge.initialize(config: InitConfig(sdkAppId: sdkAppId, dataDir: dataDir),
                              currentProcess: current ?? app, mainProcess: main ?? app)
    }

    func test_i2_app_extension_is_refused_with_both_names() {
        XCTAssertThrowsError(try initialize(current: "com.example.chat.NotificationService")) { error in
            guard case let .NotMainProcess(current, main) = error as? InitError else { return XCTFail("\(error)") }
            XCTAssertEqual(current, "com.example.chat.NotificationService")
            XCTAssertEqual(main, "com.example.chat")
        }
        XCTAssertThrowsError(try Bridge.current()) { error in
            XCTAssertEqual((error as? InitError)?.code, 6013)
        }
    }

    func test_i1_equal_config_same_instance_different_config_named() throws {
        let a = try initialize()
        XCTAssertTrue(a.isSameInstance(other: try initialize()))
        XCTAssertThrowsError(try initialize(sdkAppId: 1_400_000_002)) { error in
            guard case let .ConfigMismatch(differences) = error as? InitError else { return XCTFail("\(error)") }
            XCTAssertEqual(differences, ["sdk_app_id: 1400000001 → 1400000002"])
        }
    }

    func test_i1_uninit_makes_handles_answer_6013() throws {
        let old = try initialize()
        try old.uninit()
        XCTAssertThrowsError(try old.loginStatus()) { error in
            XCTAssertEqual((error as? InitError)?.code, 6013)
        }
        XCTAssertFalse(try initialize().isSameInstance(other: old))
    }

    func test_i1_concurrent_inits_get_one_instance() async throws {
        let config = InitConfig(sdkAppId: 1_400_000_001, dataDir: dataDir)
        let app = self.app
        let bridges = try await withThrowingTaskGroup(of: Bridge.self) { group in
            for _ in 0..<8 {
                group.addTask { try Bridge.initialize(config: config, currentProcess: app, mainProcess: app) }
            }
            return try await group.reduce(into: [Bridge]()) { $0.append($1) }
        }
        XCTAssertEqual(bridges.count, 8)
        XCTAssertTrue(bridges.allSatisfy { $0.isSameInstance(other: bridges[0]) })
    }

    func test_i4_login_flow_and_6014() throws {
        let bridge = try initialize()
        XCTAssertThrowsError(try bridge.requireLoggedIn()) { error in
            XCTAssertEqual((error as? InitError)?.code, 6014)
        }
        XCTAssertEqual(try bridge.beginLogin(userId: "alice"), .loggingIn(userId: "alice"))
        _ = try bridge.loginSucceeded()
        XCTAssertTrue(try bridge.loginStatus().isLoggedIn)
        XCTAssertThrowsError(try bridge.beginLogin(userId: "bob")) { error in
            guard case .SwitchUserRequiresLogout = error as? InitError else { return XCTFail("\(error)") }
        }
        XCTAssertTrue(try bridge.sessionEnded(code: 6208))
        XCTAssertEqual(try bridge.loginStatus().lastSessionEnd, .kickedOffline)
    }

    func test_logging_delivers_core_records_filtered_by_level() throws {
        let records = Records()
        installLogger(sink: ClosureLogSink { records.append($0) }, level: .info)
        _ = try initialize()
        XCTAssertTrue(records.all.contains { $0.target == "imbridge::init" && $0.level == .info })
        records.clear()
        setLogLevel(level: .warn)
        _ = try Bridge.current().beginLogin(userId: "alice")
        XCTAssertFalse(records.all.contains { $0.level == .info })
        XCTAssertThrowsError(try Bridge.current().beginLogin(userId: "alice"))
        XCTAssertTrue(records.all.contains { $0.level == .warn })
    }
}

/// Thread-safe record collector (the core logs from any thread).
final class Records: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [LogRecord] = []
    func append(_ r: LogRecord) { lock.lock(); items.append(r); lock.unlock() }
    func clear() { lock.lock(); items.removeAll(); lock.unlock() }
    var all: [LogRecord] { lock.lock(); defer { lock.unlock() }; return items }
}
