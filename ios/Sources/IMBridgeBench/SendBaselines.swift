// What an iOS team writes without imbridge to send one C2C text message:
// the same `sendmsg` body and checks (recipient not blank, text not empty,
// body within the 12 KB limit) with Codable + JSONEncoder or
// JSONSerialization, and the hand-written byte appender as the floor.
import Foundation

enum SendBaselines {
    static let bodyLimitBytes = 12 * 1024

    struct TextContent: Encodable {
        let text: String
        enum CodingKeys: String, CodingKey { case text = "Text" }
    }

    struct TextElem: Encodable {
        let msgType: String
        let msgContent: TextContent
        enum CodingKeys: String, CodingKey { case msgType = "MsgType", msgContent = "MsgContent" }
    }

    struct SendC2c: Encodable {
        let syncOtherMachine: Int
        let toAccount: String
        let msgSeq: UInt32
        let msgRandom: UInt32
        let msgBody: [TextElem]
        enum CodingKeys: String, CodingKey {
            case syncOtherMachine = "SyncOtherMachine", toAccount = "To_Account", msgSeq = "MsgSeq"
            case msgRandom = "MsgRandom", msgBody = "MsgBody"
        }
    }

    struct Invalid: Error { let reason: String }

    static func check(_ to: String, _ text: String) throws {
        if to.trimmingCharacters(in: .whitespaces).isEmpty { throw Invalid(reason: "To_Account: recipient is empty") }
        if text.isEmpty { throw Invalid(reason: "empty message") }
    }

    static func checkSize(_ body: String) throws -> String {
        if body.utf8.count > bodyLimitBytes { throw Invalid(reason: "body too large") }
        return body
    }

    /// Codable: an `Encodable` struct through `JSONEncoder`.
    static func codable(to: String, text: String, seq: UInt32, random: UInt32) throws -> String {
        try check(to, text)
        let body = SendC2c(syncOtherMachine: 1, toAccount: to, msgSeq: seq, msgRandom: random,
                           msgBody: [TextElem(msgType: "TIMTextElem", msgContent: TextContent(text: text))])
        return try checkSize(String(decoding: try JSONEncoder().encode(body), as: UTF8.self))
    }

    /// JSONSerialization: dictionaries, as older code and the service's samples write it.
    static func jsonSerialization(to: String, text: String, seq: UInt32, random: UInt32) throws -> String {
        try check(to, text)
        let body: [String: Any] = [
            "SyncOtherMachine": 1, "To_Account": to, "MsgSeq": seq, "MsgRandom": random,
            "MsgBody": [["MsgType": "TIMTextElem", "MsgContent": ["Text": text]]],
        ]
        return try checkSize(String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self))
    }

    /// The floor: the same JSON appended byte by byte, faster than anything an app team writes.
    static func floor(to: String, text: String, seq: UInt32, random: UInt32) throws -> String {
        try check(to, text)
        var out: [UInt8] = []
        out.reserveCapacity(112 + text.utf8.count)
        out.append(contentsOf: #"{"SyncOtherMachine":1,"To_Account":"#.utf8)
        quote(&out, to)
        out.append(contentsOf: #","MsgSeq":"#.utf8)
        out.append(contentsOf: String(seq).utf8)
        out.append(contentsOf: #","MsgRandom":"#.utf8)
        out.append(contentsOf: String(random).utf8)
        out.append(contentsOf: #","MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"#.utf8)
        quote(&out, text)
        out.append(contentsOf: "}}]}".utf8)
        return try checkSize(String(decoding: out, as: UTF8.self))
    }

    static func quote(_ out: inout [UInt8], _ value: String) {
        out.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
            case UInt8(ascii: "\n"): out.append(contentsOf: #"\n"#.utf8)
            case UInt8(ascii: "\r"): out.append(contentsOf: #"\r"#.utf8)
            case UInt8(ascii: "\t"): out.append(contentsOf: #"\t"#.utf8)
            case 0..<0x20: out.append(contentsOf: String(format: "\\u%04x", byte).utf8)
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
