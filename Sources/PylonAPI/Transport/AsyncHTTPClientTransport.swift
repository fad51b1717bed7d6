import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The real transport: AsyncHTTPClient on SwiftNIO's shared event loops. A waiting request is
/// a registered socket, not a busy thread, so a run that spends hours waiting on Pylon's rate
/// limits costs next to no CPU (docs/performance.md, "Transport").
///
/// Two connection pools (docs/api-client.md, "Transport"):
/// - requests other than POST reuse kept-alive connections, so a long run does not pay a
///   handshake per request;
/// - every POST goes on a connection of its own (`Connection: close`, in a pool that therefore
///   never holds an idle connection). A POST never meets a kept-alive connection the server has
///   meanwhile closed, so it is never sent twice, and a break is always the server's answer to
///   this very request: reported as "may have been applied", never re-sent (a POST is not
///   retried by AsyncHTTPClient, and the client retries only what is safe to repeat).
///
/// Redirects are followed here, not by AsyncHTTPClient, and only within the request's origin
/// (scheme, host and port): the bearer token is only ever sent to the host it was configured
/// for. Shut the transport down with `shutdown()` when done (`PylonClient.close()` does).
public final class AsyncHTTPClientTransport: HTTPTransport {
    private let reusing: HTTPClient
    private let oneShot: HTTPClient
    private let isShutDown = LockedFlag()
    /// False for a caller that follows redirects itself, to any origin (the external-link
    /// check, which sends no credentials): 3xx answers are returned as they are.
    private let followsRedirects: Bool

    /// Same-origin redirects followed for one request before giving up.
    static let maximumRedirects = 10

    /// On SwiftNIO's process-wide event loops: no threads of our own to start or stop.
    public convenience init() {
        self.init(eventLoopGroup: HTTPClient.defaultEventLoopGroup)
    }

    /// On SwiftNIO's process-wide event loops; `followingRedirects: false` returns every 3xx
    /// answer to the caller instead of following it.
    public convenience init(followingRedirects: Bool) {
        self.init(eventLoopGroup: HTTPClient.defaultEventLoopGroup, followingRedirects: followingRedirects)
    }

    /// On `eventLoopGroup`, which the caller shuts down after this transport (a test measures
    /// the CPU time of a loop of its own).
    public init(eventLoopGroup: any EventLoopGroup, followingRedirects: Bool = true) {
        followsRedirects = followingRedirects
        reusing = HTTPClient(eventLoopGroup: eventLoopGroup, configuration: Self.configuration())
        oneShot = HTTPClient(eventLoopGroup: eventLoopGroup, configuration: Self.configuration())
    }

    private static func configuration() -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.decompression = .disabled
        // Timeouts are the request's own deadline (`HTTPRequest.timeout`), measured to the last
        // byte; only connecting has its own, shorter bound.
        configuration.timeout = HTTPClient.Configuration.Timeout(connect: .seconds(10), read: nil)
        // A refused connection fails at once (nothing was sent; the client decides on retries).
        configuration.connectionPool.retryConnectionEstablishment = false
        // Shorter than the usual load balancer's 60 s, so the pool drops a connection before
        // the server does.
        configuration.connectionPool.idleTimeout = .seconds(30)
        // Parallel requests (an apply's endpoints run side by side) are not queued behind a few
        // connections: the rate limiter, not the pool, decides when a request goes out.
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 64
        configuration.httpVersion = .http1Only
        return configuration
    }

    /// Closes every pooled connection. Requests after this fail.
    public func shutdown() async {
        guard isShutDown.set() else { return }
        try? await reusing.shutdown()
        try? await oneShot.shutdown()
    }

    deinit {
        // A transport dropped without `shutdown()` (a test, a short-lived helper) still closes
        // its connections; AsyncHTTPClient traps on a client freed while running.
        guard isShutDown.set() else { return }
        reusing.shutdown { _ in }
        oneShot.shutdown { _ in }
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let received = ReceivedBytes()
        let timeout = request.timeout
        // The whole exchange, redirects and body included, races the request's deadline: a
        // server trickling its answer must not hold a run forever. Sleeping costs no CPU.
        return try await withThrowingTaskGroup(of: HTTPResponse.self) { group in
            group.addTask { try await self.following(request, received: received) }
            group.addTask {
                try await Task.sleep(for: timeout)
                let count = received.count
                throw HTTPTransportError(
                    .timedOut,
                    "No complete answer within \(String(format: "%g", seconds(timeout))) s (received \(count == 0 ? "nothing" : "\(count) bytes") by then)."
                )
            }
            defer { group.cancelAll() }
            guard let response = try await group.next() else {
                throw HTTPTransportError(.other, "The request ended without an answer.")
            }
            return response
        }
    }

    /// Sends `request`, following redirects within its origin; a redirect elsewhere is refused.
    private func following(_ request: HTTPRequest, received: ReceivedBytes) async throws -> HTTPResponse {
        var current = request
        let origin = Self.origin(of: request.url)
        for _ in 0...Self.maximumRedirects {
            let response = try await exchange(current, received: received)
            guard followsRedirects, let next = RedirectStep(response: response, request: current) else {
                return response
            }
            let target = Self.origin(of: next.url)
            guard target == origin else {
                throw HTTPTransportError(
                    .redirectRefused,
                    "The server redirected (HTTP \(response.status)) to another origin, \(target); "
                        + "the request was not followed so the API token stays with the configured host.")
            }
            current = next.request
        }
        throw HTTPTransportError(
            .other,
            "The server redirected more than \(Self.maximumRedirects) times; the request was given up.")
    }

    /// One request and its whole answer, within `maximumResponseBytes`.
    private func exchange(_ request: HTTPRequest, received: ReceivedBytes) async throws -> HTTPResponse {
        let isPost = request.method.uppercased() == "POST"
        var outgoing = HTTPClientRequest(url: request.url.absoluteString)
        outgoing.method = HTTPMethod(rawValue: request.method.uppercased())
        for (name, value) in request.headers {
            outgoing.headers.replaceOrAdd(name: name, value: value)
        }
        if isPost { outgoing.headers.replaceOrAdd(name: "Connection", value: "close") }
        if let body = request.body { outgoing.body = .bytes(body) }
        let limit = request.maximumResponseBytes
        do {
            // Our own deadline (in `send`) bounds the exchange; this one only backs it up.
            let response = try await (isPost ? oneShot : reusing).execute(
                outgoing, timeout: .seconds(Int64(seconds(request.timeout)) + 5))
            if let declared = response.headers.first(name: "content-length").flatMap(Int.init),
                declared > limit
            {
                throw HTTPTransportError(
                    .responseTooLarge,
                    "The answer announced \(Self.byteCount(declared)), more than the limit of \(Self.byteCount(limit)); it was not read."
                )
            }
            var body = ByteBuffer()
            for try await chunk in response.body {
                let total = body.readableBytes + chunk.readableBytes
                guard total <= limit else {
                    throw HTTPTransportError(
                        .responseTooLarge,
                        "The answer was larger than \(Self.byteCount(limit)); reading stopped after \(Self.byteCount(total))."
                    )
                }
                received.add(chunk.readableBytes)
                var chunk = chunk
                body.writeBuffer(&chunk)
            }
            var headers: [String: String] = [:]
            for (name, value) in response.headers {
                let key = name.lowercased()
                headers[key] = headers[key].map { "\($0), \(value)" } ?? value
            }
            let data = body.withUnsafeReadableBytes { Data($0) }
            return HTTPResponse(status: Int(response.status.code), headers: headers, body: data)
        } catch {
            throw Self.classify(error)
        }
    }
}

/// Whether a transport has been shut down, set once from any thread.
private final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    /// Sets the flag; true if this call set it.
    func set() -> Bool {
        lock.withLock {
            defer { value = true }
            return !value
        }
    }
}

/// Bytes of the answer received so far, for the timeout's message.
private final class ReceivedBytes: @unchecked Sendable {
    private let lock = NSLock()
    private var total = 0

    var count: Int { lock.withLock { total } }
    func add(_ bytes: Int) { lock.withLock { total += bytes } }
}
