import Foundation
import PylonAPI
import PylonEmulator

/// Starts an in-process emulator on 127.0.0.1, port 0, and builds clients for it.
enum EmulatorHarness {
    static let token = "emulator-token-abc123"
    static let kb = EmulatorSeed.standardKnowledgeBaseID
    static let author = EmulatorSeed.standardUserID

    static func start(rateLimitScale: Double? = nil, faults: [FaultRule] = []) async throws -> RunningEmulator
    {
        try await PylonEmulator.start(
            EmulatorConfiguration(token: token, rateLimitScale: rateLimitScale, faults: faults))
    }

    /// A client whose own pacing is effectively off unless `rateLimitScale` says otherwise.
    static func client(
        _ emulator: RunningEmulator, token: String = EmulatorHarness.token,
        rateLimitScale: Double = 1_000_000,
        retryPolicy: RetryPolicy = RetryPolicy(
            maxAttempts: 6, baseDelay: .milliseconds(50), maxDelay: .seconds(2), maxElapsed: .seconds(60)),
        log: (@Sendable (String) -> Void)? = nil
    ) throws -> PylonClient {
        try PylonClient(
            configuration: PylonClientConfiguration(
                baseURL: emulator.baseURL, token: token, rateLimitScale: rateLimitScale,
                retryPolicy: retryPolicy,
                requestTimeout: .seconds(30), log: log))
    }

    static func article(_ slug: String, title: String? = nil) -> CreateArticleRequest {
        CreateArticleRequest(
            title: title ?? "Article \(slug)", bodyHTML: "<p>Body of \(slug).</p>", authorUserID: author,
            slug: slug,
            isPublished: true)
    }

    /// Creates `count` articles with `concurrency` requests in flight.
    static func createArticles(
        _ client: PylonClient, slugs: [String], concurrency: Int
    ) async throws -> [Article] {
        try await withThrowingTaskGroup(of: Article.self) { group in
            var created: [Article] = []
            var pending = slugs[...]
            for _ in 0..<concurrency {
                guard let slug = pending.popFirst() else { break }
                group.addTask { try await client.createArticle(knowledgeBaseID: kb, article(slug)) }
            }
            while let done = try await group.next() {
                created.append(done)
                if let slug = pending.popFirst() {
                    group.addTask { try await client.createArticle(knowledgeBaseID: kb, article(slug)) }
                }
            }
            return created
        }
    }
}
