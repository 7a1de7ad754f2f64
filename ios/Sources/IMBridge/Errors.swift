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
    /// The error kind's stable snake-case name (`empty_message`,
    /// `not_logged_in`, `invalid_field`, …), from the core: the same in
    /// Kotlin, Swift and the CLI.
    var kind: String { get }
}

extension IMBridgeError {
    /// The code as the CLI prints it in `error[...]`: the number, or the
    /// case's name in snake case where there is none (`json`,
    /// `duplicate_random`, `not_main_process`, …).
    public var codeOrName: String { code.map { String($0) } ?? kind }

    /// ``code`` as an ``ErrorCode``, `nil` where the service has no number.
    /// (`errorCode` is `CustomNSError`'s `Int`.)
    public var serviceCode: ErrorCode? { code.flatMap { errorCodeFromValue(value: $0) } }

    public var errorDescription: String? { detail }
    public static var errorDomain: String { "io.imbridge.\(Self.self)" }
    public var errorCode: Int { Int(code ?? 0) }
    public var errorUserInfo: [String: Any] { [NSLocalizedDescriptionKey: detail] }
    /// `MessageError.empty_message[6016]: a message needs …`. Built from
    /// the core's answers only: never from `"\(self)"` or reflection, which
    /// would call back into this property.
    public var description: String { "\(Self.self).\(kind)[\(codeOrName)]: \(detail)" }
}

// The errors are the core's enums as they are (same cases, same fields);
// `code` and `detail` ask the core, one call each time they are read.
extension MessageError: IMBridgeError {
    public var code: Int32? { messageErrorCode(error: self) }
    public var detail: String { messageErrorDetail(error: self) }
    public var kind: String { messageErrorKind(error: self) }
}

extension PushError: IMBridgeError {
    public var code: Int32? { pushErrorCode(error: self) }
    public var detail: String { pushErrorDetail(error: self) }
    public var kind: String { pushErrorKind(error: self) }
}

extension OutboxError: IMBridgeError {
    public var code: Int32? { outboxErrorCode(error: self) }
    public var detail: String { outboxErrorDetail(error: self) }
    public var kind: String { outboxErrorKind(error: self) }
}

extension InitError: IMBridgeError {
    public var code: Int32? { initErrorCode(error: self) }
    public var detail: String { initErrorDetail(error: self) }
    public var kind: String { initErrorKind(error: self) }
}
