import Foundation

/// A ``MessageListener`` calling a closure.
public final class ClosureMessageListener: MessageListener, @unchecked Sendable {
    private let body: @Sendable (DispatchEvent) throws -> Bool

    /// A listener calling `body`; return `true` in chain mode to consume the event.
    public init(_ body: @escaping @Sendable (DispatchEvent) throws -> Bool) {
        self.body = body
    }

    public func onEvent(event: DispatchEvent) throws -> Bool {
        try body(event)
    }
}

extension Dispatcher {
    /// D1: registers `body` as a listener; `remove()` the handle to unregister.
    public func addListener(_ body: @escaping @Sendable (DispatchEvent) throws -> Bool) -> ListenerHandle {
        addListener(listener: ClosureMessageListener(body))
    }

    /// D3: new messages as an `AsyncStream` of batches (one element per
    /// `receive`). Iterating registers a listener; ending the iteration (or
    /// cancelling its task) removes it. The stream buffers without bound.
    public func messages() -> AsyncStream<[IncomingMessage]> {
        AsyncStream(bufferingPolicy: .unbounded) { continuation in
            let handle = addListener { event in
                if case let .newMessages(messages) = event {
                    continuation.yield(messages)
                }
                return false
            }
            continuation.onTermination = { _ in
                _ = handle.remove()
            }
        }
    }
}
