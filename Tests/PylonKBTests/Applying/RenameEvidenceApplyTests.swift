import Foundation
import PylonAPI
import PylonEmulator
import Testing

@testable import PylonKB

/// What the planner's rename evidence plans, applied to the emulator: two articles where an
/// equal slug came from another file with unrelated text, and a redirect for a merged page.
@Suite(.serialized) struct RenameEvidenceApplyTests {
    static let words = (1...40).map { "word\($0)" }.joined(separator: " ")
    static let other = (1...40).map { "other\($0)" }.joined(separator: " ")

    static let files: [String: String] = [
        "pylon-kb.yml": "target: local\nauthor: docs@example.com\n",
        "guides/_collection.yml": "title: Guides\n",
        "guides/limits.md": "---\ntitle: Limits\n---\n\(words).\n",
        "guides/faq.md": "---\ntitle: Questions\n---\n\(other).\n",
    ]

    @Test func theArticleHoldingASlugForAnUnrelatedPageIsDeletedFirst() async throws {
        let harness = try await PublishHarness.start(files: Self.files)
        defer { Task { await harness.emulator.stop() } }
        _ = try await harness.apply()
        let old = try #require(try await harness.article(slug: "limits"))
        try harness.fixture.remove("guides/limits.md")
        let quotas = (1...40).map { "quota\($0)" }.joined(separator: " ")
        try harness.fixture.write("guides/quotas.md", "---\ntitle: Quotas\nslug: limits\n---\n\(quotas).\n")

        let (plan, report, writes) = try await harness.apply()
        #expect(report.failures.isEmpty, "\(report.failures)")
        #expect(plan.articles.map(\.action) == [.create])
        #expect(writes.map(\.endpoint) == [.deleteArticle, .createArticle])
        let now = try #require(try await harness.article(slug: "limits"))
        #expect(now.id != old.id)
        #expect(now.title == "Quotas")
        let (again, _, _) = try await harness.apply()
        #expect(!again.hasChanges, "\(again.articles.map { ($0.source, $0.action) })")
    }

    @Test func aMergedPageIsRedirectedAndUnlisted() async throws {
        let harness = try await PublishHarness.start(files: Self.files)
        defer { Task { await harness.emulator.stop() } }
        _ = try await harness.apply()
        let old = try #require(try await harness.article(slug: "limits"))
        try harness.fixture.remove("guides/limits.md")
        try harness.fixture.write(
            "guides/faq.md", "---\ntitle: Questions\n---\n\(Self.other).\n\n\(Self.words).\n")

        let (plan, report, writes) = try await harness.apply()
        #expect(report.failures.isEmpty, "\(report.failures)")
        #expect(plan.redirects.map { $0.reason.hasPrefix("merged") } == [true])
        #expect(writes.contains { $0.endpoint == .createRouteRedirect })
        let unlisted = try #require(try await harness.article(slug: "limits"))
        #expect(unlisted.id == old.id)
        #expect(unlisted.isUnlisted == true)
        let (again, _, _) = try await harness.apply()
        #expect(!again.hasChanges, "\(again.articles.map { ($0.source, $0.action) }) \(again.redirects)")
    }

    @Test func aMergedPageStaysWhenItsRedirectCannotBeCreated() async throws {
        let harness = try await PublishHarness.start(files: Self.files)
        defer { Task { await harness.emulator.stop() } }
        _ = try await harness.apply()
        try harness.fixture.remove("guides/limits.md")
        try harness.fixture.write(
            "guides/faq.md", "---\ntitle: Questions\n---\n\(Self.other).\n\n\(Self.words).\n")
        await harness.emulator.setFaults([
            FaultRule(endpoint: .createRouteRedirect, kind: .serverError(status: 403), trigger: .next(10))
        ])
        let (_, report, _) = try await harness.apply(PlanOptions(onRename: .delete))
        #expect(report.failures.contains { $0.subject.hasSuffix("limits") && $0.message.contains("kept") })
        let kept = try #require(try await harness.article(slug: "limits"), "deleted without its redirect")
        #expect(kept.isUnlisted != true)
    }

    /// The old article is both renamed (its text went to a new slug) and in the way of the
    /// next version's page: deleted first, once, whichever step gets there first.
    @Test func aRenamedArticleWhoseSlugIsNeededIsDeletedBeforeEitherCreate() async throws {
        let harness = try await PublishHarness.start(files: Self.files)
        defer { Task { await harness.emulator.stop() } }
        _ = try await harness.apply()
        let old = try #require(try await harness.article(slug: "limits"))
        try harness.fixture.remove("guides/limits.md")
        try harness.fixture.write("guides/limits-2019.md", "---\ntitle: Limits\n---\n\(Self.words).\n")
        let half = (1...40).map { $0 <= 24 ? "word\($0)" : "ltsc\($0)" }.joined(separator: " ")
        try harness.fixture.write(
            "guides/limits-2021.md", "---\ntitle: Limits\nslug: limits\n---\n\(half).\n")

        let (plan, report, _) = try await harness.apply()
        #expect(report.failures.isEmpty, "\(report.failures)")
        #expect(plan.articles.map(\.action).sorted { $0.rawValue < $1.rawValue } == [.create, .replace])
        let next = try #require(try await harness.article(slug: "limits"))
        #expect(next.id != old.id)
        #expect(try await harness.article(slug: "limits-2019") != nil)
        let (again, _, _) = try await harness.apply()
        #expect(!again.hasChanges, "\(again.articles.map { ($0.source, $0.action) })")
    }
}
