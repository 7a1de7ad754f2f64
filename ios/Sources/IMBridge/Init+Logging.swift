import Foundation
#if canImport(os)
import os
#endif

extension LoginStatus {
    /// Whether someone is logged in (a logout under way still counts, as in the SDK).
    public var isLoggedIn: Bool { sdkValue == 1 }
}

extension Bridge {
    /// SPEC I2 for app extensions: a Notification Service Extension (or any
    /// other extension) is a separate process and must not initialise the
    /// SDK. Pass the bundle identifier of the running bundle as the current
    /// process and the containing app's as the main one; in an extension
    /// the two differ and init throws `NotMainProcess`.
    ///
    ///     let bridge = try Bridge.initialize(
    ///         config: InitConfig(sdkAppId: 1400000001, dataDir: supportDir.path),
    ///         currentProcess: Bundle.main.bundleIdentifier,
    ///         mainProcess: "com.example.chat")
    public static func initialize(config: InitConfig, currentBundle: Bundle = .main, appBundleIdentifier: String) throws -> Bridge {
        try initialize(config: config, currentProcess: currentBundle.bundleIdentifier, mainProcess: appBundleIdentifier)
    }
}

/// A ``LogSink`` that forwards the core's records to `os_log` on Apple
/// platforms (subsystem `io.imbridge`, category = the record's target) and
/// to standard error elsewhere.
public final class SystemLogSink: LogSink, @unchecked Sendable {
    /// A sink writing to os_log (Apple) or standard error (elsewhere).
    public init() {}

    public func log(record: LogRecord) throws {
        #if canImport(os)
        let type: OSLogType
        switch record.level {
        case .error: type = .error
        case .warn: type = .default
        case .info: type = .info
        case .debug, .trace: type = .debug
        }
        os_log("%{public}@", log: OSLog(subsystem: "io.imbridge", category: record.target), type: type, record.message)
        #else
        FileHandle.standardError.write(Data("[\(record.level)] \(record.target): \(record.message)\n".utf8))
        #endif
    }
}

/// A ``LogSink`` calling a closure, for apps with their own logger.
public final class ClosureLogSink: LogSink, @unchecked Sendable {
    private let body: @Sendable (LogRecord) -> Void

    /// A sink calling `body` for every record.
    public init(_ body: @escaping @Sendable (LogRecord) -> Void) {
        self.body = body
    }

    public func log(record: LogRecord) throws {
        body(record)
    }
}
