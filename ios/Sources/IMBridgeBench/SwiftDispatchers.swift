// The rules imbridge's dispatcher applies to a received batch, written in
// plain Swift the way an iOS team would: decode with Codable or
// JSONSerialization, drop duplicates by the service's keys within its
// windows (SPEC M7: C2C sender + MsgSeq + MsgRandom + content, 120 s;
// group + Random, 5 min), deliver only the user's C2C messages and joined
// groups' messages (D4), call every listener in order (D1), count the rest.
import Foundation

/// One message's routing facts, read from the decoded form.
struct Facts {
    let groupId: String?
    let to: String?
    let key: AnyHashable
}

struct C2cKey: Hashable { let from: String; let seq: Int; let random: Int; let content: Int }
struct GroupKey: Hashable { let group: String; let random: Int }

final class SwiftDispatcher<Message> {
    private let user: String
    private let groups: Set<String>
    private let decode: (String) throws -> [Message]
    private let facts: (Message) -> Facts
    private var listeners: [(Message) -> Void] = []
    private var seen: [AnyHashable: UInt64] = [:]
    private var expiry: [(UInt64, AnyHashable)] = []
    private var expired = 0
    var delivered = 0, duplicates = 0, misrouted = 0, notMember = 0

    init(user: String, groups: Set<String>, decode: @escaping (String) throws -> [Message], facts: @escaping (Message) -> Facts) {
        self.user = user
        self.groups = groups
        self.decode = decode
        self.facts = facts
    }

    func addListener(_ listener: @escaping (Message) -> Void) { listeners.append(listener) }

    func receive(nowMs: UInt64, _ batch: String) throws {
        while expired < expiry.count, expiry[expired].0 <= nowMs {
            seen.removeValue(forKey: expiry[expired].1)
            expired += 1
        }
        for message in try decode(batch) {
            let facts = facts(message)
            let window: UInt64
            if let group = facts.groupId {
                guard groups.contains(group) else { notMember += 1; continue }
                window = 300_000
            } else {
                guard facts.to == user else { misrouted += 1; continue }
                window = 120_000
            }
            guard seen.updateValue(nowMs + window, forKey: facts.key) == nil else { duplicates += 1; continue }
            expiry.append((nowMs + window, facts.key))
            for listener in listeners { listener(message) }
            delivered += 1
        }
    }
}

/// Codable: `Decodable` structs through `JSONDecoder`; an element's content
/// kept as raw JSON values.
enum CodableMessages {
    enum Value: Decodable, Hashable {
        case string(String), number(Double), bool(Bool), object([String: Value]), array([Value]), null

        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() { self = .null }
            else if let v = try? c.decode(Bool.self) { self = .bool(v) }
            else if let v = try? c.decode(Double.self) { self = .number(v) }
            else if let v = try? c.decode(String.self) { self = .string(v) }
            else if let v = try? c.decode([Value].self) { self = .array(v) }
            else { self = .object(try c.decode([String: Value].self)) }
        }
    }

    struct Element: Decodable, Hashable {
        let msgType: String
        let msgContent: [String: Value]
        enum CodingKeys: String, CodingKey { case msgType = "MsgType", msgContent = "MsgContent" }
    }

    struct Message: Decodable {
        let fromAccount: String
        let toAccount: String?
        let groupId: String?
        let msgSeq: Int
        let msgRandom: Int?
        let random: Int?
        let msgTime: Int?
        let msgBody: [Element]
        enum CodingKeys: String, CodingKey {
            case fromAccount = "From_Account", toAccount = "To_Account", groupId = "GroupId", msgSeq = "MsgSeq"
            case msgRandom = "MsgRandom", random = "Random", msgTime = "MsgTime", msgBody = "MsgBody"
        }
    }

    static func dispatcher(user: String, groups: Set<String>) -> SwiftDispatcher<Message> {
        let decoder = JSONDecoder()
        return SwiftDispatcher(user: user, groups: groups,
                               decode: { try decoder.decode([Message].self, from: Data($0.utf8)) },
                               facts: { m in
                                   if let group = m.groupId { return Facts(groupId: group, to: nil, key: GroupKey(group: group, random: m.random ?? 0)) }
                                   return Facts(groupId: nil, to: m.toAccount,
                                                key: C2cKey(from: m.fromAccount, seq: m.msgSeq, random: m.msgRandom ?? 0, content: m.msgBody.hashValue))
                               })
    }
}

/// JSONSerialization: dictionaries.
enum DictionaryMessages {
    static func dispatcher(user: String, groups: Set<String>) -> SwiftDispatcher<[String: Any]> {
        SwiftDispatcher(user: user, groups: groups,
                        decode: { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [[String: Any]] ?? [] },
                        facts: { m in
                            if let group = m["GroupId"] as? String {
                                return Facts(groupId: group, to: nil, key: GroupKey(group: group, random: m["Random"] as? Int ?? 0))
                            }
                            let body = (m["MsgBody"]).flatMap { try? JSONSerialization.data(withJSONObject: $0, options: .sortedKeys) }
                            return Facts(groupId: nil, to: m["To_Account"] as? String,
                                         key: C2cKey(from: m["From_Account"] as? String ?? "", seq: m["MsgSeq"] as? Int ?? 0,
                                                     random: m["MsgRandom"] as? Int ?? 0, content: body?.hashValue ?? 0))
                        })
    }
}
