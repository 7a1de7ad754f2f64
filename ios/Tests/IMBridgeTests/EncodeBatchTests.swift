import XCTest
import IMBridge

/// M3 text messages encoded many per call.
final class EncodeBatchTests: XCTestCase {
    func test_m3_batch_encoding_matches_one_by_one_and_reports_each_failure() throws {
        let rows = try encodeC2cTexts(toAccounts: ["bob", "", "carol"], texts: ["a", "b", ""], msgSeqs: [1, 2, 3], msgRandoms: [1, 2, 3])
        XCTAssertEqual(rows.count, 3)
        XCTAssertNil(rows[0].error)
        XCTAssertTrue(rows[0].json.contains(#""To_Account":"bob""#))
        XCTAssertEqual(rows[1].error?.code, 6017)
        XCTAssertEqual(rows[2].error?.code, 6016)
        XCTAssertThrowsError(try encodeC2cTexts(toAccounts: ["a"], texts: [], msgSeqs: [1], msgRandoms: [1]))
    }
}
