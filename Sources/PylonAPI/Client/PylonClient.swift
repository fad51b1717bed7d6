import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The Pylon knowledge-base REST client: one typed async call per endpoint, with per-endpoint
/// rate limiting (`RateLimiter`), bounded retries (`RetryPolicy`), cursor pagination and one
/// error type (`PylonAPIError`). Safe to share across tasks; calls to different endpoints run
/// in parallel, calls to one endpoint wait for its rate limit.
public final class PylonClient: Sendable {
    public let configuration: PylonClientConfiguration
    /// Exposed so callers can pause or inspect pacing; shared by every call of this client.
    public let rateLimiter: RateLimiter
    private let transport: any HTTPTransport
    private let redact: TokenRedactor
    private let clock = ContinuousClock()

    /// Largest `limit` Pylon accepts for `GET …/articles`.
    public static let maximumArticlePageSize = 999

    /// Refuses (throws `.insecureURL`) a plain-HTTP base URL unless its host is loopback.
    public init(configuration: PylonClientConfiguration, transport: (any HTTPTransport)? = nil) throws {
        try PylonClient.validate(configuration.baseURL)
        self.configuration = configuration
        self.transport = transport ?? URLSessionTransport()
        rateLimiter = RateLimiter(scale: configuration.rateLimitScale)
        redact = TokenRedactor(token: configuration.token)
    }

    /// Ends the client's connections. Call once, when done with the client.
    public func close() async {}

    /// Checks that the token would only travel encrypted or to this machine.
    public static func validate(_ baseURL: URL) throws {
        let scheme = baseURL.scheme?.lowercased() ?? ""
        guard let host = baseURL.host?.lowercased(), !host.isEmpty else {
            throw PylonAPIError(kind: .invalidURL, detail: "\(baseURL.absoluteString) has no host")
        }
        switch scheme {
        case "https":
            return
        case "http":
            if isLoopback(host) { return }
            throw PylonAPIError(kind: .insecureURL, detail: baseURL.absoluteString)
        default:
            throw PylonAPIError(
                kind: .invalidURL, detail: "\(baseURL.absoluteString) is neither https:// nor http://")
        }
    }

    /// 127.0.0.0/8, ::1 and localhost.
    static func isLoopback(_ host: String) -> Bool {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if bare == "localhost" || bare == "::1" || bare == "0:0:0:0:0:0:0:1" { return true }
        let octets = bare.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets.allSatisfy({ UInt8($0) != nil }) else { return false }
        return octets[0] == "127"
    }

    // MARK: Knowledge bases

    public func listKnowledgeBases() async throws -> [KnowledgeBase] {
        try await allPages(.listKnowledgeBases, path: "/knowledge-bases", subject: "the knowledge bases")
    }

    public func knowledgeBase(id: String) async throws -> KnowledgeBase {
        try await object(
            Call(.getKnowledgeBase, path: "/knowledge-bases/\(segment(id))", subject: "knowledge base \(id)"))
    }

    // MARK: Collections

    /// Every collection of the knowledge base (this endpoint is not paginated).
    public func listCollections(knowledgeBaseID: String) async throws -> [PylonCollection] {
        let call = Call(
            .listCollections, path: "/knowledge-bases/\(segment(knowledgeBaseID))/collections",
            subject: "knowledge base \(knowledgeBaseID)")
        let (envelope, _) = try await send(call, as: LenientList<PylonCollection>.self)
        return envelope.data?.items ?? []
    }

    public func collection(knowledgeBaseID: String, id: String) async throws -> PylonCollection {
        try await object(
            Call(
                .getCollection,
                path: "/knowledge-bases/\(segment(knowledgeBaseID))/collections/\(segment(id))",
                subject: "collection \(id) in knowledge base \(knowledgeBaseID)"))
    }

    public func createCollection(knowledgeBaseID: String, _ body: CreateCollectionRequest) async throws
        -> PylonCollection
    {
        var subject = "knowledge base \(knowledgeBaseID)"
        if let parent = body.parentCollectionID { subject += " (or parent collection \(parent))" }
        return try await object(
            Call(
                .createCollection, path: "/knowledge-bases/\(segment(knowledgeBaseID))/collections",
                subject: subject, json: body,
                sent: "title \"\(body.title)\"" + (body.slug.map { ", slug \"\($0)\"" } ?? "")))
    }

    /// Deletes the collection and, permanently, every article and sub-collection inside it.
    public func deleteCollection(knowledgeBaseID: String, id: String) async throws {
        _ = try await send(
            Call(
                .deleteCollection,
                path: "/knowledge-bases/\(segment(knowledgeBaseID))/collections/\(segment(id))",
                subject: "collection \(id) in knowledge base \(knowledgeBaseID)"), as: SkippedValue.self)
    }

    /// Newer surface: changes only the fields sent. Where the server lacks it, the error answers
    /// `indicatesMissingCapability` (see `PylonAPIError`).
    public func updateCollection(knowledgeBaseID: String, id: String, _ body: UpdateCollectionRequest)
        async throws -> PylonCollection
    {
        try await object(
            Call(
                .updateCollection,
                path: "/knowledge-bases/\(segment(knowledgeBaseID))/collections/\(segment(id))",
                subject: "collection \(id) in knowledge base \(knowledgeBaseID)", json: body))
    }

    // MARK: Articles

    /// Every article of the knowledge base, following all pages (`limit` 999 per page).
    public func listArticles(
        knowledgeBaseID: String, language: String? = nil, pageSize: Int = PylonClient.maximumArticlePageSize
    ) async throws -> [Article] {
        var query = [URLQueryItem(name: "limit", value: String(pageSize))]
        if let language { query.append(URLQueryItem(name: "language", value: language)) }
        return try await allPages(
            .listArticles, path: "/knowledge-bases/\(segment(knowledgeBaseID))/articles", query: query,
            subject: "knowledge base \(knowledgeBaseID)")
    }

    /// One page of articles; pass the previous page's `cursor` to continue.
    public func articlesPage(
        knowledgeBaseID: String, cursor: String? = nil, limit: Int = PylonClient.maximumArticlePageSize,
        language: String? = nil
    ) async throws -> Page<Article> {
        var query = [URLQueryItem(name: "limit", value: String(limit))]
        if let language { query.append(URLQueryItem(name: "language", value: language)) }
        if let cursor { query.append(URLQueryItem(name: "cursor", value: cursor)) }
        return try await page(
            Call(
                .listArticles, path: "/knowledge-bases/\(segment(knowledgeBaseID))/articles", query: query,
                subject: "knowledge base \(knowledgeBaseID)"))
    }

    public func article(knowledgeBaseID: String, id: String, language: String? = nil) async throws -> Article
    {
        try await object(
            Call(
                .getArticle, path: "/knowledge-bases/\(segment(knowledgeBaseID))/articles/\(segment(id))",
                query: language.map { [URLQueryItem(name: "language", value: $0)] } ?? [],
                subject: "article \(id) in knowledge base \(knowledgeBaseID)"))
    }

    /// Creates an article. A 5xx, reset or timeout surfaces as `.ambiguous` (not re-sent):
    /// look the slug up before trying again.
    public func createArticle(knowledgeBaseID: String, _ body: CreateArticleRequest) async throws -> Article {
        var subject = "knowledge base \(knowledgeBaseID)"
        if let collection = body.collectionID { subject += " (or collection \(collection))" }
        return try await object(
            Call(
                .createArticle, path: "/knowledge-bases/\(segment(knowledgeBaseID))/articles",
                subject: subject,
                json: body, sent: body.slug.map { "slug \"\($0)\"" } ?? "title \"\(body.title)\""))
    }

    public func updateArticle(knowledgeBaseID: String, id: String, _ body: UpdateArticleRequest) async throws
        -> Article
    {
        try await object(
            Call(
                .updateArticle, path: "/knowledge-bases/\(segment(knowledgeBaseID))/articles/\(segment(id))",
                subject: "article \(id) in knowledge base \(knowledgeBaseID)", json: body))
    }

    public func deleteArticle(knowledgeBaseID: String, id: String) async throws {
        _ = try await send(
            Call(
                .deleteArticle, path: "/knowledge-bases/\(segment(knowledgeBaseID))/articles/\(segment(id))",
                subject: "article \(id) in knowledge base \(knowledgeBaseID)"), as: SkippedValue.self)
    }

    /// Newer surface: asks reviewers (and/or Pylon's AI) to review the article's unpublished
    /// version.
    public func requestArticleReview(knowledgeBaseID: String, id: String, _ body: RequestReviewRequest)
        async throws
    {
        _ = try await send(
            Call(
                .requestArticleReview,
                path: "/knowledge-bases/\(segment(knowledgeBaseID))/articles/\(segment(id))/request-review",
                subject: "article \(id) in knowledge base \(knowledgeBaseID)", json: body,
                sent: "a review request"),
            as: SkippedValue.self)
    }

    // MARK: Tags

    /// Every tag of the organization (all object types; filter by `objectType`).
    public func listTags() async throws -> [Tag] {
        try await allPages(.listTags, path: "/tags", subject: "the tags")
    }

    /// Creates a tag. Not idempotent: look the value up (`listTags`) before trying again.
    public func createTag(_ body: CreateTagRequest) async throws -> Tag {
        try await object(
            Call(
                .createTag, path: "/tags", subject: "tag \"\(body.value)\"", json: body,
                sent: "tag \"\(body.value)\""))
    }

    // MARK: Route redirects

    public func createRouteRedirect(knowledgeBaseID: String, _ body: CreateRouteRedirectRequest) async throws
        -> RouteRedirect
    {
        try await object(
            Call(
                .createRouteRedirect, path: "/knowledge-bases/\(segment(knowledgeBaseID))/route-redirects",
                subject: "knowledge base \(knowledgeBaseID) (or \(body.objectType) \(body.objectID))",
                json: body,
                sent: "from_path \"\(body.fromPath)\""))
    }

    // MARK: Attachments

    /// Uploads a file (multipart field `file`) and returns its CDN URL. Each upload makes a
    /// new URL: upload a given file once and reuse the result.
    public func uploadAttachment(
        data: Data, filename: String, contentType: String, description: String? = nil
    ) async throws -> Attachment {
        var form = MultipartFormData()
        form.addFile("file", filename: filename, contentType: contentType, data: data)
        if let description { form.addField("description", description) }
        var call = Call(.createAttachment, path: "/attachments", subject: "attachment \"\(filename)\"")
        call.body = form.finished()
        call.contentType = form.contentType
        call.sent = "file \"\(filename)\" (\(data.count) bytes)"
        return try await object(call)
    }

    // MARK: Organization and users

    /// The organization the token belongs to (Pylon's `/me` is not a user).
    public func me() async throws -> Me {
        try await object(Call(.getMe, path: "/me", subject: "the organization of this token"))
    }

    public func listUsers() async throws -> [User] {
        try await allPages(.listUsers, path: "/users", subject: "the users")
    }

    public func user(id: String) async throws -> User {
        try await object(Call(.getUser, path: "/users/\(segment(id))", subject: "user \(id)"))
    }

    /// Users whose email equals `email`.
    public func searchUsers(email: String) async throws -> [User] {
        try await searchUsers(SearchUsersRequest(filter: .equals("email", email)))
    }

    /// Every page of a user search.
    public func searchUsers(_ request: SearchUsersRequest) async throws -> [User] {
        var body = request
        var users: [User] = []
        var guardrail = CursorGuard()
        while true {
            let page: Page<User> = try await page(
                Call(.searchUsers, path: "/users/search", subject: "the user search", json: body))
            users += page.items
            guard page.hasNextPage else { return users }
            body.cursor = try guardrail.next(page, endpoint: .searchUsers, path: "/users/search")
        }
    }

    // MARK: Plumbing

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

    private func segment(_ id: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#")
        return id.addingPercentEncoding(withAllowedCharacters: allowed) ?? id
    }

    private func object<T: Decodable & Sendable>(_ call: Call) async throws -> T {
        let (envelope, response) = try await send(call, as: T.self)
        guard let data = envelope.data else {
            throw decodingError(call, response, envelope.requestID, "the answer has no \"data\" object")
        }
        return data
    }

    private func page<T: Decodable & Sendable>(_ call: Call) async throws -> Page<T> {
        let (envelope, _) = try await send(call, as: LenientList<T>.self)
        return Page(
            items: envelope.data?.items ?? [], cursor: envelope.pagination?.cursor,
            hasNextPage: envelope.pagination?.hasNextPage ?? false, requestID: envelope.requestID)
    }

    private func allPages<T: Decodable & Sendable>(
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

    private func decodingError(
        _ call: Call, _ response: HTTPResponse, _ requestID: String?, _ detail: String
    ) -> PylonAPIError {
        PylonAPIError(
            kind: .decoding, endpoint: call.endpoint, method: call.endpoint.method, path: call.path,
            subject: call.subject, status: response.status, requestID: requestID, detail: redact(detail))
    }

    private func url(for call: Call) -> URL {
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

    /// Sends `call` with pacing and retries; returns the decoded envelope of a 2xx answer or
    /// throws `PylonAPIError`.
    private func send<T: Decodable>(_ call: Call, as type: T.Type) async throws -> (
        ResponseEnvelope<T>, HTTPResponse
    ) {
        let response = try await exchange(call)
        // Deletes answer with only a request_id; their body is not worth failing over.
        if response.body.isEmpty || T.self == SkippedValue.self {
            let requestID = try? JSONDecoder().decode(ErrorBody.self, from: response.body).requestID
            return (ResponseEnvelope(data: nil, requestID: requestID, pagination: nil), response)
        }
        do {
            return (try JSONDecoder().decode(ResponseEnvelope<T>.self, from: response.body), response)
        } catch {
            let requestID = try? JSONDecoder().decode(ErrorBody.self, from: response.body).requestID
            throw decodingError(call, response, requestID, "\(error)")
        }
    }

    private func exchange(_ call: Call) async throws -> HTTPResponse {
        let policy = configuration.retryPolicy
        let started = clock.now
        let endpoint = call.endpoint
        var headers = [
            "Authorization": "Bearer \(configuration.token)",
            "Accept": "application/json",
            "User-Agent": configuration.userAgent,
        ]
        if let contentType = call.contentType { headers["Content-Type"] = contentType }
        let request = HTTPRequest(
            method: endpoint.method, url: url(for: call), headers: headers, body: call.body,
            timeout: configuration.requestTimeout, maximumResponseBytes: configuration.maximumResponseBytes)
        let target = "\(endpoint.method) \(call.path)"
        var attempt = 0
        while true {
            attempt += 1
            let ticket = try await rateLimiter.acquire(endpoint)
            let sentAt = clock.now
            let outcome: Result<HTTPResponse, any Error>
            do {
                outcome = .success(try await transport.send(request))
            } catch {
                outcome = .failure(error)
            }
            let rateLimited = (try? outcome.get())?.status == 429
            await rateLimiter.release(ticket, rateLimited: rateLimited)
            let milliseconds = Int(seconds(clock.now - sentAt) * 1000)

            // Decide: return, fail, or wait and retry.
            var retryAfter: Duration?
            var failure: PylonAPIError
            switch outcome {
            case .success(let response):
                let succeeded = (200..<300).contains(response.status)
                // A success body is decoded by the caller; read its request_id only for the log.
                let body = succeeded && configuration.log == nil ? ErrorBody() : errorBody(response)
                log(
                    "\(target) → \(response.status) in \(milliseconds) ms"
                        + (body.requestID.map { " (request_id \($0))" } ?? ""))
                if succeeded { return response }
                failure = PylonAPIError(
                    kind: .httpStatus, endpoint: endpoint, method: endpoint.method, path: call.path,
                    subject: call.subject, status: response.status, errors: body.errors ?? [],
                    requestID: body.requestID, existsID: body.existsID, sent: call.sent, attempts: attempt)
                switch response.status {
                case 300..<400:
                    failure.kind = .redirectRefused
                    failure.detail = response.header("location").map { "to \(redact($0))" }
                    throw failure
                case 429:
                    // The limiter has paused the group for a whole window: the server's count
                    // of requests this client cannot see (another run's burst) has cleared by
                    // then. A longer Retry-After is honoured; a shorter one is not trusted to
                    // mean the window is clear (it may name when its first slot frees).
                    let asked = RetryPolicy.retryAfter(response.header("retry-after")) ?? .zero
                    retryAfter = max(asked, rateLimiter.window)
                case 500..<600:
                    guard endpoint.isIdempotent else {
                        failure.kind = .ambiguous
                        throw failure
                    }
                    retryAfter = policy.backoff(retry: attempt)
                default:
                    throw failure
                }
            case .failure(let error):
                if error is CancellationError { throw error }
                let transportError =
                    error as? HTTPTransportError ?? HTTPTransportError(.other, String(describing: error))
                log("\(target) → no answer after \(milliseconds) ms: \(transportError.message)")
                let kinds: [HTTPTransportError.Kind: PylonAPIError.Kind] = [
                    .timedOut: .timeout, .responseTooLarge: .responseTooLarge,
                ]
                failure = PylonAPIError(
                    kind: kinds[transportError.kind] ?? .transport, endpoint: endpoint,
                    method: endpoint.method, path: call.path, subject: call.subject, sent: call.sent,
                    attempts: attempt, detail: redact(transportError.message))
                switch transportError.kind {
                case .redirectRefused:
                    failure.kind = .redirectRefused
                    throw failure
                case .responseTooLarge:
                    // Asking again would read the same flood. A write was answered, so it
                    // probably landed: the caller must look before sending it again.
                    if !endpoint.isIdempotent { failure.kind = .ambiguous }
                    throw failure
                case .notConnected:
                    // Nothing reached the server, so even a POST is safe to send again.
                    retryAfter = policy.backoff(retry: attempt)
                case .timedOut, .connectionLost, .other:
                    guard endpoint.isIdempotent else {
                        failure.kind = .ambiguous
                        throw failure
                    }
                    retryAfter = policy.backoff(retry: attempt)
                }
            }
            let wait = retryAfter ?? .zero
            guard attempt < policy.maxAttempts, clock.now - started + wait <= policy.maxElapsed else {
                throw failure
            }
            if failure.status == 429 {
                // Hold the whole group as long as Retry-After asks, so requests queued behind
                // this one do not hit the same wall. Only when retrying: a give-up (a Retry-After
                // beyond the budget) leaves the group paused for the window alone.
                await rateLimiter.pause(endpoint, for: wait)
            }
            log(
                "\(target): retry \(attempt + 1) of \(policy.maxAttempts) in \(String(format: "%.2f", seconds(wait))) s"
            )
            try await clock.sleep(for: wait)
        }
    }

    /// Pylon's error envelope, token redacted; empty when the body is not one.
    private func errorBody(_ response: HTTPResponse) -> ErrorBody {
        guard !response.body.isEmpty,
            var body = try? JSONDecoder().decode(ErrorBody.self, from: response.body)
        else {
            if !(200..<300).contains(response.status), !response.body.isEmpty {
                let text = String(decoding: response.body.prefix(300), as: UTF8.self)
                return ErrorBody(errors: [redact(text)])
            }
            return ErrorBody()
        }
        body.errors = body.errors?.map { redact($0) }
        body.requestID = body.requestID.map { redact($0) }
        return body
    }

    private func log(_ line: String) {
        configuration.log?(redact(line))
    }
}
