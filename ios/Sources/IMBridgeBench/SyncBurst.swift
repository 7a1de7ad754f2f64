// The login-sync burst, byte for byte the JVM bench's
// (tests/kotlin/.../bench/SyncBurst.kt): 10,000 messages in batches of
// 100, C2C and group, text / custom / image, every 50th a repeat of an
// earlier one (2%), every 100th (offset 17) for another recipient or a
// group not joined (1%).
enum SyncBurst {
    static let messages = 10_000
    static let batch = 100
    static let user = "bob"
    static let joined = ["@TGS#team", "@TGS#family", "@TGS#work"]

    static let batches: [String] = stride(from: 0, to: messages, by: batch).map { start in
        "[" + (start..<start + batch).map(message).joined(separator: ",") + "]"
    }

    static func message(_ i: Int) -> String {
        if i % 50 == 49 { return message(i - 7) }
        let astray = i % 100 == 17
        let body = self.body(i)
        if i % 3 == 0 {
            let group = astray ? "@TGS#not-joined" : joined[i % joined.count]
            return #"{"GroupId":"\#(group)","From_Account":"user\#(i % 40)","MsgSeq":\#(i + 1),"Random":\#(i * 7919 + 13),"#
                + #""MsgTime":1700000000,"MsgBody":\#(body)}"#
        }
        let to = astray ? "carol" : user
        return #"{"From_Account":"user\#(i % 40)","To_Account":"\#(to)","MsgSeq":\#(i + 1),"MsgRandom":\#(i * 7919 + 13),"#
            + #""MsgTime":1700000000,"MsgBody":\#(body)}"#
    }

    static func body(_ i: Int) -> String {
        switch i % 10 {
        case 7:
            return #"[{"MsgType":"TIMCustomElem","MsgContent":{"Data":"{\"kind\":\"order\",\"id\":\#(i)}","Desc":"New order"}}]"#
        case 8:
            return #"[{"MsgType":"TIMImageElem","MsgContent":{"UUID":"img\#(i)","ImageFormat":1,"ImageInfoArray":["#
                + #"{"Type":1,"Size":1024,"Width":800,"Height":600,"URL":"https://cdn.example.com/\#(i)/o.jpg"},"#
                + #"{"Type":3,"Size":64,"Width":198,"Height":148,"URL":"https://cdn.example.com/\#(i)/t.jpg"}]}}]"#
        default:
            return #"[{"MsgType":"TIMTextElem","MsgContent":{"Text":"message \#(i) from the sync, with some text: é"}}]"#
        }
    }
}
