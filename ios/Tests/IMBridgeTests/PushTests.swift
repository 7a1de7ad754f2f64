import Foundation
import XCTest
import IMBridge

/// SPEC T1–T6 through the real library, replaying the shared scenarios.
final class PushTests: XCTestCase {
    private let dir = Vectors.wireDir.deletingLastPathComponent().appendingPathComponent("push")
    private let apns = PushChannelConfig(vendor: .apns, businessId: 12345, appVersion: "1.0", environment: .production)

    private func dataDir() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("imbridge-push-\(UUID().uuidString)").path
    }

    private func config(_ o: [String: Any]) -> PushChannelConfig {
        let vendors: [String: PushVendor] = ["apns": .apns, "fcm": .fcm, "huawei": .huawei, "honor": .honor, "xiaomi": .xiaomi,
                                             "oppo": .oppo, "vivo": .vivo, "meizu": .meizu, "tpns": .tpns]
        return PushChannelConfig(
            vendor: vendors[o["vendor"] as! String]!,
            businessId: (o["business_id"] as! NSNumber).uint64Value,
            appVersion: o["app_version"] as? String ?? "",
            environment: (o["environment"] as? String).map { $0 == "sandbox" ? .sandbox : .production },
            appKey: o["app_key"] as? String, appSecret: (o["app_secret"] as? String).map(Secret.init),
            masterSecret: (o["master_secret"] as? String).map(Secret.init), channelId: o["channel_id"] as? String
        )
    }

    private func event(_ o: [String: Any], _ channel: inout [String: Any]) -> PushEvent {
        switch o["type"] as! String {
        case "enable": return .enable
        case "disable": return .disable
        case "token": return .token(token: Secret(o["token"] as! String))
        case "login": return .login(userId: o["user"] as! String)
        case "logout": return .logout
        case "kicked": return .kicked
        case "user_sig_expired": return .userSigExpired
        case "report_result":
            return .reportResult(ok: o["ok"] as! Bool, retryable: o["retryable"] as? Bool ?? false, reason: o["reason"] as? String)
        case "unregister_result": return .unregisterResult(ok: o["ok"] as? Bool ?? true)
        case "background": return .background(unread: (o["unread"] as! NSNumber).uint32Value)
        case "foreground": return .foreground
        case "tick": return .tick
        case "config":
            for (k, v) in o where k != "type" && k != "at_ms" { channel[k] = v }
            return .config(config: config(channel))
        case let other: fatalError("unknown event \(other)")
        }
    }

    private func stateName(_ s: PushState) -> String {
        switch s {
        case .disabled: return "Disabled"
        case .noToken: return "NoToken"
        case .tokenReady: return "TokenReady"
        case .registering: return "Registering"
        case .registered: return "Registered"
        case .retryWait: return "RetryWait"
        case .failed: return "Failed"
        case .unregistering: return "Unregistering"
        }
    }

    private func actionJSON(_ a: PushAction) -> [String: Any] {
        switch a {
        case let .report(token, businessId, userId):
            return ["type": "report", "token": token.value, "business_id": NSNumber(value: businessId), "user": userId]
        case let .unregister(userId): return ["type": "unregister", "user": userId]
        case let .scheduleRetry(atMs): return ["type": "schedule_retry", "at_ms": NSNumber(value: atMs)]
        case let .reportBackground(unread): return ["type": "report_background", "unread": NSNumber(value: unread)]
        case .reportForeground: return ["type": "report_foreground"]
        case .reportDisabled: return ["type": "report_disabled"]
        }
    }

    func test_t2_shared_scenarios_replay_identically() throws {
        let files = try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
        XCTAssertGreaterThanOrEqual(files.count, 8)
        for file in files {
            let root = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as! [String: Any]
            var fields = root["channel"] as! [String: Any]
            let channel = try PushChannel.open(config: config(fields), dataDir: dataDir())
            var got: [String] = []
            for e in root["events"] as! [[String: Any]] {
                let at = (e["at_ms"] as! NSNumber).uint64Value
                let actions = try channel.handle(nowMs: at, event: event(e, &fields))
                let line: [String: Any] = ["at_ms": NSNumber(value: at), "state": stateName(channel.state()),
                                           "actions": actions.map(actionJSON)]
                got.append(String(decoding: try JSONSerialization.data(withJSONObject: line), as: UTF8.self))
            }
            let expectedURL = file.deletingPathExtension().appendingPathExtension("expected.jsonl")
            let expected = try String(contentsOf: expectedURL, encoding: .utf8).split(separator: "\n").map(String.init)
            XCTAssertEqual(got.count, expected.count, file.lastPathComponent)
            for (g, e) in zip(got, expected) {
                XCTAssertTrue(Vectors.sameJSON(g, e), "\(file.lastPathComponent): \(g) != \(e)")
            }
        }
    }

    /// Every secret of a scenario replaced by a marker that cannot occur by chance.
    /// 24 letters from g–z / G–Z, no hex digit (so no fingerprint can match), different per `n`.
    private static func marker(_ n: Int) -> String {
        let letters = Array("ghijklmnopqrstuvwxyzGHIJKLMNOPQRSTUVWXYZ")
        var state = UInt64(0x5EED) &+ UInt64(n) &* 0x9E37_79B9_7F4A_7C15
        return String((0..<24).map { _ -> Character in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return letters[Int((state >> 33) % UInt64(letters.count))]
        })
    }

    /// The first 6-character piece of a marker that `line` shows, if any: partial leaks count.
    private func leak(_ line: String, _ markers: [String]) -> String? {
        for m in markers {
            let chars = Array(m)
            for i in 0...(chars.count - 6) where line.contains(String(chars[i..<i + 6])) {
                return String(chars[i..<i + 6])
            }
        }
        return nil
    }

    private func withMarkers(_ value: Any, _ file: String, _ markers: inout [String]) -> Any {
        if let object = value as? [String: Any] {
            var out: [String: Any] = [:]
            for (key, v) in object {
                if ["token", "app_secret", "master_secret"].contains(key), let s = v as? String, !s.isEmpty {
                    let marker = Self.marker(markers.count)
                    markers.append(marker)
                    out[key] = marker
                } else {
                    out[key] = withMarkers(v, file, &markers)
                }
            }
            return out
        }
        if let array = value as? [Any] {
            return array.map { withMarkers($0, file, &markers) }
        }
        return value
    }

    func test_t5_no_secret_reaches_a_log_line_or_a_description_in_any_scenario() throws {
        let files = try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
        let shown = Shown()
        installLogger(sink: ClosureLogSink { shown.add("\($0.target) \($0.message)") }, level: .trace)
        defer { installLogger(sink: ClosureLogSink { _ in }, level: .warn) }
        var markers: [String] = []
        for file in files {
            let parsed = try JSONSerialization.jsonObject(with: Data(contentsOf: file))
            let root = withMarkers(parsed, file.deletingPathExtension().lastPathComponent, &markers) as! [String: Any]
            var fields = root["channel"] as! [String: Any]
            let config = config(fields)
            shown.add(String(describing: config))
            shown.add(String(reflecting: config))
            let channel = try PushChannel.open(config: config, dataDir: dataDir())
            for e in root["events"] as! [[String: Any]] {
                let event = event(e, &fields)
                shown.add(String(describing: event))
                for action in try channel.handle(nowMs: (e["at_ms"] as! NSNumber).uint64Value, event: event) {
                    shown.add(String(describing: action))
                    var dumped = ""
                    dump(action, to: &dumped)
                    shown.add(dumped)
                }
                shown.add(String(describing: channel.status()))
            }
        }
        let lines = shown.lines
        XCTAssertTrue(lines.contains { $0.contains("Secret(#") }, "no secret was shown at all: nothing was checked")
        for line in lines {
            XCTAssertNil(leak(line, markers), "part of a secret shown: \(line)")
        }
        let out = Vectors.wireDir.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("target/reliability")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let figures = #"{"lang":"swift","scenarios":\#(files.count),"secrets":\#(markers.count),"lines":\#(lines.count),"leaks":0}"#
        try figures.write(to: out.appendingPathComponent("redaction-swift.json"), atomically: true, encoding: .utf8)
    }

    func test_t1_oppo_without_master_secret_is_6017() {
        XCTAssertThrowsError(try PushChannel.open(
            config: PushChannelConfig(vendor: .oppo, businessId: 1, appVersion: "1", appSecret: Secret("s"), channelId: "im"),
            dataDir: dataDir())) { error in
            let code = (error as? IMBridgeError)?.code
            guard case let .InvalidConfig(field, _) = error as? PushError else { return XCTFail("\(error)") }
            XCTAssertEqual(code, 6017)
            XCTAssertEqual(field, "master_secret")
        }
    }

    func test_t4_state_survives_a_restart_and_corrupt_files_reset_to_no_token() throws {
        let data = dataDir()
        let first = try PushChannel.open(config: apns, dataDir: data)
        _ = try first.handle(nowMs: 0, event: .enable)
        _ = try first.handle(nowMs: 1, event: .token(token: Secret("abc")))
        _ = try first.handle(nowMs: 2, event: .login(userId: "alice"))
        _ = try first.handle(nowMs: 3, event: .reportResult(ok: true))
        let again = try PushChannel.open(config: apns, dataDir: data)
        XCTAssertEqual(again.state(), .registered)
        XCTAssertNil(again.restoreProblem())
        try "{\"version\": 7, \"vendor\": \"apns\", \"facts\": {}}".write(toFile: data + "/push-apns.json", atomically: true, encoding: .utf8)
        let reset = try PushChannel.open(config: apns, dataDir: data)
        XCTAssertEqual(reset.state(), .noToken)
        XCTAssertNotNil(reset.restoreProblem())
    }

    func test_t6_will_push_gives_every_reason() throws {
        let body = #"{"SyncOtherMachine":1,"To_Account":"bob","MsgSeq":1,"MsgRandom":2,"MsgLifeTime":0,"MsgBody":[{"MsgType":"TIMCustomElem","MsgContent":{"Data":"{}"}}]}"#
        let verdict = try willPush(bodyJson: body, context: PushContext(recipientState: .loggedIn, pushEnabled: false))
        XCTAssertFalse(verdict.willPush)
        XCTAssertEqual(verdict.reasons, [.pushDisabled, .customWithoutDesc, .onlineOnly])
        let group = #"{"GroupId":"g1","Random":1,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi"}}]}"#
        XCTAssertEqual(try willPush(bodyJson: group, context: PushContext(recipientState: .loggedIn, pushEnabled: true,
                                                                          receiveOption: .receiveNotNotify)).reasons,
                       [.receiveOptionSilences(option: .receiveNotNotify)])
        XCTAssertTrue(try willPush(bodyJson: group, context: PushContext(recipientState: .loggedIn, pushEnabled: true)).willPush)
    }

    func test_t2_action_stream_delivers_every_action_in_order() async throws {
        let push = PushActions(channel: try PushChannel.open(config: apns, dataDir: dataDir()), clock: { 42 })
        try push.send(.enable)
        try push.send(.token(token: Secret("abc")))
        try push.send(.login(userId: "alice"))
        XCTAssertThrowsError(try push.send(.token(token: Secret("")))) { error in
            XCTAssertEqual((error as? PushError)?.code, 6017)
        }
        push.finish()
        var all: [PushAction] = []
        for await action in push.actions { all.append(action) }
        XCTAssertEqual(all, [.report(token: Secret("abc"), businessId: 12345, userId: "alice")])
    }
}

/// Everything shown during a scenario: log lines and descriptions.
private final class Shown: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ line: String) { lock.withLock { items.append(line) } }
    var lines: [String] { lock.withLock { items } }
}
