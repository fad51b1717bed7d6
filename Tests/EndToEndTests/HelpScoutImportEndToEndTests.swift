import Foundation
import PylonAPI
import Testing

/// `pylon-kb import helpscout` against the local Help Scout fake, then `check`, `apply` and `plan`.
@Suite("Import from Help Scout end to end")
struct HelpScoutImportEndToEndTests {
    typealias Support = ImportEndToEndTests

    static func importHelpScout(
        _ harness: EndToEndHarness, _ fake: HelpScoutFake,
        extra: [String] = ["--site", HelpScoutSeed.siteID],
        key: String = HelpScoutFake.key
    ) async throws -> EndToEndHarness.Result {
        try await harness.run(
            ["import", "helpscout", "--url", fake.url.absoluteString, "--out", "."] + extra,
            environment: ["HELPSCOUT_API_KEY": key])
    }

    @Test(
        "Help Scout: the chosen site is imported, published unchanged, redirected, and a rerun changes nothing"
    )
    func helpScoutRoundTrip() async throws {
        let fake = try HelpScoutFake()
        defer { fake.stop() }
        let harness = try await EndToEndHarness(copyingSample: false)
        defer { Task { await harness.close() } }

        let refused = try await Self.importHelpScout(harness, fake, key: "wrong")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("refused the credentials (HTTP 401)"), "\(refused.stderr)")
        let unchosen = try await Self.importHelpScout(harness, fake, extra: [])
        #expect(unchosen.status == 1)
        #expect(unchosen.stderr.contains("2 Docs sites"), "\(unchosen.stderr)")
        #expect(unchosen.stderr.contains("--site"))

        fake.rateLimitStorm = 2
        let imported = try await Self.importHelpScout(harness, fake)
        #expect(imported.status == 0, "\(imported.output)")
        #expect(imported.stdout.contains("30 articles (2 unpublished)"), "\(imported.stdout)")
        #expect(imported.stderr.contains("/blog (custom)"), "\(imported.stderr)")
        #expect(imported.stderr.contains("2 Help Scout categories"), "\(imported.stderr)")
        #expect(try harness.read("admin-guide/_collection.yml").contains("visibility: internal_only"))
        let check = try await harness.run(["check"])
        #expect(check.status == 0, "\(check.output)")
        let apply = try await harness.run(["apply", "--auto-approve"])
        #expect(apply.status == 0, "\(apply.output)")
        let plan = try await harness.run(["plan"])
        #expect(plan.stdout.contains("No changes"), "\(plan.output)")

        let published = try await harness.articles()
        #expect(published.count == 30)
        let byTitle = Dictionary(published.map { ($0.title ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        for (id, title) in fake.help.titles {
            let vendor = try #require(fake.help.bodies[id])
            let article = try #require(byTitle[title], "\(title) was not published")
            let html = article.currentPublishedContentHTML ?? article.currentDraftContentHTML ?? ""
            ImportComparison.assertSurvives(
                vendor: vendor, published: html, title: title, calloutMarkers: ["class=\"callout-"])
            #expect(!html.contains("/article/1"), "\(title): \(html)")
        }
        let redirects = try await harness.emulator.routeRedirects(
            knowledgeBaseID: EndToEndHarness.knowledgeBaseID)
        let from = Set(redirects.compactMap(\.fromPath))
        for path in fake.help.paths.values.flatMap({ $0 }) {
            #expect(from.contains(path), "no redirect from \(path)")
        }

        let before = Support.files(harness.root)
        let again = try await Self.importHelpScout(harness, fake)
        #expect(again.stdout.contains("No file changed"), "\(again.output)")
        #expect(Support.files(harness.root) == before)

        #expect(fake.requests.contains { $0.host == "site" })
        #expect(fake.requests.filter { $0.host == "site" }.allSatisfy { $0.authorization == nil })
        let encoded = Data("\(HelpScoutFake.key):X".utf8).base64EncodedString()
        for output in [
            refused.output, unchosen.output, imported.output, check.output, apply.output, plan.output,
        ] {
            #expect(!output.contains(HelpScoutFake.key) && !output.contains(encoded))
        }
        for (path, data) in Support.files(harness.root) {
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains(HelpScoutFake.key) && !text.contains(encoded), "\(path)")
        }
    }
}
