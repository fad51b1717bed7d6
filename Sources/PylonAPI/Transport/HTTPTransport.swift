import Foundation

/// The one seam between the client and the network, so tests can inject faults without a
/// server. `AsyncHTTPClientTransport` is the real one.
public protocol HTTPTransport: Sendable {
    /// Sends one request and returns whatever the server answered, including 4xx/5xx
    /// statuses. Throws `HTTPTransportError` (or `CancellationError`) when no answer arrived.
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}

/// Why a request got no HTTP answer.
public struct HTTPTransportError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The connection could not be opened, so nothing was sent (safe to retry any method).
        case notConnected
        /// The connection broke after the request may have been sent.
        case connectionLost
        /// No answer within the timeout; the request may have been applied.
        case timedOut
        /// A redirect to another origin was refused so the token never leaves the API host.
        case redirectRefused
        /// The answer was larger than the request's `maximumResponseBytes`; reading stopped.
        case responseTooLarge
        /// Anything else.
        case other
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
