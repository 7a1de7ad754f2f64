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

    /// `#` and 8 hex digits (FNV-1a of the UTF-8), computed by the core: the
    /// value `PushStatus.tokenFingerprint`, the logs and the diagnostics
    /// snapshots show for the same secret. Enough to tell two secrets
    /// apart, useless to recover one.
    public var fingerprint: String { secretFingerprint(secret: self) }

    public var description: String { "Secret(\(fingerprint))" }

    public var debugDescription: String { description }

    /// No children: `dump` and reflection see the fingerprint only.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
