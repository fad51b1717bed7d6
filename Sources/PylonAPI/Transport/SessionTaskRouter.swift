import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// URLSession's delegate for `URLSessionTransport`: accumulates each task's body, answers its
/// continuation when the task completes, and refuses cross-origin redirects (a refused
/// redirect is delivered as the 3xx response itself, which the client reports).
final class SessionTaskRouter: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private struct Pending {
        var continuation: CheckedContinuation<HTTPResponse, any Error>
        var origin: String
        var limit: Int
        var body = Data()
        var refusedRedirectTo: String?
    }

    // Delegate callbacks arrive on the sessions' queues; `send` registers from any task. Keyed
    // by task object: task identifiers repeat across sessions.
    private let lock = NSLock()
    private var pending: [ObjectIdentifier: Pending] = [:]

    func register(
        _ task: URLSessionTask, origin: URL, limit: Int,
        continuation: CheckedContinuation<HTTPResponse, any Error>
    ) {
        lock.withLock {
            pending[ObjectIdentifier(task)] = Pending(
                continuation: continuation, origin: SessionTaskRouter.origin(of: origin), limit: limit)
        }
    }

    /// Ends a task that has not completed by its deadline. URLSession's own timeout on Linux
    /// only measures the gap between bytes, so a server that trickles an answer (slow loris)
    /// would otherwise hold the request forever.
    func expire(_ task: URLSessionTask, after timeout: Duration) {
        guard let entry = lock.withLock({ pending.removeValue(forKey: ObjectIdentifier(task)) }) else {
            return
        }
        task.cancel()
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        let received = entry.body.isEmpty ? "nothing" : "\(entry.body.count) bytes"
        entry.continuation.resume(
            throwing: HTTPTransportError(
                .timedOut,
                "No complete answer within \(String(format: "%g", seconds)) s (received \(received) by then)."
            ))
    }

    /// scheme://host:port, lowercased; what must not change across a redirect.
    static func origin(of url: URL?) -> String {
        guard let url else { return "" }
        let scheme = url.scheme?.lowercased() ?? ""
        let host = url.host?.lowercased() ?? ""
        let port = url.port ?? (scheme == "https" ? 443 : 80)
        return "\(scheme)://\(host):\(port)"
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let key = ObjectIdentifier(dataTask)
        let overflow = lock.withLock { () -> (Pending, Int)? in
            // No copy of the entry may live across the append: it would share the body's
            // buffer, and the append would then copy the whole body for every chunk (quadratic:
            // a 10 MB article listing took seconds of memmove).
            guard let received = pending[key]?.body.count, let limit = pending[key]?.limit else { return nil }
            let total = received + data.count
            guard total > limit else {
                pending[key]?.body.append(data)
                return nil
            }
            guard let entry = pending.removeValue(forKey: key) else { return nil }
            return (entry, total)
        }
        guard let (entry, total) = overflow else { return }
        dataTask.cancel()
        entry.continuation.resume(
            throwing: HTTPTransportError(
                .responseTooLarge,
                "The answer was larger than \(Self.byteCount(entry.limit)); reading stopped after \(Self.byteCount(total))."
            ))
    }

    /// Refuses an answer whose declared length is over the limit before reading any of it.
    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
    ) {
        let key = ObjectIdentifier(dataTask)
        let declared = response.expectedContentLength
        let refused = lock.withLock { () -> Pending? in
            guard let entry = pending[key], declared > Int64(entry.limit) else { return nil }
            pending.removeValue(forKey: key)
            return entry
        }
        guard let entry = refused else {
            completionHandler(.allow)
            return
        }
        completionHandler(.cancel)
        entry.continuation.resume(
            throwing: HTTPTransportError(
                .responseTooLarge,
                "The answer announced \(Self.byteCount(Int(clamping: declared))), more than the limit of \(Self.byteCount(entry.limit)); it was not read."
            ))
    }

    /// "1 MiB", "1.5 MiB", "512 KiB", "300 bytes".
    static func byteCount(_ bytes: Int) -> String {
        func amount(_ value: Double, _ unit: String) -> String {
            let text = String(format: "%.1f", value)
            return (text.hasSuffix(".0") ? String(text.dropLast(2)) : text) + " " + unit
        }
        if bytes >= 1 << 30 { return amount(Double(bytes) / Double(1 << 30), "GiB") }
        if bytes >= 1 << 20 { return amount(Double(bytes) / Double(1 << 20), "MiB") }
        if bytes >= 1 << 10 { return amount(Double(bytes) / Double(1 << 10), "KiB") }
        return "\(bytes) bytes"
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        let target = SessionTaskRouter.origin(of: request.url)
        let allowed = lock.withLock { () -> Bool in
            guard let entry = pending[ObjectIdentifier(task)] else { return false }
            if entry.origin == target { return true }
            pending[ObjectIdentifier(task)]?.refusedRedirectTo = target
            return false
        }
        completionHandler(allowed ? request : nil)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        guard let entry = lock.withLock({ pending.removeValue(forKey: ObjectIdentifier(task)) }) else {
            return
        }
        if let error {
            entry.continuation.resume(throwing: SessionTaskRouter.transportError(error))
            return
        }
        guard let http = task.response as? HTTPURLResponse else {
            entry.continuation.resume(
                throwing: HTTPTransportError(
                    .connectionLost, "The server closed the connection without an HTTP answer."))
            return
        }
        var headers: [String: String] = [:]
        for (key, value) in http.allHeaderFields {
            headers[String(describing: key).lowercased()] = String(describing: value)
        }
        if let refused = entry.refusedRedirectTo {
            entry.continuation.resume(
                throwing: HTTPTransportError(
                    .redirectRefused,
                    "The server redirected (HTTP \(http.statusCode)) to another origin, \(refused); "
                        + "the request was not followed so the API token stays with the configured host."))
            return
        }
        entry.continuation.resume(
            returning: HTTPResponse(status: http.statusCode, headers: headers, body: entry.body))
    }

    static func transportError(_ error: any Error) -> any Error {
        guard let urlError = error as? URLError else {
            return HTTPTransportError(.other, "\(error)")
        }
        switch urlError.code {
        case .cancelled:
            return CancellationError()
        case .timedOut:
            return HTTPTransportError(.timedOut, "The request timed out.")
        case .cannotConnectToHost, .cannotFindHost, .dnsLookupFailed, .notConnectedToInternet:
            return HTTPTransportError(.notConnected, "Could not connect: \(urlError.localizedDescription)")
        case .networkConnectionLost, .badServerResponse, .zeroByteResource:
            return HTTPTransportError(
                .connectionLost, "The connection was lost: \(urlError.localizedDescription)")
        default:
            return HTTPTransportError(.other, urlError.localizedDescription)
        }
    }
}
