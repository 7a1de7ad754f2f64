import Foundation

/// Receives dispatched events. Return `true` in chain mode to consume the
/// event (later listeners are not called); observer mode ignores it. A
/// thrown error is counted as a listener failure and the others still run (D6).
public protocol MessageListener: AnyObject, Sendable {
    /// One event: a batch of new messages is one call.
    func onEvent(event: DispatchEvent) throws -> Bool
}

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

/// The incoming pipeline with Swift listeners (SPEC D1–D7): receive a batch,
/// the core decides (decode, duplicates, delivery rules, who gets what, the
/// no-listener buffer, the counters), and this class calls the listeners.
///
/// One crossing per batch however many listeners: the core returns its
/// decision as ``Delivery`` values and hears back only when a listener threw
/// or consumed an event. No lock is held while a listener runs, so a
/// listener may add or remove listeners or call `receive` again, from any
/// thread.
public final class Dispatcher: @unchecked Sendable {
    /// The core: rules and counters. Pass it to `exportSnapshot`.
    public let core: DispatchCore
    // Registering and resolving a delivery's ids share this lock, so a
    // listener the core has registered is always found by a later delivery.
    private let lock = NSLock()
    private var listeners: [UInt64: MessageListener] = [:]

    /// A dispatcher in `mode`; `buffer` messages wait for the first listener (D7).
    public init(mode: DispatchMode = .observer, buffer: UInt32 = 1000) {
        core = DispatchCore(mode: mode, buffer: buffer)
    }

    /// D1: registers `listener` at the end of the order; the same listener
    /// again returns a handle to its existing registration. The first
    /// listener receives what waited in the buffer (D7) before this returns.
    /// Keep the handle: releasing it (or calling `remove()`) unregisters the
    /// listener.
    public func addListener(_ listener: MessageListener) -> ListenerHandle {
        let (id, deliveries): (UInt64, [Delivery]) = lock.withLock {
            if let existing = listeners.first(where: { $0.value === listener }) {
                return (existing.key, [])
            }
            let registration = core.addListener()
            listeners[registration.id] = listener
            return (registration.id, registration.deliveries)
        }
        deliver(deliveries)
        return ListenerHandle(owner: self, id: id)
    }

    /// D1: registers `body`; return `true` in chain mode to consume the event.
    public func addListener(_ body: @escaping @Sendable (DispatchEvent) throws -> Bool) -> ListenerHandle {
        addListener(ClosureMessageListener(body))
    }

    /// D1 for main-actor code (a view model, a `@MainActor` class): `body`
    /// runs on the main actor with every event, in the order received — at
    /// once when `receive` is called on the main thread, else enqueued on
    /// the main queue. It cannot consume events in chain mode (it answers
    /// after the dispatcher has moved on), so it is an observer.
    ///
    ///     @MainActor final class ChatModel {
    ///         var handle: ListenerHandle?
    ///         func start(_ dispatcher: Dispatcher) {
    ///             handle = dispatcher.addMainActorListener { [weak self] event in self?.show(event) }
    ///         }
    ///     }
    public func addMainActorListener(_ body: @escaping @MainActor @Sendable (DispatchEvent) -> Void) -> ListenerHandle {
        addListener(ClosureMessageListener { event in
            if Thread.isMainThread {
                MainActor.assumeIsolated { body(event) }
            } else {
                // The main queue runs what is enqueued in order.
                DispatchQueue.main.async { MainActor.assumeIsolated { body(event) } }
            }
            return false
        })
    }

    func remove(id: UInt64) -> Bool {
        _ = lock.withLock { listeners.removeValue(forKey: id) }
        return core.removeListener(id: id)
    }

    /// Listeners registered now.
    public var listenerCount: Int {
        Int(core.listenerCount())
    }

    /// D2: observer or chain semantics.
    public func setMode(mode: DispatchMode) {
        core.setMode(mode: mode)
    }

    /// D4: the logged-in user (`nil` after logout).
    public func setUser(userId: String?) {
        core.setUser(userId: userId)
    }

    /// D4: the user joined a group or an AVChatRoom.
    public func joinGroup(groupId: String) {
        core.joinGroup(groupId: groupId)
    }

    /// D4: the user left a group.
    public func leaveGroup(groupId: String) {
        core.leaveGroup(groupId: groupId)
    }

    /// Receives a batch — one JSON array of messages — at `nowMs`, delivers
    /// it and reports what was dropped and why. `arrivedOn` is the
    /// conversation the transport delivered it for, when it says. Throws
    /// ``MessageError`` when the batch is not a JSON array or `arrivedOn`
    /// is malformed (6017).
    @discardableResult
    public func receive(nowMs: UInt64, messagesJson: String, arrivedOn: String? = nil) throws -> ReceiveReport {
        // One buffer per batch, read field by field: the generic lifting of
        // the messages cost more than the rules (ReceiptFrame.swift).
        let frame = try core.receiveFrame(nowMs: nowMs, messagesJson: messagesJson, arrivedOn: arrivedOn)
        let receipt = try ReceiptFrame.read(frame)
        deliver(receipt.deliveries)
        return receipt.report
    }

    /// D3: a message was revoked.
    public func revoked(conversation: String, messageId: String, operator: String, reason: String) throws {
        deliver(try core.revoked(conversation: conversation, messageId: messageId, operator: `operator`, reason: reason))
    }

    /// D3: the peer read a C2C conversation up to `readTime` (unix seconds).
    public func readReceipt(conversation: String, reader: String, readTime: UInt64) throws {
        deliver(try core.readReceipt(conversation: conversation, reader: reader, readTime: readTime))
    }

    /// D3: a message was modified; `message` is its new JSON.
    public func modified(message: String) throws {
        deliver(try core.modified(message: message))
    }

    /// Counters, for diagnostics.
    public func stats() -> DispatchStats {
        core.stats()
    }

    private func deliver(_ deliveries: [Delivery]) {
        for delivery in deliveries {
            // D5: every id is resolved before any listener is called.
            let targets: [(UInt64, MessageListener?)] = lock.withLock {
                delivery.listeners.map { ($0, listeners[$0]) }
            }
            var called: UInt32 = 0
            var consumedBy: UInt64?
            var failed: [UInt64] = []
            for case let (id, listener?) in targets {
                called += 1
                do {
                    // D2: in chain mode the first consumer stops the delivery.
                    if try listener.onEvent(event: delivery.event), delivery.mode == .chain {
                        consumedBy = id
                        break
                    }
                } catch {
                    failed.append(id) // D6: isolated and counted; the others still run.
                }
            }
            if consumedBy != nil || !failed.isEmpty || Int(called) != targets.count {
                var messages: UInt64 = 0
                if case let .newMessages(batch) = delivery.event {
                    messages = UInt64(batch.count)
                }
                core.recordOutcome(outcome: DeliveryOutcome(
                    messages: messages, called: called, consumedBy: consumedBy, failed: failed
                ))
            }
        }
    }
}

/// A registered listener. Releasing the handle, or calling ``remove()``,
/// unregisters the listener: keep it for as long as the listener should run.
public final class ListenerHandle: Sendable {
    private let owner: Dispatcher
    /// The listener's id (as in `DispatchStats.consumedBy`).
    public let id: UInt64

    init(owner: Dispatcher, id: UInt64) {
        self.owner = owner
        self.id = id
    }

    /// Unregisters the listener; whether it was still registered.
    @discardableResult
    public func remove() -> Bool {
        owner.remove(id: id)
    }

    deinit {
        _ = owner.remove(id: id)
    }
}

extension Dispatcher {
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
                handle.remove()
            }
        }
    }
}
