import Foundation

/// One HTTP request as the client builds it.
public struct HTTPRequest: Sendable {
    public var method: String
    public var url: URL
    /// Header names as sent; `Authorization` carries the bearer token.
    public var headers: [String: String]
    public var body: Data?
    /// How long to wait for this one attempt.
    public var timeout: Duration

    public init(
        method: String, url: URL, headers: [String: String] = [:], body: Data? = nil,
        timeout: Duration = .seconds(60)
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }

    /// A header value, ignoring the name's case.
    public func header(_ name: String) -> String? {
        headers.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}
