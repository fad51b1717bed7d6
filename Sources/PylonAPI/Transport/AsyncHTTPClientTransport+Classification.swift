import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension AsyncHTTPClientTransport {
    /// What a failure means for the request: never connected (nothing sent, safe to send
    /// again), connection lost or timed out (it may have been applied), or cancelled.
    static func classify(_ error: any Error) -> any Error {
        if error is HTTPTransportError || error is CancellationError { return error }
        if let clientError = error as? HTTPClientError {
            switch clientError {
            case .cancelled:
                return CancellationError()
            case .connectTimeout, .tlsHandshakeTimeout, .getConnectionFromPoolTimeout, .invalidURL,
                .emptyHost,
                .emptyScheme:
                return HTTPTransportError(.notConnected, "Could not connect: \(clientError).")
            case .deadlineExceeded, .readTimeout, .writeTimeout:
                return HTTPTransportError(.timedOut, "The request timed out.")
            case .remoteConnectionClosed:
                return HTTPTransportError(
                    .connectionLost,
                    "The connection was lost: the server closed it without a complete answer.")
            default:
                return HTTPTransportError(.other, "\(clientError)")
            }
        }
        if error is NIOConnectionError || error is SocketAddressError {
            return HTTPTransportError(.notConnected, "Could not connect: \(error)")
        }
        if let channelError = error as? ChannelError {
            if case .connectTimeout = channelError {
                return HTTPTransportError(.notConnected, "Could not connect: \(channelError)")
            }
            return HTTPTransportError(.connectionLost, "The connection was lost: \(channelError)")
        }
        if let ioError = error as? IOError {
            switch ioError.errnoCode {
            case ECONNREFUSED, ENETUNREACH, EHOSTUNREACH, EADDRNOTAVAIL:
                return HTTPTransportError(.notConnected, "Could not connect: \(ioError)")
            default:
                return HTTPTransportError(.connectionLost, "The connection was lost: \(ioError)")
            }
        }
        if error is HTTPParserError {
            return HTTPTransportError(
                .connectionLost, "The connection was lost: the answer was not valid HTTP (\(error)).")
        }
        return HTTPTransportError(.other, "\(error)")
    }

    /// scheme://host:port, lowercased; what must not change across a redirect.
    static func origin(of url: URL?) -> String {
        guard let url else { return "" }
        let scheme = url.scheme?.lowercased() ?? ""
        let host = url.host?.lowercased() ?? ""
        let port = url.port ?? (scheme == "https" ? 443 : 80)
        return "\(scheme)://\(host):\(port)"
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
}

/// The request a redirect answer asks for, as browsers and URLSession make it: 303, and 301
/// or 302 after a POST, become a GET without a body; 307 and 308 repeat the request as it was.
/// nil when the answer is not a redirect to follow.
struct RedirectStep {
    var url: URL
    var request: HTTPRequest

    init?(response: HTTPResponse, request: HTTPRequest) {
        guard [301, 302, 303, 307, 308].contains(response.status),
            let location = response.header("location"), !location.isEmpty,
            let target = URL(string: location, relativeTo: request.url)?.absoluteURL
        else { return nil }
        var next = request
        next.url = target
        let method = request.method.uppercased()
        let becomesGet =
            (response.status == 303 && method != "HEAD")
            || ([301, 302].contains(response.status) && method == "POST")
        if becomesGet {
            next.method = "GET"
            next.body = nil
            next.headers = next.headers.filter {
                $0.key.caseInsensitiveCompare("Content-Type") != .orderedSame
            }
        }
        self.url = target
        self.request = next
    }
}
