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

    /// The fake's secrets (`Support.assertNoSecret` looks for them).
    static let secrets = [HelpScoutFake.key, Data("\(HelpScoutFake.key):X".utf8).base64EncodedString()]

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

        fake.faults.rateLimitStorm = 2
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

    @Test(
        "Help Scout: bad credentials, a 429 storm, a 500 mid-pagination, a broken image and local edits end clearly and resume"
    )
    func helpScoutFailures() async throws {
        let fake = try HelpScoutFake()
        defer { fake.stop() }
        let harness = try await EndToEndHarness(copyingSample: false)
        defer { Task { await harness.close() } }
        let chosen = ["--site", HelpScoutSeed.siteID]
        var outputs: [String] = []

        let refused = try await Self.importHelpScout(harness, fake, key: "wrong")
        outputs.append(refused.output)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("refused the credentials (HTTP 401)"), "\(refused.stderr)")
        #expect(refused.stderr.contains("HELPSCOUT_API_KEY"))
        #expect(
            !FileManager.default.fileExists(
                atPath: harness.root.appendingPathComponent("_import-report.md").path))

        // A short storm of 429s is waited out; a broken image is reported at its line.
        fake.faults.rateLimitStorm = 3
        fake.faults.breakImage = true
        let first = try await Self.importHelpScout(harness, fake)
        outputs.append(first.output)
        #expect(first.status == 0, "\(first.output)")
        #expect(first.stdout.contains("30 articles (2 unpublished)"), "\(first.stdout)")
        let brokenLine = try #require(
            first.stderr.split(separator: "\n").first { $0.contains("file-b2.png") }, "\(first.stderr)")
        #expect(brokenLine.contains(".md:"), "\(brokenLine)")
        #expect(brokenLine.contains("HTTP 404"), "\(brokenLine)")
        // The line named is where the article keeps the image's old address.
        let location = brokenLine.components(separatedBy: ": warning:")[0].split(separator: ":")
        let brokenFile = try harness.read(String(location[0])).split(
            separator: "\n", omittingEmptySubsequences: false)
        let brokenNumber = try #require(location.count == 2 ? Int(location[1]) : nil, "\(brokenLine)")
        let brokenText = brokenFile.indices.contains(brokenNumber - 1) ? brokenFile[brokenNumber - 1] : ""
        #expect(brokenText.contains(HelpScoutFake.brokenImage), "\(brokenLine)")

        // A storm that does not end: clear, and nothing written.
        let before = Support.files(harness.root)
        fake.faults.rateLimitStorm = 100
        let stormy = try await Self.importHelpScout(harness, fake, extra: chosen + ["--max-attempts", "3"])
        outputs.append(stormy.output)
        #expect(stormy.status == 1)
        #expect(stormy.stderr.contains("429"), "\(stormy.stderr)")
        #expect(stormy.stderr.contains("Nothing was written"), "\(stormy.stderr)")
        #expect(Support.files(harness.root) == before)

        // A 500 on the second page of a collection's articles ("Getting started" has 20): the
        // first page was read, the second asked twice, and nothing written.
        let gettingStarted = fake.help.articles.filter { $0["collectionId"] as? String == "c1" }
        #expect(gettingStarted.count > HelpScoutFake.pageSize)
        fake.faults.rateLimitStorm = 0
        fake.faults.failSecondArticlePage = true
        func secondPageRequests() -> Int {
            fake.requests.filter { $0.line.contains("/v1/collections/c1/articles?page=2&") }.count
        }
        let secondPageBefore = secondPageRequests()
        let failing = try await Self.importHelpScout(harness, fake, extra: chosen + ["--max-attempts", "2"])
        outputs.append(failing.output)
        #expect(failing.status == 1)
        #expect(failing.stderr.contains("HTTP 500"), "\(failing.stderr)")
        #expect(failing.stderr.contains("/v1/collections/c1/articles"), "\(failing.stderr)")
        #expect(failing.stderr.contains("Nothing was written"), "\(failing.stderr)")
        #expect(secondPageRequests() - secondPageBefore == 2)
        #expect(Support.files(harness.root) == before)

        // Once the server and the image are back, the same command completes the import; a
        // file edited since is not overwritten without --force.
        try await Support.assertResumesThenGuardsLocalEdits(
            harness, fake.faults, brokenImage: "file-b2.png", brokenAddress: HelpScoutFake.brokenImage,
            outputs: &outputs
        ) { extra in try await Self.importHelpScout(harness, fake, extra: chosen + extra) }
        Support.assertNoSecret(outputs, harness.root, secrets: Self.secrets)
    }
}
