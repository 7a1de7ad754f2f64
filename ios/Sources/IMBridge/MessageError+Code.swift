/// Idiomatic access to the service's numbers on ``MessageError``.
extension MessageError {
    /// The service's numeric code (6016 invalid element, 6017 invalid
    /// parameter, 8001 body too large), or `nil` where the service has none
    /// (malformed JSON, a reused MsgRandom).
    public var code: Int32? {
        switch self {
        case let .InvalidElement(code, _, _, _, _): return code
        case let .SecondCustomElement(code, _, _): return code
        case let .EmptyMessage(code, _): return code
        case let .BodyTooLarge(code, _, _, _): return code
        case let .InvalidField(code, _, _, _): return code
        case let .MentionNotAllowed(code, _, _, _): return code
        case let .TooManyMentions(code, _, _, _): return code
        case .Json, .RandomReused: return nil
        }
    }

    /// ``code`` as an ``ErrorCode``, `nil` where the service has no number.
    public var errorCode: ErrorCode? {
        code.flatMap { errorCodeFromValue(value: $0) }
    }

    /// The code as the CLI prints it in `error[...]`: the number, or a short
    /// name where there is none (`json`, `duplicate_random`).
    public var codeOrName: String {
        if let code { return String(code) }
        if case .RandomReused = self { return "duplicate_random" }
        return "json"
    }

    /// The error as one readable sentence.
    public var detail: String {
        switch self {
        case let .InvalidElement(_, _, _, _, detail),
             let .SecondCustomElement(_, _, detail),
             let .EmptyMessage(_, detail),
             let .BodyTooLarge(_, _, _, detail),
             let .InvalidField(_, _, _, detail),
             let .Json(_, _, _, detail),
             let .MentionNotAllowed(_, _, _, detail),
             let .TooManyMentions(_, _, _, detail),
             let .RandomReused(_, _, _, _, detail):
            return detail
        }
    }
}
