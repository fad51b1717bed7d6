import Foundation

/// One HTTP request as the client builds it.
public struct HTTPRequest: Sendable {
    public var method: String
    public var url: URL
    /// Header names as sent; `Authorization` carries the bearer token.
    public var headers: [String: String]
    public var body: Data?
    /// How long this one attempt may take in all, from sending to the last byte of the answer
    /// (not only between bytes: a server trickling its answer must not hold a run forever).
    public var timeout: Duration
    /// The largest answer body accepted; a larger one is cut off and reported, so a runaway
    /// server cannot fill memory.
    public var maximumResponseBytes: Int

    public init(
        method: String, url: URL, headers: [String: String] = [:], body: Data? = nil,
        timeout: Duration = .seconds(60), maximumResponseBytes: Int = HTTPRequest.defaultMaximumResponseBytes
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.maximumResponseBytes = maximumResponseBytes
    }

    /// 256 MiB: a full page of 999 articles with long draft and published bodies stays far below.
    public static let defaultMaximumResponseBytes = 256 << 20

    /// A header value, ignoring the name's case.
    public func header(_ name: String) -> String? {
        headers.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}
