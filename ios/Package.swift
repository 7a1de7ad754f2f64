// swift-tools-version:6.0
//
// IMBridge: the Swift surface of imbridge.
//
// On Apple platforms the C side comes from build/imbridgeFFI.xcframework
// (made by scripts/build-xcframework.sh, which also generates the Swift
// bindings). On Linux it is a system library: the host-built libimbridge.so
// with the generated header in Sources/imbridgeFFI (scripts/test-swift.sh
// generates both and runs `swift test`).
//
// Tools version 6.0: every target builds in the Swift 6 language mode,
// with complete strict-concurrency checking.
import PackageDescription

#if os(Linux)
let ffi: Target = .systemLibrary(name: "imbridgeFFI", path: "Sources/imbridgeFFI")
#else
let ffi: Target = .binaryTarget(name: "imbridgeFFI", path: "build/imbridgeFFI.xcframework")
#endif

let package = Package(
    name: "IMBridge",
    platforms: [.iOS(.v13), .macOS(.v11)],
    products: [
        .library(name: "IMBridge", targets: ["IMBridge"]),
    ],
    targets: [
        ffi,
        .target(
            name: "IMBridge",
            dependencies: ["imbridgeFFI"],
            path: "Sources/IMBridge"
        ),
        // The Swift rows of BENCHMARKS.md: `swift run -c release IMBridgeBench`.
        .executableTarget(
            name: "IMBridgeBench",
            dependencies: ["IMBridge"],
            path: "Sources/IMBridgeBench"
        ),
        .testTarget(
            name: "IMBridgeTests",
            dependencies: ["IMBridge"],
            path: "Tests/IMBridgeTests"
        ),
    ]
)
