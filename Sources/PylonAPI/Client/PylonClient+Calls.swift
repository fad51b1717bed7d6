import Foundation

/// One logical API call and the shapes of answer it is read as: an object, a page, every page.
extension PylonClient {

    /// One logical API call (retries are attempts of the same call).
    struct Call: Sendable {
        var endpoint: PylonEndpoint
        var path: String
        var query: [URLQueryItem] = []
        var subject: String
        var body: Data?
        var contentType: String?
        var sent: String?

        init(
            _ endpoint: PylonEndpoint, path: String, query: [URLQueryItem] = [], subject: String,
            sent: String? = nil
        ) {
            self.endpoint = endpoint
            self.path = path
            self.query = query
            self.subject = subject
            self.sent = sent
        }

        init<Body: Encodable>(
            _ endpoint: PylonEndpoint, path: String, subject: String, json: Body, sent: String? = nil
        ) {
            self.init(endpoint, path: path, subject: subject, sent: sent)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            do {
                body = try encoder.encode(json)
            } catch {
                preconditionFailure("Request bodies are plain Codable structs and always encode: \(error)")
            }
            contentType = "application/json"
        }
    }

    /// Stops a listing whose server repeats a cursor or promises a next page without one.
    struct CursorGuard {
        private var seen: Set<String> = []

        mutating func next<Item>(_ page: Page<Item>, endpoint: PylonEndpoint, path: String) throws -> String {
            guard let cursor = page.cursor, !cursor.isEmpty else {
                throw PylonAPIError(
                    kind: .pagination, endpoint: endpoint, method: endpoint.method, path: path,
                    requestID: page.requestID, detail: "has_next_page is true but no cursor was given")
            }
            guard seen.insert(cursor).inserted else {
                throw PylonAPIError(
                    kind: .pagination, endpoint: endpoint, method: endpoint.method, path: path,
                    requestID: page.requestID,
                    detail: "the cursor \"\(cursor)\" came back a second time after \(seen.count) pages")
            }
            return cursor
        }
    }

    func segment(_ id: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#")
        return id.addingPercentEncoding(withAllowedCharacters: allowed) ?? id
    }

    func object<T: Decodable & Sendable>(_ call: Call) async throws -> T {
        let (envelope, response) = try await send(call, as: T.self)
        guard let data = envelope.data else {
            throw decodingError(call, response, envelope.requestID, "the answer has no \"data\" object")
        }
        return data
    }

    func page<T: Decodable & Sendable>(_ call: Call) async throws -> Page<T> {
        let (envelope, _) = try await send(call, as: LenientList<T>.self)
        return Page(
            items: envelope.data?.items ?? [], cursor: envelope.pagination?.cursor,
            hasNextPage: envelope.pagination?.hasNextPage ?? false, requestID: envelope.requestID)
    }

    func allPages<T: Decodable & Sendable>(
        _ endpoint: PylonEndpoint, path: String, query: [URLQueryItem] = [], subject: String
    ) async throws -> [T] {
        var items: [T] = []
        var cursor: String?
        var guardrail = CursorGuard()
        while true {
            var pageQuery = query
            if let cursor { pageQuery.append(URLQueryItem(name: "cursor", value: cursor)) }
            let page: Page<T> = try await page(Call(endpoint, path: path, query: pageQuery, subject: subject))
            items += page.items
            guard page.hasNextPage else { return items }
            cursor = try guardrail.next(page, endpoint: endpoint, path: path)
        }
    }

    func decodingError(
        _ call: Call, _ response: HTTPResponse, _ requestID: String?, _ detail: String
    ) -> PylonAPIError {
        PylonAPIError(
            kind: .decoding, endpoint: call.endpoint, method: call.endpoint.method, path: call.path,
            subject: call.subject, status: response.status, requestID: requestID, detail: redact(detail))
    }

    func url(for call: Call) -> URL {
        var base = configuration.baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        guard var components = URLComponents(string: base + call.path) else {
            preconditionFailure("A validated base URL plus an encoded path is always a URL: \(call.path)")
        }
        if !call.query.isEmpty { components.queryItems = call.query }
        guard let url = components.url else {
            preconditionFailure("URLComponents built from a valid URL always yields one: \(call.path)")
        }
        return url
    }
}
