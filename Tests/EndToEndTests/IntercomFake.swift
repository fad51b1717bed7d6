import Foundation
import PylonTestSupport

/// A local Intercom API (`Intercom-Version: 2.16`) written from the contract (see
/// docs/import.md): Bearer auth (401 with an `error.list` otherwise), `/help_center/help_centers`,
/// `/help_center/collections` and `/articles` with offset pagination (`page`, `per_page`,
/// `pages.next` as an absolute URL, at most 10 a page), ids as strings, `parent_ids` as
/// numbers, Unix timestamps. A second listener plays both the public help-center site (the
/// articles' `url`s) and Intercom's image CDN (signed, expiring image URLs), and records
/// whether it ever received credentials. Two help centers, so the importer must choose.
/// Faults are switched on by the test: a storm of 429s with `Retry-After: 0`, a 500 on the
/// second page of articles, a broken image.
final class IntercomFake: @unchecked Sendable {
    static let token = "ic-secret-token-41d7"
    /// Items a page at most, whatever `per_page` asks: the seed's 32 articles take four pages.
    static let pageSize = 10
    /// The image `faults.breakImage` makes answer 404 (on the site host, signature or not).
    static let brokenImage = "/i/o/2/menu.png"

    private var api: LoopbackListener!
    private var site: LoopbackListener!
    private let lock = NSLock()
    /// What the next requests get wrong (429 storms, a 500 on page 2, a broken image).
    let faults = VendorFaults()
    private var seed: IntercomSeed!
    private var log: [(host: String, line: String, authorization: String?, version: String?)] = []

    init() throws {
        api = try LoopbackListener { [unowned self] client in self.serve(client, isSite: false) }
        site = try LoopbackListener { [unowned self] client in self.serve(client, isSite: true) }
        seed = IntercomSeed(site: "127.0.0.1:\(site.port)")
    }

    var url: URL { api.url }
    var help: IntercomSeed { seed }

    func stop() {
        api.stop()
        site.stop()
    }

    var requests: [(host: String, line: String, authorization: String?, version: String?)] {
        lock.withLock { log }
    }

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
        func header(_ name: String) -> String? {
            lines.dropFirst().first { $0.lowercased().hasPrefix(name + ":") }
                .map { String($0.dropFirst(name.count + 1)).trimmingCharacters(in: .whitespaces) }
        }
        let authorization = header("authorization")
        lock.withLock {
            log.append((isSite ? "site" : "api", lines[0], authorization, header("intercom-version")))
        }
        let (status, headers, body) =
            isSite ? siteAnswer(String(parts[1])) : apiAnswer(String(parts[1]), authorization)
        var head = "HTTP/1.1 \(status)\r\nConnection: close\r\nContent-Length: \(body.count)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        LoopbackListener.send(client, Array((head + "\r\n").utf8) + [UInt8](body))
    }

    private func json(_ value: Any, status: String = "200 OK", headers: [String: String] = [:]) -> (
        String, [String: String], Data
    ) {
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])) ?? Data()
        return (status, headers.merging(["Content-Type": "application/json"]) { a, _ in a }, data)
    }

    private func siteAnswer(_ target: String) -> (String, [String: String], Data) {
        let path = target.split(separator: "?").first.map(String.init) ?? target
        if path == Self.brokenImage && faults.breakImage {
            return ("404 Not Found", ["Content-Type": "text/html"], Data("<h1>Not found</h1>".utf8))
        }
        guard target.contains("signature="), let image = seed.images[path] else {
            return ("403 Forbidden", [:], Data("expired".utf8))
        }
        return ("200 OK", ["Content-Type": "image/png"], image)
    }

    private func apiAnswer(_ target: String, _ authorization: String?) -> (String, [String: String], Data) {
        if faults.takeStormRequest() {
            return json(
                [
                    "type": "error.list",
                    "errors": [["code": "rate_limit_exceeded", "message": "Exceeded rate limit"]],
                ],
                status: "429 Too Many Requests", headers: ["Retry-After": "0"])
        }
        guard authorization == "Bearer \(Self.token)" else {
            return json(
                [
                    "type": "error.list", "request_id": "r1",
                    "errors": [["code": "unauthorized", "message": "Access Token Invalid"]],
                ],
                status: "401 Unauthorized")
        }
        let components = URLComponents(string: target)
        var query: [String: String] = [:]
        for item in components?.queryItems ?? [] { query[item.name] = item.value ?? "" }
        switch components?.path ?? target {
        case "/help_center/help_centers": return json(["type": "list", "data": seed.helpCenters])
        case "/help_center/collections":
            return page(seed.collections, query: query, path: "/help_center/collections")
        case "/articles":
            if faults.failSecondArticlePage, query["page"] == "2" || query["starting_after"] != nil {
                return json(
                    [
                        "type": "error.list",
                        "errors": [["code": "server_error", "message": "Internal server error"]],
                    ],
                    status: "500 Internal Server Error")
            }
            return page(seed.articles, query: query, path: "/articles")
        default:
            return json(
                ["type": "error.list", "errors": [["code": "not_found", "message": "Resource Not Found"]]],
                status: "404 Not Found")
        }
    }

    private func page(_ items: [[String: Any]], query: [String: String], path: String) -> (
        String, [String: String], Data
    ) {
        let perPage = min(Self.pageSize, max(1, Int(query["per_page"] ?? "10") ?? 10))
        let number = max(1, Int(query["page"] ?? "1") ?? 1)
        let start = (number - 1) * perPage
        let slice = Array(items[min(start, items.count)..<min(start + perPage, items.count)])
        let total = max(1, (items.count + perPage - 1) / perPage)
        var pages: [String: Any] = [
            "type": "pages", "page": number, "per_page": perPage, "total_pages": total,
        ]
        if number < total {
            pages["next"] = "http://127.0.0.1:\(api.port)\(path)?per_page=\(perPage)&page=\(number + 1)"
        }
        return json(["type": "list", "data": slice, "pages": pages, "total_count": items.count])
    }
}
