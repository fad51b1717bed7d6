import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A tiny blocking HTTP/1.1 server on 127.0.0.1 and port 0, for redirect tests the emulator
/// has no reason to support. Answers each request with `respond(requestText)`, one request per
/// connection, and records what it received.
final class RawHTTPServer: @unchecked Sendable {
    let port: Int
    private let socketFD: Int32
    private let lock = NSLock()
    private var received: [String] = []
    private let respond: @Sendable (String) -> String

    init(respond: @escaping @Sendable (String) -> String) throws {
        self.respond = respond
        #if canImport(Glibc)
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
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
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    /// Every request text received so far (request line and headers).
    var requests: [String] { lock.withLock { received } }

    func stop() {
        shutdown(socketFD, Int32(SHUT_RDWR))
        close(socketFD)
    }

    private func acceptLoop() {
        while true {
            let client = accept(socketFD, nil, nil)
            if client < 0 { return }
            var buffer = [UInt8](repeating: 0, count: 65536)
            var text = ""
            while !text.contains("\r\n\r\n") {
                let count = read(client, &buffer, buffer.count)
                if count <= 0 { break }
                text += String(decoding: buffer[0..<count], as: UTF8.self)
            }
            lock.withLock { received.append(text) }
            let answer = Array(respond(text).utf8)
            _ = answer.withUnsafeBytes { write(client, $0.baseAddress, answer.count) }
            close(client)
        }
    }

    /// An HTTP/1.1 response text with a JSON body.
    static func response(status: String, headers: [String: String] = [:], json: String = "") -> String {
        var text = "HTTP/1.1 \(status)\r\nConnection: close\r\nContent-Length: \(json.utf8.count)\r\n"
        if !json.isEmpty { text += "Content-Type: application/json\r\n" }
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        return text + "\r\n" + json
    }
}
