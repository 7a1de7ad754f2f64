// Compiled only when Package.swift finds a piece of the package missing:
// one error that says what to run, instead of every unresolved name.
#if IMBRIDGE_NO_BINDINGS
#error("IMBridge: the generated Swift bindings are missing (ios/Sources/IMBridge/Generated). Run `bash scripts/generate-bindings.sh swift` in the imbridge checkout.")
#elseif IMBRIDGE_NO_XCFRAMEWORK
#error("IMBridge: no IMBridgeFFI.xcframework. Run `bash scripts/build-targets.sh ios` in the imbridge checkout, or depend on a released version.")
#endif
