import Foundation
import PylonAPI
import PylonEmulator
import PylonKB
import Testing

/// The main job, as a user runs it: the built binary, the sample content, a Pylon stand-in.
@Suite(.serialized) struct PublishEndToEndTests {
    @Test(arguments: ServerProfile.all) func firstPublishCreatesEverythingWithRealLinksAndImages(
        server: ServerProfile
    ) async throws {
        let harness = try await EndToEndHarness(profile: server)
        defer { Task { await harness.close() } }
        let result = try await harness.run(["apply", "--auto-approve"])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.stdout.contains("Live URLs:"))

        let articles = try await harness.articles()
        let markdownFiles = try FileManager.default.subpathsOfDirectory(atPath: harness.root.path).filter {
            $0.hasSuffix(".md") && !$0.contains(".fr.") && !$0.hasPrefix("_") && !$0.contains("/_")
        }
        #expect(articles.count == markdownFiles.count)
        let paths = Set(
            articles.compactMap { article in article.identifier.map { "/articles/\($0)-\(article.slug!)" } })
        for article in articles {
            let html = article.currentDraftContentHTML ?? ""
            #expect(!html.contains("pylon-kb-"), "placeholder left in \(article.slug!)")
            #expect(!html.contains(".md\""), "unresolved Markdown link in \(article.slug!)")
            for match in html.matches(of: /href="(\/articles\/[^"#]+)/) {
                #expect(
                    paths.contains(String(match.1)),
                    "\(article.slug!) links to \(match.1), which is no article")
            }
            for match in html.matches(of: /<img [^>]*src="([^"]+)"/) {
                #expect(match.1.hasPrefix(harness.emulator.baseURL.absoluteString + "/attachments/"))
            }
        }
        // Each stored body is exactly the renderer's output, with links to the articles' real
        // public paths and images at their uploaded URLs (as recorded in the state file).
        guard case .loaded(let state) = StateStore(contentRoot: harness.root).load() else {
            Issue.record("apply left no state file")
            return
        }
        let tree = try await ContentLoader(root: harness.root).load().tree
        let images = ImageCatalog.hash(paths: tree.files.filter { $0.hasSuffix(".png") }, root: harness.root)
        var urls: [String: String] = [:]
        for article in tree.articles {
            guard let record = state.articles[article.path], let identifier = record.identifier else {
                continue
            }
            urls[article.path] = "/articles/\(identifier)-\(record.slug)"
            for translation in article.translations { urls[translation.path] = urls[article.path] }
        }
        let articleURLs = urls
        let imageURLs = images.compactMapValues { state.images[$0.sha256]?.url }
        let resolver = LinkResolver(articleURL: { articleURLs[$0] }, imageURL: { imageURLs[$0] })
        let bySlug = Dictionary(articles.map { ($0.slug!, $0) }, uniquingKeysWith: { a, _ in a })
        for article in tree.articles {
            let expected = Renderer().render(article.renderInput, resolver: resolver).html
            #expect(
                bySlug[article.slug]?.currentDraftContentHTML == harness.storedForm(of: expected),
                "\(article.path) differs from its rendering")
        }

        let translated = try await harness.client.listArticles(
            knowledgeBaseID: EndToEndHarness.knowledgeBaseID, language: "fr")
        #expect(
            translated.contains { $0.title != nil && $0.currentDraftContentHTML?.contains("lang") == false })

        await harness.emulator.resetRequestLog()
        let plan = try await harness.run(["plan", "--detailed-exitcode"])
        #expect(plan.status == 0, "\(plan.output)")
        #expect(plan.stdout.contains("Plan: no changes."))
        let again = try await harness.run(["apply", "--auto-approve"])
        #expect(again.status == 0)
        #expect(again.stdout.contains("No changes."))
        #expect(await harness.writes().isEmpty)
        #expect(await harness.requestsOutsideTheDocumentedAPI().isEmpty)
    }

    /// A real help center nobody here wrote (DuckDuckGo's Jekyll docs, 261 articles), published
    /// to each kind of server: the rerun must find nothing to do.
    @Test(arguments: ServerProfile.each)
    func theDDGCorpusPublishesAndASecondRunHasNothingToDo(server: ServerProfile) async throws {
        try #require(
            FileManager.default.fileExists(atPath: ExportEndToEndTests.ddgCorpus.path),
            "missing \(ExportEndToEndTests.ddgCorpus.path)")
        let harness = try await EndToEndHarness(copyingSample: false, profile: server)
        defer { Task { await harness.close() } }
        try ExportEndToEndTests.prepareDDG(into: harness.root)
        let publish = try await harness.run(["apply", "--auto-approve"])
        #expect(publish.status == 0, "\(publish.output.suffix(3000))")
        let articles = try await harness.articles()
        #expect(articles.count > 250)
        #expect(Set(articles.compactMap(\.slug)).count == articles.count, "duplicates")

        await harness.emulator.resetRequestLog()
        let plan = try await harness.run(["plan", "--detailed-exitcode"])
        #expect(plan.status == 0, "\(plan.output.suffix(3000))")
        #expect(plan.stdout.contains("Plan: no changes."))
        #expect(try await harness.succeeds(["apply", "--auto-approve"]))
        #expect(await harness.writes().isEmpty)
        #expect(try await harness.articles().map(\.id) == articles.map(\.id), "nothing was re-created")
        #expect(await harness.requestsOutsideTheDocumentedAPI().isEmpty)
    }

    @Test func aServerThatReserializesHTMLCausesNoUpdates() async throws {
        let harness = try await EndToEndHarness(sanitize: true)
        defer { Task { await harness.close() } }
        #expect(try await harness.succeeds(["apply", "--auto-approve"]))
        await harness.emulator.resetRequestLog()
        let plan = try await harness.run(["plan", "--detailed-exitcode"])
        #expect(plan.status == 0, "\(plan.output)")
        #expect(try await harness.succeeds(["apply", "--auto-approve"]))
        #expect(await harness.writes().isEmpty)
    }

    @Test(arguments: ServerProfile.all) func editingABodyOrATitleSendsExactlyOnePatch(server: ServerProfile)
        async throws
    {
        let harness = try await EndToEndHarness(profile: server)
        defer { Task { await harness.close() } }
        #expect(try await harness.succeeds(["apply", "--auto-approve"]))

        try harness.write(
            "integrations/jira.md", try harness.read("integrations/jira.md") + "\nOne more sentence.\n")
        await harness.emulator.resetRequestLog()
        let plan = try await harness.run(["plan", "--detailed-exitcode"])
        #expect(plan.status == 2)
        #expect(plan.stdout.contains("+One more sentence."))
        #expect(try await harness.succeeds(["apply", "--auto-approve"]))
        #expect(await harness.writes().map(\.endpoint) == [.updateArticle])

        try harness.write(
            "integrations/jira.md",
            try harness.read("integrations/jira.md").replacingOccurrences(
                of: "title: Jira", with: "title: Jira Cloud"))
        await harness.emulator.resetRequestLog()
        #expect(try await harness.succeeds(["apply", "--auto-approve"]))
        #expect(await harness.writes().map(\.endpoint) == [.updateArticle])
        #expect(try await harness.article(slug: "jira")?.title == "Jira Cloud")
    }

    @Test(arguments: ServerProfile.all) func renamesAndMovesAreReplacesWithRedirects(server: ServerProfile)
        async throws
    {
        let harness = try await EndToEndHarness(profile: server)
        defer { Task { await harness.close() } }
        #expect(try await harness.succeeds(["apply", "--auto-approve"]))
        let jira = try #require(try await harness.article(slug: "jira"))
        let sso = try #require(try await harness.article(slug: "single-sign-on"))

        // 1. previous_slugs
        let jiraText = try harness.read("integrations/jira.md")
        try harness.remove("integrations/jira.md")
        try harness.write(
            "integrations/jira-cloud.md",
            jiraText.replacingOccurrences(of: "title: Jira", with: "title: Jira\nprevious_slugs: [jira]"))
        await harness.emulator.resetRequestLog()
        let renamed = try await harness.run(["apply", "--auto-approve"])
        #expect(renamed.status == 0, "\(renamed.output)")
        #expect(renamed.stdout.contains("`previous_slugs` lists “jira”"))
        var writes = await harness.writes()
        #expect(writes.filter { $0.endpoint == .createArticle }.count == 1)
        #expect(writes.filter { $0.endpoint == .createRouteRedirect }.count == 1)
        // One PATCH asks whether the server renames in place (it does not), one unlists the old.
        #expect(writes.filter { $0.endpoint == .updateArticle }.count == 2)
        #expect(try await harness.article(slug: "jira")?.isUnlisted == true)

        // 2. detected by text, no previous_slugs: delete policy this time
        let ssoText = try harness.read("account/single-sign-on.md")
        try harness.remove("account/single-sign-on.md")
        try harness.write("account/sso.md", ssoText)
        await harness.emulator.resetRequestLog()
        let detected = try await harness.run(["apply", "--auto-approve", "--on-rename", "delete"])
        #expect(detected.status == 0, "\(detected.output)")
        #expect(detected.stdout.contains("% like “single-sign-on”"))
        writes = await harness.writes()
        #expect(
            writes.compactMap(\.endpoint).sorted { $0.rawValue < $1.rawValue } == [
                .createArticle, .createRouteRedirect, .deleteArticle,
            ])

        // 3. a move to another collection
        let moved = try harness.read("account/sso.md")
        try harness.remove("account/sso.md")
        try harness.write("integrations/sso.md", moved)
        await harness.emulator.resetRequestLog()
        let move = try await harness.run(["apply", "--auto-approve"])
        #expect(move.status == 0, "\(move.output)")
        #expect(move.stdout.contains("moved from “account” to “integrations”"))
        writes = await harness.writes()
        #expect(
            writes.compactMap(\.endpoint).sorted { $0.rawValue < $1.rawValue } == [
                .createArticle, .createRouteRedirect, .deleteArticle,
            ])

        let redirects = try await harness.emulator.routeRedirects(
            knowledgeBaseID: EndToEndHarness.knowledgeBaseID)
        #expect(redirects.contains { $0.fromPath == "/articles/\(jira.identifier!)-jira" })
        #expect(redirects.contains { $0.fromPath == "/articles/\(sso.identifier!)-single-sign-on" })
        #expect(try await harness.succeeds(["plan", "--detailed-exitcode"]))
    }

    @Test(arguments: ServerProfile.all) func deletedFilesFollowTheRemovalPolicy(server: ServerProfile)
        async throws
    {
        let harness = try await EndToEndHarness(profile: server)
        defer { Task { await harness.close() } }
        #expect(try await harness.succeeds(["apply", "--auto-approve"]))
        try harness.remove("integrations/jira.md")
        try harness.remove("account/single-sign-on.md")

        let report = try await harness.run(["plan"])
        #expect(report.stdout.contains("has no source file. It is left alone"))
        #expect(report.stdout.contains("Plan: no changes."))

        let limited = try await harness.run([
            "apply", "--auto-approve", "--on-remove", "delete", "--max-removals", "1",
        ])
        #expect(limited.status == 1)
        #expect(limited.stdout.contains("more than `--max-removals 1` allows"))
        #expect(try await harness.article(slug: "jira") != nil)

        #expect(try await harness.succeeds(["apply", "--auto-approve", "--on-remove", "unlist"]))
        #expect(try await harness.article(slug: "jira")?.isUnlisted == true)
        #expect(try await harness.succeeds(["apply", "--auto-approve", "--on-remove", "delete"]))
        #expect(try await harness.article(slug: "jira") == nil)
        #expect(try await harness.article(slug: "single-sign-on") == nil)
    }

    @Test(arguments: ServerProfile.all) func editsMadeInPylonAreDriftHandledByPolicy(server: ServerProfile)
        async throws
    {
        let harness = try await EndToEndHarness(profile: server)
        defer { Task { await harness.close() } }
        #expect(try await harness.succeeds(["apply", "--auto-approve"]))
        let jira = try #require(try await harness.article(slug: "jira"))
        _ = try await harness.client.updateArticle(
            knowledgeBaseID: EndToEndHarness.knowledgeBaseID, id: jira.id!,
            UpdateArticleRequest(
                bodyHTML: "<p>Edited in Pylon by a teammate.</p>", publishUpdatedBodyHTML: true))
        try harness.write(
            "integrations/jira.md", try harness.read("integrations/jira.md") + "\nA local edit.\n")

        let fail = try await harness.run(["apply", "--auto-approve"])
        #expect(fail.status == 1)
        #expect(fail.stdout.contains("was edited in Pylon since pylon-kb last published it"))
        #expect(
            try await harness.article(slug: "jira")?.currentPublishedContentHTML?.contains("teammate") == true
        )

        let skip = try await harness.run(["apply", "--auto-approve", "--on-drift", "skip"])
        #expect(skip.status == 0)
        #expect(
            try await harness.article(slug: "jira")?.currentPublishedContentHTML?.contains("teammate") == true
        )

        let overwrite = try await harness.run(["apply", "--auto-approve", "--on-drift", "overwrite"])
        #expect(overwrite.status == 0)
        #expect(
            try await harness.article(slug: "jira")?.currentPublishedContentHTML?.contains("A local edit.")
                == true)
    }

    @Test(arguments: ServerProfile.all) func aSavedPlanIsAppliedExactlyOrRefusedWhenStale(
        server: ServerProfile
    ) async throws {
        let harness = try await EndToEndHarness(profile: server)
        defer { Task { await harness.close() } }
        #expect(try await harness.succeeds(["apply", "--auto-approve"]))
        try harness.write(
            "integrations/jira.md", try harness.read("integrations/jira.md") + "\nPlanned change.\n")
        try harness.write(
            "account/single-sign-on.md",
            try harness.read("account/single-sign-on.md") + "\nAnother planned change.\n")
        let saved = try await harness.run(["plan", "--out", "plan.json"])
        #expect(saved.status == 0)

        // Somebody edits the SSO article in Pylon: the saved plan no longer describes the knowledge base.
        let sso = try #require(try await harness.article(slug: "single-sign-on"))
        _ = try await harness.client.updateArticle(
            knowledgeBaseID: EndToEndHarness.knowledgeBaseID, id: sso.id!,
            UpdateArticleRequest(title: "SSO (edited)"))
        await harness.emulator.resetRequestLog()
        let stale = try await harness.run(["apply", "plan.json", "--auto-approve"])
        #expect(stale.status == 1)
        #expect(stale.stderr.contains("changed since this plan was made"))
        #expect(stale.stderr.contains("(single-sign-on) was edited"))
        #expect(await harness.writes().isEmpty)

        _ = try await harness.client.updateArticle(
            knowledgeBaseID: EndToEndHarness.knowledgeBaseID, id: sso.id!,
            UpdateArticleRequest(title: "Single sign-on with SAML"))
        // The title is back, but the fingerprint covers what the plan saw: apply it now.
        let fresh = try await harness.run(["plan", "--out", "plan.json"])
        #expect(fresh.status == 0)
        await harness.emulator.resetRequestLog()
        let exact = try await harness.run(["apply", "plan.json", "--auto-approve"])
        #expect(exact.status == 0, "\(exact.output)")
        #expect(await harness.writes().map(\.endpoint) == [.updateArticle, .updateArticle])
    }

    @Test func applyRefusesToPromptWithoutATerminal() async throws {
        let harness = try await EndToEndHarness()
        defer { Task { await harness.close() } }
        let result = try await harness.run(["apply"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--auto-approve"))
        #expect(await harness.writes().isEmpty)
    }
}

/// The README's quick start: `target: local` publishes to the embedded knowledge base.
@Suite struct LocalTargetEndToEndTests {
    @Test func theQuickStartPublishesLocallyAndASecondPlanHasNothingToDo() async throws {
        let harness = try await EndToEndHarness(configuration: "target: local\nauthor: docs@example.com\n")
        defer { Task { await harness.close() } }
        let environment = ["PYLON_KB_LOCAL_PORT": "0", "PYLON_API_URL": "", "PYLON_API_TOKEN": ""]
        let apply = try await harness.run(["apply", "--auto-approve"], environment: environment)
        #expect(apply.status == 0, "\(apply.output)")
        #expect(apply.stdout.contains("Applied 2"))
        #expect(apply.stdout.contains("/kb/local/articles/"))
        let state = harness.root.appendingPathComponent(".pylon-kb/local/state.json")
        #expect(FileManager.default.fileExists(atPath: state.path))
        #expect(
            !FileManager.default.fileExists(
                atPath: harness.root.appendingPathComponent(".pylon-kb/state.json").path))
        let plan = try await harness.run(["plan", "--detailed-exitcode"], environment: environment)
        #expect(plan.status == 0, "\(plan.output)")
        #expect(plan.stdout.contains("No changes."))
        // The emulator the test started saw nothing: the local target is its own.
        #expect(await harness.writes().isEmpty)
    }
}
