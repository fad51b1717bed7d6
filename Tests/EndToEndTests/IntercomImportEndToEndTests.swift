import Foundation
import PylonAPI
import Testing

/// `pylon-kb import intercom` against the local Intercom fake, then `check`, `apply` and `plan`.
@Suite("Import from Intercom end to end")
struct IntercomImportEndToEndTests {
    typealias Support = ImportEndToEndTests

    static func importIntercom(
        _ harness: EndToEndHarness, _ fake: IntercomFake, extra: [String] = ["--help-center", "1"],
        token: String = IntercomFake.token
    ) async throws -> EndToEndHarness.Result {
        try await harness.run(
            ["import", "intercom", "--url", fake.url.absoluteString, "--out", "."] + extra,
            environment: ["INTERCOM_ACCESS_TOKEN": token])
    }

    @Test(
        "Intercom: the chosen help center is imported, published unchanged, redirected, and a rerun changes nothing"
    )
    func intercomRoundTrip() async throws {
        let fake = try IntercomFake()
        defer { fake.stop() }
        let harness = try await EndToEndHarness(copyingSample: false)
        defer { Task { await harness.close() } }

        let refused = try await Self.importIntercom(harness, fake, token: "wrong")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("refused the credentials (HTTP 401)"), "\(refused.stderr)")
        #expect(refused.stderr.contains("INTERCOM_ACCESS_TOKEN"))

        let unchosen = try await Self.importIntercom(harness, fake, extra: [])
        #expect(unchosen.status == 1)
        #expect(
            unchosen.stderr.contains("2 help centers: 1 (Acme Help), 2 (Acme Developers)"),
            "\(unchosen.stderr)")
        #expect(unchosen.stderr.contains("--help-center"))

        fake.rateLimitStorm = 2
        let imported = try await Self.importIntercom(harness, fake)
        #expect(imported.status == 0, "\(imported.output)")
        #expect(imported.stdout.contains("30 articles (2 unpublished)"), "\(imported.stdout)")
        #expect(imported.stderr.contains("audiences"), "\(imported.stderr)")
        let check = try await harness.run(["check"])
        #expect(check.status == 0, "\(check.output)")
        let apply = try await harness.run(["apply", "--auto-approve"])
        #expect(apply.status == 0, "\(apply.output)")
        let plan = try await harness.run(["plan"])
        #expect(plan.stdout.contains("No changes"), "\(plan.output)")

        let published = try await harness.articles()
        #expect(published.count == 30)
        let byTitle = Dictionary(published.map { ($0.title ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        for (id, title) in fake.help.titles where Int(id)! < IntercomSeed.firstID + 30 {
            let vendor = try #require(fake.help.bodies[id])
            let article = try #require(byTitle[title], "\(title) was not published")
            let html = article.currentPublishedContentHTML ?? article.currentDraftContentHTML ?? ""
            ImportComparison.assertSurvives(
                vendor: vendor, published: html, title: title,
                calloutMarkers: ["intercom-interblocks-callout"])
            #expect(!html.contains("/acme/en/articles/"), "\(title): \(html)")
        }
        let redirects = try await harness.emulator.routeRedirects(
            knowledgeBaseID: EndToEndHarness.knowledgeBaseID)
        let from = Set(redirects.compactMap(\.fromPath))
        for path in fake.help.paths.filter({ Int($0.key)! < IntercomSeed.firstID + 30 }).values.flatMap({ $0 }
        ) {
            #expect(from.contains(path), "no redirect from \(path)")
        }

        let before = Support.files(harness.root)
        let again = try await Self.importIntercom(harness, fake)
        #expect(again.stdout.contains("No file changed"), "\(again.output)")
        #expect(Support.files(harness.root) == before)

        // The site and CDN never saw the token; every API request named the API version.
        #expect(fake.requests.contains { $0.host == "site" })
        #expect(fake.requests.filter { $0.host == "site" }.allSatisfy { $0.authorization == nil })
        #expect(fake.requests.filter { $0.host == "api" }.allSatisfy { $0.version == "2.16" })
        for output in [
            refused.output, unchosen.output, imported.output, check.output, apply.output, plan.output,
        ] {
            #expect(!output.contains(IntercomFake.token))
        }
        for (path, data) in Support.files(harness.root) {
            #expect(!String(decoding: data, as: UTF8.self).contains(IntercomFake.token), "\(path)")
        }
    }
}
