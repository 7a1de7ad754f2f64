import Foundation
import XCTest
import IMBridge

/// Per message per listener, batches of 1 vs 100. A measurement, not a
/// test: it runs only with IMBRIDGE_MEASURE=1, best in a release build:
/// `IMBRIDGE_MEASURE=1 scripts/test-swift.sh -c release --filter DispatchMeasurement`.
final class DispatchMeasurement: XCTestCase {
    func test_measure_dispatch_to_swift_listeners() throws {
        guard ProcessInfo.processInfo.environment["IMBRIDGE_MEASURE"] == "1" else {
            throw XCTSkip("set IMBRIDGE_MEASURE=1 to measure")
        }
        let messages = (0..<100).map { i in
            #"{"From_Account":"alice","To_Account":"bob","MsgSeq":\#(i),"MsgRandom":\#(i),"MsgTime":1700000000,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi"}}]}"#
        }
        for batch in [1, 100] {
            let d = Dispatcher()
            d.setUser(userId: "bob")
            for _ in 0..<3 { _ = d.addListener { _ in false } }
            var now: UInt64 = 0
            func round() throws {
                now += 300_001
                var i = 0
                while i < messages.count {
                    let chunk = messages[i..<min(i + batch, messages.count)]
                    _ = try d.receiveArray(nowMs: now, messagesJson: "[" + chunk.joined(separator: ",") + "]")
                    i += batch
                }
            }
            for _ in 0..<200 { try round() }
            let rounds = 500
            let start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<rounds { try round() }
            let ns = Double(DispatchTime.now().uptimeNanoseconds - start) / Double(rounds * messages.count * 3)
            print(String(format: "dispatch to Swift listeners, batch %d: %.0f ns per message per listener", batch, ns))
        }
    }
}
