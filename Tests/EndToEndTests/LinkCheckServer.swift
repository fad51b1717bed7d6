import Foundation
import PylonTestSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A loopback web site for `check --external-links` (127.0.0.1, port 0): `/ok` 200, `/moved`
/// 301 → `/ok`, `/missing` 404, `/gone` 410, `/no-head` 405 to HEAD and 200 to GET, `/loop`
/// redirects to itself, and `/slow` and `/hang`, which answer only once `release()` is called
/// (`/slow` then answers 200, `/hang` closes without a word): later than any timeout a test
/// sets, however fast or slow the machine. Every request line is recorded, with its headers.
final class LinkCheckServer: @unchecked Sendable {
    private var listener: LoopbackListener!
    private let lock = NSLock()
    private var heads: [String] = []
    private let released = DispatchSemaphore(value: 0)
    private var waiting = 0

    init() throws {
        listener = try LoopbackListener(backlog: 32) { [unowned self] client in self.serve(client) }
    }

    var url: URL { listener.url }
    /// Request heads (request line and headers) received so far.
    var requests: [String] { lock.withLock { heads } }

    /// Lets `/slow` and `/hang` finish, then stops accepting.
    func release() {
        let count = lock.withLock { waiting }
        for _ in 0..<count { released.signal() }
        listener.stop()
    }

    private func serve(_ client: Int32) {
        var buffer = [UInt8](repeating: 0, count: 16384)
        var text = ""
        while !text.contains("\r\n\r\n") {
            let count = read(client, &buffer, buffer.count)
            if count <= 0 { return }
            text += String(decoding: buffer[0..<count], as: UTF8.self)
        }
        lock.withLock { heads.append(text) }
        let requestLine = text.split(separator: "\r\n").first.map(String.init) ?? ""
        let parts = requestLine.split(separator: " ")
        guard parts.count >= 2 else { return }
        let method = String(parts[0])
        let path = String(parts[1])
        switch path {
        case "/ok": answer(client, "200 OK", method: method, body: "fine")
        case "/moved": answer(client, "301 Moved Permanently", method: method, headers: ["Location": "/ok"])
        case "/loop": answer(client, "302 Found", method: method, headers: ["Location": "/loop"])
        case "/missing": answer(client, "404 Not Found", method: method, body: "no")
        case "/gone": answer(client, "410 Gone", method: method, body: "gone")
        case "/no-head":
            answer(
                client, method == "HEAD" ? "405 Method Not Allowed" : "200 OK", method: method, body: "page")
        case "/slow", "/hang":
            lock.withLock { waiting += 1 }
            released.wait()
            if path == "/slow" { answer(client, "200 OK", method: method, body: "late") }
        default: answer(client, "404 Not Found", method: method)
        }
    }

    private func answer(
        _ client: Int32, _ status: String, method: String, headers: [String: String] = [:], body: String = ""
    ) {
        var text = "HTTP/1.1 \(status)\r\nConnection: close\r\nContent-Length: \(body.utf8.count)\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        text += "\r\n" + (method == "HEAD" ? "" : body)
        LoopbackListener.send(client, Array(text.utf8))
    }
}
