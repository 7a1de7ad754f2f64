import Foundation

/// The fast way to deliver incoming messages to Swift listeners (SPEC D1–D7).
///
/// `Dispatcher.addListener` converts the whole batch into Swift values once
/// *per listener*. Here the core still decides everything — registration
/// order, the listener set fixed when an event starts (D5), chain mode, the
/// no-listener buffer (D7), the counters — but returns its decision as
/// ``DeliveryPlan``s: the batch is converted once and this class calls the
/// listeners. A listener may add or remove listeners or call back in, from
/// any thread.
///
/// Drive a dispatcher that has listeners registered here through this class
/// only: a plain `receive` cannot reach them, and counts each miss as a
/// listener failure.
public final class FastDispatcher: @unchecked Sendable {
    /// The core dispatcher (rules, counters, delivery context).
    public let dispatcher: Dispatcher
    private let lock = NSLock()
    private var listeners: [UInt64: MessageListener] = [:]

    /// Delivers through `dispatcher`'s rules and registry.
    public init(_ dispatcher: Dispatcher) {
        self.dispatcher = dispatcher
    }

    /// D1: registers `listener` at the end of the order; the same listener
    /// again returns a handle to the existing registration. The first
    /// listener receives what waited in the buffer (D7) before this returns.
    @discardableResult
    public func addListener(_ listener: MessageListener) -> FastListenerHandle {
        let existing: UInt64? = lock.withLock {
            listeners.first { $0.value === listener }?.key
        }
        if let id = existing {
            return FastListenerHandle(owner: self, id: id)
        }
        let registration = dispatcher.addDeferredListener()
        let id = registration.handle.id()
        lock.withLock { listeners[id] = listener }
        run(registration.plans)
        return FastListenerHandle(owner: self, id: id)
    }

    /// D1: registers `body`; return `true` in chain mode to consume the event.
    @discardableResult
    public func addListener(_ body: @escaping @Sendable (DispatchEvent) throws -> Bool) -> FastListenerHandle {
        addListener(ClosureMessageListener(body))
    }

    func remove(id: UInt64) -> Bool {
        _ = lock.withLock { listeners.removeValue(forKey: id) }
        return dispatcher.removeListenerById(id: id)
    }

    /// Listeners registered here now.
    public var listenerCount: Int {
        lock.withLock { listeners.count }
    }

    /// Receives a batch — one JSON array of messages — at `nowMs`, delivers
    /// it and reports what was dropped and why. Throws ``MessageError`` when
    /// the batch is not a JSON array or `arrivedOn` is malformed.
    @discardableResult
    public func receive(nowMs: UInt64, messagesJson: String, arrivedOn: String? = nil) throws -> ReceiveReport {
        let planned = try dispatcher.receivePlanned(nowMs: nowMs, messagesJson: messagesJson, arrivedOn: arrivedOn)
        run(planned.plans)
        return planned.report
    }

    /// D3: a message was revoked.
    public func revoked(conversation: String, messageId: String, operator: String, reason: String) throws {
        run(try dispatcher.revokedPlanned(conversation: conversation, messageId: messageId, operator: `operator`, reason: reason))
    }

    /// D3: the peer read a C2C conversation up to `readTime`.
    public func readReceipt(conversation: String, reader: String, readTime: UInt64) throws {
        run(try dispatcher.readReceiptPlanned(conversation: conversation, reader: reader, readTime: readTime))
    }

    /// D3: a message was modified; `message` is its new JSON.
    public func modified(message: String) throws {
        run(try dispatcher.modifiedPlanned(message: message))
    }

    /// Counters, for diagnostics (the core's, shared with `dispatcher`).
    public func stats() -> DispatchStats {
        dispatcher.stats()
    }

    private func run(_ plans: [DeliveryPlan]) {
        for plan in plans {
            // D5: resolved before any is called, so a listener removed by an
            // earlier one of this event still gets the event it started with.
            let targets: [(UInt64, MessageListener)] = lock.withLock {
                plan.listeners.compactMap { id in listeners[id].map { (id, $0) } }
            }
            var consumedBy: UInt64?
            var failed: [UInt64] = []
            for (id, listener) in targets {
                do {
                    if try listener.onEvent(event: plan.event), plan.mode == .chain {
                        consumedBy = id
                        break
                    }
                } catch {
                    failed.append(id) // D6: isolated and counted; the others still run.
                }
            }
            if consumedBy != nil || !failed.isEmpty {
                var messages: UInt64 = 0
                if case let .newMessages(batch) = plan.event {
                    messages = UInt64(batch.count)
                }
                dispatcher.recordOutcome(
                    messages: messages,
                    consumedBy: messages > 0 ? consumedBy : nil,
                    failed: failed
                )
            }
        }
    }
}

/// A listener registered with a ``FastDispatcher``.
public final class FastListenerHandle: Sendable {
    private let owner: FastDispatcher
    /// The handle id (as in `DispatchStats.consumedBy`).
    public let id: UInt64

    init(owner: FastDispatcher, id: UInt64) {
        self.owner = owner
        self.id = id
    }

    /// Unregisters the listener; whether it was still registered.
    @discardableResult
    public func remove() -> Bool {
        owner.remove(id: id)
    }
}

extension FastDispatcher {
    /// D3: new messages as an `AsyncStream` of batches; iterating registers
    /// a listener, ending the iteration removes it. Buffers without bound.
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
