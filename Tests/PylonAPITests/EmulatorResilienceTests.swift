import Foundation
import PylonAPI
import PylonEmulator
import PylonTestSupport
import Testing

/// Retries, ambiguity and pacing against the emulator's rate limits and injected faults.
@Suite struct EmulatorResilienceTests {
    private let kb = EmulatorHarness.kb

    @Test func injected429sOnACreateAreRetriedToSuccess() async throws {
        let emulator = try await EmulatorHarness.start(faults: [
            FaultRule(
                endpoint: .createArticle, kind: .rateLimited(retryAfterSeconds: nil), trigger: .next(2)),
            FaultRule(endpoint: .createArticle, kind: .rateLimited(retryAfterSeconds: 1), trigger: .next(1)),
        ])
        defer { Task { await emulator.stop() } }
        let client = try EmulatorHarness.client(emulator)
        let article = try await client.createArticle(knowledgeBaseID: kb, EmulatorHarness.article("retried"))
        #expect(article.slug == "retried")
        let statuses = await emulator.requestLog().filter { $0.endpoint == .createArticle }.map(\.status)
        #expect(statuses == [429, 429, 429, 200])
        #expect(try await client.listArticles(knowledgeBaseID: kb).count == 1)
    }

    @Test(.timeLimit(.minutes(10)))
    func aBurstFasterThanTheServerAllowsIsRetriedToSuccess() async throws {
        // The server allows 10 creates in any 10 s; this client believes in 10 per 0.1 s, so it
        // sends 10 at once and 2 more a tenth of a second later, and those meet a 429. Both
        // sides count the same virtual time, so a slow machine cannot spread the burst out.
        let clock = ManualClock()
        let emulator = try await EmulatorHarness.start(rateLimitScale: 6, clock: clock)
        defer { Task { await emulator.stop() } }
        let client = try EmulatorHarness.client(
            emulator, rateLimitScale: 600, clock: clock,
            retryPolicy: RetryPolicy(
                maxAttempts: 8, baseDelay: .milliseconds(100), maxDelay: .seconds(2), maxElapsed: .seconds(30)
            ))
        let created = try await EmulatorHarness.createArticles(
            client, slugs: (0..<12).map { "burst-\($0)" }, on: clock)
        #expect(created.count == 12)
        let log = await emulator.requestLog().filter { $0.endpoint == .createArticle }
        #expect(log.filter { $0.status == 200 }.count == 12)
        #expect(log.contains { $0.status == 429 })
    }

    @Test func a500OnPatchIsRetried() async throws {
        let emulator = try await EmulatorHarness.start()
        defer { Task { await emulator.stop() } }
        let client = try EmulatorHarness.client(emulator)
        let article = try await client.createArticle(knowledgeBaseID: kb, EmulatorHarness.article("patched"))
        let id = try #require(article.id)
        await emulator.setFaults([
            FaultRule(endpoint: .updateArticle, kind: .serverError(status: 500), trigger: .next(1)),
            FaultRule(endpoint: .updateArticle, kind: .connectionReset, trigger: .next(1)),
        ])
        let updated = try await client.updateArticle(
            knowledgeBaseID: kb, id: id, UpdateArticleRequest(title: "Patched twice"))
        #expect(updated.title == "Patched twice")
        let patches = await emulator.requestLog().filter { $0.endpoint == .updateArticle }
        #expect(patches.map(\.status) == [500, nil, 200])
    }

    @Test func aPostAppliedButAnswered500IsAmbiguousAndSentOnce() async throws {
        let emulator = try await EmulatorHarness.start(faults: [
            FaultRule(endpoint: .createArticle, kind: .appliedButFailed, trigger: .next(1))
        ])
        defer { Task { await emulator.stop() } }
        let client = try EmulatorHarness.client(emulator)
        let error = try await #require(throws: PylonAPIError.self) {
            try await client.createArticle(knowledgeBaseID: kb, EmulatorHarness.article("maybe"))
        }
        #expect(error.kind == .ambiguous)
        #expect(error.status == 500)
        #expect(error.sent == #"slug "maybe""#)
        #expect(error.requestID != nil)
        let posts = await emulator.requestLog().filter { $0.method == "POST" }
        #expect(posts.count == 1)
        // The caller reconciles by lookup: the article is there, exactly once.
        let found = try await client.listArticles(knowledgeBaseID: kb).filter { $0.slug == "maybe" }
        #expect(found.count == 1)
    }

    @Test func aResetPostIsAmbiguousAndSentOnceEvenAfterEarlierRequests() async throws {
        let emulator = try await EmulatorHarness.start(faults: [
            FaultRule(endpoint: .createCollection, kind: .connectionReset, trigger: .next(1))
        ])
        defer { Task { await emulator.stop() } }
        let client = try EmulatorHarness.client(emulator)
        // Earlier requests leave a pooled keep-alive connection, which an HTTP stack may re-send
        // on when it dies; the client must not let that happen to a POST.
        for _ in 0..<3 { _ = try await client.listCollections(knowledgeBaseID: kb) }
        let clock = ContinuousClock()
        let start = clock.now
        let error = try await #require(throws: PylonAPIError.self) {
            try await client.createCollection(knowledgeBaseID: kb, CreateCollectionRequest(title: "Guides"))
        }
        // The reset is reported at once, not after a silent re-send runs into the timeout.
        #expect(clock.now - start < .seconds(15))
        #expect(error.kind == .ambiguous)
        #expect(error.description.contains(#"title "Guides""#))
        // The emulator logs the reset POST after closing its connection, so the client can see
        // the error first: wait for that entry, not for a while. (A silent re-send would have
        // been answered, the fault fires once, and the client would have seen no error.)
        await emulator.waitForRequests { $0.method == "POST" }
        #expect(await emulator.requestLog().filter { $0.method == "POST" }.count == 1)
    }

    @Test(.timeLimit(.minutes(10)))
    func theLimiterKeepsABurstOf100CreatesUnderTheServersLimit() async throws {
        // Scale 60 on both sides: 10 creates per second in any sliding second, counted on one
        // virtual clock, so the machine's load cannot stretch or squeeze the run.
        let clock = ManualClock()
        let emulator = try await EmulatorHarness.start(rateLimitScale: 60, clock: clock)
        defer { Task { await emulator.stop() } }
        let client = try EmulatorHarness.client(
            emulator, rateLimitScale: 60, clock: clock,
            retryPolicy: RetryPolicy(
                maxAttempts: 6, baseDelay: .milliseconds(50), maxDelay: .seconds(2), maxElapsed: .seconds(60))
        )
        let created = try await EmulatorHarness.createArticles(
            client, slugs: (0..<100).map { "paced-\($0)" }, on: clock)
        let elapsed = clock.elapsed
        #expect(created.count == 100)
        let log = await emulator.requestLog().filter { $0.endpoint == .createArticle }
        #expect(log.count == 100)
        #expect(log.filter { $0.status == 429 }.isEmpty)
        // Never faster than the limits allow, in the time both sides count. How close to that
        // bound real runs get is measured by the benchmarks (docs/performance.md).
        let bound = RateLimiter.minimumDuration(for: [.createArticle: 100], scale: 60)
        #expect(elapsed >= bound)
    }
}
