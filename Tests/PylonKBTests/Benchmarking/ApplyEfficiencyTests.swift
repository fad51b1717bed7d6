import Foundation
import PylonAPI
import PylonEmulator
import PylonKBTestSupport
import Testing

@testable import PylonKB

/// The request counts `pylon-kb-bench apply` measures, held as behaviour: a first publish sends
/// exactly the writes its change needs, and the state it leaves is whole.
@Suite(.serialized) struct ApplyEfficiencyTests {
    @Test func aFirstPublishPatchesOnlyTheArticlesThatBreakLinkCycles() async throws {
        let harness = try await PublishHarness.start(files: [:])
        defer { Task { await harness.emulator.stop() } }
        let generator = CorpusGenerator(articleCount: 120, seed: 5)
        try generator.write(
            to: harness.fixture.root, configuration: "target: local\nauthor: docs@example.com\n")

        // Pylon's limits scaled out of the way: this counts requests, not time.
        let client = try PylonClient(
            configuration: PylonClientConfiguration(
                baseURL: harness.emulator.baseURL, token: "test-token", rateLimitScale: 100_000))
        let session = PublishSession(
            root: harness.fixture.root, client: client, knowledgeBaseID: PublishHarness.knowledgeBaseID)
        func apply() async throws -> (Plan, ApplyReport, [LoggedRequest]) {
            let prepared = try await session.prepare()
            await harness.emulator.resetRequestLog()
            let report = await session.apply(prepared)
            let writes = await harness.emulator.requestLog().filter {
                $0.method != "GET" && $0.path != "/users/search"
            }
            return (prepared.plan, report, writes)
        }
        let (plan, report, writes) = try await apply()
        #expect(report.failures.isEmpty, "\(report.failures.prefix(3))")
        func count(_ endpoint: PylonEndpoint) -> Int { writes.count { $0.endpoint == endpoint } }
        #expect(count(.createArticle) == 120)
        #expect(count(.createCollection) == generator.collectionCount)
        #expect(count(.createAttachment) == generator.referencedImageCount)
        // Every article links back to its collection's overview and the overview on to the last
        // article: one PATCH per collection (the overview's), not one per article.
        #expect(count(.updateArticle) == generator.minimumLinkPatches)
        #expect(plan.estimate.requests["updateArticle"] == generator.minimumLinkPatches)
        #expect(
            writes.count == 120 + generator.collectionCount + generator.referencedImageCount
                + generator.minimumLinkPatches)

        // Every link resolved, and the state file whole, with no journal left to commit around.
        for article in try await harness.client.listArticles(knowledgeBaseID: PublishHarness.knowledgeBaseID)
        {
            #expect(article.currentPublishedContentHTML?.contains(PendingReference.articlePrefix) == false)
        }
        let store = StateStore(contentRoot: harness.fixture.root)
        #expect(!FileManager.default.fileExists(atPath: store.journalURL.path))
        let data = try #require(FileManager.default.contents(atPath: store.url.path))
        #expect(try JSONDecoder().decode(DeploymentState.self, from: data).articles.count == 120)

        let (again, _, secondWrites) = try await apply()
        #expect(!again.hasChanges)
        #expect(secondWrites.isEmpty)
    }

    @Test func cycleBreakersAreTheFewestForTheUsualShapes() {
        // A collection: every article links to the one before and to the overview, which links
        // to the last; and a second collection linking to the first one's overview.
        var links: [String: [String]] = [
            "a0": ["a3"], "a1": ["a0"], "a2": ["a1", "a0"], "a3": ["a2", "a0"],
        ]
        links["b0"] = ["b1", "a0"]
        links["b1"] = ["b0"]
        #expect(LinkOrder.cycleBreakers(links) == ["a0", "b0"])
        #expect(LinkOrder.cycleBreakers(["x": ["y"], "y": ["z"], "z": []]).isEmpty)
        #expect(LinkOrder.cycleBreakers(["self": ["self"], "other": ["self"]]) == ["self"])
        #expect(LinkOrder.cycleBreakers(["p": ["q"], "q": ["p"]]).count == 1)
    }

    @Test func nestingDepthCountsElementsNotVoidOrClosingTags() {
        #expect(HTMLNestingDepth.of("<p>plain</p>") == 1)
        #expect(HTMLNestingDepth.of("<ul><li><p>a<br>b<img src=\"x\"><br/></p></li></ul>") == 3)
        #expect(
            HTMLNestingDepth.of(
                "<blockquote><blockquote><h2 id=\"x\">é</h2></blockquote></blockquote><p>x</p>") == 3)
        #expect(HTMLNestingDepth.of("<p>a &lt;b&gt; <code>x</code></p><p>y</p>") == 2)
        #expect(
            HTMLNestingDepth.of(
                String(repeating: "<div>", count: 70) + String(repeating: "</div>", count: 70)) == 70)
        #expect(HTMLNestingDepth.of("") == 0)
    }
}
