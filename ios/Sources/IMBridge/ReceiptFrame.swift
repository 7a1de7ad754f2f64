import Foundation

/// Reads the receipt `DispatchCore.receiveFrame` returns — one buffer per
/// batch, in UniFFI's own serialisation of ``Receipt`` — field by field.
///
/// The received messages are the bulk of every receipt. UniFFI's generic
/// lifting copies each string into a fresh array and decodes it through
/// Foundation, and reads each integer through `Data`: about 4 µs per
/// message. Here each field is one bounds check and a load, and strings
/// decode straight from the buffer (Rust wrote them, so they are UTF-8).
/// Rarer parts — the report, revocations and receipts, non-text elements,
/// mentions — go through the generated readers at the same offset.
/// `ReceiptFrameTests` checks this reader against the generated one.
enum ReceiptFrame {
    /// The receipt in `frame`; throws when the frame is cut short or holds
    /// a case this version does not know (an internal error: the frame
    /// comes from the same library).
    static func read(_ frame: Data) throws -> Receipt {
        let data = frame.startIndex == 0 ? frame : Data(frame)
        return try data.withUnsafeBytes { raw in
            var reader = Reader(data: data, raw: raw)
            let receipt = try reader.receipt()
            guard reader.offset == raw.count else { throw ReceiptFrameError.trailingBytes }
            return receipt
        }
    }
}

/// The frame was not a whole receipt: an internal error, never expected
/// (the frame comes from the same library).
enum ReceiptFrameError: LocalizedError {
    case truncated
    case trailingBytes
    case negativeLength

    var errorDescription: String? { "imbridge: internal error reading a dispatch receipt (\(self))" }
}

private struct Reader {
    let data: Data
    let raw: UnsafeRawBufferPointer
    var offset = 0

    init(data: Data, raw: UnsafeRawBufferPointer) {
        self.data = data
        self.raw = raw
    }

    private func need(_ count: Int) throws {
        guard count >= 0, raw.count - offset >= count else { throw ReceiptFrameError.truncated }
    }

    mutating func u8() throws -> UInt8 {
        try need(1)
        defer { offset += 1 }
        return raw[offset]
    }

    mutating func u32() throws -> UInt32 {
        try need(4)
        defer { offset += 4 }
        return UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    mutating func u64() throws -> UInt64 {
        try need(8)
        defer { offset += 8 }
        return UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// A length or an element count. Each element takes at least a byte,
    /// so a count beyond the bytes left is a broken frame — refused before
    /// anything is allocated for it.
    mutating func count() throws -> Int {
        let n = Int32(bitPattern: try u32())
        guard n >= 0 else { throw ReceiptFrameError.negativeLength }
        guard Int(n) <= raw.count - offset else { throw ReceiptFrameError.truncated }
        return Int(n)
    }

    mutating func string() throws -> String {
        let n = try count()
        try need(n)
        defer { offset += n }
        return String(decoding: UnsafeRawBufferPointer(rebasing: raw[offset..<offset + n]), as: UTF8.self)
    }

    mutating func optionalString() throws -> String? {
        try u8() == 0 ? nil : try string()
    }

    /// An `Extra`: a count, then each key and its value's JSON text.
    mutating func extra() throws -> Extra {
        var map = Extra()
        for _ in 0..<(try count()) {
            let key = try string()
            map[key] = try string()
        }
        return map
    }

    /// Reads one value with a generated reader, from this offset.
    mutating func generated<T>(_ read: (inout (data: Data, offset: Data.Index)) throws -> T) throws -> T {
        var buf = (data: data, offset: offset)
        let value = try read(&buf)
        offset = buf.offset
        return value
    }

    /// The enum case at this offset, left unread.
    func peekCase() throws -> UInt32 {
        var copy = self
        return try copy.u32()
    }

    mutating func receipt() throws -> Receipt {
        let report = try generated { try FfiConverterTypeReceiveReport.read(from: &$0) }
        let deliveries = try (0..<count()).map { _ in try delivery() }
        return Receipt(report: report, deliveries: deliveries)
    }

    mutating func delivery() throws -> Delivery {
        let event = try self.event()
        let listeners = try (0..<count()).map { _ in try u64() }
        let mode = try generated { try FfiConverterTypeDispatchMode.read(from: &$0) }
        return Delivery(event: event, listeners: listeners, mode: mode)
    }

    // Case numbers are UniFFI's: declaration order in core/src/dispatch/event.rs, from 1.
    mutating func event() throws -> DispatchEvent {
        switch try peekCase() {
        case 1:
            offset += 4
            return .newMessages(messages: try (0..<count()).map { _ in try message() })
        case 4:
            offset += 4
            return .modified(message: try message())
        default:
            return try generated { try FfiConverterTypeDispatchEvent.read(from: &$0) }
        }
    }

    // Field order is IncomingMessage's in core/src/dispatch/incoming_message.rs.
    mutating func message() throws -> IncomingMessage {
        IncomingMessage(
            conversation: try string(),
            fromAccount: try string(),
            toAccount: try optionalString(),
            groupId: try optionalString(),
            msgSeq: try u64(),
            random: try u32(),
            msgTime: try u64(),
            elements: try (0..<count()).map { _ in try element() },
            mentions: try (0..<count()).map { _ in try generated { try FfiConverterTypeMention.read(from: &$0) } },
            cloudCustomData: try optionalString(),
            msgKey: try optionalString(),
            onlineOnlyFlag: try u8() == 0 ? nil : try u8() != 0, // UniFFI writes a Bool as one byte
            topicId: try optionalString(),
            directedTo: try u8() == 0 ? nil : try (0..<count()).map { _ in try string() },
            extra: try extra()
        )
    }

    // Case numbers are Element's and fields are TextElem's / CustomElem's,
    // in core/src/message/element.rs.
    mutating func element() throws -> Element {
        switch try peekCase() {
        case 1:
            offset += 4
            return .text(TextElem(text: try string(), extra: try extra()))
        case 2:
            offset += 4
            return .custom(CustomElem(data: try string(), desc: try optionalString(), ext: try optionalString(),
                                      sound: try optionalString(), extra: try extra()))
        default:
            return try generated { try FfiConverterTypeElement.read(from: &$0) }
        }
    }
}
