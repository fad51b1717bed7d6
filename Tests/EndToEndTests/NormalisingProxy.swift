import Foundation
import PylonTestSupport

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// A loopback HTTP proxy (127.0.0.1, port 0) in front of the emulator that rewrites every
/// `body_html` a client writes (top level and in `translations`) before the emulator stores it,
/// so the emulator's answers and later reads carry the rewritten body: a server that normalises
/// HTML on write. One request per connection (`Connection: close`); each runs on its own thread,
/// off the cooperative pool the in-process emulator needs.
final class NormalisingProxy: @unchecked Sendable {
    private let upstream: URL
    private let normalise: @Sendable (String) -> String
    private let listener: LoopbackListener
    private let session = URLSession(configuration: .ephemeral)

    /// Collapses the whitespace between tags, which changes the text between two inline tags
    /// (`<strong>a</strong> <em>b</em>`) and so survives any canonical form.
    static let collapseWhitespaceBetweenTags: @Sendable (String) -> String = {
        $0.replacingOccurrences(of: ">[ \t\n]+<", with: "><", options: .regularExpression)
    }

    init(upstream: URL, normalise: @escaping @Sendable (String) -> String = collapseWhitespaceBetweenTags)
        throws
    {
        self.upstream = upstream
        self.normalise = normalise
        let box = ProxyBox()
        listener = try LoopbackListener { client in box.proxy?.serve(client) }
        box.proxy = self
    }

    /// Lets the accept loop reach the proxy once `init` has finished; strong, as the proxy lives
    /// as long as its accept thread.
    private final class ProxyBox: @unchecked Sendable {
        var proxy: NormalisingProxy?
    }

    var port: Int { listener.port }
    var url: URL { listener.url }

    func stop() { listener.stop() }

    private func serve(_ client: Int32) {
        guard let request = Self.readRequest(client) else { return }
        var forwarded = URLRequest(url: URL(string: upstream.absoluteString + request.target)!)
        forwarded.httpMethod = request.method
        for (name, value) in request.headers
        where !["host", "content-length", "connection"].contains(name.lowercased()) {
            forwarded.setValue(value, forHTTPHeaderField: name)
        }
        if !request.body.isEmpty {
            forwarded.httpBody = rewritten(request.body, contentType: request.headers["content-type"] ?? "")
        }
        let answer = Answer()
        let done = DispatchSemaphore(value: 0)
        session.dataTask(with: forwarded) { data, response, _ in
            answer.data = data ?? Data()
            answer.response = response as? HTTPURLResponse
            done.signal()
        }.resume()
        done.wait()
        guard let response = answer.response else { return }
        var head = "HTTP/1.1 \(response.statusCode) Status\r\nConnection: close\r\n"
        head += "Content-Length: \(answer.data.count)\r\n"
        for (name, value) in response.allHeaderFields {
            let name = "\(name)"
            guard
                !["content-length", "connection", "transfer-encoding", "content-encoding"].contains(
                    name.lowercased())
            else {
                continue
            }
            head += "\(name): \(value)\r\n"
        }
        Self.send(client, Array((head + "\r\n").utf8) + [UInt8](answer.data))
    }

    /// The JSON body with every `body_html` normalised; anything else passes unchanged.
    private func rewritten(_ body: Data, contentType: String) -> Data {
        guard contentType.contains("json"),
            var object = try? JSONSerialization.jsonObject(with: body) as? [String: Any]
        else { return body }
        if let html = object["body_html"] as? String { object["body_html"] = normalise(html) }
        if let translations = object["translations"] as? [[String: Any]] {
            object["translations"] = translations.map { translation in
                var translation = translation
                if let html = translation["body_html"] as? String {
                    translation["body_html"] = normalise(html)
                }
                return translation
            }
        }
        return (try? JSONSerialization.data(withJSONObject: object)) ?? body
    }

    private final class Answer: @unchecked Sendable {
        var data = Data()
        var response: HTTPURLResponse?
    }

    private struct Request {
        var method: String
        var target: String
        var headers: [String: String]
        var body: Data
    }

    /// Reads the request line, headers and a `Content-Length` body.
    private static func readRequest(_ client: Int32) -> Request? {
        var received = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        var headEnd: Int?
        while headEnd == nil {
            let count = read(client, &buffer, buffer.count)
            if count <= 0 { return nil }
            received += buffer[0..<count]
            headEnd = received.firstRange(of: separator)?.lowerBound
        }
        let head = String(decoding: received[0..<headEnd!], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        if headers["expect"]?.lowercased() == "100-continue" {
            send(client, Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
        }
        var body = Array(received[(headEnd! + separator.count)...])
        while body.count < length {
            let count = read(client, &buffer, buffer.count)
            if count <= 0 { return nil }
            body += buffer[0..<count]
        }
        return Request(
            method: String(requestLine[0]), target: String(requestLine[1]), headers: headers, body: Data(body)
        )
    }

    private static func send(_ client: Int32, _ bytes: [UInt8]) {
        LoopbackListener.send(client, bytes)
    }
}
