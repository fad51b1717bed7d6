import Foundation

/// Everything a `PylonClient` needs. The command line reads `PYLON_API_URL` and
/// `PYLON_API_TOKEN`; this library never reads the environment.
public struct PylonClientConfiguration: Sendable {
    public static let defaultBaseURL = URL(string: "https://api.usepylon.com")!

    /// `https://…`, or `http://` for a loopback host only (the local emulator).
    public var baseURL: URL
    /// The bearer token. Never logged, never part of an error message.
    public var token: String
    /// Rate-limit speed-up for tests: 60 turns "10 per minute" into "10 per second".
    public var rateLimitScale: Double
    public var retryPolicy: RetryPolicy
    /// Per-attempt timeout: the whole answer must have arrived by then.
    public var requestTimeout: Duration
    /// The largest answer body read; a larger one fails the call with `.responseTooLarge`.
    public var maximumResponseBytes: Int = HTTPRequest.defaultMaximumResponseBytes
    /// Receives one line per request, retry and wait; the token is redacted from every line.
    public var log: (@Sendable (String) -> Void)?
    /// Sent as `User-Agent` on every request. The command line passes `pylon-kb/<version>`; this
    /// library cannot know the version, so it defaults to the bare product name.
    public var userAgent: String
    /// The time the client paces (`RateLimiter`) and waits between retries on:
    /// `ContinuousClock` by default; tests pass a clock they move by hand.
    public var clock: any Clock<Duration> = ContinuousClock()

    public init(
        baseURL: URL = PylonClientConfiguration.defaultBaseURL, token: String, rateLimitScale: Double = 1,
        retryPolicy: RetryPolicy = .standard, requestTimeout: Duration = .seconds(60),
        log: (@Sendable (String) -> Void)? = nil, userAgent: String = "pylon-kb"
    ) {
        self.baseURL = baseURL
        self.token = token
        self.rateLimitScale = rateLimitScale
        self.retryPolicy = retryPolicy
        self.requestTimeout = requestTimeout
        self.log = log
        self.userAgent = userAgent
    }
}
