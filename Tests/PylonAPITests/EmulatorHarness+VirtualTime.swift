import Foundation
import PylonAPI
import PylonEmulator
import PylonTestSupport

/// An emulator and a client that share one `ManualClock`: the server's rate limits and the
/// client's pacing and retry waits all count virtual time, so a test asserts what the limits
/// do, not how fast the machine happens to be.
extension EmulatorHarness {
    static func start(rateLimitScale: Double?, clock: ManualClock) async throws -> RunningEmulator {
        try await PylonEmulator.start(
            EmulatorConfiguration(token: token, rateLimitScale: rateLimitScale, clock: clock))
    }

    static func client(
        _ emulator: RunningEmulator, rateLimitScale: Double, clock: ManualClock, retryPolicy: RetryPolicy
    ) throws -> PylonClient {
        var configuration = PylonClientConfiguration(
            baseURL: emulator.baseURL, token: token, rateLimitScale: rateLimitScale,
            retryPolicy: retryPolicy, requestTimeout: .seconds(30))
        configuration.clock = clock
        return try PylonClient(configuration: configuration)
    }

    /// Creates one article per slug, all at once, on virtual time (`ManualClock.run`): each
    /// create is a participant, so the clock moves only while every unfinished one waits on it.
    static func createArticles(
        _ client: PylonClient, slugs: [String], on clock: ManualClock
    ) async throws -> [Article] {
        try await clock.run {
            try await withThrowingTaskGroup(of: Article.self) { group in
                for slug in slugs {
                    group.addTask(
                        operation: clock.participant {
                            try await client.createArticle(knowledgeBaseID: kb, article(slug))
                        })
                }
                return try await group.reduce(into: [Article]()) { $0.append($1) }
            }
        }
    }
}
