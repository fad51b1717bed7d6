import ArgumentParser
import Foundation
import PylonAPI
import PylonKB

/// Builds a `PylonClient` from the environment: the token (never a flag, never printed), the
/// server (`PYLON_API_URL`, else Pylon) and the client's pace (`PYLON_RATE_LIMIT_SCALE`). Each
/// list of variable names is tried in order and the first one set wins, so `migrate` can give
/// its target `PYLON_TARGET_API_TOKEN` with `PYLON_API_TOKEN` as the fallback.
enum PylonConnection {
    static func client(
        tokenVariables: [String] = ["PYLON_API_TOKEN"], urlVariables: [String] = ["PYLON_API_URL"],
        verbose: Bool
    ) throws -> PylonClient {
        let environment = ProcessInfo.processInfo.environment
        func first(_ names: [String]) -> (name: String, value: String)? {
            for name in names { if let value = environment[name], !value.isEmpty { return (name, value) } }
            return nil
        }
        guard let token = first(tokenVariables)?.value else {
            throw ValidationError(
                "\(tokenVariables.joined(separator: " or ")) is not set. Create an API token in Pylon (Settings → API tokens, admins only) and export it: export \(tokenVariables[0])=…"
            )
        }
        var baseURL = PylonClientConfiguration.defaultBaseURL
        if let (name, text) = first(urlVariables) {
            guard let url = URL(string: text), url.host != nil else {
                throw ValidationError("\(name) is not a URL: \(text)")
            }
            baseURL = url
        }
        // Only for a local emulator that enforces Pylon's limits faster (`emulator
        // --rate-limit-scale`): the client must pace itself at the same speed.
        var scale = 1.0
        if let text = environment["PYLON_RATE_LIMIT_SCALE"], !text.isEmpty {
            guard let value = Double(text), value >= 1 else {
                throw ValidationError("PYLON_RATE_LIMIT_SCALE must be a number of at least 1, not \(text).")
            }
            scale = value
        }
        let printLine: @Sendable (String) -> Void = { Console.error($0) }
        do {
            return try PylonClient(
                configuration: PylonClientConfiguration(
                    baseURL: baseURL, token: token, rateLimitScale: scale, log: verbose ? printLine : nil,
                    userAgent: PylonKBVersion.userAgent))
        } catch {
            // A client that cannot be made (an http:// URL that is not loopback) is not a usage
            // error: say why, exit 1.
            Console.error("error: \(error)")
            throw ExitCode.failure
        }
    }
}
