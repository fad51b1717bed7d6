import Foundation
import PylonAPI
import PylonEmulator
import PylonKB
import Testing

/// A content folder and a local Pylon to publish it to.
struct PublishHarness {
    let fixture: PlannerFixture
    let emulator: RunningEmulator
    let client: PylonClient
    static let knowledgeBaseID = "kb-apply"

    static func start(files: [String: String] = PlannerFixture.base, sanitize: Bool = false) async throws
        -> PublishHarness
    {
        let seed = EmulatorSeed(
            knowledgeBases: [
                .init(
                    id: knowledgeBaseID, title: "Help", slug: "help", supportedLanguages: ["en", "fr"],
                    defaultLanguage: "en")
            ],
            users: [.init(email: "docs@example.com", name: "Docs")])
        let emulator = try await PylonEmulator.start(
            EmulatorConfiguration(token: "test-token", sanitize: sanitize, seed: seed))
        let client = try PylonClient(
            configuration: PylonClientConfiguration(baseURL: emulator.baseURL, token: "test-token"))
        return PublishHarness(fixture: try PlannerFixture(files: files), emulator: emulator, client: client)
    }

    var session: PublishSession {
        PublishSession(root: fixture.root, client: client, knowledgeBaseID: Self.knowledgeBaseID)
    }

    func session(_ options: PlanOptions) -> PublishSession {
        PublishSession(
            root: fixture.root, client: client, knowledgeBaseID: Self.knowledgeBaseID, options: options)
    }

    /// Plans and applies; returns the plan, the report and the write requests the server saw.
    func apply(_ options: PlanOptions = PlanOptions()) async throws -> (Plan, ApplyReport, [LoggedRequest]) {
        let session = session(options)
        let prepared = try await session.prepare()
        await emulator.resetRequestLog()
        let report = await session.apply(prepared)
        let writes = await emulator.requestLog().filter {
            $0.method != "GET" && !($0.path == "/users/search")
        }
        return (prepared.plan, report, writes)
    }

    func article(slug: String) async throws -> PylonAPI.Article? {
        try await client.listArticles(knowledgeBaseID: Self.knowledgeBaseID).first { $0.slug == slug }
    }
}

@Suite(.serialized) struct ApplyAgainstEmulatorTests {
    @Test func firstPublishCreatesEverythingAndASecondSendsNothing() async throws {
        let harness = try await PublishHarness.start()
        defer { Task { await harness.emulator.stop() } }
        let (plan, report, writes) = try await harness.apply()
        #expect(report.failures.isEmpty, "\(report.failures)")
        #expect(plan.summary.articlesToCreate == 3)
        #expect(writes.filter { $0.endpoint == .createArticle }.count == 3)
        #expect(writes.filter { $0.endpoint == .createCollection }.count == 2)

        let install = try #require(try await harness.article(slug: "install"))
        let configure = try #require(try await harness.article(slug: "configure"))
        let link = "/articles/\(configure.identifier!)-configure#tokens"
        #expect(install.currentPublishedContentHTML?.contains("href=\"\(link)\"") == true)

        let (again, _, secondWrites) = try await harness.apply()
        #expect(!again.hasChanges)
        #expect(secondWrites.isEmpty, "second apply wrote: \(secondWrites.map(\.path))")
    }

    @Test func noOpAlsoWhenTheServerReserializesHTML() async throws {
        let harness = try await PublishHarness.start(sanitize: true)
        defer { Task { await harness.emulator.stop() } }
        _ = try await harness.apply()
        let (again, _, writes) = try await harness.apply()
        #expect(!again.hasChanges, "\(again.articles.map { ($0.source, $0.changes) })")
        #expect(writes.isEmpty)
    }

    @Test func editingABodySendsExactlyOnePatch() async throws {
        let harness = try await PublishHarness.start()
        defer { Task { await harness.emulator.stop() } }
        _ = try await harness.apply()
        try harness.fixture.write(
            "guides/advanced/proxies.md",
            "---\ntitle: Proxies\n---\nRelay honours HTTPS_PROXY and NO_PROXY. Back to [install](../install.md).\n"
        )
        let (_, report, writes) = try await harness.apply()
        #expect(report.failures.isEmpty)
        #expect(writes.map(\.endpoint) == [.updateArticle])
        let proxies = try #require(try await harness.article(slug: "proxies"))
        #expect(proxies.currentPublishedContentHTML?.contains("NO_PROXY") == true)

        try harness.fixture.write(
            "guides/advanced/proxies.md",
            "---\ntitle: Proxy servers\n---\nRelay honours HTTPS_PROXY and NO_PROXY. Back to [install](../install.md).\n"
        )
        let (_, _, titleWrites) = try await harness.apply()
        #expect(titleWrites.map(\.endpoint) == [.updateArticle])
    }

    @Test func renameCreatesRedirectsAndUnlistsTheOldArticle() async throws {
        let harness = try await PublishHarness.start()
        defer { Task { await harness.emulator.stop() } }
        _ = try await harness.apply()
        let old = try #require(try await harness.article(slug: "configure"))
        try harness.fixture.remove("guides/configure.md")
        try harness.fixture.write(
            "guides/configuration.md",
            "---\ntitle: Configure Relay\nprevious_slugs: [configure]\n---\n## Tokens\n\nCreate an API token.\n"
        )
        try harness.fixture.write(
            "guides/install.md",
            "---\ntitle: Install Relay\n---\nSee [configuration](configuration.md#tokens).\n")
        let (plan, report, writes) = try await harness.apply()
        #expect(report.failures.isEmpty, "\(report.failures)")
        #expect(plan.summary.articlesToReplace == 1)
        #expect(writes.filter { $0.endpoint == .createArticle }.count == 1)
        #expect(writes.filter { $0.endpoint == .createRouteRedirect }.count == 1)
        let redirects = try await harness.emulator.routeRedirects(
            knowledgeBaseID: PublishHarness.knowledgeBaseID)
        let new = try #require(try await harness.article(slug: "configuration"))
        #expect(redirects.map(\.fromPath) == ["/articles/\(old.identifier!)-configure"])
        #expect(redirects.first?.objectID == new.id)
        #expect(try await harness.article(slug: "configure")?.isUnlisted == true)
        let (_, _, again) = try await harness.apply()
        #expect(again.isEmpty)
    }

    @Test func moveDeletesFirstAndRedirects() async throws {
        let harness = try await PublishHarness.start()
        defer { Task { await harness.emulator.stop() } }
        _ = try await harness.apply()
        let old = try #require(try await harness.article(slug: "proxies"))
        try harness.fixture.remove("guides/advanced/proxies.md")
        try harness.fixture.write(
            "guides/proxies.md", "---\ntitle: Proxies\n---\nRelay honours HTTPS_PROXY.\n")
        let (_, report, writes) = try await harness.apply()
        #expect(report.failures.isEmpty, "\(report.failures)")
        #expect(
            writes.compactMap(\.endpoint).sorted { $0.rawValue < $1.rawValue } == [
                .createArticle, .createRouteRedirect, .deleteArticle,
            ])
        let moved = try #require(try await harness.article(slug: "proxies"))
        #expect(moved.id != old.id)
        let redirects = try await harness.emulator.routeRedirects(
            knowledgeBaseID: PublishHarness.knowledgeBaseID)
        #expect(redirects.map(\.fromPath) == ["/articles/\(old.identifier!)-proxies"])
    }
}
