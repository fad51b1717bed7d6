import Foundation
import PylonAPI
import PylonEmulator
import PylonKB
import Testing

/// `pylon-kb migrate` between two knowledge bases of one emulator: the sample source has nested
/// collections, links between articles (one pair links both ways), a never-published draft, a
/// published article with a newer draft, a translation, an image, an unlisted customer-only
/// article, and links that must stay as they are.
@Suite(.serialized) struct MigrateEndToEndTests {
    static let sourceID = EndToEndHarness.knowledgeBaseID
    static let targetID = "kb-target"
    static let migrate = ["migrate", "--to-kb", targetID, "--redirect-old-paths"]

    static func makeHarness(profile: ServerProfile = .tidy) async throws -> EndToEndHarness {
        let harness = try await EndToEndHarness(
            copyingSample: false,
            extraKnowledgeBases: [
                .init(
                    id: targetID, title: "Relay Help (new)", slug: "new-help",
                    supportedLanguages: ["en", "fr"],
                    defaultLanguage: "en")
            ], profile: profile)
        try await seedSource(fastClient(harness))
        return harness
    }

    /// The harness's client paces itself at Pylon's real limits; seeding needs no pacing.
    static func fastClient(_ harness: EndToEndHarness) throws -> PylonClient {
        try PylonClient(
            configuration: PylonClientConfiguration(
                baseURL: harness.emulator.baseURL, token: EndToEndHarness.token, rateLimitScale: 1000))
    }

    /// Builds the source through the API, as a Pylon editor would have left it.
    static func seedSource(_ client: PylonClient, fillers: Int = 0) async throws {
        let kb = sourceID
        let author = try #require(try await client.searchUsers(email: "docs@example.com").first?.id)
        let guides = try await client.createCollection(
            knowledgeBaseID: kb, CreateCollectionRequest(title: "Guides", slug: "guides"))
        let advanced = try await client.createCollection(
            knowledgeBaseID: kb,
            CreateCollectionRequest(title: "Advanced", slug: "advanced", parentCollectionID: guides.id))
        let faq = try await client.createCollection(
            knowledgeBaseID: kb, CreateCollectionRequest(title: "FAQ", slug: "faq"))
        _ = try await client.createCollection(
            knowledgeBaseID: kb, CreateCollectionRequest(title: "Empty for now", slug: "empty"))
        let image = try await client.uploadAttachment(
            data: Data([0x89, 0x50, 0x4E, 0x47, 1, 2, 3]), filename: "diagram.png", contentType: "image/png")
        let imageURL = try #require(image.url)

        func create(
            _ slug: String, _ collection: String?, published: Bool, unlisted: Bool = false,
            visibility: String = "public"
        ) async throws -> PylonAPI.Article {
            try await client.createArticle(
                knowledgeBaseID: kb,
                CreateArticleRequest(
                    title: slug.capitalized, bodyHTML: "<p>placeholder</p>", authorUserID: author, slug: slug,
                    collectionID: collection, isPublished: published, isUnlisted: unlisted,
                    visibilityConfig: VisibilityConfig(visibility: visibility, aiAgentAccess: "inherit")))
        }
        let install = try await create("install", guides.id, published: true)
        let configure = try await create("configure", advanced.id, published: true)
        let roadmap = try await create("roadmap", nil, published: false)
        let billing = try await create(
            "billing", faq.id, published: true, unlisted: true, visibility: "customer")
        let billingURL = try #require(billing.url)
        let configureURL = try #require(configure.url)
        func path(_ article: PylonAPI.Article) -> String {
            "/articles/\(article.identifier!)-\(article.slug!)"
        }
        func set(
            _ article: PylonAPI.Article, _ html: String, publish: Bool, language: String? = nil,
            title: String? = nil
        )
            async throws
        {
            _ = try await client.updateArticle(
                knowledgeBaseID: kb, id: article.id!,
                UpdateArticleRequest(
                    title: title, bodyHTML: html, language: language,
                    publishUpdatedBodyHTML: publish ? true : nil))
        }
        try await set(
            install,
            """
            <h2>Install</h2><p>Then <a href="\(path(configure))#step-2">configure it</a> and read \
            <a href="\(billingURL)">billing</a>.</p><p><img src="\(imageURL)" alt="Diagram"></p>\
            <p><a href="https://example.com/articles/42">elsewhere</a></p>
            """, publish: true)
        try await set(
            install, "<p>Installez puis <a href='\(path(configure))'>configurez</a>.</p>", publish: true,
            language: "fr", title: "Installer")
        // The translation has a newer draft too.
        try await set(
            install, "<p>Installez, puis <a href=\"\(path(configure))#step-2\">configurez</a>.</p>",
            publish: false,
            language: "fr", title: "Installer")
        try await set(
            configure,
            "<p>Back to <a href=\"\(path(install))\">install</a>.</p><h2 id=\"step-2\">Step 2</h2>",
            publish: true)
        // A newer draft, not published: the copy must keep both.
        try await set(
            configure,
            "<p>Back to <a href=\"\(path(install))\">install</a>; soon <a href=\"\(path(roadmap))\">the roadmap</a>.</p>",
            publish: false)
        try await set(
            roadmap, "<p>Draft only; see <a href=\"\(configureURL)\">configure</a>.</p>",
            publish: false)
        try await set(
            billing,
            "<p>Not ours: <a href=\"/articles/1234567890-elsewhere\">old</a>, <a href=\"/collections/55-faq\">all FAQ</a>.</p>",
            publish: true)
        for index in 0..<fillers {
            let filler = try await create(
                "filler-\(index)", index % 2 == 0 ? advanced.id : nil, published: true)
            try await set(
                filler, "<p>Filler \(index), see <a href=\"\(path(install))\">install</a>.</p>", publish: true
            )
        }
    }

    /// The source and target knowledge bases as the API lists them, every language.
    static func snapshots(_ harness: EndToEndHarness) async throws -> (
        source: RemoteSnapshot, target: RemoteSnapshot
    ) {
        let reader = SnapshotReader(client: harness.client)
        return (
            try await reader.read(knowledgeBaseID: sourceID, languages: ["fr"]),
            try await reader.read(knowledgeBaseID: targetID, languages: ["fr"])
        )
    }

    /// Every target article equals its source article, HTML included, once source article URLs
    /// are replaced by the copies' URLs; the collection trees are equal; nothing is duplicated.
    static func expectFaithfulCopy(
        _ harness: EndToEndHarness, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let (source, target) = try await snapshots(harness)
        func tree(_ snapshot: RemoteSnapshot) -> [String] {
            let byID = Dictionary(uniqueKeysWithValues: snapshot.collections.map { ($0.id, $0) })
            func path(_ id: String?) -> String {
                guard let id, let collection = byID[id] else { return "" }
                return path(collection.parentID) + "/" + collection.slug
            }
            return snapshot.collections.map { "\(path($0.id)) \($0.title) \($0.description ?? "")" }.sorted()
        }
        #expect(tree(target) == tree(source), sourceLocation: sourceLocation)
        #expect(
            target.articles.count == source.articles.count, "duplicates or missing articles",
            sourceLocation: sourceLocation)
        let targetBySlug = Dictionary(
            target.articles.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
        var replacements: [(String, String)] = []
        for article in source.articles {
            let copy = try #require(
                targetBySlug[article.slug], "\(article.slug) was not copied", sourceLocation: sourceLocation)
            let newPath = try #require(copy.publicPath)
            if let url = article.url { replacements.append((url, newPath)) }
            replacements.append((try #require(article.publicPath), newPath))
        }
        func expected(_ html: String?) -> String? {
            guard var html else { return nil }
            for (old, new) in replacements {
                html = html.replacingOccurrences(of: "\"\(old)\"", with: "\"\(new)\"")
                    .replacingOccurrences(of: "\"\(old)#", with: "\"\(new)#")
                    .replacingOccurrences(of: "'\(old)'", with: "\"\(new)\"")
            }
            return html
        }
        let sourceCollections = Dictionary(uniqueKeysWithValues: source.collections.map { ($0.id, $0.slug) })
        let targetCollections = Dictionary(uniqueKeysWithValues: target.collections.map { ($0.id, $0.slug) })
        for article in source.articles {
            let copy = try #require(targetBySlug[article.slug])
            #expect(copy.title == article.title, sourceLocation: sourceLocation)
            #expect(
                copy.collectionID.flatMap { targetCollections[$0] }
                    == article.collectionID.flatMap { sourceCollections[$0] },
                sourceLocation: sourceLocation)
            #expect(
                copy.isPublished == article.isPublished, "\(article.slug) published",
                sourceLocation: sourceLocation)
            #expect(copy.isUnlisted == article.isUnlisted, sourceLocation: sourceLocation)
            #expect(copy.visibility == article.visibility, sourceLocation: sourceLocation)
            #expect(
                copy.publishedHTML == expected(article.publishedHTML), "\(article.slug) published body",
                sourceLocation: sourceLocation)
            #expect(
                copy.draftHTML == expected(article.draftHTML), "\(article.slug) draft body",
                sourceLocation: sourceLocation)
            for (language, translation) in article.translations where translation.title != article.title {
                let copied = try #require(copy.translations[language], sourceLocation: sourceLocation)
                #expect(copied.title == translation.title, sourceLocation: sourceLocation)
                #expect(
                    copied.publishedHTML == expected(translation.publishedHTML),
                    sourceLocation: sourceLocation)
                #expect(copied.draftHTML == expected(translation.draftHTML), sourceLocation: sourceLocation)
            }
        }
    }

    @Test(arguments: ServerProfile.all)
    func migratesEverythingWithLinksDraftsTranslationsAndRedirects(server: ServerProfile) async throws {
        let harness = try await Self.makeHarness(profile: server)
        defer { Task { await harness.close() } }
        let dryRun = try await harness.run(Self.migrate + ["--dry-run", "--detailed-exitcode"])
        #expect(dryRun.status == 2, "\(dryRun.output)")
        #expect(dryRun.stdout.contains("guides/advanced/configure"), "\(dryRun.stdout)")
        #expect(try await harness.client.listArticles(knowledgeBaseID: Self.targetID).isEmpty)

        #expect(try await harness.succeeds(Self.migrate + ["--auto-approve"]))
        try await Self.expectFaithfulCopy(harness)

        // Links lead to the copies' identifiers, fragments kept; others stay as written.
        let (source, target) = try await Self.snapshots(harness)
        let copies = Dictionary(uniqueKeysWithValues: target.articles.map { ($0.slug, $0) })
        let configure = try #require(copies["configure"]?.publicPath)
        let install = try #require(copies["install"])
        #expect(install.publishedHTML?.contains("href=\"\(configure)#step-2\"") == true)
        #expect(install.translations["fr"]?.publishedHTML?.contains("href=\"\(configure)\"") == true)
        let sourceInstall = try #require(source.articles.first { $0.slug == "install" })
        let imageSource = try #require(sourceInstall.publishedHTML?.firstMatch(of: /src="([^"]+)"/)?.1)
        #expect(install.publishedHTML?.contains("src=\"\(imageSource)\"") == true, "images keep their URLs")
        #expect(install.publishedHTML?.contains("https://example.com/articles/42") == true)
        let billing = try #require(copies["billing"]?.publishedHTML)
        #expect(billing.contains("/articles/1234567890-elsewhere") && billing.contains("/collections/55-faq"))
        let roadmap = try #require(copies["roadmap"])
        #expect(!roadmap.isPublished && roadmap.draftHTML?.contains(configure) == true)
        let configureCopy = try #require(copies["configure"])
        #expect(configureCopy.draftHTML?.contains("href=\"\(try #require(roadmap.publicPath))\"") == true)
        #expect(configureCopy.publishedHTML?.contains("roadmap") == false)
        for article in target.articles {
            for identifier in source.articles.compactMap(\.identifier) {
                #expect(
                    !(article.draftHTML ?? "").contains("/articles/\(identifier)-"),
                    "\(article.slug) still links to a source article")
            }
        }

        // Redirects from every published source path to its copy.
        let redirects = try await harness.emulator.routeRedirects(knowledgeBaseID: Self.targetID)
        let expectedRedirects = Dictionary(
            uniqueKeysWithValues: source.articles.filter(\.isPublished).map {
                ($0.publicPath!, copies[$0.slug]!.id)
            })
        #expect(
            Dictionary(uniqueKeysWithValues: redirects.map { ($0.fromPath, $0.objectID) })
                == expectedRedirects)

        // Nothing left to do: the plan is empty and a rerun writes nothing.
        let again = try await harness.run(Self.migrate + ["--dry-run", "--detailed-exitcode"])
        #expect(again.status == 0, "\(again.output)")
        let writesBefore = await harness.writes().count
        #expect(try await harness.succeeds(Self.migrate + ["--auto-approve"]))
        #expect(await harness.writes().count == writesBefore)
        #expect(!String(describing: again.output).contains(EndToEndHarness.token))
    }

    @Test(arguments: [1, 12])
    func killedMidwayAndRerunGivesTheSameCopy(afterWrites writes: Int) async throws {
        let harness = try await EndToEndHarness(
            copyingSample: false,
            extraKnowledgeBases: [
                .init(
                    id: Self.targetID, title: "Relay Help (new)", slug: "new-help",
                    supportedLanguages: ["en", "fr"])
            ])
        defer { Task { await harness.close() } }
        try await Self.seedSource(Self.fastClient(harness), fillers: 12)
        // Killed after its first write, or after 12 of its ~50 (Pylon's limits sped up 10×).
        try await harness.runAndKill(
            Self.migrate + ["--auto-approve"], afterWrites: writes,
            environment: ["PYLON_RATE_LIMIT_SCALE": "10"])
        // Both kills land before the copy is complete: some articles and redirects may exist,
        // the rest of the articles, redirects and every pending draft are left for the rerun.
        let copied = try await harness.client.listArticles(knowledgeBaseID: Self.targetID).count
        let redirected = try await harness.emulator.routeRedirects(knowledgeBaseID: Self.targetID).count
        #expect(copied < 16 || redirected < 15, "the migration finished before it was killed")
        #expect(try await harness.succeeds(Self.migrate + ["--auto-approve"]))
        try await Self.expectFaithfulCopy(harness)
        let redirects = try await harness.emulator.routeRedirects(knowledgeBaseID: Self.targetID)
        #expect(redirects.count == 15, "one redirect per published source article")
        #expect(try await harness.run(Self.migrate + ["--dry-run", "--detailed-exitcode"]).status == 0)
    }

    @Test func migratesToAnotherServerWithItsOwnToken() async throws {
        let harness = try await Self.makeHarness()
        defer { Task { await harness.close() } }
        let otherToken = "target-only-token-77c1"
        let other = try await PylonEmulator.start(
            EmulatorConfiguration(
                token: otherToken,
                seed: EmulatorSeed(
                    knowledgeBases: [
                        .init(
                            id: "kb-elsewhere", title: "Elsewhere", slug: "help",
                            supportedLanguages: ["en", "fr"])
                    ],
                    users: [.init(email: "writer@example.com", name: "Writer")])))
        defer { Task { await other.stop() } }
        let environment = [
            "PYLON_TARGET_API_URL": other.baseURL.absoluteString, "PYLON_TARGET_API_TOKEN": otherToken,
        ]
        // The author must be a user of the target's workspace.
        let wrongAuthor = try await harness.run(
            ["migrate", "--to-kb", "kb-elsewhere", "--auto-approve"], environment: environment)
        #expect(
            wrongAuthor.status == 1 && wrongAuthor.stderr.contains("docs@example.com"),
            "\(wrongAuthor.output)")
        let result = try await harness.run(
            ["migrate", "--to-kb", "kb-elsewhere", "--author", "writer@example.com", "--auto-approve"],
            environment: environment)
        #expect(result.status == 0, "\(result.output)")
        #expect(!result.output.contains(otherToken) && !result.output.contains(EndToEndHarness.token))
        let client = try PylonClient(
            configuration: PylonClientConfiguration(
                baseURL: other.baseURL, token: otherToken, rateLimitScale: 1000))
        let copied = try await client.listArticles(knowledgeBaseID: "kb-elsewhere")
        #expect(Set(copied.compactMap(\.slug)) == ["install", "configure", "roadmap", "billing"])
        #expect(try await harness.client.listArticles(knowledgeBaseID: Self.targetID).isEmpty)
        let state = harness.root.appendingPathComponent(".pylon-kb/migrations/kb-e2e-to-kb-elsewhere.json")
        let stateText = try String(contentsOf: state, encoding: .utf8)
        #expect(stateText.contains("kb-elsewhere") && !stateText.contains(otherToken))
    }

    @Test func aSecondMigrationWithTheSameStateStopsAndChangesNothing() async throws {
        let harness = try await Self.makeHarness()
        defer { Task { await harness.close() } }
        let state = harness.root.appendingPathComponent(
            ".pylon-kb/migrations/\(Self.sourceID)-to-\(Self.targetID).json")
        let lock = try ApplyLock.acquire(migrationState: state)
        let blocked = try await harness.run(Self.migrate + ["--auto-approve"])
        #expect(blocked.status == 1)
        #expect(blocked.stderr.contains("Another pylon-kb migrate (pid \(getpid())"), "\(blocked.stderr)")
        #expect(blocked.stderr.contains("nothing was changed"))
        #expect(try await harness.client.listArticles(knowledgeBaseID: Self.targetID).isEmpty)
        // A dry run only reads, so it may run beside a migration.
        #expect(try await harness.run(Self.migrate + ["--dry-run"]).status == 0)
        lock.release()
        #expect(try await harness.succeeds(Self.migrate + ["--auto-approve"]))
        #expect(try await !harness.client.listArticles(knowledgeBaseID: Self.targetID).isEmpty)
    }

    @Test func writesThatLandButAnswer500ConvergeWithoutDuplicates() async throws {
        let harness = try await Self.makeHarness()
        defer { Task { await harness.close() } }
        let faults = try FaultRule.parseSpec(
            "createArticle:500-applied:0.4,createCollection:500-applied:0.4,createRouteRedirect:500-applied:0.5,updateArticle:500:0.2,seed=5"
        )
        await harness.emulator.setFaults(faults.rules)
        var runs = 0
        var converged = false
        while runs < 8 && !converged {
            runs += 1
            _ = try await harness.run(Self.migrate + ["--auto-approve"])
            await harness.emulator.setFaults([])
            converged =
                try await harness.run(Self.migrate + ["--dry-run", "--detailed-exitcode"]).status == 0
            await harness.emulator.setFaults(faults.rules)
        }
        await harness.emulator.setFaults([])
        #expect(converged, "no convergence after \(runs) runs")
        let log = await harness.emulator.requestLog()
        #expect(log.contains { $0.fault?.contains("applied") == true }, "the faults never fired")
        try await Self.expectFaithfulCopy(harness)
        let redirects = try await harness.emulator.routeRedirects(knowledgeBaseID: Self.targetID)
        #expect(redirects.count == 3)
    }

    @Test(arguments: ServerProfile.all)
    func sourceEditsAfterTheMigrationAreCopiedOnRerunWithoutDrift(server: ServerProfile) async throws {
        let harness = try await Self.makeHarness(profile: server)
        defer { Task { await harness.close() } }
        #expect(try await harness.succeeds(Self.migrate + ["--auto-approve"]))
        let client = try Self.fastClient(harness)
        let articles = try await client.listArticles(knowledgeBaseID: Self.sourceID)
        let configure = try #require(articles.first { $0.slug == "configure" }?.id)
        let install = try #require(articles.first { $0.slug == "install" }?.id)
        // Publishing replaces configure's pending draft (its copy has one, saved by migrate, which
        // must not count as an edit on the target); install gets a new pending draft.
        _ = try await client.updateArticle(
            knowledgeBaseID: Self.sourceID, id: configure,
            UpdateArticleRequest(bodyHTML: "<p>Rewritten and published.</p>", publishUpdatedBodyHTML: true))
        _ = try await client.updateArticle(
            knowledgeBaseID: Self.sourceID, id: install,
            UpdateArticleRequest(bodyHTML: "<p>Next version.</p>"))
        let plan = try await harness.run(Self.migrate + ["--dry-run", "--detailed-exitcode"])
        #expect(plan.status == 2, "\(plan.output)")
        #expect(!plan.output.contains("edited in Pylon"), "\(plan.output)")
        #expect(try await harness.succeeds(Self.migrate + ["--auto-approve"]))
        try await Self.expectFaithfulCopy(harness)
        #expect(try await harness.run(Self.migrate + ["--dry-run", "--detailed-exitcode"]).status == 0)
    }
}
