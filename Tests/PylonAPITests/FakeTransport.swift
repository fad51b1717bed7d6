import Foundation
import PylonAPI

/// A transport that answers from a closure and records every request, for faults a server
/// cannot easily produce (odd JSON, echoed tokens, timeouts).
final class FakeTransport: HTTPTransport, @unchecked Sendable {
    typealias Handler = @Sendable (HTTPRequest, Int) async throws -> HTTPResponse

    private let lock = NSLock()
    private var recorded: [HTTPRequest] = []
    private let handler: Handler

    /// `handler` receives each request and its 0-based index.
    init(_ handler: @escaping Handler) {
        self.handler = handler
    }

    var requests: [HTTPRequest] { lock.withLock { recorded } }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let index = lock.withLock {
            recorded.append(request)
            return recorded.count - 1
        }
        return try await handler(request, index)
    }

    static func json(_ status: Int, _ text: String, headers: [String: String] = [:]) -> HTTPResponse {
        HTTPResponse(
            status: status, headers: headers.merging(["Content-Type": "application/json"]) { a, _ in a },
            body: Data(text.utf8))
    }
}

/// A client over a fake transport with fast retries. The retry budget (`maxElapsed`) is far
/// above what any of these exchanges needs, so a machine busy with other tests (a parallel
/// suite starves the cooperative pool for seconds) cannot cut an attempt short.
func fakeClient(
    token: String = "secret-token-123", maxAttempts: Int = 4, log: (@Sendable (String) -> Void)? = nil,
    _ handler: @escaping FakeTransport.Handler
) throws -> (PylonClient, FakeTransport) {
    let transport = FakeTransport(handler)
    let configuration = PylonClientConfiguration(
        baseURL: URL(string: "https://api.example.test")!, token: token, rateLimitScale: 1000,
        retryPolicy: RetryPolicy(
            maxAttempts: maxAttempts, baseDelay: .milliseconds(5), maxDelay: .milliseconds(20),
            maxElapsed: .seconds(600)),
        log: log)
    return (try PylonClient(configuration: configuration, transport: transport), transport)
}

/// Collects log lines from the client.
final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    var lines: [String] { lock.withLock { stored } }
    var sink: @Sendable (String) -> Void { { line in self.lock.withLock { self.stored.append(line) } } }
}
