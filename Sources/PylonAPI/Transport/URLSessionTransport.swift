import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The real transport: URLSession with a delegate (`SessionTaskRouter`) that collects each
/// response and refuses redirects to another origin, so the bearer token is only ever sent to
/// the host it was configured for. Completion-handler tasks are avoided on purpose: on Linux
/// they follow redirects without asking any delegate.
///
/// Every request gets its own URLSession, hence its own connection. libcurl (URLSession on
/// Linux) silently re-sends a request whose reused keep-alive connection turns out dead, even a
/// POST, and then without its body: the server waits for a body that never comes, the request
/// times out, and a POST that may have landed becomes "maybe applied twice". Without reuse
/// there is nothing to re-send. At Pylon's rate limits (about one request a second per
/// endpoint) the extra handshake costs nothing that matters.
public final class URLSessionTransport: HTTPTransport {
    private let configuration: URLSessionConfiguration
    private let router = SessionTaskRouter()

    public init() {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        self.configuration = configuration
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        urlRequest.httpBody = request.body
        let components = request.timeout.components
        urlRequest.timeoutInterval = Double(components.seconds) + Double(components.attoseconds) / 1e18
        for (name, value) in request.headers {
            urlRequest.setValue(value, forHTTPHeaderField: name)
        }
        let session = URLSession(configuration: configuration, delegate: router, delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        let task = session.dataTask(with: urlRequest)
        let router = self.router
        let timeout = request.timeout
        // A little after URLSession's own (idle) timeout, so a server that goes silent gets
        // URLSession's message and one that trickles gets the deadline's.
        let deadline = timeout + .milliseconds(250)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                router.register(
                    task, origin: request.url, limit: request.maximumResponseBytes, continuation: continuation
                )
                task.resume()
                let components = deadline.components
                let nanoseconds = components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
                // Weak: a task holds its session and so its socket; a strong capture kept
                // every finished request's connection open until its deadline passed (thousands
                // of sockets when requests are fast, then "too many open files").
                DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(Int(nanoseconds))) {
                    [weak task] in
                    if let task { router.expire(task, after: timeout) }
                }
            }
        } onCancel: {
            task.cancel()
        }
    }
}
