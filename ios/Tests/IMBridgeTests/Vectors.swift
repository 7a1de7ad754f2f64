import Foundation
import IMBridge

/// One entry of tests/vectors/wire/index.json, shared with the Rust and Kotlin suites.
struct WireVector {
    let file: String
    let expect: String
    let field: String?
    let groupType: GroupType?
    let text: String
    var isValid: Bool { expect == "ok" }
}

enum Vectors {
    static let wireDir: URL = {
        if let dir = ProcessInfo.processInfo.environment["IMBRIDGE_VECTORS"] {
            return URL(fileURLWithPath: dir).appendingPathComponent("wire")
        }
        // ios/Tests/IMBridgeTests/Vectors.swift -> tests/vectors/wire
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("tests/vectors/wire")
    }()

    static let wire: [WireVector] = {
        let indexData = try! Data(contentsOf: wireDir.appendingPathComponent("index.json"))
        let index = try! JSONSerialization.jsonObject(with: indexData) as! [String: Any]
        return (index["vectors"] as! [[String: Any]]).map { v in
            let file = v["file"] as! String
            return WireVector(
                file: file,
                expect: v["expect"] as! String,
                field: v["field"] as? String,
                groupType: (v["group_type"] as? String).map(groupType(named:)),
                text: try! String(contentsOf: wireDir.appendingPathComponent(file), encoding: .utf8)
            )
        }
    }()

    /// Structural JSON equality (key order and number spelling ignored).
    static func sameJSON(_ a: String, _ b: String) -> Bool {
        guard let x = try? JSONSerialization.jsonObject(with: Data(a.utf8), options: [.fragmentsAllowed]),
              let y = try? JSONSerialization.jsonObject(with: Data(b.utf8), options: [.fragmentsAllowed])
        else { return false }
        return equal(x, y)
    }

    private static func equal(_ x: Any, _ y: Any) -> Bool {
        switch (x, y) {
        case let (a as [String: Any], b as [String: Any]):
            return a.count == b.count && a.allSatisfy { key, value in b[key].map { equal(value, $0) } ?? false }
        case let (a as [Any], b as [Any]):
            return a.count == b.count && zip(a, b).allSatisfy { equal($0, $1) }
        case let (a as String, b as String):
            return a == b
        case let (a as NSNumber, b as NSNumber):
            return a == b
        case (is NSNull, is NSNull):
            return true
        default:
            return false
        }
    }

    static func groupType(named name: String) -> GroupType {
        guard let type = groupTypeFromName(name: name) else {
            fatalError("unknown group type \(name) in index.json")
        }
        return type
    }
}
