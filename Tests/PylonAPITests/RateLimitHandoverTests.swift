import Foundation
import PylonAPI
import PylonEmulator
import PylonTestSupport
import Testing

/// A run started right after another run's burst: the server's window is full of requests the
/// new client never saw. It must learn that from one 429 per endpoint group, not a volley.
/// Asserts counts only (how many 429s the server sent), on one virtual clock for the server and
/// both clients, so the new run really starts while the earlier burst fills the window.
@Suite struct RateLimitHandoverTests {
    private let kb = EmulatorHarness.kb

    /// Sends `count` calls of `call` at once, each a participant on `clock`, and waits for all.
    private func burst(
        _ count: Int, on clock: ManualClock, _ call: @escaping @Sendable () async throws -> Void
    ) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<count { group.addTask(operation: clock.participant(call)) }
            try await group.waitForAll()
        }
    }

    @Test(.timeLimit(.minutes(10)))
    func aClientStartedRightAfterAnotherClientsBurstMeetsAtMostOne429PerGroup() async throws {
        // Scale 120: a 0.5 s window of virtual time.
        let scale = 120.0
        let clock = ManualClock()
        let emulator = try await EmulatorHarness.start(rateLimitScale: scale, clock: clock)
        defer { Task { await emulator.stop() } }
        let kb = self.kb
        let policy = RetryPolicy(
            maxAttempts: 6, baseDelay: .milliseconds(50), maxDelay: .seconds(2), maxElapsed: .seconds(60))
        // The earlier run fills two groups' windows: collections:read (20) and users:read (60).
        let earlier = try EmulatorHarness.client(
            emulator, rateLimitScale: scale, clock: clock, retryPolicy: policy)
        try await clock.run {
            try await burst(20, on: clock) { _ = try await earlier.listCollections(knowledgeBaseID: kb) }
            try await burst(60, on: clock) { _ = try await earlier.me() }
        }
        await emulator.resetRequestLog()

        // The new run sends more than a window's worth of each, all at once.
        let later = try EmulatorHarness.client(
            emulator, rateLimitScale: scale, clock: clock, retryPolicy: policy)
        try await clock.run {
            async let collections: Void = burst(30, on: clock) {
                _ = try await later.listCollections(knowledgeBaseID: kb)
            }
            async let users: Void = burst(70, on: clock) {
                _ = try await later.user(id: EmulatorHarness.author)
            }
            _ = try await (collections, users)
        }

        let log = await emulator.requestLog()
        let rejected = Dictionary(grouping: log.filter { $0.status == 429 }) {
            $0.endpoint?.rateLimitGroup ?? "?"
        }
        .mapValues(\.count)
        #expect(rejected["collections:read", default: 0] <= 1, "429s per group: \(rejected)")
        #expect(rejected["users:read", default: 0] <= 1, "429s per group: \(rejected)")
        #expect(Set(rejected.keys).isSubset(of: ["collections:read", "users:read"]))
        // Every call got through in the end (each burst returned without an error); a machine
        // slow enough to time a GET out retries it, so the server may have answered more.
        #expect(log.filter { $0.endpoint == .listCollections && $0.status == 200 }.count >= 30)
        #expect(log.filter { $0.endpoint == .getUser && $0.status == 200 }.count >= 70)
    }
}
