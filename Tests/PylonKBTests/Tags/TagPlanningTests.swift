import Foundation
import PylonKB
import Testing

/// Planning `tags:` against a knowledge base whose articles carry tags (or not).
@Suite struct TagPlanningTests {
    static let tags = [
        RemoteTag(id: "t-billing", value: "billing"),
        RemoteTag(id: "t-start", value: "Getting started"),
        RemoteTag(id: "t-faq", value: "faq"),
        RemoteTag(id: "t-account-billing", value: "billing", objectType: "account"),
    ]

    static func files(tags: String?) -> [String: String] {
        let line = tags.map { "tags: \($0)\n" } ?? ""
        return [
            "pylon-kb.yml": "target: local\nauthor: docs@example.com\n",
            "install.md": "---\ntitle: Install\n\(line)---\nDownload and run the installer.\n",
        ]
    }

    /// Published once from `files`, on a server with article tags; the article then carries
    /// `remoteTags` (ids) in Pylon, and the state says `appliedTags` were last applied.
    static func published(
        tags: String?, remoteTags: [String], appliedTags: [String]? = nil
    ) async throws -> (PlannerFixture, FakeKnowledgeBase) {
        let fixture = try PlannerFixture(files: files(tags: tags))
        var kb = FakeKnowledgeBase()
        kb.apply(try await fixture.plan(against: kb.snapshot))
        for index in kb.snapshot.articles.indices { kb.snapshot.articles[index].tagIDs = remoteTags }
        kb.snapshot.tags = Self.tags
        kb.state.articles["install.md"]?.appliedTags = appliedTags
        return (fixture, kb)
    }

    @Test func addingATagIsATagsChangeWithOldAndNewValuesInEveryFormat() async throws {
        let (fixture, kb) = try await Self.published(tags: "[billing, faq]", remoteTags: ["t-billing"])
        let plan = try await fixture.plan(against: kb.snapshot, state: kb.state)
        let step = try #require(plan.articles.first)
        #expect(plan.articles.count == 1)
        #expect(step.action == .update && step.changes == ["tags"] && !step.drift)
        #expect(step.tags == TagChange(old: ["billing"], new: ["billing", "faq"]))
        #expect(step.desired?.tags == ["billing", "faq"])
        #expect(PlanTextFormatter().format(plan).contains("tags: billing → billing, faq"))
        #expect(PlanMarkdownFormatter().format(plan).contains("Tags: billing → billing, faq"))
        let object = try JSONSerialization.jsonObject(with: PlanJSON.encode(plan)) as? [String: Any]
        let articles = object?["articles"] as? [[String: Any]]
        let tags = articles?.first?["tags"] as? [String: [String]]
        #expect(tags == ["old": ["billing"], "new": ["billing", "faq"]])
        #expect(try PlanJSON.decode(PlanJSON.encode(plan), source: "plan.json") == plan)
    }

    @Test func removingTheTagsKeyRemovesTheTagsInPylon() async throws {
        let (fixture, kb) = try await Self.published(tags: nil, remoteTags: ["t-billing", "t-start"])
        let plan = try await fixture.plan(against: kb.snapshot, state: kb.state)
        #expect(plan.articles.first?.tags == TagChange(old: ["billing", "Getting started"], new: []))
        #expect(PlanTextFormatter().format(plan).contains("tags: billing, Getting started → (none)"))
    }

    @Test func anotherOrderOrCaseIsNoChange() async throws {
        let (fixture, kb) = try await Self.published(
            tags: "[FAQ, getting started, Billing]", remoteTags: ["t-billing", "t-start", "t-faq"],
            appliedTags: ["billing", "faq", "getting started"])
        let plan = try await fixture.plan(against: kb.snapshot, state: kb.state)
        #expect(plan.articles.isEmpty)
        #expect(!plan.hasChanges)
    }

    @Test func aTagChangedInPylonSinceTheLastApplyIsDrift() async throws {
        let (fixture, kb) = try await Self.published(
            tags: "[billing]", remoteTags: ["t-billing", "t-faq"], appliedTags: ["billing"])
        let blocked = try await fixture.plan(
            against: kb.snapshot, state: kb.state, options: PlanOptions(onDrift: .fail))
        #expect(blocked.articles.first?.drift == true)
        #expect(blocked.blockers.map(\.kind) == [.articleDrift])
        let skipped = try await fixture.plan(
            against: kb.snapshot, state: kb.state, options: PlanOptions(onDrift: .skip))
        #expect(skipped.articles.isEmpty)

        // Without a record of applied tags there is nothing to call drift.
        var unrecorded = kb.state
        unrecorded.articles["install.md"]?.appliedTags = nil
        let plan = try await fixture.plan(
            against: kb.snapshot, state: unrecorded, options: PlanOptions(onDrift: .fail))
        #expect(plan.articles.first?.drift == false)
        #expect(plan.blockers.isEmpty)
    }

    @Test func createsCarryTheirTags() async throws {
        let fixture = try PlannerFixture(files: Self.files(tags: "[billing, \"getting started\"]"))
        let plan = try await fixture.plan(against: FakeKnowledgeBase().snapshot)
        #expect(plan.articles.first?.action == .create)
        #expect(plan.articles.first?.desired?.tags == ["billing", "getting started"])
        #expect(PlanTextFormatter().format(plan).contains("tags: billing, getting started"))
    }

    @Test func aServerWithoutArticleTagsGetsNoneAndOneWarning() async throws {
        var files = Self.files(tags: "[billing]")
        files["faq.md"] = "---\ntitle: FAQ\ntags: faq\n---\nQuestions.\n"
        files["new.md"] = "---\ntitle: New\ntags: faq\n---\nNew page.\n"
        let fixture = try PlannerFixture(files: files)
        var kb = FakeKnowledgeBase()
        let first = try await fixture.plan(against: kb.snapshot)
        kb.apply(first)
        // The server sent no tag field: FakeKnowledgeBase articles have `tagIDs == nil`.
        try fixture.write("newer.md", "---\ntitle: Newer\ntags: faq\n---\nNewer page.\n")
        let plan = try await fixture.plan(against: kb.snapshot, state: kb.state)
        #expect(plan.articles.map(\.action) == [.create])
        #expect(plan.articles.first?.desired?.tags == nil)
        let notes = plan.warnings.filter { $0.message.contains("no article tags") }
        #expect(notes.count == 1)
        #expect(notes.first?.message.contains("4 files") == true)
    }

    @Test func anEmptyKnowledgeBaseRemembersTheServerHasNoTags() async throws {
        let fixture = try PlannerFixture(files: Self.files(tags: "[billing]"))
        var state = DeploymentState(knowledgeBaseID: "kb-1")
        state.capabilities = .init(articleTags: false)
        let plan = try await fixture.plan(against: FakeKnowledgeBase().snapshot, state: state)
        #expect(plan.articles.first?.desired?.tags == nil)
        #expect(plan.warnings.contains { $0.message.contains("no article tags") })
    }

    @Test func remoteTagValuesComeThroughTheListingInTheArticlesOrder() {
        var article = RemoteArticle(
            id: "a", identifier: nil, slug: "a", title: "A", collectionID: nil, isPublished: true,
            draftHTML: nil, publishedHTML: nil)
        article.tagIDs = ["t-faq", "t-gone", "t-billing"]
        var snapshot = FakeKnowledgeBase().snapshot
        #expect(snapshot.tagValues(of: article).isEmpty)
        snapshot.tags = Self.tags
        #expect(snapshot.tagValues(of: article) == ["faq", "billing"])
    }
}
