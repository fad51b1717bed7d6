import Foundation
import NIOCore
import NIOPosix
import PylonAPI
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// What a misbehaving server (or something pretending to be Pylon: a proxy, a captive portal,
/// a wrong PYLON_API_URL) can throw at the real client over real sockets: every call ends with
/// a clear error or a usable value, in bounded time and memory, and the token stays home.
/// Serialized because two tests measure CPU time.
@Suite(.serialized) struct ServerSurpriseTests {
    static let token = "surprise-token-8d1e"

    private func client(
        _ server: ServerSurpriseServer, timeout: Duration = .seconds(10), maximumResponseBytes: Int? = nil
    ) throws -> PylonClient {
        var configuration = PylonClientConfiguration(
            baseURL: server.url, token: Self.token, retryPolicy: .none, requestTimeout: timeout)
        if let maximumResponseBytes { configuration.maximumResponseBytes = maximumResponseBytes }
        return try PylonClient(configuration: configuration)
    }

    private static func answering(_ status: String, _ body: String, contentType: String = "application/json")
        throws -> ServerSurpriseServer
    {
        try ServerSurpriseServer { connection in
            connection.send(
                ServerSurpriseServer.response(status: status, contentType: contentType, body: body))
        }
    }

    // MARK: Malformed, unexpected and missing

    @Test(arguments: [
        #"{"data": {"id": "org1", "name": "Acme""#,
        #"{"data": {"id": "org1"}, "request_id": "r1"} trailing"#,
        "\u{FEFF}not json at all",
        #"{"data": [1, 2, 3], "request_id": "r1"}"#,
        #"[{"data": {"id": "org1"}}]"#,
        "null",
    ])
    func malformedJSONIsADecodingErrorNamingTheRequest(body: String) async throws {
        let server = try Self.answering("200 OK", body)
        defer { server.stop() }
        let error = try await #require(throws: PylonAPIError.self) { try await client(server).me() }
        #expect(error.kind == .decoding)
        #expect(error.description.contains("GET /me returned an answer that is not the JSON Pylon documents"))
        #expect(error.description.contains("Check that the base URL points at the Pylon API"))
        #expect(server.requests.count == 1, "a malformed answer is not a reason to ask again")
    }

    @Test func aSuccessWithoutDataSaysSo() async throws {
        let server = try Self.answering("200 OK", #"{"request_id": "r-empty"}"#)
        defer { server.stop() }
        let error = try await #require(throws: PylonAPIError.self) { try await client(server).me() }
        #expect(error.kind == .decoding)
        #expect(error.description.contains("the answer has no \"data\" object"))
        #expect(error.description.contains("r-empty"))
    }

    @Test func anHTMLPageFromAProxyIsShownInTheError() async throws {
        let server = try Self.answering(
            "502 Bad Gateway", "<html><body><h1>502 Bad Gateway</h1>upstream timed out</body></html>",
            contentType: "text/html")
        defer { server.stop() }
        let error = try await #require(throws: PylonAPIError.self) { try await client(server).me() }
        #expect(error.kind == .httpStatus)
        #expect(error.status == 502)
        #expect(error.description.contains("upstream timed out"))
        #expect(error.description.contains("HTTP 502"))
    }

    @Test func unexpectedMissingAndMistypedFieldsStillListEveryArticle() async throws {
        let body = """
            {"data": [
              {"id": "a1", "slug": "one", "title": "One", "identifier": 1234567890,
               "brand_new_field": {"nested": [1, {"deep": true}]}, "is_published": true},
              {"id": "a2", "identifier": "2345678901"},
              {"id": "a3", "slug": "three", "title": 42, "is_published": "yes", "collection_id": null},
              {"unexpected": "an entry with nothing we know"}
            ],
             "pagination": {"has_next_page": false, "cursor": null, "total": "many"},
             "request_id": "r-list", "server_version": "2026.11"}
            """
        let server = try Self.answering("200 OK", body)
        defer { server.stop() }
        let articles = try await client(server).listArticles(knowledgeBaseID: "kb1")
        #expect(articles.map(\.id) == ["a1", "a2", "a3", nil])
        #expect(articles[0].identifier == "1234567890")
        #expect(articles[1].identifier == "2345678901")
        #expect(articles[1].slug == nil && articles[1].title == nil)
        #expect(articles[2].slug == "three")
    }

    // MARK: Huge answers

    /// Streams `total` bytes of a JSON string until the client hangs up; with `declared`, after
    /// an honest Content-Length, otherwise until the connection closes (no length given).
    /// `pace`: a pause after each 64 KiB, so that how much was sent before the client hung up
    /// measures the client's behaviour, not how fast a loaded machine moves bytes over loopback.
    private static func flood(total: Int, declared: Bool = true, pace: Duration? = nil) throws
        -> ServerSurpriseServer
    {
        try ServerSurpriseServer { connection in
            let prefix = #"{"data": {"id": ""#
            let length = declared ? "Content-Length: \(total)\r\n" : ""
            let head =
                "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: application/json\r\n\(length)\r\n"
                + prefix
            guard connection.send(head) else { return }
            let chunk = [UInt8](repeating: UInt8(ascii: "x"), count: 64 * 1024)
            var remaining = total - prefix.utf8.count
            while remaining > 0 {
                guard connection.send(Array(chunk.prefix(remaining))) else { return }
                remaining -= chunk.count
                if let pace {
                    let (seconds, attoseconds) = pace.components
                    Thread.sleep(forTimeInterval: Double(seconds) + Double(attoseconds) / 1e18)
                }
            }
        }
    }

    @Test func aHugeAnnouncedAnswerIsRefusedBeforeItIsRead() async throws {
        // 512 MiB at 64 KiB per millisecond: 8 s to send it all, 1 s for the eighth allowed.
        let total = 512 << 20
        let server = try Self.flood(total: total, pace: .milliseconds(1))
        defer { server.stop() }
        let started = ContinuousClock.now
        let error = try await #require(throws: PylonAPIError.self) {
            try await client(server, maximumResponseBytes: 1 << 20).me()
        }
        #expect(error.kind == .responseTooLarge)
        #expect(
            error.description.contains(
                "GET /me returned an answer too large to read (The answer announced 512 MiB, more than the limit of 1 MiB"
            ))
        #expect(error.description.contains("PYLON_API_URL"))
        // The client hung up at the headers: it did not read (or hold) the 512 MiB.
        #expect(server.bytesSent < total / 8, "the server got to send \(server.bytesSent) bytes")
        #expect(server.requests.count == 1, "a flood is not a reason to ask again")
        #expect(ContinuousClock.now - started < .seconds(30))
    }

    @Test func aHugeAnswerWithoutALengthIsCutOffAtTheLimit() async throws {
        let server = try Self.flood(total: 64 << 20, declared: false)
        defer { server.stop() }
        let error = try await #require(throws: PylonAPIError.self) {
            try await client(server, maximumResponseBytes: 1 << 20).me()
        }
        #expect(error.kind == .responseTooLarge)
        #expect(error.description.contains("(The answer was larger than 1 MiB; reading stopped after 1"))
        #expect(server.requests.count == 1)
    }

    @Test func aHugeAnswerToACreateIsAmbiguousNotResent() async throws {
        let server = try Self.flood(total: 64 << 20)
        defer { server.stop() }
        let error = try await #require(throws: PylonAPIError.self) {
            try await client(server, maximumResponseBytes: 256 << 10).createArticle(
                knowledgeBaseID: "kb1",
                CreateArticleRequest(
                    title: "Install", bodyHTML: "<p>x</p>", authorUserID: "u1", slug: "install"))
        }
        #expect(error.kind == .ambiguous)
        #expect(error.description.contains("may or may not have been applied"))
        #expect(error.description.contains("slug \"install\""))
        #expect(server.requests.count == 1)
    }

    @Test func theDefaultLimitLetsALargeHonestListingThrough() async throws {
        // 999 articles with 20 KB draft and published bodies: about 40 MB, far below the limit.
        let html = String(repeating: "<p>Lorem ipsum dolor sit amet.</p>", count: 600)
        let article =
            #"{"id": "a", "slug": "s", "current_draft_content_html": "\#(html)", "current_published_content_html": "\#(html)"}"#
        let body =
            #"{"data": ["# + Array(repeating: article, count: 999).joined(separator: ",")
            + #"], "pagination": {"has_next_page": false}, "request_id": "r"}"#
        let server = try Self.answering("200 OK", body)
        defer { server.stop() }
        let articles = try await client(server, timeout: .seconds(60)).listArticles(knowledgeBaseID: "kb1")
        #expect(articles.count == 999)
        #expect(HTTPRequest.defaultMaximumResponseBytes > body.utf8.count * 4)
    }

    // MARK: Slow and silent servers

    /// A client whose transport runs on an event loop of its own, and a way to read that
    /// thread's CPU time: what waiting on a socket costs, measured where the waiting happens.
    /// Not the process's CPU time: `swift test` runs other suites in this process at the same
    /// time, and their work is no measure of this wait.
    private struct MeasuredClient {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let transport: AsyncHTTPClientTransport
        let client: PylonClient
        let loopClock: clockid_t

        init(_ server: ServerSurpriseServer, timeout: Duration) async throws {
            transport = AsyncHTTPClientTransport(eventLoopGroup: group)
            client = try PylonClient(
                configuration: PylonClientConfiguration(
                    baseURL: server.url, token: ServerSurpriseTests.token, retryPolicy: .none,
                    requestTimeout: timeout),
                transport: transport)
            loopClock = try await group.next().submit { () -> clockid_t in
                var id = clockid_t()
                pthread_getcpuclockid(pthread_self(), &id)
                return id
            }.get()
        }

        /// CPU time the event loop's thread has used.
        func loopCPUTime() -> Duration {
            var spec = timespec()
            clock_gettime(loopClock, &spec)
            return .seconds(spec.tv_sec) + .nanoseconds(spec.tv_nsec)
        }

        func close() async throws {
            await transport.shutdown()
            try await group.shutdownGracefully()
        }
    }

    @Test func aSlowLorisAnswerTimesOutAtTheDeadlineWithoutSpinning() async throws {
        // Honest headers, then one byte every 200 ms: no idle (between-bytes) timeout ever fires.
        let server = try ServerSurpriseServer { connection in
            guard
                connection.send(
                    "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"
                )
            else { return }
            for _ in 0..<300 {
                Thread.sleep(forTimeInterval: 0.2)
                guard connection.send(" ") else { return }
            }
        }
        defer { server.stop() }
        let measured = try await MeasuredClient(server, timeout: .seconds(3))
        let started = ContinuousClock.now
        let cpuBefore = measured.loopCPUTime()
        let error = try await #require(throws: PylonAPIError.self) {
            try await measured.client.me()
        }
        let elapsed = ContinuousClock.now - started
        let cpu = measured.loopCPUTime() - cpuBefore
        try await measured.close()
        #expect(error.kind == .timeout)
        #expect(
            error.description.contains("GET /me timed out after 1 attempt (No complete answer within 3 s"))
        #expect(elapsed >= .seconds(3) && elapsed < .seconds(15), "took \(elapsed)")
        // Waiting on a socket costs next to nothing (URLSession on Linux kept a core busy
        // here: a write-readiness source that was never cancelled). Generous: a busy machine
        // can only make the thread wait longer for the CPU, not use more of it.
        #expect(cpu < elapsed * 0.3, "used \(cpu) of CPU in \(elapsed)")
    }

    @Test func aServerThatNeverAnswersTimesOutWithoutSpinning() async throws {
        let server = try ServerSurpriseServer { _ in Thread.sleep(forTimeInterval: 20) }
        defer { server.stop() }
        let measured = try await MeasuredClient(server, timeout: .seconds(2))
        let started = ContinuousClock.now
        let cpuBefore = measured.loopCPUTime()
        let error = try await #require(throws: PylonAPIError.self) {
            try await measured.client.me()
        }
        let elapsed = ContinuousClock.now - started
        let cpu = measured.loopCPUTime() - cpuBefore
        try await measured.close()
        #expect(error.kind == .timeout)
        #expect(error.description.contains("timed out"))
        #expect(elapsed >= .seconds(2) && elapsed < .seconds(12), "took \(elapsed)")
        #expect(cpu < elapsed * 0.3, "used \(cpu) of CPU in \(elapsed)")
    }

    // MARK: Redirects

    @Test(arguments: [
        "301 Moved Permanently", "302 Found", "307 Temporary Redirect", "308 Permanent Redirect",
    ])
    func aRedirectOfAWriteToAnotherHostIsNotFollowedWithTheToken(status: String) async throws {
        let elsewhere = try Self.answering("200 OK", #"{"data": {"id": "stolen"}, "request_id": "r2"}"#)
        defer { elsewhere.stop() }
        // Same address, other port: another origin, which must not see the token either.
        let locations = [
            "http://localhost:\(elsewhere.port)/knowledge-bases/kb1/articles",
            "http://127.0.0.1:\(elsewhere.port)/knowledge-bases/kb1/articles",
            "//127.0.0.1:\(elsewhere.port)/knowledge-bases/kb1/articles",
        ]
        for location in locations {
            let redirecting = try ServerSurpriseServer { connection in
                connection.send(
                    ServerSurpriseServer.response(status: status, headers: ["Location": location]))
            }
            defer { redirecting.stop() }
            let error = try await #require(throws: PylonAPIError.self) {
                try await client(redirecting).createArticle(
                    knowledgeBaseID: "kb1",
                    CreateArticleRequest(title: "T", bodyHTML: "<p>x</p>", authorUserID: "u1", slug: "t"))
            }
            #expect(error.kind == .redirectRefused, "\(status) to \(location)")
            #expect(error.description.contains("was redirected to another host"))
            #expect(!error.description.contains(Self.token))
            #expect(redirecting.requests.count == 1)
        }
        #expect(elsewhere.requests.isEmpty, "the other host was contacted: \(elsewhere.requests)")
    }
}
