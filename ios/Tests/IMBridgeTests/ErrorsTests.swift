import Foundation
import XCTest
import IMBridge

/// X3: every error imbridge throws is an ``IMBridgeError`` with the
/// service's code where one exists and a readable `localizedDescription`
/// (its detail), never `String(reflecting:)`.
final class ErrorsTests: XCTestCase {
    private func check(_ body: () throws -> Void, code: Int32?, name: String, detailPrefix: String,
                       file: StaticString = #filePath, line: UInt = #line) {
        do {
            try body()
            XCTFail("no error", file: file, line: line)
        } catch let error as IMBridgeError {
            XCTAssertEqual(error.code, code, file: file, line: line)
            XCTAssertEqual(error.codeOrName, name, file: file, line: line)
            XCTAssertEqual(error.localizedDescription, error.detail, file: file, line: line)
            XCTAssertFalse(error.localizedDescription.contains("IMBridge."), error.localizedDescription, file: file, line: line)
            XCTAssertTrue(error.detail.hasPrefix(detailPrefix), error.detail, file: file, line: line)
            let ns = error as NSError
            XCTAssertEqual(ns.code, Int(code ?? 0), file: file, line: line)
            XCTAssertTrue(ns.domain.hasPrefix("io.imbridge."), ns.domain, file: file, line: line)
        } catch {
            XCTFail("not an IMBridgeError: \(error)", file: file, line: line)
        }
    }

    func test_x3_every_error_type_has_code_detail_and_a_readable_description() throws {
        check({ _ = try redPacket(amount: 0, greeting: "x") }, code: 6017, name: "6017", detailPrefix: "invalid amount")
        check({ _ = try C2cMessage(json: "{") }, code: nil, name: "json", detailPrefix: "malformed JSON at line 1, column 1")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("imbridge-err-\(UUID().uuidString)").path
        check({ _ = try PushChannel.open(config: PushChannelConfig(vendor: .oppo, businessId: 1, appVersion: "1"), dataDir: dir) },
              code: 6017, name: "6017", detailPrefix: "invalid push config")
        check({ _ = try Outbox(limits: OutboxLimits(c2cPerWindow: 0)) }, code: 6017, name: "6017",
              detailPrefix: "invalid limit c2c")
        XCTAssertEqual((try? redPacket(amount: 0, greeting: "x")).map { _ in 0 }, nil)
        do {
            _ = try redPacket(amount: 0, greeting: "x")
        } catch let error as MessageError {
            XCTAssertEqual(error.serviceCode, .invalidParameter)
            XCTAssertTrue(error.description.contains("[6017]"), error.description)
        }
    }
}
