import Foundation

/// Feeds a ``PushChannel`` and publishes every action it asks for as an
/// `AsyncStream`, so the app handles them in one place:
///
///     let push = PushActions(channel: try PushChannel.open(config: config, dataDir: supportDir.path))
///     Task {
///         for await action in push.actions {
///             switch action {
///             case let .report(token, businessId, _):
///                 let ok = await api.reportToken(token.value, businessId)
///                 _ = try? push.send(.reportResult(ok: ok, retryable: !ok))
///             default: await api.perform(action)
///             }
///         }
///     }
///     _ = try push.send(.token(token: Secret(apnsTokenHex)))
///
/// The stream buffers without bound: no action is dropped while nobody
/// iterates. `clock` gives wall-clock milliseconds (the state persists).
public final class PushActions: Sendable {
    /// The channel whose actions this runs; its status can be read at any time.
    public let channel: PushChannel
    /// The actions, in the order the channel asked for them.
    public let actions: AsyncStream<PushAction>
    private let continuation: AsyncStream<PushAction>.Continuation
    private let clock: @Sendable () -> UInt64

    /// Publishes the actions of `channel`.
    public init(channel: PushChannel, clock: @escaping @Sendable () -> UInt64 = { UInt64(Date().timeIntervalSince1970 * 1000) }) {
        self.channel = channel
        self.clock = clock
        (actions, continuation) = AsyncStream.makeStream(of: PushAction.self, bufferingPolicy: .unbounded)
    }

    /// Feeds `event` now, queues the actions it produced and returns them.
    /// Throws ``PushError`` for an invalid event or config.
    @discardableResult
    public func send(_ event: PushEvent) throws -> [PushAction] {
        let produced = try channel.handle(nowMs: clock(), event: event)
        produced.forEach { continuation.yield($0) }
        return produced
    }

    /// Ends ``actions``.
    public func finish() {
        continuation.finish()
    }
}
