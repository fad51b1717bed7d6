import Foundation
import PylonEmulator
import PylonKB
import Testing

/// Planning against a server that normalises HTML on write beyond what the canonical form
/// undoes: what it returned after the write is the baseline (see docs/drift.md).
@Suite struct StoredBaselinePlannerTests {
    static let files = PlannerFixture.base.merging([
        "guides/tips.md": """
        ---
        title: Tips
        ---
        **Fast** _setup_ with the [docs](https://example.com/docs "Docs") and `relay start`.\\
        Then **check** _the_ dashboard.
        """,
        "guides/tips.fr.md": """
        ---
        title: Astuces
        ---
        **Installation** _rapide_ avec la [documentation](https://example.com/docs "Docs").
        """,
    ]) { first, _ in first }

    /// What the server stores for `html`: the editor's re-serialisation (attributes reordered,
    /// entities and `<br />` respelled) with the whitespace between tags collapsed.
    static func normalised(_ html: String) -> String {
        EditorSanitizer.sanitize(html).replacingOccurrences(
            of: ">[ \t\n]+<", with: "><", options: .regularExpression)
    }

    /// Publishes the fixture into a pretend knowledge base whose stored bodies are normalised,
    /// recording, as apply does, what was sent and what the server returned.
    static func publishedToNormalisingServer(_ fixture: PlannerFixture) async throws -> FakeKnowledgeBase {
        var kb = FakeKnowledgeBase()
        kb.apply(try await fixture.plan(against: kb.snapshot))
        for index in kb.snapshot.articles.indices {
            let article = kb.snapshot.articles[index]
            let stored = normalised(article.publishedHTML ?? "")
            kb.snapshot.articles[index].publishedHTML = stored
            kb.snapshot.articles[index].draftHTML = stored
            let source = try #require(kb.state.articles.first { $0.value.id == article.id }?.key)
            kb.state.articles[source]?.storedBodyHashes = ["": StateHashing.bodyHash(stored)]
            kb.state.articles[source]?.storedTitles = ["": article.title]
            for (language, translation) in article.translations {
                let sent = translation.publishedHTML ?? ""
                let storedTranslation = normalised(sent)
                kb.snapshot.articles[index].translations[language] = RemoteTranslation(
                    title: translation.title, draftHTML: storedTranslation, publishedHTML: storedTranslation)
                kb.state.articles[source]?.appliedBodyHashes[language] = StateHashing.bodyHash(sent)
                kb.state.articles[source]?.appliedTitles[language] = translation.title
                kb.state.articles[source]?.storedBodyHashes?[language] = StateHashing.bodyHash(
                    storedTranslation)
                kb.state.articles[source]?.storedTitles?[language] = translation.title
            }
        }
        return kb
    }

    @Test func aNormalisingServerCausesNoChangeAndNoDrift() async throws {
        let fixture = try PlannerFixture(files: Self.files)
        let kb = try await Self.publishedToNormalisingServer(fixture)
        let plan = try await fixture.plan(against: kb.snapshot, state: kb.state)
        #expect(plan.articles.map(\.source) == [])
        #expect(plan.blockers.isEmpty)
        #expect(plan.warnings.filter { $0.kind == .articleDrift }.isEmpty)
    }

    @Test func withoutStateTheCanonicalComparisonSeesTheNormalisation() async throws {
        let fixture = try PlannerFixture(files: Self.files)
        let kb = try await Self.publishedToNormalisingServer(fixture)
        let plan = try await fixture.plan(against: kb.snapshot)
        let tips = try #require(plan.articles.first { $0.source == "guides/tips.md" })
        #expect(tips.changes == ["body", "translation:fr"])
        #expect(tips.drift == false)
        #expect(plan.blockers.isEmpty)
    }

    @Test func anEditInPylonIsStillDriftForThatArticleOnly() async throws {
        let fixture = try PlannerFixture(files: Self.files)
        var kb = try await Self.publishedToNormalisingServer(fixture)
        let index = try #require(kb.snapshot.articles.firstIndex { $0.slug == "tips" })
        let edited = try #require(
            kb.snapshot.articles[index].publishedHTML?.replacingOccurrences(
                of: "dashboard", with: "console"))
        kb.snapshot.articles[index].publishedHTML = edited
        kb.snapshot.articles[index].draftHTML = edited

        let plan = try await fixture.plan(against: kb.snapshot, state: kb.state)
        #expect(plan.articles.map(\.source) == ["guides/tips.md"])
        #expect(plan.articles.first?.changes == ["body"])
        #expect(plan.articles.first?.drift == true)
        #expect(plan.blockers.map(\.subject) == ["guides/tips.md"])
    }

    @Test func aTitleEditInPylonIsDriftAndTheServersTitleIsNot() async throws {
        let fixture = try PlannerFixture(files: Self.files)
        var kb = try await Self.publishedToNormalisingServer(fixture)
        let index = try #require(kb.snapshot.articles.firstIndex { $0.slug == "tips" })
        // The server trimmed nothing here but returned its own spelling of the title.
        kb.snapshot.articles[index].title = "Tips "
        kb.state.articles["guides/tips.md"]?.storedTitles?[""] = "Tips "
        #expect(try await fixture.plan(against: kb.snapshot, state: kb.state).articles.isEmpty)

        kb.snapshot.articles[index].title = "Tips and tricks"
        let plan = try await fixture.plan(against: kb.snapshot, state: kb.state)
        #expect(plan.articles.first?.changes == ["title"])
        #expect(plan.blockers.map(\.kind) == [.articleDrift])
    }

    @Test func aVersionOneStateFileLoadsAndPlans() async throws {
        let fixture = try PlannerFixture(files: PlannerFixture.base)
        var kb = FakeKnowledgeBase()
        kb.apply(try await fixture.plan(against: kb.snapshot))
        let articles = kb.state.articles.sorted { $0.key < $1.key }.map { source, record in
            """
            "\(source)": {"id": "\(record.id)", "identifier": "\(record.identifier ?? "")", "slug": "\(record.slug)",
              "collection_id": "\(record.collectionID ?? "")",
              "applied_body_hashes": {"": "\(record.appliedBodyHashes[""] ?? "")"},
              "applied_titles": {"": "\(record.appliedTitles[""] ?? "")"}}
            """
        }
        let collections = kb.state.collections.map { path, record in
            "\"\(path)\": {\"id\": \"\(record.id)\", \"title\": \"\(record.title)\"}"
        }
        let text = """
            {"version": 1, "knowledge_base_id": "kb-1",
             "collections": {\(collections.joined(separator: ","))},
             "articles": {\(articles.joined(separator: ",\n"))},
             "redirects": [], "images": {}}
            """
        let store = StateStore(contentRoot: fixture.root)
        try FileManager.default.createDirectory(
            at: store.url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: store.url, atomically: true, encoding: .utf8)
        guard case .loaded(let state) = store.load() else {
            Issue.record("a version-1 state file did not load")
            return
        }
        #expect(state.version == DeploymentState.currentVersion)
        #expect(state.articles.values.allSatisfy { $0.storedBodyHashes == nil })

        #expect(try await fixture.plan(against: kb.snapshot, state: state).articles.isEmpty)
        // Without stored values a person's edit is still drift, as it was in version 1.
        let index = try #require(kb.snapshot.articles.firstIndex { $0.slug == "proxies" })
        kb.snapshot.articles[index].publishedHTML = "<p>Edited in Pylon.</p>"
        let edited = try await fixture.plan(against: kb.snapshot, state: state)
        #expect(edited.blockers.map(\.kind) == [.articleDrift])
    }
}
