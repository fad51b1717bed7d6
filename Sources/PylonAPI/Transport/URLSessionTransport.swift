import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The real transport: URLSession with a delegate (`SessionTaskRouter`) that collects each
/// response and refuses redirects to another origin, so the bearer token is only ever sent to
/// the host it was configured for. Completion-handler tasks are avoided on purpose: on Linux
/// they follow redirects without asking any delegate.
public final class URLSessionTransport: HTTPTransport {
    private let session: URLSession
    private let router: SessionTaskRouter

    public init() {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        // The rate limiter decides how many requests are in flight; a lower connection cap
        // here would silently queue requests and skew the limiter's accounting.
        configuration.httpMaximumConnectionsPerHost = 32
        let router = SessionTaskRouter()
        self.router = router
        session = URLSession(configuration: configuration, delegate: router, delegateQueue: nil)
    }

    deinit {
        session.finishTasksAndInvalidate()
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
        let task = session.dataTask(with: urlRequest)
        let router = self.router
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                router.register(task, origin: request.url, continuation: continuation)
                task.resume()
            }
        } onCancel: {
            task.cancel()
        }
    }
}
