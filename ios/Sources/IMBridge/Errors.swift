import Foundation

/// What every error imbridge throws offers — ``MessageError``,
/// ``PushError``, ``OutboxError`` and ``InitError`` alike: the service's
/// number where one exists and one readable sentence.
///
///     do { try … } catch let error as IMBridgeError {
///         print("error \(error.codeOrName): \(error.detail)")   // error 6017: …
///     }
///
/// `localizedDescription` is ``detail``; as an `NSError` the domain is
/// `io.imbridge.<Type>` and the code the service's number (0 where it has
/// none).
public protocol IMBridgeError: LocalizedError, CustomNSError, CustomStringConvertible {
    /// The service's numeric code (6016, 6017, 8001, 10023, 6013, 6014), or
    /// `nil` where the service has none.
    var code: Int32? { get }
    /// The error as one readable sentence.
    var detail: String { get }
}

extension IMBridgeError {
    /// One associated value of the error's case, by its label. Every case
    /// carries `detail`, and `code` where the service has a number (the
    /// FFI layer guarantees both), so they are read the same way for all.
    private func associated(_ label: String) -> Any? {
        guard let payload = Mirror(reflecting: self).children.first?.value else { return nil }
        return Mirror(reflecting: payload).children.first { $0.label == label }?.value
    }

    public var code: Int32? { associated("code") as? Int32 }
    public var detail: String { associated("detail") as? String ?? String(describing: Self.self) }

    /// The code as the CLI prints it in `error[...]`: the number, or the
    /// case's name in snake case where there is none (`json`,
    /// `duplicate_random`, `not_main_process`, …).
    public var codeOrName: String {
        if let code { return String(code) }
        let name = caseName == "RandomReused" ? "DuplicateRandom" : caseName
        return name.reduce(into: "") { out, c in
            if c.isUppercase, !out.isEmpty { out.append("_") }
            out.append(Character(c.lowercased()))
        }
    }

    /// ``code`` as an ``ErrorCode``, `nil` where the service has no number.
    /// (`errorCode` is `CustomNSError`'s `Int`.)
    public var serviceCode: ErrorCode? { code.flatMap { errorCodeFromValue(value: $0) } }

    public var errorDescription: String? { detail }
    public static var errorDomain: String { "io.imbridge.\(Self.self)" }
    public var errorCode: Int { Int(code ?? 0) }
    public var errorUserInfo: [String: Any] { [NSLocalizedDescriptionKey: detail] }
    public var description: String { "\(Self.self).\(caseName)[\(codeOrName)]: \(detail)" }

    private var caseName: String { Mirror(reflecting: self).children.first?.label ?? "\(self)" }
}

extension MessageError: IMBridgeError {}
extension PushError: IMBridgeError {}
extension OutboxError: IMBridgeError {}
extension InitError: IMBridgeError {}
