import Foundation

/// Drives an ``Outbox`` with Swift concurrency: releases messages to `send`
/// as the frequency limits allow, reports shed messages to `onShed`, and
/// sleeps until the outbox's "ask again" time or the next ``submit(_:)`` —
/// never longer, never busy-waiting (SPEC P3, P4).
///
///     let driver = OutboxDriver(outbox: try Outbox()) { batch in await api.send(batch) }
///     let task = Task { await driver.run() }
///     _ = await driver.submit([OutgoingMessage(id: "m1", conversation: "group_@TGS#1", priority: .high)])
///
/// `send` gets one batch at a time, in release order. `clock` is a monotonic
/// millisecond clock (default: milliseconds since the driver was made).
/// Cancel the task running ``run()`` to stop; queued messages stay in the outbox.
public actor OutboxDriver {
    public let outbox: Outbox
    private let clock: @Sendable () -> UInt64
    private let onShed: @Sendable ([ShedMessage]) async -> Void
    private let send: @Sendable ([ReleasedMessage]) async -> Void
    private var sleeper: Task<Void, Never>?

    /// A driver for `outbox`.
    public init(
        outbox: Outbox,
        clock: @escaping @Sendable () -> UInt64 = OutboxDriver.monotonicMillis(),
        onShed: @escaping @Sendable ([ShedMessage]) async -> Void = { _ in },
        send: @escaping @Sendable ([ReleasedMessage]) async -> Void
    ) {
        self.outbox = outbox
        self.clock = clock
        self.onShed = onShed
        self.send = send
    }

    /// Admits a batch (one call into Rust) and wakes the driver. Returns one
    /// ``Admission`` per message, in order: a refused message (10023 queue
    /// bound, 6017 bad conversation id) was not taken.
    public func submit(_ messages: [OutgoingMessage]) -> [Admission] {
        let admissions = outbox.admit(nowMs: clock(), messages: messages)
        sleeper?.cancel()
        return admissions
    }

    /// Polls, sends, sleeps until the next "ask again" (or a submit), until cancelled.
    public func run() async {
        while !Task.isCancelled {
            let poll = outbox.poll(nowMs: clock())
            if !poll.shed.isEmpty { await onShed(poll.shed) }
            if !poll.released.isEmpty { await send(poll.released) }
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

    /// A monotonic millisecond clock that starts at 0 now.
    public static func monotonicMillis() -> @Sendable () -> UInt64 {
        let origin = DispatchTime.now().uptimeNanoseconds
        return { (DispatchTime.now().uptimeNanoseconds - origin) / 1_000_000 }
    }
}
