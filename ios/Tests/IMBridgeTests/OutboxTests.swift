import XCTest
import IMBridge

/// SPEC P1–P4 through the real library, and the async driver.
final class OutboxTests: XCTestCase {
    private func msg(_ id: String, _ conversation: String = "c2c_bob", _ priority: Priority = .normal) -> OutgoingMessage {
        OutgoingMessage(id: id, conversation: try! conversationIdParse(text: conversation), priority: priority)
    }

    func test_p3_shared_scenarios_replay_identically() throws {
        let scenarios = try OutboxScenarios.all()
        XCTAssertGreaterThanOrEqual(scenarios.count, 7)
        for scenario in scenarios {
            let got = try OutboxScenarios.replay(scenario)
            let expected = try OutboxScenarios.expected(scenario)
            XCTAssertEqual(got.count, expected.count, scenario.lastPathComponent)
            for (g, e) in zip(got, expected) {
                XCTAssertTrue(Vectors.sameJSON(g, e), "\(scenario.lastPathComponent): \(g) != \(e)")
            }
        }
    }

    func test_p2_c2c_burst_is_released_5_then_the_rest_a_window_later() throws {
        let outbox = try Outbox()
        let admissions = outbox.admit(nowMs: 0, messages: (0..<7).map { msg("m\($0)") })
        XCTAssertEqual(admissions, Array(repeating: .accepted, count: 7))
        let first = outbox.poll(nowMs: 0)
        XCTAssertEqual(first.released.map(\.id), ["m0", "m1", "m2", "m3", "m4"])
        XCTAssertEqual(first.nextPollMs, 1000)
        XCTAssertEqual(outbox.poll(nowMs: 1000).released.map(\.id), ["m5", "m6"])
        XCTAssertNil(outbox.nextPollMs())
    }

    func test_p3_full_queue_refuses_with_10023_and_sheds_only_lowest() throws {
        let outbox = try Outbox(limits: OutboxLimits(c2cPerWindow: 1, maxQueuedPerConversation: 1))
        let admissions = outbox.admit(nowMs: 0, messages: [msg("a"), msg("b", "c2c_bob", .high), msg("like", "c2c_bob", .lowest)])
        XCTAssertEqual(admissions[0], .accepted)
        guard case let .refused(code, _) = admissions[1] else { return XCTFail("\(admissions[1])") }
        XCTAssertEqual(code, 10023)
        let shed = outbox.poll(nowMs: 0).shed
        XCTAssertEqual(shed.map(\.id), ["like"])
        XCTAssertEqual(shed.first?.reason, .queueFull(bound: 1))
        let s = outbox.stats()
        XCTAssertEqual(s.admitted, s.released + s.shed + s.queued)
    }

    func test_p3_lowest_shed_after_its_wait_carries_the_reason() throws {
        let outbox = try Outbox(limits: OutboxLimits(c2cPerWindow: 1, lowestMaxWaitMs: 300))
        _ = outbox.admit(nowMs: 0, messages: [msg("a"), msg("like", "c2c_bob", .lowest)])
        XCTAssertEqual(outbox.poll(nowMs: 0).nextPollMs, 300)
        let shed = outbox.poll(nowMs: 300).shed
        XCTAssertEqual(shed.first?.reason, .waitExceeded(waitedMs: 300, maxWaitMs: 300))
    }

    func test_m12_malformed_conversation_is_refused_and_bad_limits_throw() throws {
        let outbox = try Outbox()
        // Text that is no conversation id fails where it is parsed...
        XCTAssertThrowsError(try conversationIdParse(text: "bob"))
        // ...and an id built field by field is checked on admission.
        let empty = OutgoingMessage(id: "x", conversation: .c2c(userId: ""), priority: .normal)
        guard case let .refused(code, _) = outbox.admit(nowMs: 0, messages: [empty])[0] else { return XCTFail() }
        XCTAssertEqual(code, 6017)
        XCTAssertThrowsError(try Outbox(limits: OutboxLimits(groupPerWindow: 0)))
        XCTAssertThrowsError(try outbox.setConversationLimit(conversation: .c2c(userId: "bob"), perSec: 0))
        XCTAssertThrowsError(try outbox.setConversationLimit(conversation: .group(groupId: ""), perSec: 3))
    }

    func test_p4_driver_sends_in_batches_when_the_window_opens() async throws {
        let batches = Batches()
        let driver = OutboxDriver(
            outbox: try Outbox(limits: OutboxLimits(c2cPerWindow: 5, windowMs: 50)),
            onSendFailed: { _, error in XCTFail("no send fails here: \(error)") }
        ) { batch in
            await batches.append(batch.map(\.id))
        }
        let run = Task { await driver.run() }
        let admissions = try await driver.submit((0..<7).map { msg("m\($0)") })
        XCTAssertEqual(admissions.count, 7)
        try await batches.waitFor(count: 7)
        run.cancel()
        let all = await batches.items
        XCTAssertEqual(all.flatMap { $0 }, (0..<7).map { "m\($0)" })
        XCTAssertEqual(all.first?.count, 5, "the first window holds 5")
    }

    func test_p4_driver_gives_back_a_failed_batch_and_goes_on() async throws {
        struct NetworkDown: Error {}
        let sent = Batches()
        let failed = Batches()
        let calls = Batches()
        let driver = OutboxDriver(
            outbox: try Outbox(limits: OutboxLimits(c2cPerWindow: 5, windowMs: 50)),
            onSendFailed: { batch, error in
                XCTAssertTrue(error is NetworkDown)
                await failed.append(batch.map(\.id))
            }
        ) { batch in
            await calls.append([])
            if await calls.items.count == 1 { throw NetworkDown() }
            await sent.append(batch.map(\.id))
        }
        let run = Task { await driver.run() }
        _ = try await driver.submit((0..<7).map { msg("m\($0)") })
        try await sent.waitFor(count: 2)
        let failedItems = await failed.items
        XCTAssertEqual(failedItems, [["m0", "m1", "m2", "m3", "m4"]])
        let sentItems = await sent.items
        XCTAssertEqual(sentItems.flatMap { $0 }, ["m5", "m6"], "the driver goes on after a failed send")
        _ = try await driver.submit([msg("m7")])
        try await sent.waitFor(count: 3)
        let allSent = await sent.items
        XCTAssertEqual(allSent.flatMap { $0 }, ["m5", "m6", "m7"])
        run.cancel()
    }

    func test_p4_a_stopped_driver_refuses_submit() async throws {
        let outbox = try Outbox()
        let driver = OutboxDriver(outbox: outbox, onSendFailed: { _, _ in }) { _ in }
        let run = Task { await driver.run() }
        run.cancel()
        await run.value
        let stopped = await driver.isStopped
        XCTAssertTrue(stopped)
        do {
            _ = try await driver.submit([msg("late")])
            XCTFail("a stopped driver must refuse submit")
        } catch let error as OutboxDriverError {
            XCTAssertEqual(error, .stopped(refused: 1))
            XCTAssertTrue(error.localizedDescription.contains("stopped"))
            // One of the library's errors: caught with the rest, printed like them.
            let asLibraryError: any IMBridgeError = error
            XCTAssertNil(asLibraryError.code)
            XCTAssertEqual(asLibraryError.codeOrName, "driver_stopped")
            XCTAssertTrue("\(error)".hasPrefix("OutboxDriverError.driver_stopped[driver_stopped]: OutboxDriver was stopped"), "\(error)")
        }
        XCTAssertEqual(outbox.stats().queued, 0, "nothing was admitted")
    }
}

/// Collects batches from the driver's `send`.
actor Batches {
    private(set) var items: [[String]] = []
    func append(_ batch: [String]) { items.append(batch) }

    /// Waits (up to 10 s) until `count` messages arrived.
    func waitFor(count: Int) async throws {
        for _ in 0..<1000 where items.flatMap({ $0 }).count < count {
            try await Task.sleep(nanoseconds: 10_000_000)
        }
    }
}
