import Foundation
import PylonAPI
import Testing

/// `pylon-kb import zendesk` against the local Zendesk fake, then `check`, `apply` to the
/// emulator and `plan`: what a user moving a help center to Pylon sees.
@Suite("Import end to end")
struct ImportEndToEndTests {
    static let credentials = ["ZENDESK_EMAIL": ZendeskFake.email, "ZENDESK_API_TOKEN": ZendeskFake.token]

    static func importZendesk(
        _ harness: EndToEndHarness, _ fake: ZendeskFake, extra: [String] = [],
        environment: [String: String] = credentials
    ) async throws -> EndToEndHarness.Result {
        try await harness.run(
            ["import", "zendesk", "--url", fake.url.absoluteString, "--out", "."] + extra,
            environment: environment)
    }

    /// Every file under the folder (the state and local emulator of `apply` left out), by path.
    static func files(_ root: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            let path = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true,
                !path.hasPrefix(".pylon-kb/state"), !path.hasPrefix(".pylon-kb/local")
            else { continue }
            result[path] = try? Data(contentsOf: url)
        }
        return result
    }

    /// The Zendesk fake's secrets: its token, alone and in its Basic form.
    static let secrets = [
        ZendeskFake.token, Data("\(ZendeskFake.email)/token:\(ZendeskFake.token)".utf8).base64EncodedString(),
    ]

    static func count(_ element: String, in html: String) -> Int {
        html.components(separatedBy: "<\(element)").count - 1
    }

    @Test(
        "Zendesk: import, check, apply and plan show every article, image, link and redirect; a rerun changes nothing"
    )
    func zendeskRoundTrip() async throws {
        let fake = try ZendeskFake()
        defer { fake.stop() }
        let harness = try await EndToEndHarness(copyingSample: false)
        defer { Task { await harness.close() } }

        let imported = try await Self.importZendesk(harness, fake)
        #expect(imported.status == 0, "\(imported.output)")
        #expect(imported.stdout.contains("32 articles (3 unpublished)"), "\(imported.stdout)")
        // The section link, the draft translation, the custom segment, the empty section.
        #expect(imported.stderr.contains("sections/200001-Setup"), "\(imported.stderr)")
        #expect(imported.stderr.contains("VIP customers"), "\(imported.stderr)")
        #expect(imported.stderr.contains("Coming soon"), "\(imported.stderr)")
        // Every image was downloaded, the one that redirects to the CDN too.
        #expect(!imported.stderr.contains("was not imported ("), "\(imported.stderr)")
        #expect(fake.requests.contains { $0.host == "cdn" && $0.line.contains("/cdn/moved.png") })
        let report = try harness.read("_import-report.md")
        #expect(report.contains("## Not mapped"))

        let check = try await harness.run(["check"])
        #expect(check.status == 0, "\(check.output)")
        let apply = try await harness.run(["apply", "--auto-approve"])
        #expect(apply.status == 0, "\(apply.output)")
        let plan = try await harness.run(["plan"])
        #expect(plan.stdout.contains("No changes"), "\(plan.output)")

        // Every article's text, tables, code and images survive.
        let published = try await harness.articles()
        #expect(published.count == ZendeskSeed.topics.count)
        let byTitle = Dictionary(published.map { ($0.title ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        for (id, title) in fake.help.titles {
            let vendor = try #require(fake.help.bodies[id])
            let article = try #require(byTitle[title], "\(title) was not published")
            let html = article.currentPublishedContentHTML ?? article.currentDraftContentHTML ?? ""
            #expect(!html.contains("article_attachments"), "\(title): an image was not uploaded")
            ImportComparison.assertSurvives(
                vendor: vendor, published: html, title: title,
                calloutMarkers: ["class=\"callout", "class=\"note"])
            // Links between articles point at Pylon; only the section link keeps Zendesk's path.
            let oldLinks =
                Self.count("a href=\"/hc/", in: html)
                + Self.count("a href=\"http://127.0.0.1:\(fake.url.port!)/hc/", in: html)
            #expect(oldLinks == (vendor.contains("sections/200001") ? 1 : 0), "\(title): \(html)")
        }
        // Every old public path has a redirect.
        let redirects = try await harness.emulator.routeRedirects(
            knowledgeBaseID: EndToEndHarness.knowledgeBaseID)
        let from = Set(redirects.compactMap(\.fromPath))
        for (id, slug) in fake.help.slugs {
            #expect(from.contains("/hc/en-us/articles/\(id)-\(slug)"), "no redirect for \(id)")
            #expect(from.contains("/hc/en-us/articles/\(id)"), "no redirect for \(id)")
        }

        // A second import changes no file.
        let before = Self.files(harness.root)
        let again = try await Self.importZendesk(harness, fake)
        #expect(again.status == 0, "\(again.output)")
        #expect(again.stdout.contains("No file changed"), "\(again.stdout)")
        #expect(Self.files(harness.root) == before)

        // The CDN on another host never saw the credentials; the API always did.
        #expect(fake.requests.contains { $0.host == "cdn" })
        #expect(fake.requests.filter { $0.host == "cdn" }.allSatisfy { $0.authorization == nil })
        Self.assertNoSecret(
            [imported.output, check.output, apply.output, plan.output, again.output], harness.root,
            secrets: Self.secrets)
    }

    @Test(
        "Zendesk: bad credentials, a 429 storm, a 500 mid-pagination, a broken image and local edits end clearly and resume"
    )
    func zendeskFailures() async throws {
        let fake = try ZendeskFake()
        defer { fake.stop() }
        let harness = try await EndToEndHarness(copyingSample: false)
        defer { Task { await harness.close() } }
        var outputs: [String] = []

        var bad = Self.credentials
        bad["ZENDESK_API_TOKEN"] = "wrong"
        let refused = try await Self.importZendesk(harness, fake, environment: bad)
        outputs.append(refused.output)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("refused the credentials (HTTP 401)"), "\(refused.stderr)")
        #expect(refused.stderr.contains("ZENDESK_API_TOKEN"))
        #expect(
            !FileManager.default.fileExists(
                atPath: harness.root.appendingPathComponent("_import-report.md").path))

        // A short storm of 429s is waited out; a broken image is reported at its line.
        fake.faults.rateLimitStorm = 3
        fake.faults.breakImage = true
        let first = try await Self.importZendesk(harness, fake)
        outputs.append(first.output)
        #expect(first.status == 0, "\(first.output)")
        let brokenLine = try #require(
            first.stderr.split(separator: "\n").first { $0.contains("diagram.png") }, "\(first.stderr)")
        #expect(brokenLine.contains(".md:"), "\(brokenLine)")
        #expect(brokenLine.contains("HTTP 404"), "\(brokenLine)")
        #expect(
            first.stderr.contains(
                "warning: 1 image was not downloaded (listed above): the articles still show it from Zendesk"),
            "\(first.stderr)")

        // A storm that does not end, and a 500 on the second page: clear, and nothing written.
        let before = Self.files(harness.root)
        fake.faults.rateLimitStorm = 100
        let stormy = try await Self.importZendesk(harness, fake, extra: ["--max-attempts", "3"])
        outputs.append(stormy.output)
        #expect(stormy.status == 1)
        #expect(stormy.stderr.contains("429"), "\(stormy.stderr)")
        #expect(stormy.stderr.contains("Nothing was written"))
        fake.faults.rateLimitStorm = 0
        fake.faults.failSecondArticlePage = true
        let failing = try await Self.importZendesk(harness, fake, extra: ["--max-attempts", "2"])
        outputs.append(failing.output)
        #expect(failing.status == 1)
        #expect(failing.stderr.contains("HTTP 500"), "\(failing.stderr)")
        #expect(Self.files(harness.root) == before)

        // Once the server and the image are back, the same command completes the import; a
        // file edited since is not overwritten without --force.
        try await Self.assertResumesThenGuardsLocalEdits(
            harness, fake.faults, brokenImage: "diagram.png", outputs: &outputs
        ) { extra in try await Self.importZendesk(harness, fake, extra: extra) }
        Self.assertNoSecret(outputs, harness.root, secrets: Self.secrets)
    }
}
