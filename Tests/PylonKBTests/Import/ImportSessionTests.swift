import Foundation
import PylonAPI
import PylonKB
import PylonTestSupport
import Testing

/// `ImportSession` over a scripted Zendesk (no network): retry waits run on a manual clock, and
/// the credentials go to the API's origin only.
@Suite struct ImportSessionTests {
    static let png = Data(
        base64Encoded:
            "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGP4z8AARAwQCgAf7gP9i18U1AAAAABJRU5ErkJggg=="
    )!

    /// Answers like a one-article Zendesk on https://acme.zendesk.com, the image on a CDN.
    final class Zendesk: HTTPTransport, @unchecked Sendable {
        private let lock = NSLock()
        private var recorded: [HTTPRequest] = []
        /// Answers 429 with this Retry-After to the first request.
        let firstRetryAfter: String?

        init(firstRetryAfter: String? = nil) { self.firstRetryAfter = firstRetryAfter }

        var requests: [HTTPRequest] { lock.withLock { recorded } }

        func send(_ request: HTTPRequest) async throws -> HTTPResponse {
            let index = lock.withLock {
                recorded.append(request)
                return recorded.count
            }
            if index == 1, let firstRetryAfter {
                return HTTPResponse(status: 429, headers: ["Retry-After": firstRetryAfter])
            }
            let path = request.url.path
            if request.url.host == "cdn.example" {
                return HTTPResponse(status: 200, body: ImportSessionTests.png)
            }
            let body: String
            switch path {
            case "/api/v2/help_center/locales": body = #"{"default_locale":"en-us","locales":["en-us"]}"#
            case "/api/v2/help_center/categories":
                body =
                    #"{"categories":[{"id":"1","name":"Guides","position":"0"}],"meta":{"has_more":false}}"#
            case "/api/v2/help_center/sections":
                body =
                    #"{"sections":[{"id":2,"name":"Basics","category_id":1,"parent_section_id":null}],"meta":{}}"#
            case "/api/v2/help_center/user_segments": body = #"{"user_segments":null}"#
            case "/api/v2/help_center/articles":
                body = """
                    {"articles":[{"id":3,"title":"Hello","section_id":"2","locale":"en-us","draft":"false",
                    "html_url":"https://acme.zendesk.com/hc/en-us/articles/3-Hello",
                    "body":"<p>Hi <img src=\\"https://cdn.example/a.png\\" alt=\\"A\\"></p>","label_names":null}],
                    "meta":{"has_more":false}}
                    """
            default: return HTTPResponse(status: 404)
            }
            return HTTPResponse(
                status: 200, headers: ["Content-Type": "application/json"], body: Data(body.utf8))
        }
    }

    static func options(_ folder: URL) -> ImportSession.Options {
        ImportSession.Options(
            vendor: .zendesk, baseURL: URL(string: "https://acme.zendesk.com")!,
            authorization: ImportSession.zendeskAuthorization(
                email: "a@acme.test", apiToken: "tok-1", oauthToken: nil),
            credentialHint: "ZENDESK_API_TOKEN", folder: folder)
    }

    static func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("import-\(UUID().uuidString)")
    }

    @Test("A 429 waits for its Retry-After on the injected clock, then the import completes")
    func retryAfterOnTheClock() async throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let clock = ManualClock()
        let transport = Zendesk(firstRetryAfter: "30")
        let session = ImportSession(options: Self.options(folder), transport: transport, clock: clock)
        let running = Task { try await session.run() }
        await clock.waitForSleepers(1)
        #expect(clock.pendingDeadlines == [.seconds(30)])
        clock.advance(by: .seconds(30))
        let outcome = try await running.value
        #expect(outcome.report.articleCount == 1)
        #expect(outcome.report.imageCount == 1)
        let article = try String(
            contentsOf: folder.appendingPathComponent("guides/basics/hello.md"), encoding: .utf8)
        #expect(article.contains("![A](../../images/"))
        #expect(article.contains(#"redirect_from: ["/hc/en-us/articles/3-Hello", "/hc/en-us/articles/3"]"#))
    }

    @Test(
        "Help Scout's 429 without Retry-After waits for X-RateLimit-Reset on the clock; a 401 then stops clearly"
    )
    func helpScoutRateLimitReset() async throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let clock = ManualClock()
        let transport = Scripted([
            HTTPResponse(status: 429, headers: ["X-RateLimit-Reset": "120"]),
            HTTPResponse(status: 401, body: Data(#"{"status":401,"message":"Unauthorized"}"#.utf8)),
        ])
        let options = ImportSession.Options(
            vendor: .helpscout, baseURL: URL(string: "https://docsapi.helpscout.net")!,
            authorization: "Basic a2V5Olg=", credentialHint: "HELPSCOUT_API_KEY", folder: folder)
        let session = ImportSession(options: options, transport: transport, clock: clock)
        let running = Task { try await session.run() }
        await clock.waitForSleepers(1)
        #expect(clock.pendingDeadlines == [.seconds(120)])
        clock.advance(by: .seconds(120))
        await #expect(throws: ImportFailure.unauthorized(.helpscout, status: 401, hint: "HELPSCOUT_API_KEY"))
        {
            try await running.value
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path))
    }

    /// Answers with the given responses in order, then 404.
    final class Scripted: HTTPTransport, @unchecked Sendable {
        private let lock = NSLock()
        private var responses: [HTTPResponse]

        init(_ responses: [HTTPResponse]) { self.responses = responses }

        func send(_ request: HTTPRequest) async throws -> HTTPResponse {
            lock.withLock { responses.isEmpty ? HTTPResponse(status: 404) : responses.removeFirst() }
        }
    }

    @Test("The credentials go to the API's origin and never to the image CDN")
    func credentialsStayOnTheAPIHost() async throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let transport = Zendesk()
        _ = try await ImportSession(options: Self.options(folder), transport: transport).run()
        let requests = transport.requests
        #expect(requests.contains { $0.url.host == "cdn.example" })
        for request in requests {
            #expect(
                (request.header("Authorization") != nil) == (request.url.host == "acme.zendesk.com"),
                "\(request.url)")
        }
    }

    @Test("A rerun writes nothing; an edited file is refused, and --force overwrites it")
    func localEdits() async throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let session = ImportSession(options: Self.options(folder), transport: Zendesk())
        _ = try await session.run()
        #expect(try await session.run().written.isEmpty)
        let article = folder.appendingPathComponent("guides/basics/hello.md")
        try "edited\n".write(to: article, atomically: true, encoding: .utf8)
        await #expect(throws: ImportFailure.localEdits(["guides/basics/hello.md"])) {
            try await session.run()
        }
        var forced = Self.options(folder)
        forced.force = true
        _ = try await ImportSession(options: forced, transport: Zendesk()).run()
        #expect(try String(contentsOf: article, encoding: .utf8).contains("title: Hello"))
    }
}
