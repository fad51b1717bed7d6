import Foundation
import PylonAPI
import PylonEmulator
import PylonKB
import Testing

/// `pylon-kb export` as a team adopting pylon-kb runs it: publish, export, and the exported
/// folder plans as "no changes" against the knowledge base it came from.
@Suite(.serialized) struct ExportEndToEndTests {
    static let ddgCorpus = EndToEndHarness.packageRoot.deletingLastPathComponent()
        .appendingPathComponent("shared/corpora/ddg-help", isDirectory: true)

    /// A fresh folder beside the harness's content folder (removed with the system's temp files).
    static func outputFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString)")
    }

    static func files(under folder: URL) throws -> [String] {
        try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { path in
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(
                atPath: folder.appendingPathComponent(path).path, isDirectory: &isDirectory)
            return exists && !isDirectory.boolValue
        }.sorted()
    }

    /// `plan DIR --out plan.json`, decoded.
    static func plan(_ harness: EndToEndHarness, folder: URL) async throws -> (EndToEndHarness.Result, Plan) {
        let planFile = folder.deletingLastPathComponent().appendingPathComponent(
            "plan-\(UUID().uuidString).json")
        let result = try await harness.run([
            "plan", folder.path, "--detailed-exitcode", "--out", planFile.path,
        ])
        let plan = try PlanJSON.decode(try Data(contentsOf: planFile), source: planFile.path)
        try? FileManager.default.removeItem(at: planFile)
        return (result, plan)
    }

    @Test(arguments: ServerProfile.all)
    func sampleContentExportsAndPlansAsNoChanges(server: ServerProfile) async throws {
        // site_url as in the sample content, so links are absolute and export must find it.
        let harness = try await EndToEndHarness(
            configuration:
                "knowledge_base: \(EndToEndHarness.knowledgeBaseID)\nauthor: docs@example.com\nsite_url: https://help.relay.example.com\n",
            profile: server
        )
        defer { Task { await harness.close() } }
        #expect(try await harness.succeeds(["apply", "--auto-approve"]))
        let out = Self.outputFolder()
        defer { try? FileManager.default.removeItem(at: out) }

        let export = try await harness.run(["export", "--out", out.path])
        #expect(export.status == 0, "\(export.output)")
        let remote = try await harness.articles()
        #expect(
            export.stdout.contains(
                "Exported \(remote.count) articles (1 unpublished), 5 collections, 1 translation and 0 images"
            ))

        let files = try Self.files(under: out)
        #expect(files.filter { $0.hasSuffix(".md") && !$0.hasSuffix(".fr.md") }.count == remote.count)
        #expect(files.contains("getting-started/quick-start.fr.md"))
        #expect(files.contains(".pylon-kb/state.json"))
        let configuration = try String(
            contentsOf: out.appendingPathComponent("pylon-kb.yml"), encoding: .utf8)
        #expect(configuration.contains("knowledge_base: \(EndToEndHarness.knowledgeBaseID)\n"))
        #expect(configuration.contains("author: docs@example.com\n"))
        #expect(configuration.contains("site_url: https://help.relay.example.com\n"))

        // Links between articles are relative Markdown links again, anchors kept.
        let quickStart = try String(
            contentsOf: out.appendingPathComponent("getting-started/quick-start.md"), encoding: .utf8)
        #expect(quickStart.contains("(invite-your-team.md#roles-and-permissions)"))
        #expect(quickStart.contains("(../routing/routing-rules.md)"))
        #expect(!quickStart.contains("/articles/"))

        let (plan, decoded) = try await Self.plan(harness, folder: out)
        #expect(plan.status == 0, "\(plan.output)")
        #expect(plan.stdout.contains("No changes"))
        #expect(!decoded.hasChanges)
        #expect(decoded.warnings.isEmpty, "\(decoded.warnings.map(\.message))")
    }

    @Test(arguments: ServerProfile.all)
    func draftsAndTranslationsAreExportedAsTheyAre(server: ServerProfile) async throws {
        let harness = try await EndToEndHarness(profile: server)
        defer { Task { await harness.close() } }
        #expect(try await harness.succeeds(["apply", "--auto-approve"]))
        let out = Self.outputFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        #expect(try await harness.succeeds(["export", "--out", out.path]))

        let draft = try String(
            contentsOf: out.appendingPathComponent("integrations/pagerduty-migration.md"), encoding: .utf8)
        #expect(draft.hasPrefix("---\ntitle: Move your on-call from PagerDuty\npublished: false\n---\n"))
        let remoteDraft = try #require(try await harness.article(slug: "pagerduty-migration"))
        #expect(remoteDraft.isPublished == false)
        #expect(draft.contains("*Draft: this guide is being reviewed by the integrations team"))

        let french = try String(
            contentsOf: out.appendingPathComponent("getting-started/quick-start.fr.md"), encoding: .utf8)
        #expect(french.hasPrefix("---\ntitle: Configurer Relay en dix minutes\n---\n\nRelay offre"))
        // Only the one real translation: Pylon answers `?language=fr` with the original
        // article where there is none, and that is not exported as a translation.
        let translations = try Self.files(under: out).filter { $0.hasSuffix(".fr.md") }
        #expect(translations == ["getting-started/quick-start.fr.md"])

        // A folder whose file name differs from its slug keeps the slug in front matter.
        let connectEmail = try String(
            contentsOf: out.appendingPathComponent("getting-started/connect-email.md"), encoding: .utf8)
        #expect(connectEmail.hasPrefix("---\ntitle: Connect your support inbox\n"))
        #expect(try await Self.plan(harness, folder: out).0.status == 0)
    }

    @Test func aPendingDraftIsReportedAndGuardedAsDrift() async throws {
        let harness = try await EndToEndHarness()
        defer { Task { await harness.close() } }
        #expect(try await harness.succeeds(["apply", "--auto-approve"]))
        // Someone edits a published article in Pylon without publishing the edit.
        let slack = try #require(try await harness.article(slug: "slack"))
        let published = try #require(slack.currentPublishedContentHTML)
        _ = try await harness.client.updateArticle(
            knowledgeBaseID: EndToEndHarness.knowledgeBaseID, id: try #require(slack.id),
            UpdateArticleRequest(bodyHTML: "<p>Unpublished rewrite.</p>", publishUpdatedBodyHTML: false))

        let out = Self.outputFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let export = try await harness.run(["export", "--out", out.path])
        #expect(export.status == 0, "\(export.output)")
        #expect(
            export.stderr.contains(
                "integrations/slack.md: “\(slack.title ?? "")” has unpublished draft changes in Pylon"))
        let file = out.appendingPathComponent("integrations/slack.md")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(!text.contains("Unpublished rewrite"))
        #expect(
            text.contains(try #require(published.firstMatch(of: /<p>([A-Za-z ,]+)/).map { String($0.1) })))
        // What readers see is unchanged, so no changes…
        #expect(try await Self.plan(harness, folder: out).0.status == 0)
        // …but an edit would overwrite the unpublished draft: that is drift, and stops.
        try (text + "\nOne more line.\n").write(to: file, atomically: true, encoding: .utf8)
        let (plan, decoded) = try await Self.plan(harness, folder: out)
        #expect(plan.status == 1, "\(plan.output)")
        #expect(
            decoded.blockers.contains { $0.kind == .articleDrift && $0.subject == "integrations/slack.md" })
    }

    @Test func aServerThatReserializesHTMLStillRoundTrips() async throws {
        let harness = try await EndToEndHarness(sanitize: true)
        defer { Task { await harness.close() } }
        #expect(try await harness.succeeds(["apply", "--auto-approve"]))
        let out = Self.outputFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        #expect(try await harness.succeeds(["export", "--out", out.path, "--download-images"]))
        let (plan, decoded) = try await Self.plan(harness, folder: out)
        #expect(plan.status == 0, "\(plan.output)")
        #expect(!decoded.hasChanges)
    }

    @Test func kbFlagNeedsNoConfigurationAndAnUnknownKBIsAnError() async throws {
        let harness = try await EndToEndHarness()
        defer { Task { await harness.close() } }
        #expect(try await harness.succeeds(["apply", "--auto-approve"]))
        let empty = Self.outputFolder()
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let out = Self.outputFolder()
        defer {
            try? FileManager.default.removeItem(at: empty)
            try? FileManager.default.removeItem(at: out)
        }
        let export = try await harness.run([
            "export", empty.path, "--kb", EndToEndHarness.knowledgeBaseID, "--out", out.path,
        ])
        #expect(export.status == 0, "\(export.output)")
        let configuration = try String(
            contentsOf: out.appendingPathComponent("pylon-kb.yml"), encoding: .utf8)
        #expect(configuration.contains("\nknowledge_base: kb-e2e\n# author: "))

        let missing = Self.outputFolder()
        let unknown = try await harness.run(["export", "--kb", "no-such-kb", "--out", missing.path])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("error: Could not read knowledge base no-such-kb"))
        #expect(!FileManager.default.fileExists(atPath: missing.path))
    }

    @Test func refusesANonEmptyFolderUnlessForced() async throws {
        let harness = try await EndToEndHarness()
        defer { Task { await harness.close() } }
        #expect(try await harness.succeeds(["apply", "--auto-approve"]))
        let out = Self.outputFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        try EndToEndHarness.write("keep me\n", to: out.appendingPathComponent("notes.txt"))

        let refused = try await harness.run(["export", "--out", out.path])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("is not empty"))
        #expect(refused.stderr.contains("--force"))
        #expect(try Self.files(under: out) == ["notes.txt"])

        let forced = try await harness.run(["export", "--out", out.path, "--force"])
        #expect(forced.status == 0, "\(forced.output)")
        let files = try Self.files(under: out)
        #expect(files.contains("notes.txt"))
        #expect(files.contains("faq.md"))
        #expect(
            try String(contentsOf: out.appendingPathComponent("notes.txt"), encoding: .utf8) == "keep me\n")

        // A file where the folder should be is refused with a clear message.
        let file = Self.outputFolder()
        try EndToEndHarness.write("x", to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let notFolder = try await harness.run(["export", "--out", file.path, "--force"])
        #expect(notFolder.status == 1)
        #expect(notFolder.stderr.contains("is not a folder"))
    }

    @Test func downloadedImagesArePublishedAsTheSameContent() async throws {
        let harness = try await EndToEndHarness()
        defer { Task { await harness.close() } }
        #expect(try await harness.succeeds(["apply", "--auto-approve"]))
        let out = Self.outputFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try await harness.run(["export", "--out", out.path, "--download-images"])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.stdout.contains("and 2 images"))

        let images = try Self.files(under: out).filter { $0.contains("/images/") }
        #expect(images == ["getting-started/images/inbox-overview.png", "routing/images/routing-flow.png"])
        for image in images {
            let exported = try Data(contentsOf: out.appendingPathComponent(image))
            let original = try Data(contentsOf: harness.root.appendingPathComponent(image))
            #expect(exported == original, "\(image) differs from the image that was uploaded")
        }
        let quickStart = try String(
            contentsOf: out.appendingPathComponent("getting-started/quick-start.md"), encoding: .utf8)
        #expect(quickStart.contains("](images/inbox-overview.png)"))
        #expect(!quickStart.contains("/attachments/"))

        // The state file knows the uploaded URLs, so the local images render to the same
        // HTML and nothing is uploaded again.
        await harness.emulator.resetRequestLog()
        let (plan, decoded) = try await Self.plan(harness, folder: out)
        #expect(plan.status == 0, "\(plan.output)")
        #expect(decoded.images.isEmpty)
        let apply = try await harness.run(["apply", out.path, "--auto-approve"])
        #expect(apply.status == 0, "\(apply.output)")
        #expect(await harness.writes().isEmpty)
    }

    @Test func theLocalKnowledgeBaseExportsWithItsImages() async throws {
        let harness = try await EndToEndHarness(configuration: "target: local\nauthor: docs@example.com\n")
        defer { Task { await harness.close() } }
        // Any free port each run: the export runs the local knowledge base on another port
        // than the one its stored attachment URLs name, as after a restart.
        let anyPort = ["PYLON_KB_LOCAL_PORT": "0"]
        let publish = try await harness.run(["apply", "--auto-approve"], environment: anyPort)
        #expect(publish.status == 0, "\(publish.output)")
        let out = Self.outputFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let export = try await harness.run(
            ["export", "--out", out.path, "--download-images"], environment: anyPort)
        #expect(export.status == 0, "\(export.output)")
        #expect(export.stdout.contains("and 2 images"))
        #expect(!export.stderr.contains("warning"))
        for image in ["getting-started/images/inbox-overview.png", "routing/images/routing-flow.png"] {
            #expect(
                try Data(contentsOf: out.appendingPathComponent(image))
                    == Data(contentsOf: harness.root.appendingPathComponent(image)))
        }
        let configuration = try String(
            contentsOf: out.appendingPathComponent("pylon-kb.yml"), encoding: .utf8)
        #expect(configuration.contains("\ntarget: local\nauthor: docs@example.com\n"))
        // The exported folder has a local knowledge base of its own, so no state file.
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent(".pylon-kb").path))

        // Publishing the export to its own local knowledge base, then planning, changes nothing.
        let apply = try await harness.run(["apply", out.path, "--auto-approve"], environment: anyPort)
        #expect(apply.status == 0, "\(apply.output)")
        let plan = try await harness.run(["plan", out.path, "--detailed-exitcode"], environment: anyPort)
        #expect(plan.status == 0, "\(plan.output)")
    }

    @Test func hostileSlugsGetSafeFileNames() async throws {
        let harness = try await EndToEndHarness(copyingSample: false)
        defer { Task { await harness.close() } }
        // Pylon's real rate limits would make these creates take a minute.
        let client = try PylonClient(
            configuration: PylonClientConfiguration(
                baseURL: harness.emulator.baseURL, token: EndToEndHarness.token, rateLimitScale: 1000))
        let kb = EndToEndHarness.knowledgeBaseID
        let author = try #require(try await client.searchUsers(email: "docs@example.com").first?.id)
        let collection = try await client.createCollection(
            knowledgeBaseID: kb, CreateCollectionRequest(title: "Images", slug: "images"))
        // The emulator, like Pylon, refuses a `/` in a slug; everything else here it stores.
        let slugs = [
            "..", "%2e%2e", "a\\b", "CON", "FAQ", "faq", "install.fr", "_hidden", ".git", "tab\there",
            "ünïcødé",
            "images",
        ]
        for slug in slugs {
            _ = try await client.createArticle(
                knowledgeBaseID: kb,
                CreateArticleRequest(
                    title: "Slug \(slug)", bodyHTML: "<p>\(slug.count)</p>", authorUserID: author, slug: slug,
                    collectionID: slug == "images" ? collection.id : nil, isPublished: true))
        }
        let out = Self.outputFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try await harness.run(["export", "--out", out.path])
        #expect(result.status == 0, "\(result.output)")
        let files = try Self.files(under: out)
        #expect(
            files == [
                ".pylon-kb/state.json", "2e-2e.md", "a-b.md", "article.md", "con-2.md", "faq-2.md", "faq.md",
                "git.md", "hidden.md", "images-2/_collection.yml", "images-2/images.md", "install-fr.md",
                "n-c-d.md", "pylon-kb.yml", "tab-here.md",
            ])
        // Every file still publishes to its article: the original slug is in front matter.
        #expect(
            try String(contentsOf: out.appendingPathComponent("article.md"), encoding: .utf8).contains(
                "slug: \"..\"\n"))
        #expect(
            try String(contentsOf: out.appendingPathComponent("tab-here.md"), encoding: .utf8).contains(
                "slug: \"tab\\there\"\n"))
        #expect(
            try String(contentsOf: out.appendingPathComponent("faq-2.md"), encoding: .utf8).contains(
                "slug: FAQ\n"))
        #expect(
            !(try String(contentsOf: out.appendingPathComponent("faq.md"), encoding: .utf8).contains("slug:"))
        )
        // `images/` is where a folder's images go, so a collection of that name gets another.
        #expect(
            try String(contentsOf: out.appendingPathComponent("images-2/_collection.yml"), encoding: .utf8)
                == "title: Images\nslug: images\n")
        #expect(result.stderr.contains("is not valid"))
    }
}
