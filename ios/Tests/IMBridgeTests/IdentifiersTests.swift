import XCTest
import IMBridge

/// M6, M7, M11, M12, P1, X3 through the real library.
final class IdentifiersTests: XCTestCase {
    func test_m6_client_msg_id_from_injected_clock_and_random() throws {
        let id = clientMsgIdNew(tinyid: 144115212345678, nowUnixSecs: 1_700_000_000, random: 42)
        XCTAssertEqual(id.description, "144115212345678-1700000000-42")
        XCTAssertEqual(try ClientMsgId(parsing: id.description), id)
    }

    func test_m6_malformed_ids_are_6017() {
        for bad in ["", "1-2", "1-2-x", "1-2-4294967296", "-1-2-3"] {
            XCTAssertThrowsError(try ClientMsgId(parsing: bad), bad) { error in
                XCTAssertEqual((error as? MessageError)?.code, 6017)
            }
        }
        XCTAssertThrowsError(try C2cMsgKey(parsing: "1_2"))
        XCTAssertThrowsError(try GroupMsgKey(parsing: "nogroup"))
    }

    func test_m6_server_keys_round_trip() throws {
        let key = try C2cMsgKey(parsing: "12_3456_1700000000")
        XCTAssertEqual(key, C2cMsgKey(msgSeq: 12, msgRandom: 3456, msgTime: 1_700_000_000))
        XCTAssertEqual(key.description, "12_3456_1700000000")
        let group = try GroupMsgKey(parsing: "@TGS#_room_1_42")
        XCTAssertEqual(group, GroupMsgKey(groupId: "@TGS#_room_1", msgSeq: 42))
    }

    func test_m12_conversation_ids() throws {
        XCTAssertEqual(try ConversationId(parsing: "c2c_alice"), .c2c(userId: "alice"))
        XCTAssertEqual(ConversationId.group(groupId: "g1").description, "group_g1")
        XCTAssertThrowsError(try ConversationId(parsing: "alice"))
    }

    func test_m7_tracker_draws_fresh_values_and_flags_reuse() throws {
        let tracker = RandomTracker(seed: 7)
        let first = try tracker.draw(conversation: "c2c_bob", nowMs: 0)
        XCTAssertNotEqual(first, try tracker.draw(conversation: "c2c_bob", nowMs: 10))
        XCTAssertThrowsError(try tracker.record(conversation: "c2c_bob", random: first, nowMs: 60_000)) { error in
            guard case let .RandomReused(_, _, _, windowMs) = error as? MessageError else { return XCTFail("\(error)") }
            XCTAssertEqual(windowMs, 120_000)
            XCTAssertNil((error as? MessageError)?.code)
        }
        XCTAssertNoThrow(try tracker.record(conversation: "c2c_bob", random: first, nowMs: 120_000))
        XCTAssertThrowsError(try tracker.draw(conversation: "bob", nowMs: 0))
    }

    func test_p1_m11_x3_numbers() {
        XCTAssertEqual(priorityFromNative(value: 0), .normal)
        XCTAssertEqual(priorityToNative(priority: .lowest), 3)
        XCTAssertEqual(priorityFromWeb(value: 4), .lowest)
        XCTAssertEqual(priorityToWeb(priority: .lowest), 4)
        XCTAssertNil(priorityFromWeb(value: 0))
        XCTAssertEqual(messageStatusFromValue(value: 2), .sent)
        XCTAssertNil(messageStatusFromValue(value: 7))
        XCTAssertEqual(errorCodeFromValue(value: 10023), .groupFrequencyLimit)
        XCTAssertNil(errorCodeFromValue(value: 1))
    }

    func test_x3_malformed_json_is_a_json_error() {
        XCTAssertThrowsError(try C2cMessage(json: #"{"To_Account": "bob", "MsgSeq": 1"#)) { error in
            guard case .Json = error as? MessageError else { return XCTFail("\(error)") }
            XCTAssertEqual((error as? MessageError)?.codeOrName, "json")
        }
    }

    func test_x3_out_of_range_msg_random_names_the_field() {
        let json = #"{"SyncOtherMachine":2,"To_Account":"bob","MsgSeq":1,"MsgRandom":4294967296,"MsgBody":[]}"#
        XCTAssertThrowsError(try C2cMessage(json: json)) { error in
            let code = (error as? IMBridgeError)?.code
            guard case let .InvalidField(field, _) = error as? MessageError else { return XCTFail("\(error)") }
            XCTAssertEqual(code, 6017)
            XCTAssertEqual(field, "MsgRandom")
        }
    }

    func test_library_loads_and_reports_its_version() {
        // The linked library and these sources come from one version
        // (Cargo.toml's, written into Generated/Version.swift).
        XCTAssertEqual(imbridgeVersion(), imbridgePackageVersion)
        XCTAssertNotNil(imbridgePackageVersion.range(of: #"^[0-9]+\.[0-9]+\.[0-9]+"#, options: .regularExpression))
    }
}
