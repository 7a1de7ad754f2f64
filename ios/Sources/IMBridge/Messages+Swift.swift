/// Swift-style entry points over the generated functions.

extension C2cMessage {
    /// M3: validates and encodes the message as the `sendmsg` body.
    public func encoded(limits: MessageLimits? = nil) throws -> String {
        try encodeC2cMessage(message: self, limits: limits)
    }

    /// M3: decodes a `sendmsg` body.
    public init(json: String) throws {
        self = try decodeC2cMessage(json: json)
    }
}

extension GroupMessage {
    /// M4: validates and encodes the message as the `send_group_msg` body.
    /// `groupType` drives the @ rules (M9); `nil` infers it from the id where it can.
    public func encoded(groupType: GroupType? = nil, limits: MessageLimits? = nil) throws -> String {
        try encodeGroupMessage(message: self, groupType: groupType, limits: limits)
    }

    /// M4: decodes a `send_group_msg` body.
    public init(json: String) throws {
        self = try decodeGroupMessage(json: json)
    }
}

/// M2: builds a message body, checking every rule as each element is added.
///
///     let body = try messageBody {
///         Element.text(TextElem(text: "Order shipped"))
///         Element.custom(CustomElem(data: #"{"orderId":42}"#, desc: "Your order is on its way"))
///     }
///
/// Throws ``MessageError`` at the first element that breaks a rule, and
/// `EmptyMessage` (6016) for an empty body.
public func messageBody(limits: MessageLimits? = nil, @ElementsBuilder _ elements: () -> [Element]) throws -> [Element] {
    let builder = MessageBodyBuilder(limits: limits)
    for element in elements() {
        try builder.add(element: element)
    }
    return try builder.build()
}

/// Collects elements for ``messageBody(limits:_:)``.
@resultBuilder
public enum ElementsBuilder {
    /// Joins the elements of a block.
    public static func buildBlock(_ parts: [Element]...) -> [Element] { parts.flatMap { $0 } }
    /// One element.
    public static func buildExpression(_ element: Element) -> [Element] { [element] }
    /// An optional part.
    public static func buildOptional(_ part: [Element]?) -> [Element] { part ?? [] }
    /// The taken branch of an `if`.
    public static func buildEither(first: [Element]) -> [Element] { first }
    /// The taken branch of an `else`.
    public static func buildEither(second: [Element]) -> [Element] { second }
    /// A `for` loop.
    public static func buildArray(_ parts: [[Element]]) -> [Element] { parts.flatMap { $0 } }
}

extension ClientMsgId: CustomStringConvertible {
    /// M6: parses `tinyid-clientTime-random`.
    public init(parsing text: String) throws {
        self = try clientMsgIdParse(text: text)
    }

    /// M6: the text form `tinyid-clientTime-random`.
    public var description: String { clientMsgIdFormat(id: self) }
}

extension C2cMsgKey: CustomStringConvertible {
    /// M6: parses `MsgSeq_MsgRandom_MsgTime`.
    public init(parsing text: String) throws {
        self = try c2cMsgKeyParse(text: text)
    }

    /// M6: the text form `MsgSeq_MsgRandom_MsgTime`.
    public var description: String { c2cMsgKeyFormat(key: self) }
}

extension GroupMsgKey: CustomStringConvertible {
    /// M6: parses `GroupId_MsgSeq`.
    public init(parsing text: String) throws {
        self = try groupMsgKeyParse(text: text)
    }

    /// M6: the text form `GroupId_MsgSeq`.
    public var description: String { groupMsgKeyFormat(key: self) }
}

extension ConversationId: CustomStringConvertible {
    /// M12: parses `c2c_<userID>` / `group_<groupID>`.
    public init(parsing text: String) throws {
        self = try conversationIdParse(text: text)
    }

    /// M12: the text form.
    public var description: String { conversationIdFormat(id: self) }
}
