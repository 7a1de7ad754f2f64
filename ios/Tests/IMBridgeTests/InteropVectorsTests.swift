import Foundation
import XCTest
import IMBridge

/// The Web SDK's own names, numbers and ids (`interop/web_sdk.json`, made by
/// running the SDK) and what `idParse` says about each kind of id
/// (`ids/parse.json`): the same vectors the Rust and Kotlin suites read
/// (SPEC M6, M10, M12, P1).
final class InteropVectorsTests: XCTestCase {
    private static let dir = Vectors.wireDir.deletingLastPathComponent()

    private func load(_ path: String) throws -> [String: Any] {
        let data = try Data(contentsOf: Self.dir.appendingPathComponent(path))
        return try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    private func list(_ file: [String: Any], _ key: String) -> [[String: Any]] {
        let items = file[key] as? [[String: Any]] ?? []
        XCTAssertFalse(items.isEmpty, key)
        return items
    }

    func test_m10_web_sdk_group_type_names_read_as_their_type() throws {
        let web = try load("interop/web_sdk.json")
        for t in list(web, "group_types") {
            let name = t["name"] as! String
            let type = try XCTUnwrap(groupTypeFromName(name: name), name)
            XCTAssertEqual(groupTypeName(groupType: type), t["type"] as? String)
            XCTAssertEqual(groupTypeRestName(groupType: type), name)
        }
        for name in web["not_group_types"] as! [String] {
            XCTAssertNil(groupTypeFromName(name: name), name)
        }
    }

    func test_p1_web_and_native_priority_numbers() throws {
        let web = try load("interop/web_sdk.json")
        let byName: [String: Priority] = ["High": .high, "Normal": .normal, "Low": .low, "Lowest": .lowest]
        for p in list(web, "web_priorities") {
            let number = Int32(p["number"] as! Int)
            if (1...4).contains(number) {
                XCTAssertEqual(priorityFromWeb(value: number), byName[p["web_sdk_reads"] as! String])
                XCTAssertEqual(priorityToWeb(priority: priorityFromWeb(value: number)!), number)
            } else {
                XCTAssertNil(priorityFromWeb(value: number), "web number \(number)")
            }
        }
        for p in list(web, "native_priorities") {
            let number = Int32(p["number"] as! Int)
            let priority = try XCTUnwrap(priorityFromNative(value: number))
            XCTAssertEqual(priority, byName[p["priority"] as! String])
            if number != 0 { XCTAssertEqual(priorityToNative(priority: priority), number) }
        }
    }

    func test_m12_web_sdk_conversation_ids_parse_and_format_both_ways() throws {
        let web = try load("interop/web_sdk.json")
        for c in list(web, "conversations") {
            let id = try conversationIdParse(text: c["web"] as! String)
            XCTAssertEqual(id, try conversationIdParse(text: c["native"] as! String))
            XCTAssertEqual(conversationIdFormat(id: id), c["native"] as? String)
            XCTAssertEqual(conversationIdFormat(id: id, form: .web), c["web"] as? String)
        }
    }

    func test_m6_web_sdk_legacy_ids_hold_the_full_unsigned_sequence() throws {
        let web = try load("interop/web_sdk.json")
        for m in list(web, "legacy_message_ids") {
            let text = m["id"] as! String
            let id = try legacyWebMsgIdParse(text: text)
            XCTAssertEqual(conversationIdFormat(id: id.conversation), m["conversation"] as? String)
            XCTAssertEqual(id.msgSeq, (m["msg_seq"] as! NSNumber).uint64Value, text)
            XCTAssertEqual(id.random, (m["random"] as! NSNumber).uint32Value, text)
            XCTAssertEqual(id.sentByMe, m["sent_by_me"] as? Bool, text)
            XCTAssertEqual(legacyWebMsgIdFormat(id: id), text)
        }
    }

    func test_m6_id_parse_matches_the_shared_vectors() throws {
        let data = try Data(contentsOf: Self.dir.appendingPathComponent("ids/parse.json"))
        let cases = try JSONDecoder().decode(IdVectors.self, from: data).vectors
        XCTAssertGreaterThanOrEqual(cases.count, 15)
        for c in cases {
            if let expect = c.expect {
                XCTAssertEqual(describe(try idParse(text: c.id)), expect.mapValues(\.text), c.id)
            } else {
                XCTAssertThrowsError(try idParse(text: c.id), c.id) { error in
                    let code = (error as? IMBridgeError)?.code
                    guard case let .InvalidField(_, reason) = error as? MessageError else {
                        return XCTFail("\(c.id): \(error)")
                    }
                    XCTAssertEqual(code, 6017)
                    XCTAssertTrue(reason.contains("is none of"), reason)
                }
            }
        }
    }

    /// `ids/parse.json`, decoded with exact integers (JSONDecoder reads
    /// UInt64 values above Int64.max exactly; JSONSerialization may not).
    private struct IdVectors: Decodable {
        struct Case: Decodable { let id: String; let expect: [String: Scalar]? }
        let vectors: [Case]
    }

    /// A JSON scalar as text: booleans `true`/`false`, integers in decimal.
    private struct Scalar: Decodable {
        let text: String
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let b = try? c.decode(Bool.self) { text = b ? "true" : "false" }
            else if let n = try? c.decode(UInt64.self) { text = String(n) }
            else { text = try c.decode(String.self) }
        }
    }

    /// The parsed id as the flat object `imbridge id parse` prints (without `id`).
    private func describe(_ parsed: ParsedId) -> [String: String] {
        var f: [String: String] = [:]
        func conversation(_ id: ConversationId) {
            f["conversation"] = conversationIdFormat(id: id)
            f["web"] = conversationIdFormat(id: id, form: .web)
            switch id {
            case let .c2c(userId): f["conversation_kind"] = "c2c"; f["peer"] = userId
            case let .group(groupId): f["conversation_kind"] = "group"; f["group_id"] = groupId
            }
        }
        switch parsed {
        case let .clientMessage(id, clientTimeUtc):
            f["kind"] = "client_msg_id"; f["tinyid"] = String(id.tinyid); f["client_time"] = String(id.clientTime)
            f["client_time_utc"] = clientTimeUtc; f["random"] = String(id.random)
        case let .c2cServerKey(key, msgTimeUtc):
            f["kind"] = "c2c_msg_key"; f["msg_seq"] = String(key.msgSeq); f["msg_random"] = String(key.msgRandom)
            f["msg_time"] = String(key.msgTime); f["msg_time_utc"] = msgTimeUtc
        case let .groupServerKey(key):
            f["kind"] = "group_msg_key"; f["group_id"] = key.groupId; f["msg_seq"] = String(key.msgSeq)
        case let .legacyWeb(id):
            f["kind"] = "legacy_web_msg_id"; conversation(id.conversation)
            f["msg_seq"] = String(id.msgSeq); f["random"] = String(id.random); f["sent_by_me"] = id.sentByMe ? "true" : "false"
        case let .conversation(id, form):
            f["kind"] = "conversation_id"; conversation(id); f["form"] = form == .web ? "web" : "native"
        }
        return f
    }
}
