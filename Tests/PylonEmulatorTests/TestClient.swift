import Foundation
import PylonEmulator
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A raw HTTP answer, with the JSON body parsed when there is one.
struct HTTPResult: @unchecked Sendable {
    var status: Int
    var headers: [String: String]
    var data: Data
    var json: [String: Any]? { (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] }
    var dataObject: [String: Any]? { json?["data"] as? [String: Any] }
    var dataArray: [[String: Any]]? { json?["data"] as? [[String: Any]] }
    var errors: [String] { json?["errors"] as? [String] ?? [] }
    var requestID: String? { json?["request_id"] as? String }
    func header(_ name: String) -> String? {
        headers.first { $0.key.lowercased() == name.lowercased() }?.value
    }
}

/// Talks HTTP to an emulator the way any client would (the PylonAPI client is tested elsewhere).
struct TestClient: Sendable {
    static let token = "test-token-\u{2713}"
    let emulator: RunningEmulator
    var token: String? = TestClient.token
    var kb: String { EmulatorSeed.standardKnowledgeBaseID }
    var author: String { EmulatorSeed.standardUserID }

    static func start(
        _ adjust: (inout EmulatorConfiguration) -> Void = { _ in }
    ) async throws -> TestClient {
        var configuration = EmulatorConfiguration(token: token)
        adjust(&configuration)
        return TestClient(emulator: try await PylonEmulator.start(configuration))
    }

    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = 16
        // No test here waits for a timeout; the whole suite on a 2-core machine kept busy by
        // another process once took over 30 s to answer one of 12 concurrent creates.
        configuration.timeoutIntervalForRequest = 120
        return URLSession(configuration: configuration)
    }()

    func send(
        _ method: String, _ path: String, json: Any? = nil, body: Data? = nil, contentType: String? = nil,
        token: String?? = nil
    ) async throws -> HTTPResult {
        let url = URL(string: emulator.baseURL.absoluteString + path)!
        var request = URLRequest(url: url)
        request.httpMethod = method
        if let bearer = token ?? self.token {
            request.setValue("Bearer \(bearer)", forHTTPHeaderField: "Authorization")
        }
        if let json {
            request.httpBody = try JSONSerialization.data(withJSONObject: json)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        } else if let body {
            request.httpBody = body
            request.setValue(contentType, forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await Self.session.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        var headers: [String: String] = [:]
        for (key, value) in http.allHeaderFields {
            if let key = key as? String, let value = value as? String { headers[key] = value }
        }
        return HTTPResult(status: http.statusCode, headers: headers, data: data)
    }

    func get(_ path: String) async throws -> HTTPResult { try await send("GET", path) }
    func post(_ path: String, _ json: Any) async throws -> HTTPResult {
        try await send("POST", path, json: json)
    }
    func patch(_ path: String, _ json: Any) async throws -> HTTPResult {
        try await send("PATCH", path, json: json)
    }
    func delete(_ path: String) async throws -> HTTPResult { try await send("DELETE", path) }

    /// Creates an article and returns its `data`, failing the test on anything but 200.
    func createArticle(_ fields: [String: Any]) async throws -> [String: Any] {
        var body: [String: Any] = ["title": "An article", "body_html": "<p>Hi</p>", "author_user_id": author]
        body.merge(fields) { _, new in new }
        let result = try await post("/knowledge-bases/\(kb)/articles", body)
        #expect(result.status == 200, "\(String(decoding: result.data, as: UTF8.self))")
        return try #require(result.dataObject)
    }

    func createCollection(_ title: String, parent: String? = nil) async throws -> String {
        var body: [String: Any] = ["title": title]
        if let parent { body["parent_collection_id"] = parent }
        let result = try await post("/knowledge-bases/\(kb)/collections", body)
        #expect(result.status == 200, "\(String(decoding: result.data, as: UTF8.self))")
        return try #require(result.dataObject?["id"] as? String)
    }

    func stop() async { await emulator.stop() }
}
