import Foundation

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
            var offset = 0
            while offset < bytes.count {
                let written = bytes[offset...].withUnsafeBytes {
                    Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
                }
                if written <= 0 { return false }
                offset += written
                server.count(sent: written)
            }
            return true
        }

        @discardableResult
        func send(_ text: String) -> Bool { send(Array(text.utf8)) }
    }

    let port: Int
    private let socketFD: Int32
    private let lock = NSLock()
    private var heads: [String] = []
    private var sent = 0
    private let script: @Sendable (Connection) -> Void

    init(script: @escaping @Sendable (Connection) -> Void) throws {
        self.script = script
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        socketFD = fd
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    var url: URL { URL(string: "http://127.0.0.1:\(port)")! }
    /// Request heads received so far.
    var requests: [String] { lock.withLock { heads } }
    /// Body bytes the scripts managed to write.
    var bytesSent: Int { lock.withLock { sent } }

    fileprivate func count(sent bytes: Int) { lock.withLock { sent += bytes } }

    func stop() {
        shutdown(socketFD, Int32(SHUT_RDWR))
        close(socketFD)
    }

    private func acceptLoop() {
        while true {
            let client = accept(socketFD, nil, nil)
            if client < 0 { return }
            Thread.detachNewThread { [self] in
                var buffer = [UInt8](repeating: 0, count: 65536)
                var text = ""
                while !text.contains("\r\n\r\n") {
                    let count = read(client, &buffer, buffer.count)
                    if count <= 0 { break }
                    text += String(decoding: buffer[0..<count], as: UTF8.self)
                }
                lock.withLock { heads.append(text) }
                script(Connection(descriptor: client, head: text, server: self))
                close(client)
            }
        }
    }

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
