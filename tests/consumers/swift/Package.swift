// swift-tools-version:6.0
//
// A Swift package as an app team would write it: it depends on imbridge's
// root package (by path here; by URL in an app) and uses the product
// "IMBridge". scripts/check-consumers.sh runs `swift run ConsumerCheck`.
import PackageDescription

let package = Package(
    name: "ConsumerCheck",
    dependencies: [
        .package(name: "IMBridge", path: "../../.."),
    ],
    targets: [
        .executableTarget(
            name: "ConsumerCheck",
            dependencies: [.product(name: "IMBridge", package: "IMBridge")]
        ),
    ]
)
