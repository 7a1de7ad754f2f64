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
        check({ _ = try redPacket(amount: 0, msg: "x") }, code: 6017, name: "6017", detailPrefix: "invalid amount")
        check({ _ = try C2cMessage(json: "{") }, code: nil, name: "json", detailPrefix: "malformed JSON at line 1, column 1")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("imbridge-err-\(UUID().uuidString)").path
        check({ _ = try PushChannel.open(config: PushChannelConfig(vendor: .oppo, businessId: 1, appVersion: "1"), dataDir: dir) },
              code: 6017, name: "6017", detailPrefix: "invalid push config")
        check({ _ = try Outbox(limits: OutboxLimits(c2cPerWindow: 0)) }, code: 6017, name: "6017",
              detailPrefix: "invalid limit c2c")
        XCTAssertEqual((try? redPacket(amount: 0, msg: "x")).map { _ in 0 }, nil)
        do {
            _ = try redPacket(amount: 0, msg: "x")
        } catch let error as MessageError {
            XCTAssertEqual(error.serviceCode, .invalidParameter)
            XCTAssertTrue(error.description.contains("[6017]"), error.description)
        }
    }
}

/// X3: every case of every error type is safe to print, whichever way an
/// app prints it — `print`, `String(describing:)`, `String(reflecting:)`,
/// `dump`, SwiftUI's `errorDescription`, an `NSError` bridge. The cases are
/// enumerated, not listed: each is decoded from the FFI's own encoding
/// (variant 1, 2, … until the converter knows no more), so a case added to
/// the core is checked without touching this file.
final class ErrorsPrintingTests: XCTestCase {
    /// Each variant index the converter accepts, decoded with zero-valued
    /// fields, or with a first field of 1 where that field is an enum
    /// (whose cases start at 1).
    private func everyCase<E>(_ read: (inout (data: Data, offset: Data.Index)) throws -> E) -> [E] {
        var cases: [E] = []
        var ended = false
        for variant in Int32(1)...64 {
            var head = Data()
            withUnsafeBytes(of: variant.bigEndian) { head.append(contentsOf: $0) }
            let fillers = [Data(count: 64), Data([0, 0, 0, 1]) + Data(count: 60)]
            var decoded: E?
            for filler in fillers where decoded == nil {
                var buf = (data: head + filler, offset: 0)
                decoded = try? read(&buf)
            }
            if let decoded {
                XCTAssertFalse(ended, "variant \(variant) decodes after a gap")
                cases.append(decoded)
            } else {
                ended = true
            }
        }
        return cases
    }

    /// `atLeast`: the cases the domain had when this test was written, so
    /// an enumeration that silently stopped early fails.
    private func checkPrintable<E: IMBridgeError>(_ cases: [E], domain: String, atLeast: Int, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertGreaterThanOrEqual(cases.count, atLeast, "cases of \(domain) decoded: \(cases.count)", file: file, line: line)
        var kinds = Set<String>()
        for error in cases {
            var printed = ""
            print(error, to: &printed)
            XCTAssertEqual(printed, "\(error.description)\n", file: file, line: line)
            XCTAssertEqual(String(describing: error), error.description, file: file, line: line)
            XCTAssertTrue(String(reflecting: error).contains(error.kind), String(reflecting: error), file: file, line: line)
            var dumped = ""
            dump(error, to: &dumped)
            XCTAssertFalse(dumped.isEmpty, file: file, line: line)
            XCTAssertEqual(error.description, "\(domain).\(error.kind)[\(error.codeOrName)]: \(error.detail)", file: file, line: line)
            XCTAssertEqual(error.errorDescription, error.localizedDescription, file: file, line: line)
            XCTAssertEqual(error.localizedDescription, error.detail, file: file, line: line)
            XCTAssertFalse(error.detail.isEmpty, file: file, line: line)
            XCTAssertNotNil(error.kind.range(of: "^[a-z]+(_[a-z]+)*$", options: .regularExpression), error.kind, file: file, line: line)
            XCTAssertEqual(error.codeOrName, error.code.map { String($0) } ?? error.kind, file: file, line: line)
            let ns = error as NSError
            XCTAssertEqual(ns.domain, "io.imbridge.\(domain)", file: file, line: line)
            XCTAssertEqual(ns.code, Int(error.code ?? 0), file: file, line: line)
            XCTAssertEqual(ns.localizedDescription, error.detail, file: file, line: line)
            kinds.insert(error.kind)
        }
        XCTAssertEqual(kinds.count, cases.count, "two cases of \(domain) share a kind: \(kinds.sorted())", file: file, line: line)
    }

    func test_x3_every_message_error_case_is_safe_to_print() {
        checkPrintable(everyCase(FfiConverterTypeMessageError.read), domain: "MessageError", atLeast: 9)
    }

    func test_x3_every_init_error_case_is_safe_to_print() {
        checkPrintable(everyCase(FfiConverterTypeInitError.read), domain: "InitError", atLeast: 13)
    }

    func test_x3_every_push_error_case_is_safe_to_print() {
        checkPrintable(everyCase(FfiConverterTypePushError.read), domain: "PushError", atLeast: 5)
    }

    func test_x3_every_outbox_error_case_is_safe_to_print() {
        checkPrintable(everyCase(FfiConverterTypeOutboxError.read), domain: "OutboxError", atLeast: 3)
    }

    /// The cases the service's calls throw before login, printed the way
    /// the app did (this crashed with infinite recursion).
    func test_x3_field_less_cases_print_without_recursion() {
        do {
            _ = try messageBody {}
            XCTFail("an empty body was accepted")
        } catch {
            XCTAssertEqual("\(error)", "MessageError.empty_message[6016]: a message needs at least one element; MsgBody is empty")
        }
        XCTAssertEqual(String(describing: InitError.NotLoggedIn), "InitError.not_logged_in[6014]: \(InitError.NotLoggedIn.detail)")
        XCTAssertEqual(InitError.NotInitialised.errorDescription, InitError.NotInitialised.detail)
    }
}
