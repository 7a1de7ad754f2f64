// Compiled only when Package.swift finds a piece of the package missing:
// one error that says what to run, instead of every unresolved name.
// SwiftPM caches the evaluated manifest: after fixing what the error names,
// reset that cache or the same error stays.
#if IMBRIDGE_NO_BINDINGS
#error("IMBridge: the generated Swift bindings are missing (ios/Sources/IMBridge/Generated). Run `bash scripts/generate-bindings.sh swift` in the imbridge checkout, then `swift package purge-cache` (Xcode: File > Packages > Reset Package Caches).")
#elseif IMBRIDGE_NO_XCFRAMEWORK
#error("IMBridge: no IMBridgeFFI.xcframework. Depend on a released version (README, Use it in your app), or build it in the imbridge checkout: on a Mac `bash scripts/apple/build-xcframework-mac.sh`, on Debian `bash scripts/build-targets.sh ios`. Then `swift package purge-cache` (Xcode: File > Packages > Reset Package Caches): SwiftPM caches the manifest that chose this error.")
#endif
