import Foundation
import PylonAPI
import PylonKB

/// Builds a `PylonClient` from the environment: the token (never a flag, never printed), the
/// server (`PYLON_API_URL`, else Pylon) and the client's pace (`PYLON_RATE_LIMIT_SCALE`). Each
/// list of variable names is tried in order and the first one set wins, so `migrate` can give
/// its target `PYLON_TARGET_API_TOKEN` with `PYLON_API_TOKEN` as the fallback.
enum PylonConnection {
    /// Runs `body` with a client from the environment and closes the client's connections
    /// however `body` ends: commands never call `close()` by hand.
    static func withClient<Result: Sendable>(
        verbose: Bool, context: CommandContext = .current, _ body: (PylonClient) async throws -> Result
    ) async throws -> Result {
        let client = try client(verbose: verbose, context: context)
        return try await closing([client]) { try await body(client) }
    }

    /// Runs `body`, then closes `clients`, whether `body` returned or threw.
    static func closing<Result: Sendable>(
        _ clients: [PylonClient], _ body: () async throws -> Result
    ) async throws -> Result {
        try await ending(body) { for client in clients { await client.close() } }
    }

    /// Runs `body`, then `cleanup`, whether `body` returned or threw (`defer` cannot await).
    static func ending<Result: Sendable>(
        _ body: () async throws -> Result, with cleanup: () async -> Void
    ) async throws -> Result {
        do {
            let result = try await body()
            await cleanup()
            return result
        } catch {
            await cleanup()
            throw error
        }
    }

    static func client(
        tokenVariables: [String] = ["PYLON_API_TOKEN"], urlVariables: [String] = ["PYLON_API_URL"],
        verbose: Bool, context: CommandContext = .current
    ) throws -> PylonClient {
        func first(_ names: [String]) -> (name: String, value: String)? {
            for name in names { if let value = context.value(name) { return (name, value) } }
            return nil
        }
        guard let token = first(tokenVariables)?.value else {
            throw CommandFailure(
                "\(tokenVariables.joined(separator: " or ")) is not set. Create an API token in Pylon (Settings → API tokens, admins only) and export it: export \(tokenVariables[0])=…"
            )
        }
        var baseURL = PylonClientConfiguration.defaultBaseURL
        if let (name, text) = first(urlVariables) {
            guard let url = URL(string: text), url.host != nil else {
                throw CommandFailure("\(name) is not a URL: \(text)")
            }
            baseURL = url
        }
        // Only for a local emulator that enforces Pylon's limits faster (`emulator
        // --rate-limit-scale`): the client must pace itself at the same speed.
        var scale = 1.0
        if let text = context.value("PYLON_RATE_LIMIT_SCALE") {
            guard let value = Double(text), value >= 1 else {
                throw CommandFailure("PYLON_RATE_LIMIT_SCALE must be a number of at least 1, not \(text).")
            }
            scale = value
        }
        // A client that cannot be made (an http:// URL that is not loopback) says why itself.
        return try PylonClient(
            configuration: PylonClientConfiguration(
                baseURL: baseURL, token: token, rateLimitScale: scale,
                log: context.requestLog(verbose: verbose), userAgent: PylonKBVersion.userAgent))
    }
}
