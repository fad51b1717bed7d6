import Foundation
import PylonAPI
import PylonKB
import Testing

/// Apply sets tags after creates and updates, creating missing tags once, and detects a server
/// without article tags once.
@Suite struct ApplyTagsTests {
    static func create(_ slug: String, tags: [String]?) -> ArticleStep {
        var desired = DesiredArticle(
            title: slug, bodyHTML: "<p>\(slug)</p>", published: true, unlisted: false, visibility: "public",
            aiAgentAccess: "inherit", allowedAgentIDs: [], authorUserID: "user-1", translations: [])
        desired.tags = tags
        return ArticleStep(
            action: .create, source: "\(slug).md", slug: slug, title: slug, collectionSlugPath: "",
            desired: desired, changes: ["new"])
    }

    static let emptyKnowledgeBase = RemoteSnapshot(
        knowledgeBase: RemoteKnowledgeBase(id: "kb", title: "Help"), collections: [], articles: [])

    static func apply(
        _ steps: [ArticleStep], on pylon: TagsFakePylon, snapshot: RemoteSnapshot = emptyKnowledgeBase,
        state: DeploymentState = DeploymentState(knowledgeBaseID: "kb")
    ) async throws -> (ApplyReport, DeploymentState) {
        let plan = Plan(knowledgeBase: PlanTarget(id: "kb", title: "Help"), articles: steps)
        return await Applier(client: try pylon.client()).apply(
            plan, context: ApplyContext(snapshot: snapshot, siteURL: nil, readImage: { _ in Data() }),
            state: state, store: nil)
    }

    @Test func createsEachMissingTagOnceThenPatchesTagIDsAndRecordsThem() async throws {
        let pylon = TagsFakePylon(tags: [
            ("t-billing", "billing", "article"), ("t-faq-acct", "faq", "account"),
        ])
        let (report, state) = try await Self.apply(
            [
                Self.create("a", tags: ["Billing", "faq"]), Self.create("b", tags: ["FAQ", "new"]),
                Self.create("c", tags: []), Self.create("d", tags: ["new"]),
            ], on: pylon)
        #expect(report.failures.isEmpty && report.warnings.isEmpty)
        // One listing, one create per value missing among article tags (an account's tag is not reused).
        #expect(pylon.requests("GET", "/tags").count == 1)
        let created = pylon.requests("POST", "/tags").compactMap { $0.body?["value"] as? String }
        #expect(created.sorted() == ["faq", "new"])
        #expect(
            pylon.requests("POST", "/tags").allSatisfy { $0.body?["object_type"] as? String == "article" })
        // The create body has no tag field; the tags follow in one PATCH per tagged article.
        #expect(pylon.requests("POST", "/knowledge-bases").allSatisfy { $0.body?["tag_ids"] == nil })
        // Nobody knew whether the server has article tags: the first PATCH asks with an empty list,
        // before any tag value is created.
        let patches = pylon.requests("PATCH", "/knowledge-bases")
        #expect(patches.count == 4)
        #expect((patches.first?.body?["tag_ids"] as? [Any])?.isEmpty == true)
        #expect(patches.allSatisfy { Set($0.body?.keys.map { $0 } ?? []) == ["tag_ids"] })
        let a = try #require(state.articles["a.md"])
        #expect(pylon.tagIDs(ofArticle: a.id)?.first == "t-billing")
        #expect(pylon.tagIDs(ofArticle: a.id)?.count == 2)
        #expect(a.appliedTags == ["Billing", "faq"])
        #expect(state.articles["b.md"]?.appliedTags == ["FAQ", "new"])
        #expect(state.articles["c.md"]?.appliedTags == nil)
        #expect(state.capabilities?.articleTags == true)
    }

    @Test func aServerWithoutArticleTagsIsProbedOnceWarnedAboutOnceAndRemembered() async throws {
        let pylon = TagsFakePylon(hasArticleTags: false)
        let steps = [
            Self.create("a", tags: ["billing"]), Self.create("b", tags: ["faq"]),
            Self.create("c", tags: ["billing"]), Self.create("d", tags: nil),
        ]
        let (report, state) = try await Self.apply(steps, on: pylon)
        #expect(report.failures.isEmpty)
        #expect(state.articles.count == 4)
        #expect(pylon.requests("PATCH", "/knowledge-bases").count == 1)
        #expect(report.warnings.count == 1)
        #expect(report.warnings.first?.contains("3 files") == true)
        #expect(state.capabilities?.articleTags == false)
        #expect(state.articles.values.allSatisfy { $0.appliedTags == nil })

        // The next run knows: no tag request at all.
        let again = TagsFakePylon(hasArticleTags: false)
        let (nextReport, _) = try await Self.apply(
            [Self.create("e", tags: ["billing"])], on: again, state: state)
        #expect(again.requests.allSatisfy { !$0.path.hasPrefix("/tags") && $0.method != "PATCH" })
        #expect(nextReport.warnings.first?.contains("1 file") == true)
    }

    @Test func anUpdateOfOnlyTagsSendsOnlyTagIDs() async throws {
        let pylon = TagsFakePylon(tags: [("t-billing", "billing", "article"), ("t-faq", "faq", "article")])
        pylon.seedArticle("art-1", tagIDs: ["t-billing"])
        var remote = RemoteArticle(
            id: "art-1", identifier: "1", slug: "a", title: "a", collectionID: nil, isPublished: true,
            draftHTML: "<p>a</p>", publishedHTML: "<p>a</p>")
        remote.tagIDs = ["t-billing"]
        var snapshot = Self.emptyKnowledgeBase
        snapshot.articles = [remote]
        snapshot.tags = [RemoteTag(id: "t-billing", value: "billing"), RemoteTag(id: "t-faq", value: "faq")]
        var step = Self.create("a", tags: ["faq"])
        step.action = .update
        step.changes = ["tags"]
        step.tags = TagChange(old: ["billing"], new: ["faq"])
        step.existing = ExistingArticle(
            id: "art-1", identifier: "1", slug: "a", title: "a", collectionID: nil, fingerprint: "")
        var state = DeploymentState(knowledgeBaseID: "kb")
        state.articles["a.md"] = .init(id: "art-1", identifier: "1", slug: "a", collectionID: nil)
        let (report, after) = try await Self.apply([step], on: pylon, snapshot: snapshot, state: state)
        #expect(report.failures.isEmpty)
        #expect(pylon.requests("GET", "/tags").isEmpty && pylon.requests("POST", "/tags").isEmpty)
        let patches = pylon.requests("PATCH", "/knowledge-bases")
        #expect(patches.count == 1)
        #expect(patches.first?.body?["tag_ids"] as? [String] == ["t-faq"])
        #expect(patches.first?.body?["body_html"] == nil)
        #expect(after.articles["a.md"]?.appliedTags == ["faq"])
    }

    @Test func aTagCreateThatMayHaveLandedIsLookedUpBeforeItIsSentAgain() async throws {
        let pylon = TagsFakePylon(failFirstCreateOf: ["new"])
        var state = DeploymentState(knowledgeBaseID: "kb")
        state.capabilities = .init(articleTags: true)
        let (report, after) = try await Self.apply([Self.create("a", tags: ["new"])], on: pylon, state: state)
        #expect(report.warnings.isEmpty && report.failures.isEmpty)
        #expect(pylon.requests("POST", "/tags").count == 1)
        #expect(pylon.requests("GET", "/tags").count == 2)
        #expect(pylon.tagValues == ["new"])
        #expect(after.articles["a.md"]?.appliedTags == ["new"])
    }

    @Test func contentWithoutTagsSendsNoTagRequest() async throws {
        let pylon = TagsFakePylon()
        let (report, _) = try await Self.apply(
            [Self.create("a", tags: []), Self.create("b", tags: nil)], on: pylon)
        #expect(report.failures.isEmpty)
        #expect(pylon.requests.allSatisfy { !$0.path.hasPrefix("/tags") && $0.method != "PATCH" })
    }
}

/// When reading the knowledge base lists tags: only when they matter.
@Suite struct SnapshotTagReadingTests {
    static func read(_ pylon: TagsFakePylon, wantsTags: Bool) async throws -> RemoteSnapshot {
        try await SnapshotReader(client: pylon.client()).read(knowledgeBaseID: "kb", wantsTags: wantsTags)
    }

    @Test func noTagsAnywhereMeansNoTagListing() async throws {
        let pylon = TagsFakePylon(tags: [("t-1", "billing", "article")])
        pylon.seedArticle("art-1")
        let snapshot = try await Self.read(pylon, wantsTags: false)
        #expect(pylon.requests("GET", "/tags").isEmpty)
        #expect(snapshot.tags == nil)
        #expect(snapshot.articles.first?.tagIDs == [])
    }

    @Test func anArticleWithTagsInPylonIsReadWithTheirValues() async throws {
        let pylon = TagsFakePylon(tags: [("t-1", "billing", "article")])
        pylon.seedArticle("art-1", tagIDs: ["t-1"])
        let snapshot = try await Self.read(pylon, wantsTags: false)
        #expect(pylon.requests("GET", "/tags").count == 1)
        #expect(snapshot.tagValues(of: snapshot.articles[0]) == ["billing"])
    }

    @Test func contentWithTagsListsThemUnlessTheServerShowsItHasNone() async throws {
        let empty = TagsFakePylon()
        _ = try await Self.read(empty, wantsTags: true)
        #expect(empty.requests("GET", "/tags").count == 1)

        let withoutTags = TagsFakePylon(hasArticleTags: false)
        withoutTags.seedArticle("art-1")
        let snapshot = try await Self.read(withoutTags, wantsTags: true)
        #expect(withoutTags.requests("GET", "/tags").isEmpty)
        #expect(snapshot.articles.first?.tagIDs == nil)
    }
}
