import XCTest
import IMBridge

/// The shared wire vectors through the real library: same verdicts as Rust and Kotlin.
final class WireVectorsTests: XCTestCase {
    func test_m1_m4_valid_vectors_round_trip_unchanged() throws {
        let valid = Vectors.wire.filter(\.isValid)
        XCTAssertGreaterThanOrEqual(valid.count, 15)
        for v in valid {
            let out = try checkSendBody(json: v.text, groupType: v.groupType)
            XCTAssertTrue(Vectors.sameJSON(v.text, out), "\(v.file) did not round-trip: \(out)")
        }
    }

    func test_m3_m4_valid_vectors_survive_the_typed_records() throws {
        for v in Vectors.wire.filter(\.isValid) {
            // GroupId makes a group body (directed when it has To_Account, M4).
            let out = v.text.contains("\"GroupId\"")
                ? try GroupMessage(json: v.text).encoded(groupType: v.groupType)
                : try C2cMessage(json: v.text).encoded()
            XCTAssertTrue(Vectors.sameJSON(v.text, out), "\(v.file): \(out)")
        }
    }

    func test_x3_invalid_vectors_fail_with_their_code_and_field() {
        let invalid = Vectors.wire.filter { !$0.isValid }
        XCTAssertGreaterThanOrEqual(invalid.count, 30)
        for v in invalid {
            do {
                _ = try checkSendBody(json: v.text, groupType: v.groupType)
                XCTFail("\(v.file) was accepted")
            } catch let error as MessageError {
                XCTAssertEqual(error.codeOrName, v.expect, "\(v.file): \(error.detail)")
                if let field = v.field {
                    guard case let .InvalidField(got, _) = error else {
                        XCTFail("\(v.file): expected a field error naming \(field), got \(error.detail)")
                        continue
                    }
                    XCTAssertEqual(got, field, v.file)
                }
            } catch {
                XCTFail("\(v.file): unexpected error type \(error)")
            }
        }
    }
}
