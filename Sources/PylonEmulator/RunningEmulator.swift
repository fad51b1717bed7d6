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
