import Foundation
import PylonKB
import Testing

@Suite struct PlanOutputTests {
    /// A plan with every kind of item: collection and image to create, article create, update,
    /// replace (rename and move), removal, redirects, warnings and a blocker.
    static func everythingPlan() async throws -> Plan {
        var files = PlannerFixture.base
        files["guides/old-faq.md"] =
            "---\ntitle: Old FAQ\n---\nQuestions people asked in 2019 about the legacy agent.\n"
        files["guides/tour.md"] =
            "---\ntitle: Tour\n---\nA tour of the dashboard, the inbox and the reports.\n"
        let fixture = try PlannerFixture(files: files)
        var kb = FakeKnowledgeBase()
        kb.apply(try await fixture.plan(against: kb.snapshot))

        // Edit, rename with previous_slugs, move, delete, add, new collection, image, legacy path.
        try fixture.write(
            "guides/install.md",
            "---\ntitle: Install Relay\nredirect_from: [/hc/en-us/articles/123-install]\n---\nDownload the agent, verify its checksum and run the installer. See [configuration](configuration.md#tokens).\n\n![Diagram](images/diagram.png)\n"
        )
        try fixture.write("guides/images/diagram.png", "not really a png")
        try fixture.remove("guides/configure.md")
        try fixture.write(
            "guides/configuration.md",
            "---\ntitle: Configure Relay\nprevious_slugs: [configure]\n---\n## Tokens\n\nCreate an API token under Settings and paste it into the agent's configuration file. Restart the agent so it picks up the new token, then check the dashboard.\n"
        )
        try fixture.remove("guides/advanced/proxies.md")
        try fixture.write("guides/proxies.md", "---\ntitle: Proxies\n---\nRelay honours HTTPS_PROXY.\n")
        try fixture.remove("guides/old-faq.md")
        try fixture.write("billing/_collection.yml", "title: Billing\n")
        try fixture.write(
            "billing/invoices.md", "---\ntitle: Invoices\n---\n> [!NOTE]\n> Invoices are sent on the 1st.\n")
        // Somebody edited the tour in Pylon.
        let tour = try #require(kb.snapshot.articles.firstIndex { $0.slug == "tour" })
        kb.snapshot.articles[tour].publishedHTML = "<p>A tour, edited in Pylon.</p>"
        try fixture.write(
            "guides/tour.md",
            "---\ntitle: Tour\n---\nA tour of the dashboard, the inbox, reports and settings.\n")

        let tree = try await fixture.load()
        let input = PlanningInput(
            content: tree, snapshot: kb.snapshot, state: kb.state,
            images: [
                "guides/images/diagram.png": LocalImage(sha256: "ab12", byteCount: 16, mediaType: "image/png")
            ],
            authorUserIDs: ["docs@example.com": "user-1"], options: PlanOptions(onRemove: .delete))
        return await Planner().plan(input)
    }

    @Test func textFormat() async throws {
        let plan = try await Self.everythingPlan()
        #expect(plan.summary.articlesToReplace == 2)
        #expect(plan.summary.articlesToRemove == 1)
        try GoldenFile.assertMatches(
            PlanTextFormatter().format(plan), folder: "Planning", name: "everything.txt")
        let colored = PlanTextFormatter(color: true).format(plan)
        #expect(colored.contains("\u{1B}[32m+\u{1B}[0m"))
    }

    @Test func markdownFormat() async throws {
        let plan = try await Self.everythingPlan()
        try GoldenFile.assertMatches(
            PlanMarkdownFormatter().format(plan), folder: "Planning", name: "everything.md")
    }

    @Test func jsonFormatRoundTrips() async throws {
        let plan = try await Self.everythingPlan()
        let data = try PlanJSON.encode(plan)
        try GoldenFile.assertMatches(
            String(decoding: data, as: UTF8.self), folder: "Planning", name: "everything.json")
        #expect(try PlanJSON.decode(data, source: "plan.json") == plan)
    }

    /// Every key a plan's JSON can hold is one docs/plan-format.md names, spelled the same way
    /// (a key Foundation's snake-casing mangled, `allowed_agent_i_ds`, once slipped through).
    @Test func jsonKeysAreTheDocumentedOnes() async throws {
        let plan = try await Self.everythingPlan()
        let json = try JSONSerialization.jsonObject(with: try PlanJSON.encode(plan))
        let documentation = try String(
            contentsOf: GoldenFile.snapshotsDirectory.deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("docs/plan-format.md"),
            encoding: .utf8)
        let documented = Set(
            documentation.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") }).map(
                String.init))
        var keys: Set<String> = []
        func collect(_ value: Any, underEstimateRequests: Bool) {
            if let object = value as? [String: Any] {
                for (key, child) in object {
                    // `estimate.requests` is keyed by endpoint name, not by schema field.
                    if !underEstimateRequests { keys.insert(key) }
                    collect(child, underEstimateRequests: key == "requests")
                }
            } else if let array = value as? [Any] {
                for child in array { collect(child, underEstimateRequests: false) }
            }
        }
        collect(json, underEstimateRequests: false)
        #expect(keys.count > 40, "the plan should exercise most of the schema")
        let undocumented = keys.subtracting(documented).sorted()
        #expect(undocumented.isEmpty, "keys missing from docs/plan-format.md: \(undocumented)")
        #expect(keys.allSatisfy { !$0.contains("_i_d") }, "acronyms are spelled as words")
    }

    @Test func jsonOfAnotherVersionIsRefused() throws {
        let data = Data(#"{"format_version": 99}"#.utf8)
        #expect(throws: PlanJSON.ReadError.self) { try PlanJSON.decode(data, source: "plan.json") }
        do {
            _ = try PlanJSON.decode(data, source: "plan.json")
        } catch {
            #expect(error.description.contains("format 99"))
        }
    }

    @Test func markdownOfAHugePlanStaysUnderGitHubsLimit() {
        var plan = Plan(knowledgeBase: PlanTarget(id: "kb-1", title: "Big"))
        for number in 0..<3000 {
            let lines = (0..<30).map { "Line \($0) of article \(number), with enough words to matter." }
            plan.articles.append(
                ArticleStep(
                    action: .update, source: "section-\(number % 40)/article-\(number).md",
                    slug: "article-\(number)",
                    title: "Article \(number)", collectionSlugPath: "section-\(number % 40)",
                    changes: ["body"],
                    diff: TextDiff(old: lines, new: lines.map { $0 + " Changed." })))
            plan.warnings.append(
                PlanNote(kind: .orphan, subject: "old-\(number)", message: "No source file."))
        }
        plan.estimate = PlanEstimate(requests: ["updateArticle": 3000], minimumSeconds: 9000)
        let markdown = PlanMarkdownFormatter().format(plan)
        #expect(markdown.count < PlanMarkdownFormatter.githubCommentLimit)
        #expect(markdown.contains("| ✏️ Articles to update | 3000 |"))
        #expect(markdown.contains("more entries are not shown"))
    }

    /// A title-only change shows the old and the new title in every format (the pull-request
    /// comment showed an empty collapsible block).
    @Test func titleOnlyChangeShowsOldAndNewTitle() throws {
        var plan = Plan(knowledgeBase: PlanTarget(id: "kb-1", title: "Help"))
        plan.articles.append(
            ArticleStep(
                action: .update, source: "guides/install.md", slug: "install", title: "Install Relay",
                collectionSlugPath: "guides",
                existing: ExistingArticle(
                    id: "a1", identifier: "123", slug: "install", title: "Install", collectionID: "c1",
                    fingerprint: "f"),
                changes: ["title"]))
        #expect(PlanTextFormatter().format(plan).contains("title: “Install” → “Install Relay”"))
        #expect(PlanMarkdownFormatter().format(plan).contains("Title: “Install” → “Install Relay”."))
        let json = String(decoding: try PlanJSON.encode(plan), as: UTF8.self)
        #expect(json.contains("\"title\" : \"Install\"") || json.contains("\"title\":\"Install\""))
        #expect(json.contains("Install Relay"))
    }
}
