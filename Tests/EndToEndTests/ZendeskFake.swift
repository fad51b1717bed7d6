import Foundation
import PylonTestSupport

/// A local Zendesk Guide API written from the contract (/work/shared/import-apis, see
/// docs/import.md): `/api/v2/help_center/…` with or without a locale segment and `.json`,
/// Basic (`email/token:token`) and Bearer auth (401 otherwise), cursor pagination
/// (`page[size]`, `page[after]`, `meta.has_more`, `links.next`) and offset pagination
/// (`page`, `per_page`, `next_page`), `include=translations`, user segments, attachments under
/// `/hc/article_attachments/…`. A second listener plays an image CDN on another host, and
/// records whether anyone sent it credentials. Faults are switched on by the test: a storm of
/// 429s with `Retry-After: 0`, a 500 on the second page of articles, a broken image.
final class ZendeskFake: @unchecked Sendable {
    static let email = "docs@acme.test"
    static let token = "zd-secret-token-8c1e"

    private var api: LoopbackListener!
    private var cdn: LoopbackListener!
    private let lock = NSLock()
    /// What the next requests get wrong (429 storms, a 500 on page 2, a broken image).
    let faults = VendorFaults()
    private var seed: ZendeskSeed!
    private var log: [(host: String, line: String, authorization: String?)] = []

    init() throws {
        api = try LoopbackListener { [unowned self] client in self.serve(client, isCDN: false) }
        cdn = try LoopbackListener { [unowned self] client in self.serve(client, isCDN: true) }
        seed = ZendeskSeed(host: "127.0.0.1:\(api.port)", cdnHost: "127.0.0.1:\(cdn.port)")
    }

    var url: URL { api.url }
    var help: ZendeskSeed { seed }

    func stop() {
        api.stop()
        cdn.stop()
    }

    /// Request lines received, with the host they reached and their Authorization header.
    var requests: [(host: String, line: String, authorization: String?)] { lock.withLock { log } }

    private func serve(_ client: Int32, isCDN: Bool) {
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
        var authorization: String?
        for line in lines.dropFirst() where line.lowercased().hasPrefix("authorization:") {
            authorization = String(line.dropFirst("authorization:".count)).trimmingCharacters(
                in: .whitespaces)
        }
        lock.withLock { log.append((isCDN ? "cdn" : "api", lines[0], authorization)) }
        let target = String(parts[1])
        let (status, headers, body) =
            isCDN ? cdnAnswer(target) : apiAnswer(target, authorization: authorization)
        var head = "HTTP/1.1 \(status)\r\nConnection: close\r\nContent-Length: \(body.count)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        LoopbackListener.send(client, Array((head + "\r\n").utf8) + [UInt8](body))
    }

    private func json(_ value: Any, status: String = "200 OK", headers: [String: String] = [:]) -> (
        String, [String: String], Data
    ) {
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])) ?? Data()
        return (
            status, headers.merging(["Content-Type": "application/json; charset=utf-8"]) { a, _ in a }, data
        )
    }

    private func cdnAnswer(_ target: String) -> (String, [String: String], Data) {
        let path = target.split(separator: "?").first.map(String.init) ?? target
        if let image = seed.cdnImages[path] { return ("200 OK", ["Content-Type": "image/png"], image) }
        return ("404 Not Found", [:], Data("no".utf8))
    }

    private func authorized(_ authorization: String?) -> Bool {
        let basic = "Basic " + Data("\(Self.email)/token:\(Self.token)".utf8).base64EncodedString()
        return authorization == basic || authorization == "Bearer \(Self.token)"
    }

    private func apiAnswer(_ target: String, authorization: String?) -> (String, [String: String], Data) {
        let components = URLComponents(string: target)
        var path = components?.path ?? target
        if path.hasSuffix(".json") { path.removeLast(5) }
        var query: [String: String] = [:]
        for item in components?.queryItems ?? [] { query[item.name] = item.value ?? "" }
        // Attachments: public, as on a public help center.
        if path.hasPrefix("/hc/") && path.contains("/article_attachments/") {
            let id =
                path.components(separatedBy: "/article_attachments/")[1].split(separator: "/").first.map(
                    String.init) ?? ""
            if id == ZendeskSeed.brokenAttachment && faults.breakImage {
                return ("404 Not Found", ["Content-Type": "text/html"], Data("<h1>Not found</h1>".utf8))
            }
            if let location = seed.attachmentRedirects[id] {
                return ("302 Found", ["Location": location], Data())
            }
            if let image = seed.attachments[id] { return ("200 OK", ["Content-Type": "image/png"], image) }
            return ("404 Not Found", [:], Data())
        }
        if faults.takeStormRequest() {
            return json(
                ["error": "TooManyRequests"], status: "429 Too Many Requests", headers: ["Retry-After": "0"])
        }
        guard authorized(authorization) else {
            return json(["error": "Couldn't authenticate you"], status: "401 Unauthorized")
        }
        // `/api/v2/help_center/{locale}/articles` is the same list.
        var segments = path.split(separator: "/").map(String.init)
        if segments.count >= 4, segments[0] == "api", segments[2] == "help_center",
            segments[3].contains("-") || segments[3].count == 2
        {
            segments.remove(at: 3)
        }
        let resource = segments.dropFirst(3).joined(separator: "/")
        switch resource {
        case "locales": return json(["locales": ["en-us", "fr"], "default_locale": "en-us"])
        case "categories": return page(seed.categories, key: "categories", query: query, path: path)
        case "sections": return page(seed.sections, key: "sections", query: query, path: path)
        case "user_segments": return page(seed.segments, key: "user_segments", query: query, path: path)
        case "articles":
            let withTranslations = (query["include"] ?? "").contains("translations")
            let articles = seed.articles.map { article in
                var article = article
                if !withTranslations { article.removeValue(forKey: "translations") }
                return article
            }
            if faults.failSecondArticlePage, query["page[after]"] != nil || query["page"] == "2" {
                return json(["error": "InternalError"], status: "500 Internal Server Error")
            }
            return page(articles, key: "articles", query: query, path: path)
        default:
            return json(["error": "RecordNotFound", "description": "Not found"], status: "404 Not Found")
        }
    }

    /// Cursor pagination with `page[size]`, offset pagination otherwise (default 30, max 100).
    private func page(_ items: [[String: Any]], key: String, query: [String: String], path: String) -> (
        String, [String: String], Data
    ) {
        let base = "http://127.0.0.1:\(api.port)\(path).json"
        if let sizeText = query["page[size]"] {
            // At most 10 a page (Zendesk allows 100), so every list is read over several pages.
            let size = min(10, max(1, Int(sizeText) ?? 10))
            let start = query["page[after]"].flatMap { Int($0.dropFirst(1)) } ?? 0
            let slice = Array(items[min(start, items.count)..<min(start + size, items.count)])
            let more = start + size < items.count
            let after = more ? "c\(start + size)" : nil
            var body: [String: Any] = [key: slice]
            body["meta"] = ["has_more": more, "after_cursor": after as Any, "before_cursor": NSNull()]
            // The last page still carries a next link, as a third-party capture shows.
            body["links"] = [
                "next": "\(base)?page[size]=\(size)&page[after]=\(after ?? "end")", "prev": NSNull(),
            ]
            return json(body)
        }
        let perPage = min(100, max(1, Int(query["per_page"] ?? "30") ?? 30))
        let number = max(1, Int(query["page"] ?? "1") ?? 1)
        let start = (number - 1) * perPage
        let slice = Array(items[min(start, items.count)..<min(start + perPage, items.count)])
        let count = items.count
        let pages = max(1, (count + perPage - 1) / perPage)
        return json([
            key: slice, "page": number, "per_page": perPage, "count": count, "page_count": pages,
            "next_page": number < pages ? "\(base)?page=\(number + 1)&per_page=\(perPage)" as Any : NSNull(),
            "previous_page": number > 1 ? "\(base)?page=\(number - 1)&per_page=\(perPage)" as Any : NSNull(),
            "sort_by": "position", "sort_order": "asc",
        ])
    }
}
