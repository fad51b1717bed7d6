import Foundation
import PylonKB
import Testing

/// A knowledge base published from `PlannerFixture.base`, with the state recording each
/// collection's folder (as apply does since collections can change in place).
func publishedBase(capabilities: DeploymentState.ServerCapabilities? = nil) async throws -> (
    PlannerFixture, FakeKnowledgeBase
) {
    let fixture = try PlannerFixture(files: PlannerFixture.base)
    var kb = FakeKnowledgeBase()
    kb.apply(try await fixture.plan(against: kb.snapshot))
    for key in kb.state.collections.keys { kb.state.collections[key]?.folder = key }
    kb.state.capabilities = capabilities
    return (fixture, kb)
}

@Suite struct CollectionUpdatePlanningTests {
    @Test func aRetitledCollectionIsOneUpdateAndNothingElse() async throws {
        let (fixture, kb) = try await publishedBase()
        try fixture.write("guides/_collection.yml", "title: User guides\n")
        let plan = try await fixture.plan(against: kb.snapshot, state: kb.state)
        #expect(plan.collections.isEmpty && plan.articles.isEmpty && plan.redirects.isEmpty)
        let step = try #require(plan.collectionUpdates.first)
        #expect(plan.collectionUpdates.count == 1)
        #expect(step.changes == [CollectionFieldChange(field: .title, old: "Guides", new: "User guides")])
        #expect(step.collectionID == kb.state.collections["guides"]?.id)
        // Never asked this server: the plan says apply asks once.
        #expect(step.probesCapability)
        #expect(plan.warnings.contains { $0.kind == .capability && $0.subject == "collections" })
        #expect(!plan.warnings.contains { $0.kind == .collectionTitleDrift })
        #expect(plan.estimate.requests == ["updateCollection": 1])
    }

    @Test func aKnownCapabilityIsNotAnnouncedAsAProbe() async throws {
        let (fixture, kb) = try await publishedBase(capabilities: .init(collectionUpdates: true))
        try fixture.write("guides/_collection.yml", "title: User guides\n")
        let plan = try await fixture.plan(against: kb.snapshot, state: kb.state)
        #expect(plan.collectionUpdates.first?.probesCapability == false)
        #expect(!plan.warnings.contains { $0.kind == .capability })
    }

    @Test func aSlugChangeIsTheSameCollectionByItsFolder() async throws {
        let (fixture, kb) = try await publishedBase()
        try fixture.write("guides/_collection.yml", "title: Guides\nslug: manuals\n")
        let plan = try await fixture.plan(against: kb.snapshot, state: kb.state)
        #expect(plan.collections.isEmpty, "no collection is re-created: \(plan.collections.map(\.slugPath))")
        #expect(plan.articles.isEmpty, "articles stay where they are: \(plan.articles.map(\.source))")
        let step = try #require(plan.collectionUpdates.first)
        #expect(plan.collectionUpdates.count == 1)
        #expect(step.changes == [CollectionFieldChange(field: .slug, old: "guides", new: "manuals")])
        #expect(step.oldSlugPath == "guides" && step.slugPath == "manuals")
    }

    @Test func descriptionAndVisibilityChangeInOneStep() async throws {
        let (fixture, kb) = try await publishedBase()
        try fixture.write(
            "guides/_collection.yml", "title: Guides\ndescription: How to run Relay\nvisibility: customer\n")
        let plan = try await fixture.plan(against: kb.snapshot, state: kb.state)
        let step = try #require(plan.collectionUpdates.first)
        #expect(plan.collectionUpdates.count == 1 && plan.articles.isEmpty)
        #expect(
            step.changes == [
                CollectionFieldChange(field: .description, old: nil, new: "How to run Relay"),
                CollectionFieldChange(field: .visibility, old: "public", new: "customer"),
            ])
    }

    @Test func anUnknownVisibilityIsAContentError() async throws {
        let fixture = try PlannerFixture(files: PlannerFixture.base)
        try fixture.write("guides/_collection.yml", "title: Guides\nvisibility: secret\n")
        let result = try await ContentLoader(root: fixture.root).load()
        #expect(
            result.diagnostics.contains {
                $0.severity == .error && $0.message.contains("`visibility` is \"secret\"")
            })
    }

    @Test func withoutCollectionUpdatesATitleChangeIsOnlyAWarning() async throws {
        let (fixture, kb) = try await publishedBase(capabilities: .init(collectionUpdates: false))
        try fixture.write("guides/_collection.yml", "title: User guides\n")
        let plan = try await fixture.plan(against: kb.snapshot, state: kb.state)
        #expect(!plan.hasChanges)
        let warning = try #require(plan.warnings.first { $0.kind == .collectionTitleDrift })
        #expect(warning.message.contains("titled “Guides” in Pylon but “User guides” here"))
        #expect(warning.message.contains("cannot update collections"))
    }

    @Test func withoutCollectionUpdatesASlugChangeMakesANewCollectionAsBefore() async throws {
        let (fixture, kb) = try await publishedBase(capabilities: .init(collectionUpdates: false))
        try fixture.write("guides/_collection.yml", "title: Guides\nslug: manuals\n")
        let plan = try await fixture.plan(against: kb.snapshot, state: kb.state)
        #expect(plan.collectionUpdates.isEmpty)
        #expect(plan.collections.map(\.slugPath) == ["manuals", "manuals/advanced"])
        #expect(plan.articles.filter { $0.action == .replace }.count == 3)
        let warning = try #require(plan.warnings.first { $0.kind == .capability })
        #expect(warning.message.contains("a new collection is created at “manuals”"))
    }

    @Test func aMovedFolderIsStillANewCollection() async throws {
        let (fixture, kb) = try await publishedBase(capabilities: .init(collectionUpdates: true))
        // guides/advanced moves to the top level: a new parent, which no PATCH can change.
        let proxies = try String(
            contentsOf: fixture.root.appendingPathComponent("guides/advanced/proxies.md"), encoding: .utf8)
        try fixture.remove("guides/advanced")
        try fixture.write(
            "advanced/proxies.md",
            proxies.replacingOccurrences(of: "../install.md", with: "../guides/install.md"))
        let plan = try await fixture.plan(against: kb.snapshot, state: kb.state)
        #expect(plan.collectionUpdates.isEmpty)
        #expect(plan.collections.map(\.slugPath) == ["advanced"])
    }

    @Test func theChildrenOfARenamedCollectionStayTheirOwn() async throws {
        let (fixture, kb) = try await publishedBase()
        try fixture.write("guides/_collection.yml", "title: Guides\nslug: manuals\n")
        try fixture.write("guides/advanced/_collection.yml", "title: Advanced topics\n")
        let plan = try await fixture.plan(against: kb.snapshot, state: kb.state)
        #expect(plan.collections.isEmpty && plan.articles.isEmpty)
        let child = try #require(plan.collectionUpdates.first { $0.folder == "guides/advanced" })
        #expect(child.oldSlugPath == "guides/advanced" && child.slugPath == "manuals/advanced")
        #expect(child.changes.map(\.field) == [.title])
    }

    @Test func anOlderStateIsAdoptedWithoutARequest() async throws {
        let (fixture, kb) = try await publishedBase()
        var state = kb.state
        for key in state.collections.keys { state.collections[key]?.folder = nil }
        let plan = try await fixture.plan(against: kb.snapshot, state: state)
        #expect(!plan.hasChanges)
        #expect(Set(plan.collectionAdoptions.map(\.folder)) == ["guides", "guides/advanced"])
    }

    @Test func everyFormatShowsOldAndNew() async throws {
        let (fixture, kb) = try await publishedBase()
        try fixture.write("guides/_collection.yml", "title: User guides\n")
        let plan = try await fixture.plan(against: kb.snapshot, state: kb.state)
        let text = PlanTextFormatter().format(plan)
        #expect(text.contains("~ collection guides  “User guides”"))
        #expect(text.contains("title: “Guides” → “User guides”"))
        #expect(text.contains("1 collection to update in place"))
        let markdown = PlanMarkdownFormatter().format(plan)
        #expect(markdown.contains("update collection `guides`: title: “Guides” → “User guides”"))
        let json = String(decoding: try PlanJSON.encode(plan), as: UTF8.self)
        #expect(json.contains("\"collection_updates\""))
        #expect(json.contains("\"old\" : \"Guides\""))
        #expect(try PlanJSON.decode(try PlanJSON.encode(plan), source: "plan.json") == plan)
    }

    @Test func aPlanWithoutTheNewerFieldsStillReads() throws {
        let old = """
            {"format_version": 1, "knowledge_base": {"id": "kb-1", "title": "Help"}, "collections": [],
             "images": [], "articles": [], "redirects": [], "warnings": [], "blockers": [],
             "estimate": {"requests": {}, "minimum_seconds": 0}}
            """
        let plan = try PlanJSON.decode(Data(old.utf8), source: "old.json")
        #expect(plan.collectionUpdates.isEmpty && plan.defaultAuthor == nil)
    }
}
