import XCTest
import IMBridge

/// M1: every element kind encodes to the service's exact JSON.
final class ElementsTests: XCTestCase {
    private func body(_ element: Element) throws -> String {
        let json = try C2cMessage(
            syncOtherMachine: .noSync, toAccount: "bob", msgSeq: 1, msgRandom: 2, msgBody: [element]
        ).encoded()
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        let data = try JSONSerialization.data(withJSONObject: object["MsgBody"]!)
        return String(decoding: data, as: UTF8.self)
    }

    private func assertBody(_ element: Element, _ expected: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let got = try body(element)
        XCTAssertTrue(Vectors.sameJSON(got, expected), "got \(got)", file: file, line: line)
    }

    func test_m1_text() throws {
        try assertBody(.text(TextElem(text: "hi")), #"[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi"}}]"#)
    }

    func test_m1_custom_omits_unset_fields() throws {
        try assertBody(.custom(CustomElem(data: "d", desc: "push text")),
                       #"[{"MsgType":"TIMCustomElem","MsgContent":{"Data":"d","Desc":"push text"}}]"#)
    }

    func test_m1_face_and_location() throws {
        try assertBody(.face(FaceElem(index: 3, data: "x")), #"[{"MsgType":"TIMFaceElem","MsgContent":{"Index":3,"Data":"x"}}]"#)
        try assertBody(.location(LocationElem(desc: "Bay", latitude: 22.5, longitude: 113.95)),
                       #"[{"MsgType":"TIMLocationElem","MsgContent":{"Desc":"Bay","Latitude":22.5,"Longitude":113.95}}]"#)
    }

    func test_m1_image() throws {
        try assertBody(
            .image(ImageElem(uuid: "u1", imageFormat: 3, imageInfoArray: [ImageInfo(kind: 1, size: 10, width: 4, height: 3, url: "https://e/o")])),
            #"[{"MsgType":"TIMImageElem","MsgContent":{"UUID":"u1","ImageFormat":3,"ImageInfoArray":[{"Type":1,"Size":10,"Width":4,"Height":3,"URL":"https://e/o"}]}}]"#
        )
    }

    func test_m1_sound_file_video_keep_their_flags() throws {
        try assertBody(.sound(SoundElem(url: "https://e/v", size: 5360, second: 3)),
                       #"[{"MsgType":"TIMSoundElem","MsgContent":{"Url":"https://e/v","Size":5360,"Second":3,"Download_Flag":2}}]"#)
        try assertBody(.file(FileElem(url: "https://e/f", fileSize: 9, fileName: "a.pdf")),
                       #"[{"MsgType":"TIMFileElem","MsgContent":{"Url":"https://e/f","FileSize":9,"FileName":"a.pdf","Download_Flag":2}}]"#)
        try assertBody(
            .video(VideoFileElem(videoUrl: "https://e/v.mp4", videoSize: 100, videoSecond: 5, videoFormat: "mp4", thumbUrl: "https://e/t.jpg",
                   thumbSize: 10, thumbWidth: 720, thumbHeight: 1280, thumbFormat: "JPG")),
            #"[{"MsgType":"TIMVideoFileElem","MsgContent":{"VideoUrl":"https://e/v.mp4","VideoSize":100,"VideoSecond":5,"VideoFormat":"mp4","VideoDownloadFlag":2,"ThumbUrl":"https://e/t.jpg","ThumbSize":10,"ThumbWidth":720,"ThumbHeight":1280,"ThumbFormat":"JPG","ThumbDownloadFlag":2}}]"#
        )
    }

    func test_m1_unknown_element_and_extra_keys_survive_records() throws {
        let json = #"{"SyncOtherMachine":2,"To_Account":"bob","MsgSeq":1,"MsgRandom":2,"MsgBody":[{"MsgType":"TIMNewElem","MsgContent":{"A":[1,2]}},{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi","Lang":"en"}}]}"#
        let message = try C2cMessage(json: json)
        guard case let .unknown(msgType, content) = message.msgBody[0] else { return XCTFail("not unknown") }
        XCTAssertEqual(msgType, "TIMNewElem")
        XCTAssertTrue(Vectors.sameJSON(content, #"{"A":[1,2]}"#))
        guard case let .text(text) = message.msgBody[1] else { return XCTFail("not text") }
        XCTAssertEqual(text.extra, ["Lang": #""en""#])
        XCTAssertTrue(Vectors.sameJSON(try message.encoded(), json))
    }

    func test_m2_validate_element_reports_6016_with_reason() {
        XCTAssertThrowsError(try validateElement(element: .location(LocationElem(desc: "x", latitude: 91, longitude: 0)))) { error in
            let code = (error as? IMBridgeError)?.code
            guard case let .InvalidElement(_, msgType, reason) = error as? MessageError else { return XCTFail("\(error)") }
            XCTAssertEqual(code, 6016)
            XCTAssertEqual(msgType, "TIMLocationElem")
            XCTAssertTrue(reason.contains("Latitude"))
        }
        XCTAssertNoThrow(try validateElement(element: .text(TextElem(text: "fine"))))
    }

    func test_m1_extra_values_are_json_text_and_text_that_is_not_json_stays_a_string() throws {
        try assertBody(.text(TextElem(text: "hi", extra: ["N": #"[1,{"b":null}]"#, "Lang": "en"])),
                       #"[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi","Lang":"en","N":[1,{"b":null}]}}]"#)
    }
}
