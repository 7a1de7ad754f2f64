// swift-tools-version:6.0
//
// IMBridge: the Swift surface of imbridge. Add it to an app with
//
//     .package(url: "<the imbridge repository URL>", from: "0.1.0")
//
// and depend on the product "IMBridge". The Swift code lives in ios/; the
// UniFFI-generated Swift and C header are committed (CI fails when they are
// stale), so a checkout builds as it is.
//
// The C side, target IMBridgeFFI:
// - Apple platforms, released version: the XCFramework zip named by
//   `releasedXCFramework` below (scripts/build-targets.sh --release-url
//   writes its URL and checksum).
// - Apple platforms, development: target/dist/IMBridgeFFI.xcframework, from
//   `bash scripts/build-targets.sh ios`; it wins over the released one when
//   present.
// - Linux: a system library over the host-built libimbridge.so
//   (scripts/test-swift.sh builds it and runs `swift test`).
// When a piece is missing, the build stops with one #error naming the
// command that makes it, instead of hundreds of unresolved names.
//
// Tools version 6.0: every target builds in the Swift 6 language mode,
// with complete strict-concurrency checking.
import Foundation
import PackageDescription

/// The published XCFramework; `nil` until a release writes it.
let releasedXCFramework: (url: String, checksum: String)? = nil

let root = Context.packageDirectory
func exists(_ path: String) -> Bool {
    FileManager.default.fileExists(atPath: "\(root)/\(path)")
}

let localXCFramework = "target/dist/IMBridgeFFI.xcframework"
let bindingsPresent = exists("ios/Sources/IMBridge/Generated/IMBridge.swift")
    && exists("ios/Sources/IMBridgeFFI/IMBridgeFFI.h")

/// scripts/check-release.sh sets IMBRIDGE_MANIFEST_AS_APPLE=1 to evaluate the
/// Apple branch below (the released binary target) on Linux.
#if os(Linux)
let linuxBranch = Context.environment["IMBRIDGE_MANIFEST_AS_APPLE"] != "1"
#else
let linuxBranch = false
#endif

let ffi: Target? =
    if linuxBranch {
        .systemLibrary(name: "IMBridgeFFI", path: "ios/Sources/IMBridgeFFI")
    } else if exists(localXCFramework) {
        .binaryTarget(name: "IMBridgeFFI", path: localXCFramework)
    } else if let released = releasedXCFramework {
        .binaryTarget(name: "IMBridgeFFI", url: released.url, checksum: released.checksum)
    } else {
        nil
    }

/// The Swift module itself, or, when its C side or bindings are missing,
/// a module holding a single #error that says what to run.
let imbridge: Target =
    if let ffi, bindingsPresent {
        .target(name: "IMBridge", dependencies: [.target(name: ffi.name)], path: "ios/Sources/IMBridge")
    } else {
        .target(
            name: "IMBridge",
            path: "ios/Sources/Unbuilt",
            swiftSettings: [.define(bindingsPresent ? "IMBRIDGE_NO_XCFRAMEWORK" : "IMBRIDGE_NO_BINDINGS")]
        )
    }

let package = Package(
    name: "IMBridge",
    platforms: [.iOS(.v13), .macOS(.v11)],
    products: [
        .library(name: "IMBridge", targets: ["IMBridge"]),
    ],
    targets: [ffi].compactMap { $0 } + [
        imbridge,
        // The Swift rows of BENCHMARKS.md: `swift run -c release IMBridgeBench`.
        .executableTarget(
            name: "IMBridgeBench",
            dependencies: ["IMBridge"],
            path: "ios/Sources/IMBridgeBench"
        ),
        .testTarget(
            name: "IMBridgeTests",
            dependencies: ["IMBridge"],
            path: "ios/Tests/IMBridgeTests"
        ),
    ]
)
