import Foundation
import PylonAPI
import PylonKB

/// Just enough of Pylon for tag tests, in memory: article create and PATCH, `GET`/`POST
/// /tags`, and the article listing. `hasArticleTags: false` answers a PATCH that sends
/// `tag_ids` as a server without them does (400 naming the field) and lists articles without
/// a tag field. Records every request.
final class TagsFakePylon: HTTPTransport, @unchecked Sendable {
    struct Request: Sendable {
        var method: String
        var path: String
        var body: [String: Any]? {
            json.flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
        }
        var json: Data?
    }

    private let lock = NSLock()
    private let hasArticleTags: Bool
    private var tags: [(id: String, value: String, type: String)]
    private var articleTags: [String: [String]] = [:]
    private var articleOrder: [String] = []
    private var recorded: [Request] = []
    private var nextNumber = 100
    /// Tag values whose first `POST /tags` lands but answers 502 (an ambiguous failure).
    private var failFirstCreateOf: Set<String>

    init(
        hasArticleTags: Bool = true, tags: [(String, String, String)] = [],
        failFirstCreateOf: Set<String> = []
    ) {
        self.hasArticleTags = hasArticleTags
        self.tags = tags.map { (id: $0.0, value: $0.1, type: $0.2) }
        self.failFirstCreateOf = failFirstCreateOf
    }

    var requests: [Request] { lock.withLock { recorded } }
    func requests(_ method: String, _ pathPrefix: String) -> [Request] {
        requests.filter { $0.method == method && $0.path.hasPrefix(pathPrefix) }
    }
    func tagIDs(ofArticle id: String) -> [String]? { lock.withLock { articleTags[id] } }
    var tagValues: [String] { lock.withLock { tags.map(\.value) } }

    /// An article already in the knowledge base (with these tag ids where the server has tags).
    func seedArticle(_ id: String, tagIDs: [String] = []) {
        lock.withLock {
            articleOrder.append(id)
            if hasArticleTags { articleTags[id] = tagIDs }
        }
    }

    func client() throws -> PylonClient {
        try PylonClient(
            configuration: PylonClientConfiguration(
                baseURL: URL(string: "https://api.example.test")!, token: "t", rateLimitScale: 1000,
                retryPolicy: RetryPolicy(
                    maxAttempts: 2, baseDelay: .milliseconds(1), maxDelay: .milliseconds(2),
                    maxElapsed: .seconds(5))),
            transport: self)
    }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        lock.withLock { handle(request) }
    }

    private func handle(_ request: HTTPRequest) -> HTTPResponse {
        let path = request.url.path
        let entry = Request(method: request.method, path: path, json: request.body)
        recorded.append(entry)
        let body = entry.body ?? [:]
        switch (request.method, path) {
        case ("GET", "/tags"):
            return Self.json(
                200,
                ["data": tags.map(Self.tagJSON), "pagination": ["cursor": "", "has_next_page": false]])
        case ("POST", "/tags"):
            let value = body["value"] as? String ?? ""
            nextNumber += 1
            let tag = (id: "tag-\(nextNumber)", value: value, type: body["object_type"] as? String ?? "")
            tags.append(tag)
            if failFirstCreateOf.remove(value) != nil { return Self.json(502, ["errors": ["bad gateway"]]) }
            return Self.json(200, ["data": Self.tagJSON(tag)])
        case ("GET", "/knowledge-bases/kb"):
            return Self.json(
                200,
                [
                    "data": [
                        "id": "kb", "title": "Help", "default_language": "en", "supported_languages": ["en"],
                    ]
                ])
        case ("GET", "/knowledge-bases/kb/collections"):
            return Self.json(200, ["data": [], "pagination": ["cursor": "", "has_next_page": false]])
        case ("GET", "/knowledge-bases/kb/articles"):
            return Self.json(
                200,
                [
                    "data": articleOrder.map { articleJSON($0, slug: $0) },
                    "pagination": ["cursor": "", "has_next_page": false],
                ])
        case ("POST", _) where path.hasSuffix("/articles"):
            nextNumber += 1
            let id = "art-\(nextNumber)"
            articleOrder.append(id)
            if hasArticleTags { articleTags[id] = [] }
            return Self.json(200, ["data": articleJSON(id, slug: body["slug"] as? String ?? "")])
        case ("PATCH", _) where path.contains("/articles/"):
            let id = String(path.split(separator: "/").last ?? "")
            if let ids = body["tag_ids"] as? [String] {
                guard hasArticleTags else {
                    return Self.json(400, ["errors": ["json: unknown field \"tag_ids\""]])
                }
                articleTags[id] = ids
            }
            return Self.json(200, ["data": articleJSON(id, slug: body["slug"] as? String ?? "s")])
        default:
            return Self.json(404, ["errors": ["no route \(request.method) \(path)"]])
        }
    }

    private func articleJSON(_ id: String, slug: String) -> [String: Any] {
        var article: [String: Any] = [
            "id": id, "identifier": "\(nextNumber)000", "slug": slug, "title": "T", "is_published": true,
        ]
        if let ids = articleTags[id] { article["tag_ids"] = ids }
        return article
    }

    private static func tagJSON(_ tag: (id: String, value: String, type: String)) -> [String: Any] {
        ["id": tag.id, "value": tag.value, "object_type": tag.type, "hex_color": "#ffffff"]
    }

    static func json(_ status: Int, _ object: [String: Any]) -> HTTPResponse {
        HTTPResponse(
            status: status, headers: ["Content-Type": "application/json"],
            body: (try? JSONSerialization.data(withJSONObject: object)) ?? Data())
    }
}
