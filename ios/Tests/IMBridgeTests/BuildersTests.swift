import XCTest
import IMBridge

/// M2, M8, M9, M10 through the builders.
final class BuildersTests: XCTestCase {
    func test_m2_second_custom_element_is_6016_and_body_unchanged() throws {
        let builder = MessageBodyBuilder()
        try builder.add(element: .custom(CustomElem(data: "one")))
        try builder.add(element: .text(TextElem(text: "hi")))
        XCTAssertThrowsError(try builder.add(element: .custom(CustomElem(data: "two")))) { error in
            let code = (error as? IMBridgeError)?.code
            guard case let .SecondCustomElement(index) = error as? MessageError else { return XCTFail("\(error)") }
            XCTAssertEqual(code, 6016)
            XCTAssertEqual(index, 2)
        }
        XCTAssertEqual(builder.count(), 2)
    }

    func test_m2_body_over_12_kb_is_8001_and_body_unchanged() throws {
        let builder = MessageBodyBuilder()
        try builder.add(element: .text(TextElem(text: String(repeating: "a", count: 6000))))
        let before = builder.encodedLen()
        XCTAssertThrowsError(try builder.add(element: .text(TextElem(text: String(repeating: "b", count: 6300))))) { error in
            let code = (error as? IMBridgeError)?.code
            guard case let .BodyTooLarge(_, limit) = error as? MessageError else { return XCTFail("\(error)") }
            XCTAssertEqual(code, 8001)
            XCTAssertEqual(limit, 12288)
        }
        XCTAssertEqual(builder.encodedLen(), before)
    }

    func test_m2_empty_message_is_6016() {
        XCTAssertThrowsError(try messageBody { }) { error in
            XCTAssertEqual((error as? MessageError)?.serviceCode, .invalidElement)
        }
    }

    func test_m2_result_builder_keeps_order() throws {
        let body = try messageBody {
            Element.text(TextElem(text: "hello"))
            Element.custom(CustomElem(data: "{}", desc: "push"))
            for i in 0..<2 { Element.face(FaceElem(index: Int32(i))) }
        }
        XCTAssertEqual(body.count, 4)
        XCTAssertEqual(body.first, .text(TextElem(text: "hello")))
    }

    func test_m2_add_all_is_all_or_nothing() throws {
        let builder = MessageBodyBuilder()
        try builder.add(element: .text(TextElem(text: "kept")))
        XCTAssertThrowsError(try builder.addAll(elements: [.text(TextElem(text: "new")), .text(TextElem(text: ""))]))
        XCTAssertEqual(builder.elements(), [.text(TextElem(text: "kept"))])
    }

    func test_m9_community_rejects_at_all() throws {
        let list = MentionListBuilder(groupType: .community)
        XCTAssertThrowsError(try list.add(mention: .all)) { error in
            let code = (error as? IMBridgeError)?.code
            guard case let .MentionNotAllowed(groupType, _) = error as? MessageError else { return XCTFail("\(error)") }
            XCTAssertEqual(code, 6017)
            XCTAssertEqual(groupType, .community)
        }
        try list.add(mention: .user(account: "bob"))
        XCTAssertEqual(list.mentions(), [.user(account: "bob")])
    }

    func test_m9_avchatroom_rejects_any_mention() {
        let list = MentionListBuilder(groupType: .avChatRoom)
        XCTAssertThrowsError(try list.add(mention: .user(account: "bob")))
        XCTAssertThrowsError(try list.add(mention: .all))
        XCTAssertTrue(list.mentions().isEmpty)
    }

    func test_m9_at_most_30_targets_including_all() throws {
        let list = MentionListBuilder(groupType: .work)
        try list.add(mention: .all)
        for i in 0..<29 { try list.add(mention: .user(account: "u\(i)")) }
        XCTAssertThrowsError(try list.add(mention: .user(account: "one_more"))) { error in
            guard case let .TooManyMentions(count, limit) = error as? MessageError else { return XCTFail("\(error)") }
            XCTAssertEqual(count, 31)
            XCTAssertEqual(limit, 30)
        }
    }

    func test_m9_sdk_all_marker_means_at_all() throws {
        XCTAssertEqual(mentionAllMarker(), "__kImSDK_MesssageAtALL__")
        let list = MentionListBuilder(groupType: .public)
        try list.addSdkUser(userId: mentionAllMarker())
        XCTAssertEqual(list.mentions(), [.all])
    }

    func test_m8_red_packet_is_high_priority_with_push_text() throws {
        let packet = try redPacket(amount: 888, msg: "Happy new year")
        XCTAssertEqual(packet.priority, .high)
        guard case let .custom(custom) = packet.element else { return XCTFail("not custom") }
        let (data, desc) = (custom.data, custom.desc)
        XCTAssertEqual(desc, "[Red Packet] Happy new year")
        XCTAssertTrue(Vectors.sameJSON(data, #"{"type":"RED_PACKET","amount":888,"msg":"Happy new year"}"#))
        XCTAssertThrowsError(try redPacket(amount: 0, msg: "x")) { error in
            XCTAssertEqual((error as? MessageError)?.code, 6017)
        }
    }

    /// M8: the FAQ's red packet, from the shared vector the Rust and Kotlin suites read too.
    func test_m8_red_packet_matches_the_faq_vectors() throws {
        struct Build: Decodable { let amount: UInt64; let msg: String; let push_text: String?; let desc: String }
        struct Read: Decodable { let data: String; let amount: UInt64; let msg: String }
        struct File: Decodable { let build: [Build]; let read: [Read]; let refused: [UInt64] }
        let url = Vectors.wireDir.deletingLastPathComponent().appendingPathComponent("red_packet/faq.json")
        let raw = try Data(contentsOf: url)
        let file = try JSONDecoder().decode(File.self, from: raw)
        let builtData = (try JSONSerialization.jsonObject(with: raw) as! [String: Any])["build"] as! [[String: Any]]
        XCTAssertGreaterThanOrEqual(file.build.count, 3)
        for (i, c) in file.build.enumerated() {
            let packet = try redPacket(amount: c.amount, msg: c.msg, pushText: c.push_text)
            guard case let .custom(custom) = packet.element else { return XCTFail("not custom") }
            let (data, desc) = (custom.data, custom.desc)
            let expected = String(data: try JSONSerialization.data(withJSONObject: builtData[i]["data"]!), encoding: .utf8)!
            XCTAssertTrue(Vectors.sameJSON(data, expected), "\(data) vs \(expected)")
            XCTAssertEqual(desc, c.desc)
        }
        for r in file.read {
            let packet = try XCTUnwrap(redPacketRead(element: .custom(CustomElem(data: r.data))))
            XCTAssertEqual(packet.amount, r.amount)
            XCTAssertEqual(packet.msg, r.msg)
        }
        XCTAssertNil(redPacketRead(element: .text(TextElem(text: "hi"))))
        for amount in file.refused {
            XCTAssertThrowsError(try redPacket(amount: amount, msg: "x")) { error in
                XCTAssertEqual((error as? MessageError)?.code, 6017, "\(amount)")
            }
        }
    }

    func test_m10_group_type_facts() {
        XCTAssertNil(groupTypeInfo(groupType: .avChatRoom).maxMembers)
        XCTAssertFalse(groupTypeInfo(groupType: .avChatRoom).storesHistory)
        XCTAssertEqual(groupTypeInfo(groupType: .community).maxMembers, 100_000)
        XCTAssertEqual(groupTypeFromId(groupId: "@TGS#_abc"), .community)
    }
}
