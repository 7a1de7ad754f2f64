// The measuring harness of the Swift rows: warm-up, 7 timed runs, the
// median in nanoseconds per message; every result goes into `sink` so the
// optimiser cannot drop the work being measured.
import Foundation

let benchEnvironment = ProcessInfo.processInfo.environment
let benchScale = Double(benchEnvironment["IMBRIDGE_BENCH_SCALE"] ?? "1") ?? 1

/// Where results are folded; printed at the end of the run.
final class Sink: @unchecked Sendable {
    var value = 0

    func consume(_ string: String) { value &+= string.utf8.count }
    func consume(_ number: Int) { value &+= number }
}

let sink = Sink()

func record(_ row: String, _ ns: Double, allocBytes: Double? = nil) {
    print("bench " + row.padding(toLength: 48, withPad: " ", startingAt: 0) + String(format: "%12.1f ns/msg", ns))
    let alloc = allocBytes.map { ",\"alloc_bytes\":\($0)" } ?? ""
    guard let path = benchEnvironment["IMBRIDGE_BENCH_OUT"],
          let line = "{\"lang\":\"swift\",\"row\":\"\(row)\",\"ns\":\(ns)\(alloc)}\n".data(using: .utf8) else { return }
    if let handle = FileHandle(forWritingAtPath: path) {
        handle.seekToEndOfFile()
        handle.write(line)
        handle.closeFile()
    } else {
        _ = FileManager.default.createFile(atPath: path, contents: line)
    }
}

/// Median ns per message of `body`, which handles `perCall` messages and
/// returns a number derived from its result.
@discardableResult
func measure(_ row: String, perCall: Int, minMessages: Int = 200_000, _ body: () throws -> Int) rethrows -> Double {
    let calls = max(1, Int(Double(minMessages) * benchScale) / perCall)
    for _ in 0..<calls { sink.consume(try body()) }
    var samples: [Double] = []
    for _ in 0..<7 {
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<calls { sink.consume(try body()) }
        samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / Double(calls * perCall))
    }
    let median = samples.sorted()[3]
    record(row, median)
    return median
}

/// Two JSON texts with the same value (key order aside).
func sameJSON(_ a: String, _ b: String) -> Bool {
    guard let x = try? JSONSerialization.jsonObject(with: Data(a.utf8)) as? NSObject,
          let y = try? JSONSerialization.jsonObject(with: Data(b.utf8)) as? NSObject else { return false }
    return x.isEqual(y)
}
