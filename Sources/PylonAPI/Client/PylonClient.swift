import Foundation

/// The Pylon knowledge-base REST client: one typed async call per endpoint, with per-endpoint
/// rate limiting (`RateLimiter`), bounded retries (`RetryPolicy`), cursor pagination and one
/// error type (`PylonAPIError`). Safe to share across tasks; calls to different endpoints run
/// in parallel, calls to one endpoint wait for its rate limit.
///
/// The endpoints live in `PylonClient+Collections`, `+Articles` and `+Organization`; how a call
/// becomes requests in `+Calls` (shapes of answer) and `+Sending` (pacing, retries, logging),
/// whose retry decision is `RetryPolicy.decision(after:…)`. Call `close()` when done.
public final class PylonClient: Sendable {
    public let configuration: PylonClientConfiguration
    /// Exposed so callers can pause or inspect pacing; shared by every call of this client.
    public let rateLimiter: RateLimiter
    let transport: any HTTPTransport
    /// The transport this client made itself (none was passed in), which `close()` shuts down.
    private let ownTransport: AsyncHTTPClientTransport?
    let redact: TokenRedactor
    /// `configuration.clock`, as the rate limiter keeps it: retries wait on the same time.
    var timeline: Timeline { rateLimiter.timeline }

    /// Largest `limit` Pylon accepts for `GET …/articles`.
    public static let maximumArticlePageSize = 999

    /// Refuses (throws `.insecureURL`) a plain-HTTP base URL unless its host is loopback.
    public init(configuration: PylonClientConfiguration, transport: (any HTTPTransport)? = nil) throws {
        try PylonClient.validate(configuration.baseURL)
        self.configuration = configuration
        if let transport {
            self.transport = transport
            ownTransport = nil
        } else {
            let own = AsyncHTTPClientTransport()
            self.transport = own
            ownTransport = own
        }
        rateLimiter = RateLimiter(scale: configuration.rateLimitScale, clock: configuration.clock)
        redact = TokenRedactor(token: configuration.token)
    }

    /// Closes the connections this client keeps open for reuse. Calls after this fail. A client
    /// given its transport leaves it open: whoever made it closes it.
    public func close() async {
        await ownTransport?.shutdown()
    }

    /// Checks that the token would only travel encrypted or to this machine.
    public static func validate(_ baseURL: URL) throws {
        let scheme = baseURL.scheme?.lowercased() ?? ""
        guard let host = baseURL.host?.lowercased(), !host.isEmpty else {
            throw PylonAPIError(kind: .invalidURL, detail: "\(baseURL.absoluteString) has no host")
        }
        switch scheme {
        case "https":
            return
        case "http":
            if isLoopback(host) { return }
            throw PylonAPIError(kind: .insecureURL, detail: baseURL.absoluteString)
        default:
            throw PylonAPIError(
                kind: .invalidURL, detail: "\(baseURL.absoluteString) is neither https:// nor http://")
        }
    }

    /// 127.0.0.0/8, ::1 and localhost.
    static func isLoopback(_ host: String) -> Bool {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if bare == "localhost" || bare == "::1" || bare == "0:0:0:0:0:0:0:1" { return true }
        let octets = bare.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets.allSatisfy({ UInt8($0) != nil }) else { return false }
        return octets[0] == "127"
    }
}
