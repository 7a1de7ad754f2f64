import Foundation

/// Drives an ``Outbox`` with Swift concurrency: releases messages to `send`
/// as the frequency limits allow, reports shed messages to `onShed`, and
/// sleeps until the outbox's "ask again" time or the next ``submit(_:)`` —
/// never longer, never busy-waiting (SPEC P3, P4).
///
///     let driver = OutboxDriver(
///         outbox: try Outbox(),
///         onSendFailed: { failed, error in await retryLater(failed, error) }
///     ) { batch in try await api.send(batch) }
///     let task = Task { await driver.run() }
///     _ = try await driver.submit([OutgoingMessage(id: "m1", conversation: .group(groupId: "@TGS#1"), priority: .high)])
///
/// `send` gets one batch at a time, in release order. `clock` is a monotonic
/// millisecond clock (default: milliseconds since the driver was made).
///
/// **When `send` throws**, the driver gives the batch back: `onSendFailed`
/// gets every message of it with the error, and the driver goes on with the
/// next batch. It never retries on its own — only the app knows whether the
/// send reached the service (a retry with the same `MsgRandom` inside the
/// de-duplication window is dropped by the service, M7). To retry, submit
/// the messages again. A `CancellationError` from `send` is not a failure:
/// it stops the driver.
///
/// **Stopping**: cancel the task running ``run()``; queued messages stay in
/// the outbox. Once ``run()`` has returned, ``submit(_:)`` throws
/// ``OutboxDriverError/stopped(refused:)`` rather than accepting messages
/// nobody will send.
///
/// **High priority** overtakes everything queued in its conversation, so it
/// is the next message sent there once the window has room. It does not
/// pre-empt sends already made: when the window is full, High waits for the
/// oldest send in the window to age out like any other message (P1, P2).
public actor OutboxDriver {
    /// The outbox it drives: immutable and `Sendable`, so read without
    /// `await` (`driver.outbox.stats()`).
    public nonisolated let outbox: Outbox
    private let clock: @Sendable () -> UInt64
    private let onShed: @Sendable ([ShedMessage]) async -> Void
    private let onSendFailed: @Sendable ([ReleasedMessage], Error) async -> Void
    private let send: @Sendable ([ReleasedMessage]) async throws -> Void
    private var sleeper: Task<Void, Never>?
    private var stopped = false

    /// A driver for `outbox`. `onSendFailed` gets each batch whose `send` threw.
    public init(
        outbox: Outbox,
        clock: @escaping @Sendable () -> UInt64 = OutboxDriver.monotonicMillis(),
        onShed: @escaping @Sendable ([ShedMessage]) async -> Void = { _ in },
        onSendFailed: @escaping @Sendable ([ReleasedMessage], Error) async -> Void,
        send: @escaping @Sendable ([ReleasedMessage]) async throws -> Void
    ) {
        self.outbox = outbox
        self.clock = clock
        self.onShed = onShed
        self.onSendFailed = onSendFailed
        self.send = send
    }

    /// Whether ``run()`` has returned (the driver was stopped).
    public var isStopped: Bool { stopped }

    /// Admits a batch (one call into Rust) and wakes the driver. Returns one
    /// ``Admission`` per message, in order: a refused message (10023 queue
    /// bound, 6017 bad conversation id) was not taken. Throws
    /// ``OutboxDriverError/stopped(refused:)`` once the driver was stopped
    /// (nothing is admitted).
    public func submit(_ messages: [OutgoingMessage]) throws -> [Admission] {
        if stopped { throw OutboxDriverError.stopped(refused: messages.count) }
        let admissions = outbox.admit(nowMs: clock(), messages: messages)
        sleeper?.cancel()
        return admissions
    }

    /// Polls, sends, sleeps until the next "ask again" (or a submit), until
    /// cancelled; then the driver is stopped for good.
    public func run() async {
        defer {
            stopped = true
            sleeper?.cancel()
        }
        while !Task.isCancelled && !stopped {
            let poll = outbox.poll(nowMs: clock())
            if !poll.shed.isEmpty { await onShed(poll.shed) }
            if !poll.released.isEmpty { await sendOrGiveBack(poll.released) }
            // Asked again after the awaits above: a submit made while `send`
            // ran shows up here as "poll now".
            let now = clock()
            // Nothing queued: sleep until a submit (an hour at a time).
            let waitMs = outbox.nextPollMs().map { $0 > now ? $0 - now : 0 } ?? 3_600_000
            if waitMs == 0 { continue }
            let sleep = Task<Void, Never> { _ = try? await Task.sleep(nanoseconds: waitMs * 1_000_000) }
            sleeper = sleep
            await withTaskCancellationHandler {
                await sleep.value
            } onCancel: {
                sleep.cancel()
            }
            sleeper = nil
        }
    }

    private func sendOrGiveBack(_ batch: [ReleasedMessage]) async {
        do {
            try await send(batch)
        } catch is CancellationError {
            stopped = true
        } catch {
            await onSendFailed(batch, error)
        }
    }

    /// A monotonic millisecond clock that starts at 0 now.
    public static func monotonicMillis() -> @Sendable () -> UInt64 {
        let origin = DispatchTime.now().uptimeNanoseconds
        return { (DispatchTime.now().uptimeNanoseconds - origin) / 1_000_000 }
    }
}

/// Why ``OutboxDriver/submit(_:)`` refused a batch. An ``IMBridgeError``
/// like every error of the library (kind `driver_stopped`, no service code).
public enum OutboxDriverError: IMBridgeError, Equatable {
    /// The driver was stopped (its ``OutboxDriver/run()`` task ended):
    /// `refused` messages were not admitted. Make a new driver over the same
    /// ``Outbox`` to go on.
    case stopped(refused: Int)

    /// `nil`: the service has no number for a stopped driver.
    public var code: Int32? { nil }

    /// `driver_stopped`, as in Kotlin.
    public var kind: String { "driver_stopped" }

    /// The error as one readable sentence.
    public var detail: String {
        switch self {
        case let .stopped(refused):
            return "OutboxDriver was stopped: \(refused) message(s) not admitted; make a new driver over the same Outbox to go on"
        }
    }
}
