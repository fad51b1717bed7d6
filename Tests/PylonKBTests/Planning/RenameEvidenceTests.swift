import Foundation
import PylonKB
import Testing

/// Renames need content evidence (docs/renames-and-redirects.md): an equal slug another file
/// published is the same article only when the texts agree, a likely rename under the
/// threshold is a hint, and a page whose text went into another one is redirected there.
@Suite struct RenameEvidenceTests {
    static let words = (1...40).map { "word\($0)" }
    static let other = (1...40).map { "other\($0)" }

    static func page(_ title: String, _ words: [String], slug: String? = nil) -> String {
        "---\ntitle: \(title)\n" + (slug.map { "slug: \($0)\n" } ?? "") + "---\n"
            + words.joined(separator: " ") + ".\n"
    }

    static let files: [String: String] = [
        "pylon-kb.yml": "target: local\nauthor: docs@example.com\n",
        "guides/_collection.yml": "title: Guides\n",
        "guides/limits.md": page("Limits", words),
        "guides/faq.md": page("Questions", other),
    ]

    /// `files` published; returns the fixture, the knowledge base and the `limits` article.
    static func published() async throws -> (PlannerFixture, FakeKnowledgeBase, RemoteArticle) {
        let fixture = try PlannerFixture(files: files)
        var kb = FakeKnowledgeBase()
        kb.apply(try await fixture.plan(against: kb.snapshot))
        return (fixture, kb, try #require(kb.article(slug: "limits")))
    }

    @Test func anEqualSlugWithUnrelatedTextFromAnotherFileIsTwoArticles() async throws {
        let (fixture, kb, old) = try await Self.published()
        try fixture.remove("guides/limits.md")
        try fixture.write(
            "guides/quotas.md", Self.page("Quotas", (1...40).map { "quota\($0)" }, slug: "limits"))
        let plan = try await fixture.plan(against: kb.snapshot, state: kb.state)
        let step = try #require(plan.articles.first { $0.source == "guides/quotas.md" })
        #expect(step.action == .create, "\(step)")
        #expect(step.existing == nil)
        #expect(step.slugHolder?.id == old.id)
        #expect(step.reason?.contains("published from guides/limits.md") == true)
        #expect(plan.redirects.isEmpty, "no redirect from the old article to an unrelated one")
        #expect(plan.renameHints.isEmpty)
        #expect(plan.estimate.requests["deleteArticle"] == 1)
        #expect(plan.summary.articlesToRemove == 1)
        let text = PlanTextFormatter().format(plan)
        #expect(text.contains("article holding the slug: “limits”"))

        // Applied, the old article is gone and the new one has the slug.
        var after = kb
        after.apply(plan)
        #expect(after.snapshot.articles.filter { $0.slug == "limits" }.map(\.title) == ["Quotas"])
    }

    @Test func anEqualSlugWithRelatedTextFromAnotherFileIsTheSameArticle() async throws {
        let (fixture, kb, old) = try await Self.published()
        try fixture.remove("guides/limits.md")
        // Half the words kept: related, far under the threshold, and nothing closer.
        try fixture.write(
            "guides/quotas.md",
            Self.page("Limits", Array(Self.words.prefix(24)) + (1...16).map { "quota\($0)" }, slug: "limits"))
        let plan = try await fixture.plan(against: kb.snapshot, state: kb.state)
        let step = try #require(plan.articles.first { $0.source == "guides/quotas.md" })
        #expect(step.action == .update)
        #expect(step.existing?.id == old.id)
        #expect(step.slugHolder == nil)
    }

    @Test func aFileKeptAtItsPathIsTheSameArticleHoweverMuchItChanged() async throws {
        let (fixture, kb, old) = try await Self.published()
        try fixture.write("guides/limits.md", Self.page("Limits", (1...40).map { "quota\($0)" }))
        let plan = try await fixture.plan(against: kb.snapshot, state: kb.state)
        let step = try #require(plan.articles.first { $0.source == "guides/limits.md" })
        #expect(step.action == .update)
        #expect(step.existing?.id == old.id)
    }

    @Test func aLikelyRenameUnderTheThresholdIsAHintWithItsScore() async throws {
        let (fixture, kb, old) = try await Self.published()
        try fixture.remove("guides/limits.md")
        try fixture.write(
            "guides/quotas.md",
            Self.page("Limits", Array(Self.words.prefix(26)) + (1...14).map { "quota\($0)" }))
        let plan = try await fixture.plan(against: kb.snapshot, state: kb.state)
        #expect(plan.articles.first { $0.source == "guides/quotas.md" }?.action == .create)
        #expect(plan.articles.allSatisfy { $0.action != .replace })
        let hint = try #require(plan.renameHints.first)
        #expect(plan.renameHints.count == 1)
        #expect(hint.source == "guides/quotas.md")
        #expect(hint.slug == "quotas")
        #expect(hint.existing.id == old.id)
        #expect(hint.similarity > 0.3 && hint.similarity < 0.8, "\(hint.similarity)")

        let percent = "\(Int((hint.similarity * 100).rounded())) % alike"
        #expect(PlanTextFormatter().format(plan).contains("may be a rename of “limits” (\(percent)"))
        #expect(PlanMarkdownFormatter().format(plan).contains("may be a rename of “limits” (\(percent)"))
        let json = try #require(String(data: try PlanJSON.encode(plan), encoding: .utf8))
        #expect(json.contains("\"rename_hints\""))
        #expect(json.contains("\"similarity\" : \(hint.similarity)"))
        let decoded = try PlanJSON.decode(try PlanJSON.encode(plan), source: "plan.json")
        #expect(decoded.renameHints == plan.renameHints)
    }

    @Test func aPageMergedIntoAnotherIsRedirectedThere() async throws {
        let (fixture, kb, old) = try await Self.published()
        let faq = try #require(kb.article(slug: "faq"))
        try fixture.remove("guides/limits.md")
        try fixture.write("guides/faq.md", Self.page("Questions", Self.other + Self.words.prefix(34)))
        let plan = try await fixture.plan(against: kb.snapshot, state: kb.state)
        let redirect = try #require(plan.redirects.first)
        #expect(plan.redirects.count == 1)
        #expect(redirect.fromPath == old.publicPath)
        #expect(redirect.targetSource == "guides/faq.md")
        #expect(redirect.targetID == faq.id)
        #expect(redirect.reason.hasPrefix("merged"))
        let retired = try #require(plan.articles.first { $0.existing?.id == old.id })
        #expect(retired.action == .unlist, "a rename's fate (`on_rename: unlist`)")
        #expect(retired.reason?.contains("merged into guides/faq.md") == true)
        #expect(plan.warnings.allSatisfy { $0.kind != .orphan })
        #expect(PlanTextFormatter().format(plan).contains("(merged: "))
    }

    @Test func withTheMergePolicyOffAMergedPageIsAnOrdinaryOrphan() async throws {
        let (fixture, kb, _) = try await Self.published()
        try fixture.remove("guides/limits.md")
        try fixture.write("guides/faq.md", Self.page("Questions", Self.other + Self.words.prefix(34)))
        let off = try await fixture.plan(
            against: kb.snapshot, state: kb.state, options: PlanOptions(redirectMergedPages: false))
        #expect(off.redirects.isEmpty)
        #expect(off.warnings.contains { $0.kind == .orphan && $0.subject == "guides/limits" })
        #expect(off.articles.allSatisfy { $0.source != nil })

        // The same from pylon-kb.yml.
        try fixture.write(
            "pylon-kb.yml",
            "target: local\nauthor: docs@example.com\npolicies:\n  redirect_merged_pages: false\n")
        let configured = try await fixture.plan(against: kb.snapshot, state: kb.state)
        #expect(configured.redirects.isEmpty)
    }

    /// The docfx history's bug: a page for the next product version took the old version's slug,
    /// while the old version's page moved to a new slug. The old article goes with the page that
    /// reads like it, not with the one that has its name.
    @Test func anEqualSlugLosesToTheFileThatReadsMoreLikeTheOldArticle() async throws {
        let (fixture, kb, old) = try await Self.published()
        try fixture.remove("guides/limits.md")
        // Office 2019's page, renamed: the same text under a new slug.
        try fixture.write("guides/limits-2019.md", Self.page("Limits", Self.words))
        // LTSC 2021's page with the old slug: related (the products share half the text).
        try fixture.write(
            "guides/limits-2021.md",
            Self.page("Limits", Array(Self.words.prefix(24)) + (1...16).map { "ltsc\($0)" }, slug: "limits"))
        let plan = try await fixture.plan(against: kb.snapshot, state: kb.state)

        let renamed = try #require(plan.articles.first { $0.source == "guides/limits-2019.md" })
        #expect(renamed.action == .replace)
        #expect(renamed.existing?.id == old.id)
        #expect(renamed.freesSlugFirst, "the next version needs the slug, so the old article cannot stay")
        #expect(renamed.oldArticleFate == .delete)
        let next = try #require(plan.articles.first { $0.source == "guides/limits-2021.md" })
        #expect(next.action == .create)
        #expect(next.slugHolder?.id == old.id)
        #expect(plan.redirects.map(\.targetSource) == ["guides/limits-2019.md"])

        var after = kb
        after.apply(plan)
        let again = try await fixture.plan(against: after.snapshot, state: after.state)
        #expect(!again.hasChanges, "\(again.articles.map { ($0.source, $0.action) })")
    }

    /// Two pages with the same text moved together: the texts cannot tell them apart, so each
    /// keeps the article of its slug.
    @Test func onATieOfTextsTheSlugDecides() async throws {
        var files = Self.files
        files["guides/copy.md"] = Self.page("Limits", Self.words)
        let fixture = try PlannerFixture(files: files)
        var kb = FakeKnowledgeBase()
        kb.apply(try await fixture.plan(against: kb.snapshot))
        for name in ["limits", "copy"] {
            try fixture.remove("guides/\(name).md")
            try fixture.write("manuals/\(name).md", Self.page("Limits", Self.words))
        }
        try fixture.write("manuals/_collection.yml", "title: Manuals\n")
        let plan = try await fixture.plan(against: kb.snapshot, state: kb.state)
        for name in ["limits", "copy"] {
            let step = try #require(plan.articles.first { $0.source == "manuals/\(name).md" })
            #expect(step.action == .replace, "\(name): \(step.action)")
            #expect(step.existing?.slug == name)
            #expect(step.slugHolder == nil)
        }
    }
}
