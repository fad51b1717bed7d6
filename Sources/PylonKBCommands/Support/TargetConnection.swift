import Foundation
import PylonAPI
import PylonEmulator
import PylonKB

/// A connection to the knowledge base a content folder publishes to: Pylon through
/// `PYLON_API_TOKEN` (and `PYLON_API_URL` for another server, such as the emulator), or the
/// embedded local knowledge base for `target: local`. Commands get one only through
/// `withConnection`, which closes it however the command ends.
struct TargetConnection: Sendable {
    let client: PylonClient
    let knowledgeBaseID: String
    /// Where the state file lives: committed next to pylon-kb.yml for Pylon; beside the local
    /// knowledge base's data (git-ignored) for `target: local`.
    let stateStore: StateStore
    /// The in-process emulator behind `target: local`.
    let localEmulator: RunningEmulator?
    let description: String

    /// Connects, runs `body`, and closes the connection (stopping the local knowledge base's
    /// emulator) whether `body` returns or throws.
    static func withConnection<Result: Sendable>(
        configuration: Configuration, root: URL, options: ConnectionOptions,
        contentLanguages: Set<String> = [], context: CommandContext = .current,
        _ body: (TargetConnection) async throws -> Result
    ) async throws -> Result {
        let connection = try await connect(
            configuration: configuration, root: root, options: options, contentLanguages: contentLanguages,
            context: context)
        return try await PylonConnection.ending({ try await body(connection) }, with: connection.close)
    }

    private static func connect(
        configuration: Configuration, root: URL, options: ConnectionOptions, contentLanguages: Set<String>,
        context: CommandContext
    ) async throws -> TargetConnection {
        if let id = options.knowledgeBase ?? configuration.knowledgeBaseID {
            let client = try PylonConnection.client(verbose: options.verbose, context: context)
            let host = context.value("PYLON_API_URL").flatMap { URL(string: $0)?.host } ?? "api.usepylon.com"
            return TargetConnection(
                client: client, knowledgeBaseID: id, stateStore: StateStore(contentRoot: root),
                localEmulator: nil, description: "knowledge base \(id) at \(host)")
        }
        guard configuration.target == .local else {
            throw CommandFailure(
                "\(root.path)/pylon-kb.yml names no knowledge base. Add `knowledge_base: <id>` (see `pylon-kb knowledge-bases`) or `target: local`, or pass --kb ID."
            )
        }
        let local = LocalKnowledgeBase(
            root: root, languages: contentLanguages, authors: Set(configuration.author.map { [$0] } ?? []))
        let emulator = try await local.start(
            preferredPort: Int(context.environment["PYLON_KB_LOCAL_PORT"] ?? "")
                ?? LocalKnowledgeBase.defaultPort)
        let client = try PylonClient(
            configuration: PylonClientConfiguration(
                baseURL: emulator.baseURL, token: local.token, rateLimitScale: 1000,
                log: context.requestLog(verbose: options.verbose), userAgent: PylonKBVersion.userAgent))
        return TargetConnection(
            client: client, knowledgeBaseID: LocalKnowledgeBase.knowledgeBaseID,
            stateStore: local.stateStore, localEmulator: emulator,
            description: "the local knowledge base in \(local.dataDirectory.path)")
    }

    private func close() async {
        await client.close()
        await localEmulator?.stop()
    }
}
