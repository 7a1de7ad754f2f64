import Foundation
import XCTest
import IMBridge

/// SPEC T5: one fingerprint per secret, the same in Rust, Kotlin and Swift.
final class SecretTests: XCTestCase {
    func test_t5_fingerprints_match_the_shared_vectors() throws {
        let url = Vectors.wireDir.deletingLastPathComponent().appendingPathComponent("secret/fingerprints.json")
        let file = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        let vectors = file["vectors"] as! [[String: String]]
        XCTAssertGreaterThanOrEqual(vectors.count, 5)
        for v in vectors {
            let secret = Secret(v["secret"]!)
            XCTAssertEqual(secret.fingerprint, v["fingerprint"]!, "fingerprint of \(v["secret"]!)")
            XCTAssertEqual(secret.description, "Secret(\(v["fingerprint"]!))")
        }
    }

    func test_t5_status_shows_the_same_fingerprint_as_the_secret() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("imbridge-secret-\(UUID().uuidString)").path
        let channel = try PushChannel.open(
            config: PushChannelConfig(vendor: .apns, businessId: 12345, appVersion: "1.0", environment: .production),
            dataDir: dir)
        _ = try channel.handle(nowMs: 0, event: .enable)
        _ = try channel.handle(nowMs: 1, event: .token(token: Secret("very-secret-device-token")))
        XCTAssertEqual(channel.status().tokenFingerprint, Secret("very-secret-device-token").fingerprint)
        XCTAssertEqual(channel.status().tokenFingerprint, "#fc7939bd")
    }
}
