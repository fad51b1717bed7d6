import Foundation
import PylonKB
import Testing

/// Export writes an article's tags into its front matter and state; migrate carries them by value.
@Suite struct ExportAndMigrateTagsTests {
    static let tags = [
        RemoteTag(id: "t-start", value: "getting started"), RemoteTag(id: "t-billing", value: "Billing"),
    ]

    static func snapshot() -> RemoteSnapshot {
        var tagged = KnowledgeBaseExporterTests.article("a1", "install", html: "<p>Install it.</p>")
        tagged.tagIDs = ["t-start", "t-billing"]
        var untagged = KnowledgeBaseExporterTests.article("a2", "faq", html: "<p>Questions.</p>")
        untagged.tagIDs = []
        var snapshot = RemoteSnapshot(
            knowledgeBase: KnowledgeBaseExporterTests.kb, collections: [], articles: [tagged, untagged])
        snapshot.tags = Self.tags
        return snapshot
    }

    @Test func exportWritesSortedTagsAndAPlanRightAfterShowsNoChange() async throws {
        let snapshot = Self.snapshot()
        let export = KnowledgeBaseExporter().export(
            snapshot, options: ExportOptions(source: .knowledgeBase("kb-1"), author: "docs@example.com"))
        let install = try KnowledgeBaseExporterTests.text(export, "install.md")
        #expect(install.contains("\ntags: [Billing, getting started]\n"))
        #expect(try !KnowledgeBaseExporterTests.text(export, "faq.md").contains("tags:"))
        let state = try #require(export.state)
        #expect(state.articles["install.md"]?.appliedTags == ["Billing", "getting started"])
        #expect(state.articles["faq.md"]?.appliedTags == [])

        let (tree, diagnostics, _) = try await KnowledgeBaseExporterTests.loadBack(export)
        #expect(!diagnostics.contains { $0.severity == .error })
        #expect(tree.articles.first { $0.slug == "install" }?.tags == ["Billing", "getting started"])
        let plan = await Planner().plan(
            PlanningInput(
                content: tree, snapshot: snapshot, state: state, authorUserIDs: ["docs@example.com": "user-1"]
            ))
        #expect(plan.articles.isEmpty, "\(plan.articles.map { ($0.slug, $0.changes) })")

        // A tag added in Pylon after the export is drift.
        var edited = snapshot
        edited.articles[0].tagIDs = ["t-start"]
        let drifted = await Planner().plan(
            PlanningInput(
                content: tree, snapshot: edited, state: state, authorUserIDs: ["docs@example.com": "user-1"],
                options: PlanOptions(onDrift: .overwrite)))
        #expect(drifted.articles.first?.drift == true)
        #expect(drifted.articles.first?.changes == ["tags"])
    }

    @Test func aServerWithoutArticleTagsExportsNoTagsAndRecordsNone() throws {
        var snapshot = Self.snapshot()
        for index in snapshot.articles.indices { snapshot.articles[index].tagIDs = nil }
        snapshot.tags = nil
        let export = KnowledgeBaseExporter().export(
            snapshot, options: ExportOptions(source: .knowledgeBase("kb-1")))
        #expect(try !KnowledgeBaseExporterTests.text(export, "install.md").contains("tags:"))
        #expect(export.state?.articles["install.md"]?.appliedTags == nil)
    }

    @Test func migrateCarriesTagsByValueToTheTarget() async throws {
        let source = MigrationSource(
            snapshot: Self.snapshot(),
            options: MigrationSource.Options(targetKnowledgeBaseID: "target", author: "docs@example.com"))
        #expect(source.tree.articles.first { $0.slug == "install" }?.tags == ["getting started", "Billing"])
        #expect(source.tree.articles.first { $0.slug == "faq" }?.tags == [])

        // The target has one of the values, under its own id and spelling, on a copy made earlier.
        var copy = RemoteArticle(
            id: "target-1", identifier: "9", slug: "install", title: "Title of install", collectionID: nil,
            isPublished: true, draftHTML: "<p>Install it.</p>", publishedHTML: "<p>Install it.</p>")
        copy.tagIDs = ["x-billing"]
        var target = RemoteSnapshot(
            knowledgeBase: RemoteKnowledgeBase(id: "target", title: "New"), collections: [], articles: [copy])
        target.tags = [RemoteTag(id: "x-billing", value: "billing")]
        var input = PlanningInput(
            content: source.tree, snapshot: target, state: nil, authorUserIDs: ["docs@example.com": "user-1"],
            options: PlanOptions(onRemove: .report, renameSimilarityThreshold: .infinity))
        input.prerendered = source.prerendered
        let plan = await Planner().plan(input)
        let install = try #require(plan.articles.first { $0.slug == "install" })
        #expect(install.action == .update)
        #expect(install.tags == TagChange(old: ["billing"], new: ["getting started", "Billing"]))
        #expect(plan.articles.first { $0.slug == "faq" }?.desired?.tags == [])
    }
}
