import Foundation

/// A loopback HTTP/1.1 server that answers each request with `respond(requestText)`, one
/// request per connection, for redirect tests the emulator has no reason to support. It is
/// `ServerSurpriseServer` with a script that answers at once.
final class RawHTTPServer: Sendable {
    private let server: ServerSurpriseServer

    init(respond: @escaping @Sendable (String) -> String) throws {
        server = try ServerSurpriseServer { connection in connection.send(respond(connection.head)) }
    }

    var port: Int { server.port }
    /// Every request text received so far (request line and headers).
    var requests: [String] { server.requests }

    func stop() { server.stop() }

    /// An HTTP/1.1 response text with a JSON body.
    static func response(status: String, headers: [String: String] = [:], json: String = "") -> String {
        var text = "HTTP/1.1 \(status)\r\nConnection: close\r\nContent-Length: \(json.utf8.count)\r\n"
        if !json.isEmpty { text += "Content-Type: application/json\r\n" }
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        return text + "\r\n" + json
    }
}
