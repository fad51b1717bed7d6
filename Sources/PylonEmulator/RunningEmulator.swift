import Foundation
import PylonAPI

/// A started emulator. Keep it alive for as long as clients talk to it; `stop()` ends it.
public final class RunningEmulator: Sendable {
    /// `http://<host>:<port>`, with no trailing slash: the API base URL for the client.
    public let baseURL: URL
    /// The bound port (useful with port 0).
    public let port: Int
    /// The knowledge bases and users seeded at start.
    public let seed: EmulatorSeed

    let state: EmulatorState
    let store: EmulatorStore
    private let serverTask: Task<Void, any Error>
    private let shutDown: @Sendable () async -> Void

    init(
        baseURL: URL, port: Int, seed: EmulatorSeed, state: EmulatorState, store: EmulatorStore,
        serverTask: Task<Void, any Error>, shutDown: @escaping @Sendable () async -> Void
    ) {
        self.baseURL = baseURL
        self.port = port
        self.seed = seed
        self.state = state
        self.store = store
        self.serverTask = serverTask
        self.shutDown = shutDown
    }

    /// Every request received so far, oldest first.
    public func requestLog() async -> [LoggedRequest] { await state.requestLog() }

    /// Forgets the logged requests.
    public func resetRequestLog() async { await state.resetRequestLog() }

    /// Returns once the request log holds `count` requests matching `predicate` (those already
    /// in it count): a test waits for what a client has really done instead of sleeping. Returns
    /// early when the calling task is cancelled, so it can be raced against the client ending.
    public func waitForRequests(
        count: Int = 1, where predicate: @escaping @Sendable (LoggedRequest) -> Bool
    ) async {
        await state.waitForRequests(count: count, stage: .answered, where: predicate)
    }

    /// Returns once `count` API requests matching `predicate` have arrived since the log was
    /// last reset, counted before any rate limit, injected fault or delay applies (`status` is
    /// still nil): a test kills a client while a delay fault holds its request. Returns early
    /// when the calling task is cancelled.
    public func waitForArrivals(
        count: Int = 1, where predicate: @escaping @Sendable (LoggedRequest) -> Bool
    ) async {
        await state.waitForRequests(count: count, stage: .received, where: predicate)
    }

    /// Turns Pylon's rate limits on at `scale` times their speed, or off (nil): a benchmark
    /// sets up a large knowledge base quickly, then measures one change under the limits.
    public func setRateLimitScale(_ scale: Double?) async {
        await state.setRateLimit(window: EmulatorConfiguration.rateLimitWindow(scale: scale))
    }

    /// Replaces the fault plan ("next N" counters restart).
    public func setFaults(_ rules: [FaultRule]) async { await state.setFaults(rules) }

    /// The route redirects of a knowledge base, oldest first (Pylon's API cannot list them).
    public func routeRedirects(knowledgeBaseID: String) async throws -> [EmulatorRouteRedirect] {
        try await store.routeRedirects(knowledgeBaseID: knowledgeBaseID)
    }

    /// The review requests of a knowledge base, oldest first (newer surface; not readable
    /// through the API).
    public func reviewRequests(knowledgeBaseID: String) async throws -> [EmulatorReviewRequest] {
        try await store.reviewRequests(knowledgeBaseID: knowledgeBaseID)
    }

    /// An article's stored draft and published HTML (nil when not published), in `language`
    /// or the default language: exactly what the server keeps after sanitizing and the wire
    /// profile's normalisation.
    public func storedHTML(knowledgeBaseID: String, articleID: String, language: String? = nil) async throws
        -> (draft: String, published: String?)
    {
        let article = try await store.article(
            knowledgeBaseID: knowledgeBaseID, id: articleID, language: language)
        return (article.draftHTML, article.publishedHTML)
    }

    /// Every tag as `(id, value, object_type)`, oldest first.
    public func tags() async throws -> [(id: String, value: String, objectType: String)] {
        try await store.tags(after: nil, limit: Int.max - 1).items.map { ($0.id, $0.value, $0.objectType) }
    }

    /// The tag ids of an article, in the order they were set.
    public func tagIDs(articleID: String) async throws -> [String] {
        try await store.tagIDs(articleIDs: [articleID])[articleID] ?? []
    }

    /// Stops listening, lets the connections in progress finish (at most two seconds), and
    /// waits for the server to end. Safe to call twice.
    public func stop() async {
        await shutDown()
        _ = await serverTask.result
    }

    /// Waits until the server ends (after `stop()` or a fatal error).
    public func waitUntilStopped() async throws {
        try await serverTask.value
    }
}

/// A stored route redirect, as the admin view shows it.
public struct EmulatorRouteRedirect: Sendable, Equatable, Codable {
    public var id: String
    public var knowledgeBaseID: String
    public var fromPath: String
    public var objectID: String
    public var objectType: String
    public var language: String?
    public var createdAt: String

    enum CodingKeys: String, CodingKey {
        case id
        case knowledgeBaseID = "knowledge_base_id"
        case fromPath = "from_path"
        case objectID = "object_id"
        case objectType = "object_type"
        case language
        case createdAt = "created_at"
    }
}
