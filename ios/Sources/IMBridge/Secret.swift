import Foundation

/// A value that must never be shown (SPEC T5): a push token, an app secret,
/// OPPO's MasterSecret. `description`, `debugDescription` and its mirror
/// show a short fingerprint only, so a record holding one
/// (`PushChannelConfig`, `PushEvent.token`, `PushAction.report`) can be
/// printed or dumped whole. `value` is the secret itself, for the one place
/// that must send it.
public struct Secret: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The secret itself.
    public let value: String

    /// Wraps a secret.
    public init(_ value: String) {
        self.value = value
    }

    /// 8 hex digits (FNV-1a of the UTF-8): enough to tell two secrets apart
    /// in a log, useless to recover one.
    public var fingerprint: String {
        var hash: UInt32 = 2_166_136_261
        for byte in value.utf8 {
            hash = (hash ^ UInt32(byte)) &* 16_777_619
        }
        return "#" + String(format: "%08x", hash)
    }

    public var description: String { "Secret(\(fingerprint))" }

    public var debugDescription: String { description }

    /// No children: `dump` and reflection see the fingerprint only.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
