import Foundation
import PylonTestSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A loopback HTTP server (127.0.0.1, port 0) whose every connection is handed to a script on
/// its own thread, so a test can answer slowly, endlessly, or not at all. Writes never raise
/// SIGPIPE; they report whether the client was still reading.
final class ServerSurpriseServer: @unchecked Sendable {
    /// One accepted connection with the request head already read.
    struct Connection: @unchecked Sendable {
        let descriptor: Int32
        /// Request line and headers.
        let head: String
        let server: ServerSurpriseServer

        /// Sends bytes; false once the client has gone.
        @discardableResult
        func send(_ bytes: [UInt8]) -> Bool {
            LoopbackListener.send(descriptor, bytes) { server.count(sent: $0) }
        }

        @discardableResult
        func send(_ text: String) -> Bool { send(Array(text.utf8)) }
    }

    private let listener: LoopbackListener
    private let lock = NSLock()
    private var heads: [String] = []
    private var sent = 0

    init(script: @escaping @Sendable (Connection) -> Void) throws {
        let box = ServerBox()
        listener = try LoopbackListener(backlog: 16) { client in
            guard let server = box.server else { return }
            var buffer = [UInt8](repeating: 0, count: 65536)
            var text = ""
            while !text.contains("\r\n\r\n") {
                let count = read(client, &buffer, buffer.count)
                if count <= 0 { break }
                text += String(decoding: buffer[0..<count], as: UTF8.self)
            }
            server.lock.withLock { server.heads.append(text) }
            script(Connection(descriptor: client, head: text, server: server))
        }
        box.server = self
    }

    /// Lets the accept loop reach the server it belongs to once `init` has finished. Strong on
    /// purpose: a server lives as long as the test process, as its accept thread does.
    private final class ServerBox: @unchecked Sendable {
        var server: ServerSurpriseServer?
    }

    var port: Int { listener.port }
    var url: URL { listener.url }
    /// Request heads received so far.
    var requests: [String] { lock.withLock { heads } }
    /// Body bytes the scripts managed to write.
    var bytesSent: Int { lock.withLock { sent } }

    fileprivate func count(sent bytes: Int) { lock.withLock { sent += bytes } }

    func stop() { listener.stop() }

    /// A complete HTTP/1.1 answer.
    static func response(
        status: String, contentType: String = "application/json", headers: [String: String] = [:],
        body: String = ""
    ) -> String {
        var text = "HTTP/1.1 \(status)\r\nConnection: close\r\nContent-Length: \(body.utf8.count)\r\n"
        if !body.isEmpty { text += "Content-Type: \(contentType)\r\n" }
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        return text + "\r\n" + body
    }
}
