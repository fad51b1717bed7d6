import Foundation
import PylonTestSupport

/// A local Help Scout Docs API v1 written from the contract (see docs/import.md): Basic auth
/// with the API key as user name (401 otherwise), `Correlation-Id` and `X-RateLimit-*` on every
/// answer, the `{"collections":{"page","pages","count","items"}}` envelopes (the sites list
/// wrapped), at most 10 items a page, articles by id or number, redirects. A second listener
/// plays the public site and Help Scout's CDN, and records whether it received credentials.
/// Faults are switched on by the test: a storm of 429s, a 500 on the second page of a
/// collection's article list, a broken image.
final class HelpScoutFake: @unchecked Sendable {
    static let key = "hs-secret-key-93ab"
    /// Items a page, whatever `pageSize` asks: the 20 articles of "Getting started" take two.
    static let pageSize = 10
    /// The image `faults.breakImage` makes answer 404 on the CDN.
    static let brokenImage = "/docs/assets/s1/images/i2/file-b2.png"

    private var api: LoopbackListener!
    private var site: LoopbackListener!
    private let lock = NSLock()
    /// What the next requests get wrong (429 storms, a 500 on page 2, a broken image).
    let faults = VendorFaults()
    private var seed: HelpScoutSeed!
    private var log: [(host: String, line: String, authorization: String?)] = []

    init() throws {
        api = try LoopbackListener { [unowned self] client in self.serve(client, isSite: false) }
        site = try LoopbackListener { [unowned self] client in self.serve(client, isSite: true) }
        seed = HelpScoutSeed(site: "127.0.0.1:\(site.port)")
    }

    var url: URL { api.url }
    var help: HelpScoutSeed { seed }

    func stop() {
        api.stop()
        site.stop()
    }

    var requests: [(host: String, line: String, authorization: String?)] { lock.withLock { log } }

    private func serve(_ client: Int32, isSite: Bool) {
        var buffer = [UInt8](repeating: 0, count: 16384)
        var text = ""
        while !text.contains("\r\n\r\n") {
            let count = read(client, &buffer, buffer.count)
            if count <= 0 { return }
            text += String(decoding: buffer[0..<count], as: UTF8.self)
        }
        let lines = text.components(separatedBy: "\r\n")
        let parts = lines[0].split(separator: " ")
        guard parts.count >= 2 else { return }
        let authorization = lines.dropFirst().first { $0.lowercased().hasPrefix("authorization:") }
            .map { String($0.dropFirst("authorization:".count)).trimmingCharacters(in: .whitespaces) }
        lock.withLock { log.append((isSite ? "site" : "api", lines[0], authorization)) }
        let target = String(parts[1])
        let (status, headers, body): (String, [String: String], Data)
        if isSite {
            let path = target.split(separator: "?").first.map(String.init) ?? target
            if path == Self.brokenImage && faults.breakImage {
                (status, headers, body) = (
                    "404 Not Found", ["Content-Type": "text/html"], Data("<h1>Not found</h1>".utf8)
                )
            } else if let image = seed.images[path] {
                (status, headers, body) = ("200 OK", ["Content-Type": "image/png"], image)
            } else {
                (status, headers, body) = ("404 Not Found", [:], Data())
            }
        } else {
            (status, headers, body) = apiAnswer(target, authorization)
        }
        var head = "HTTP/1.1 \(status)\r\nConnection: close\r\nContent-Length: \(body.count)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        LoopbackListener.send(client, Array((head + "\r\n").utf8) + [UInt8](body))
    }

    private func json(_ value: Any, status: String = "200 OK", headers: [String: String] = [:]) -> (
        String, [String: String], Data
    ) {
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])) ?? Data()
        let common = [
            "Content-Type": "application/json", "Correlation-Id": UUID().uuidString,
            "X-RateLimit-Limit": "2000",
            "X-RateLimit-Remaining": "1999", "X-RateLimit-Reset": "600",
        ]
        return (status, common.merging(headers) { _, new in new }, data)
    }

    private func apiAnswer(_ target: String, _ authorization: String?) -> (String, [String: String], Data) {
        if faults.takeStormRequest() {
            return json(
                ["status": 429, "message": "Too many requests"], status: "429 Too Many Requests",
                headers: ["X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "0"])
        }
        guard authorization == "Basic " + Data("\(Self.key):X".utf8).base64EncodedString() else {
            return json(["status": 401, "message": "Unauthorized"], status: "401 Unauthorized")
        }
        let components = URLComponents(string: target)
        var query: [String: String] = [:]
        for item in components?.queryItems ?? [] { query[item.name] = item.value ?? "" }
        let path = components?.path ?? target
        let parts = path.split(separator: "/").map(String.init)
        switch parts.count >= 2 ? Array(parts[1...]) : [] {
        case ["sites"]: return page(seed.sites, key: "sites", query: query)
        case ["collections"]:
            return page(
                seed.collections.filter {
                    query["siteId"] == nil || $0["siteId"] as? String == query["siteId"]
                }, key: "collections", query: query)
        case let route where route.count == 3 && route[0] == "collections" && route[2] == "categories":
            return page(
                seed.categories.filter { $0["collectionId"] as? String == route[1] }, key: "categories",
                query: query)
        case let route where route.count == 3 && route[0] == "collections" && route[2] == "articles":
            if faults.failSecondArticlePage, query["page"] == "2" {
                return json(
                    ["status": 500, "message": "Internal server error"], status: "500 Internal Server Error")
            }
            let refs = seed.articles.filter { $0["collectionId"] as? String == route[1] }.map { article in
                article.filter { !["text", "categories", "related", "keywords"].contains($0.key) }
            }
            return page(refs, key: "articles", query: query)
        case let route where route.count == 2 && route[0] == "articles":
            guard
                let article = seed.articles.first(where: {
                    $0["id"] as? String == route[1] || "\($0["number"]!)" == route[1]
                })
            else {
                return json(["status": 404, "message": "Not found"], status: "404 Not Found")
            }
            return json(["article": article])
        case let route where route.count == 3 && route[0] == "redirects" && route[1] == "site":
            return page(
                seed.redirects.filter { $0["siteId"] as? String == route[2] }, key: "redirects", query: query)
        default:
            return json(["status": 404, "message": "Not found"], status: "404 Not Found")
        }
    }

    private func page(_ items: [[String: Any]], key: String, query: [String: String]) -> (
        String, [String: String], Data
    ) {
        let size = Self.pageSize
        let number = max(1, Int(query["page"] ?? "1") ?? 1)
        let start = (number - 1) * size
        let slice = Array(items[min(start, items.count)..<min(start + size, items.count)])
        let pages = max(1, (items.count + size - 1) / size)
        return json([key: ["page": number, "pages": pages, "count": items.count, "items": slice]])
    }
}
