import Foundation
import PylonAPI
import PylonHTML
import PylonKB
import Testing

/// The exported tree: layout, names, front matter, links, images and state, checked by loading
/// it back the way `check` and `plan` do.
@Suite struct KnowledgeBaseExporterTests {
    static let kb = RemoteKnowledgeBase(id: "kb-1", title: "Help", supportedLanguages: ["en", "fr", "pt-BR"])

    static func article(
        _ id: String, _ slug: String, title: String? = nil, in collection: String? = nil,
        html: String = "<p>Text.</p>",
        published: Bool = true, draft: String? = nil, unlisted: Bool = false, visibility: String = "public",
        aiAgentAccess: String = "inherit", agents: [String] = [],
        translations: [String: RemoteTranslation] = [:]
    ) -> RemoteArticle {
        RemoteArticle(
            id: id, identifier: "10\(id.filter(\.isNumber))", slug: slug, title: title ?? "Title of \(slug)",
            collectionID: collection, isPublished: published, isUnlisted: unlisted, visibility: visibility,
            aiAgentAccess: aiAgentAccess, allowedAgentIDs: agents, draftHTML: draft ?? html,
            publishedHTML: published ? html : nil, translations: translations)
    }

    static func export(
        _ articles: [RemoteArticle], collections: [RemoteCollection] = [],
        source: ExportOptions.Source = .knowledgeBase("kb-1"),
        images: [String: Data]? = nil, author: String? = nil
    ) -> KnowledgeBaseExport {
        KnowledgeBaseExporter().export(
            RemoteSnapshot(knowledgeBase: kb, collections: collections, articles: articles),
            options: ExportOptions(source: source, author: author, images: images))
    }

    /// Writes the export to a temporary folder and loads it as `check` would.
    static func loadBack(_ export: KnowledgeBaseExport) async throws -> (ContentTree, [Diagnostic], URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "export-unit-\(UUID().uuidString)")
        try ExportWriter(folder: folder).write(export)
        let loaded = try await ContentLoader(root: folder).load()
        return (loaded.tree, loaded.diagnostics, folder)
    }

    static func text(_ export: KnowledgeBaseExport, _ path: String) throws -> String {
        try #require(export.file(path), "no \(path) in \(export.files.map(\.path))").text
    }

    // MARK: Front matter and layout

    @Test func metadataReadsBackTheSameWhateverTheTitlesContain() async throws {
        let titles = [
            "yes", "1.0", "a: b", "#hash", "Quote \"q\" and \\ back", "Tab\there", "null", "[x]", "- dash",
            "2024-01-01", "FAQ: why?", "ünïcødé – dash", "~", "@mention", "*star", "%percent",
            "It's 100% done, really", "{curly}", "!tag", "&anchor", "line\u{2028}separator",
        ]
        var articles = titles.enumerated().map { index, title in
            Self.article("a\(index)", "title-\(index)", title: title, in: index % 2 == 0 ? "c2" : nil)
        }
        articles.append(
            Self.article(
                "b1", "hidden-one", in: "c1", published: false, draft: "<p>Draft.</p>", unlisted: true,
                visibility: "internal_only", aiAgentAccess: "specific_agents",
                agents: ["agent-1", "agent, two"]))
        articles.append(
            Self.article("b2", "customers", in: "c1", visibility: "customer", aiAgentAccess: "none"))
        let collections = [
            RemoteCollection(
                id: "c1", title: "Getting: started", slug: "getting-started", description: "First steps: #1"),
            RemoteCollection(id: "c2", title: "Advanced", slug: "advanced", parentID: "c1"),
        ]
        let export = Self.export(articles, collections: collections, author: "docs@example.com")
        let (tree, diagnostics, folder) = try await Self.loadBack(export)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics)")
        #expect(diagnostics.isEmpty, "\(diagnostics)")

        let bySlug = Dictionary(uniqueKeysWithValues: tree.articles.map { ($0.slug, $0) })
        #expect(bySlug.count == articles.count)
        for remote in articles {
            let local = try #require(bySlug[remote.slug])
            #expect(local.title == remote.title)
            #expect(local.published == remote.isPublished)
            #expect(local.unlisted == remote.isUnlisted)
            #expect(local.visibility.rawValue == remote.visibility)
            #expect(local.aiAgentAccess.rawValue == remote.aiAgentAccess)
            #expect(local.allowedAgentIDs == remote.allowedAgentIDs)
            let folder =
                remote.collectionID == "c1"
                ? "getting-started" : remote.collectionID == "c2" ? "getting-started/advanced" : ""
            #expect(local.collectionPath == folder)
        }
        let collectionsByPath = Dictionary(uniqueKeysWithValues: tree.collections.map { ($0.path, $0) })
        #expect(collectionsByPath["getting-started"]?.title == "Getting: started")
        #expect(collectionsByPath["getting-started"]?.description == "First steps: #1")
        #expect(collectionsByPath["getting-started/advanced"]?.slug == "advanced")
        #expect(tree.configuration.target == .knowledgeBase("kb-1"))
        #expect(tree.configuration.author == "docs@example.com")
    }

    @Test func keysAtTheirDefaultsAreLeftOut() throws {
        let export = Self.export([
            Self.article("a1", "plain", title: "Plain", html: "<h2 id=\"one\">One</h2><p>Body.</p>")
        ])
        #expect(try Self.text(export, "plain.md") == "---\ntitle: Plain\n---\n\n## One\n\nBody.\n")
        #expect(
            try Self.text(export, "pylon-kb.yml").hasSuffix(
                "knowledge_base: kb-1\n# author: docs@example.com   # a Pylon user's email or id; new articles need one\n"
            ))
        #expect(export.report.warnings.isEmpty)
    }

    @Test func namesAreSafeUniqueAndTheSameWhateverTheOrder() throws {
        let long = String(repeating: "long-", count: 60) + "end"
        let slugs = [
            "faq", "FAQ", "Faq", "con", "LPT1", "a/b/../c", "..", ".hidden", "_private", "x\u{0}y",
            "install.fr", long,
            "images", "émoji-😀", "",
        ]
        let articles = slugs.enumerated().map { Self.article("a\($0.offset)", $0.element) }
        let collections = [
            RemoteCollection(id: "c1", title: "Images", slug: "images"),
            RemoteCollection(id: "c2", title: "Dup", slug: "dup"),
            RemoteCollection(id: "c3", title: "Dup upper", slug: "DUP"),
        ]
        let inCollections = [
            Self.article("b1", "in-images", in: "c1"), Self.article("b2", "in-dup", in: "c2"),
            Self.article("b3", "in-dup-upper", in: "c3"),
        ]
        let first = Self.export(articles + inCollections, collections: collections)
        let second = Self.export((articles + inCollections).reversed(), collections: collections.reversed())
        #expect(first.files == second.files)

        let paths = first.files.map(\.path)
        let safe = /^([a-z0-9]+(-[a-z0-9]+)*\/)*[a-z0-9]+(-[a-z0-9]+)*(\.fr)?\.(md|yml)$/
        for path in paths where path != "pylon-kb.yml" && !path.hasSuffix("/_collection.yml") {
            #expect(path.wholeMatch(of: safe) != nil, "unsafe path \(path)")
            #expect(path.split(separator: "/").allSatisfy { $0.count <= 83 }, "long name \(path)")
        }
        #expect(Set(paths.map { $0.lowercased() }).count == paths.count)
        #expect(paths.contains("faq.md") && paths.contains("faq-2.md") && paths.contains("faq-3.md"))
        #expect(paths.contains("con-2.md") && paths.contains("lpt1-2.md"))
        #expect(paths.contains("a-b-c.md") && paths.contains("install-fr.md") && paths.contains("article.md"))
        // The images folder name is kept for images; the collection goes elsewhere.
        #expect(paths.contains("images-2/in-images.md"))
        #expect(paths.contains("dup/in-dup.md") && paths.contains("dup-2/in-dup-upper.md"))
        #expect(try Self.text(first, "dup-2/_collection.yml") == "title: Dup upper\nslug: DUP\n")
        // `faq` keeps its name because it is already a valid file name; the others say their slug.
        #expect(!(try Self.text(first, "faq.md")).contains("slug:"))
        #expect(try Self.text(first, "faq-2.md").contains("slug: FAQ\n"))
        #expect(try Self.text(first, "article.md").contains("slug: \"\"\n"))
        #expect(try Self.text(first, "article-2.md").contains("slug: \"..\"\n"))
        // Slugs pylon-kb would refuse are exported as they are, and reported.
        #expect(first.report.warnings.contains { $0.hasPrefix("faq-2.md: The slug \"FAQ\" is not valid") })
    }

    @Test func emptyCollectionsAndBrokenParentsAreReported() throws {
        let collections = [
            RemoteCollection(id: "c1", title: "Empty", slug: "empty"),
            RemoteCollection(id: "c2", title: "Lost", slug: "lost", parentID: "gone"),
            RemoteCollection(id: "c3", title: "Loop A", slug: "loop-a", parentID: "c4"),
            RemoteCollection(id: "c4", title: "Loop B", slug: "loop-b", parentID: "c3"),
        ]
        let export = Self.export(
            [
                Self.article("a1", "in-lost", in: "c2"), Self.article("a2", "in-loop", in: "c3"),
                Self.article("a3", "nowhere", in: "c9"),
            ],
            collections: collections)
        let paths = Set(export.files.map(\.path))
        #expect(paths.contains("lost/in-lost.md"))
        #expect(paths.contains("nowhere.md"))
        #expect(!paths.contains { $0.hasPrefix("empty") })
        #expect(export.report.warnings.contains { $0.contains("“Empty” (empty) has no articles") })
        #expect(export.report.warnings.contains { $0.contains("parent collection gone that does not exist") })
        #expect(
            export.report.warnings.contains {
                $0.contains("collection c9, which the knowledge base does not list")
            })
        #expect(export.report.warnings.contains { $0.contains("its own ancestor") })
        // Each loop member lands somewhere, once.
        #expect(export.files.filter { $0.path.hasSuffix("in-loop.md") }.count == 1)
    }

    // MARK: Drafts and translations

    @Test func draftsExportTheirDraftAndPendingDraftsAreReported() throws {
        let export = Self.export([
            Self.article("a1", "never-published", html: "<p>Draft only.</p>", published: false),
            Self.article("a2", "pending", html: "<p>Live text.</p>", draft: "<p>Newer draft.</p>"),
        ])
        #expect(
            try Self.text(export, "never-published.md").contains("published: false\n---\n\nDraft only.\n"))
        let pending = try Self.text(export, "pending.md")
        #expect(pending.contains("Live text."))
        #expect(!pending.contains("published:"))
        #expect(
            export.report.warnings == [
                "pending.md: “Title of pending” has unpublished draft changes in Pylon; the published text was exported, not the draft. Publish or discard the draft in Pylon and export again, or copy the changes into the file."
            ])
        #expect(export.report.draftCount == 1)
    }

    @Test func onlyRealTranslationsAreExported() throws {
        let original = Self.article("a1", "install", title: "Install", html: "<p>Hello.</p>")
        var article = original
        article.translations = [
            "fr": RemoteTranslation(
                title: "Installer", draftHTML: "<p>Bonjour.</p>", publishedHTML: "<p>Bonjour.</p>"),
            // What Pylon answers for a language without a translation: the original.
            "de": RemoteTranslation(
                title: "Install", draftHTML: "<p>Hello.</p>", publishedHTML: "<p>Hello.</p>"),
            "pt-BR": RemoteTranslation(title: "Instalar", draftHTML: nil, publishedHTML: "<p>Olá.</p>"),
            "zh-Hant": RemoteTranslation(title: "安裝", draftHTML: nil, publishedHTML: "<p>你好</p>"),
        ]
        let export = Self.export([article])
        #expect(try Self.text(export, "install.fr.md") == "---\ntitle: Installer\n---\n\nBonjour.\n")
        #expect(try Self.text(export, "install.pt-BR.md") == "---\ntitle: Instalar\n---\n\nOlá.\n")
        #expect(export.file("install.de.md") == nil)
        #expect(export.report.translationCount == 2)
        #expect(export.report.warnings.contains { $0.contains("the zh-Hant translation is not exported") })
    }

    // MARK: Links

    @Test func linksInEveryFormBecomeRelativeMarkdownLinks() throws {
        let target = RemoteArticle(
            id: "t", identifier: "555", slug: "target", title: "Target", collectionID: "c2",
            isPublished: true,
            draftHTML: "<p>T</p>", publishedHTML: "<p>T</p>",
            url: "https://kb.example.com/help/articles/555-target")
        let html = """
            <p><a href="https://help.example.com/articles/555-target#step-2">a</a> \
            <a href="https://help.example.com/articles/555-target/">b</a> \
            <a href="/articles/555-target">c</a> \
            <a href="https://kb.example.com/help/articles/555-target">d</a> \
            <a href="https://help.example.com/articles/555-target?x=1">query</a> \
            <a href="https://help.example.com/articles/999-missing">missing</a> \
            <a href="https://help.example.com/articles/555-target">e</a></p>
            """
        var source = Self.article("s", "source", in: "c1", html: html)
        source.translations["fr"] = RemoteTranslation(
            title: "Source FR", draftHTML: nil,
            publishedHTML: "<p><a href=\"https://help.example.com/articles/555-target\">fr</a></p>")
        let collections = [
            RemoteCollection(id: "c1", title: "One", slug: "one"),
            RemoteCollection(id: "c2", title: "Two", slug: "two", parentID: "c1"),
        ]
        let export = Self.export([source, target], collections: collections)
        let text = try Self.text(export, "one/source.md")
        #expect(text.contains("[a](two/target.md#step-2)"))
        #expect(text.contains("[b](two/target.md)"))
        #expect(text.contains("[c](two/target.md)"))
        #expect(text.contains("[d](two/target.md)"))
        #expect(text.contains("[query](https://help.example.com/articles/555-target?x=1)"))
        #expect(text.contains("[missing](https://help.example.com/articles/999-missing)"))
        #expect(try Self.text(export, "one/source.fr.md").contains("[fr](two/target.md)"))
        // Most links were absolute on help.example.com: that is the site_url they publish with.
        #expect(export.report.siteURL == "https://help.example.com")
        #expect(try Self.text(export, "pylon-kb.yml").contains("site_url: https://help.example.com\n"))
        #expect(
            export.report.warnings.contains {
                $0.hasPrefix("Links between articles use more than one address")
            })
    }

    @Test func rootRelativeLinksNeedNoSiteURL() throws {
        // The identifier of "a2" is "102": a link must name both identifier and slug.
        let export = Self.export([
            Self.article(
                "a1", "one",
                html:
                    "<p><a href=\"/articles/102-two#x\">two</a> <a href=\"/articles/103-two\">not two</a></p>"
            ),
            Self.article("a2", "two"),
        ])
        let text = try Self.text(export, "one.md")
        #expect(text.contains("[two](two.md#x)"))
        #expect(text.contains("[not two](/articles/103-two)"))
        #expect(export.report.siteURL == nil)
        #expect(!(try Self.text(export, "pylon-kb.yml")).contains("site_url"))
    }

    // MARK: Images and state

    @Test func imagesAreSavedOnceBesideTheFirstArticleThatShowsThem() throws {
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3])
        let other = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 9, 9, 9])
        let images: [String: Data] = [
            "https://cdn.example.com/a/diagram.png": png,
            "https://cdn.example.com/b/diagram.png": other,
            "https://cdn.example.com/copy-of-diagram.png": png,
            "https://cdn.example.com/noextension": other,
        ]
        let collections = [RemoteCollection(id: "c1", title: "Guides", slug: "guides")]
        let export = Self.export(
            [
                Self.article(
                    "a1", "first", in: "c1",
                    html:
                        "<p><img src=\"https://cdn.example.com/a/diagram.png\" alt=\"A\"> <img src=\"https://cdn.example.com/b/diagram.png\" alt=\"B\"></p>"
                ),
                Self.article(
                    "a2", "second",
                    html:
                        "<p><img src=\"https://cdn.example.com/copy-of-diagram.png\" alt=\"C\"> <img src=\"https://cdn.example.com/a/diagram.png\" alt=\"D\"> <img src=\"https://cdn.example.com/noextension\" alt=\"E\"> <img src=\"https://other.example.com/x.png\" alt=\"F\"></p>"
                ),
            ], collections: collections, images: images)
        let imageFiles = export.files.filter { $0.path.contains("images/") }
        #expect(imageFiles.map(\.path) == ["guides/images/diagram-2.png", "guides/images/diagram.png"])
        #expect(export.file("guides/images/diagram.png")?.contents == png)
        #expect(export.report.imageCount == 2)
        #expect(
            try Self.text(export, "guides/first.md").contains(
                "![A](images/diagram.png) ![B](images/diagram-2.png)"))
        let second = try Self.text(export, "second.md")
        #expect(second.contains("![C](guides/images/diagram.png) ![D](guides/images/diagram.png)"))
        #expect(second.contains("![E](guides/images/diagram-2.png)"))
        #expect(second.contains("![F](https://other.example.com/x.png)"))
        // The state file maps each image's bytes to a URL it is already online at.
        let state = try #require(export.state)
        #expect(state.images.count == 2)
        #expect(
            state.images.values.map(\.url).sorted() == [
                "https://cdn.example.com/a/diagram.png", "https://cdn.example.com/b/diagram.png",
            ])
    }

    @Test func linksAndImagesInsideRawHTMLAreRewrittenToo() throws {
        let image = "https://cdn.example.com/wide.png"
        let html = """
            <p><img src="\(image)" alt="Wide" width="600"></p>\
            <table><tr><td><ul><li><a href="/articles/102-two#x">two</a></li></ul></td></tr></table>\
            <p><a href="/articles/102-two" target="_blank">new tab</a></p>
            """
        let export = Self.export(
            [Self.article("a1", "one", html: html), Self.article("a2", "two")],
            images: [image: Data([0x89, 0x50, 0x4E, 0x47])])
        let text = try Self.text(export, "one.md")
        #expect(text.contains("<img src=\"images/wide.png\" alt=\"Wide\" width=\"600\">"))
        #expect(text.contains("<a href=\"two.md#x\">two</a>"))
        #expect(text.contains("<a href=\"two.md\" target=\"_blank\">new tab</a>"))
        #expect(!text.contains("/articles/") && !text.contains("cdn.example.com"))
    }

    @Test func theStateFileOwnsWhatWasExported() throws {
        let collections = [RemoteCollection(id: "c1", title: "Guides", slug: "guides")]
        var translated = Self.article("a2", "second", in: "c1", html: "<p>Two</p>")
        translated.translations["fr"] = RemoteTranslation(
            title: "Deux", draftHTML: nil, publishedHTML: "<p>Deux</p>")
        let export = Self.export(
            [Self.article("a1", "first", html: "<p>One</p>"), translated], collections: collections)
        let state = try #require(export.state)
        #expect(state.knowledgeBaseID == "kb-1")
        #expect(Set(state.articles.keys) == ["first.md", "guides/second.md"])
        let second = try #require(state.articles["guides/second.md"])
        #expect(second.id == "a2" && second.slug == "second" && second.collectionID == "c1")
        #expect(
            second.appliedBodyHashes == [
                "": StateHashing.bodyHash("<p>Two</p>"), "fr": StateHashing.bodyHash("<p>Deux</p>"),
            ])
        #expect(second.appliedTitles == ["": "Title of second", "fr": "Deux"])
        #expect(state.collections["guides"]?.id == "c1")

        let local = Self.export([Self.article("a1", "first")], source: .local)
        #expect(local.state == nil)
        #expect(try Self.text(local, "pylon-kb.yml").contains("\ntarget: local\n"))
    }

    @Test func writerRefusesANonEmptyFolderUnlessForced() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "export-writer-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: folder.appendingPathComponent("faq.md"))
        let export = Self.export([Self.article("a1", "faq")])
        #expect(throws: ExportWriter.Failure.notEmpty(folder.standardizedFileURL.path)) {
            try ExportWriter(folder: folder).write(export)
        }
        #expect(try String(contentsOf: folder.appendingPathComponent("faq.md"), encoding: .utf8) == "mine")
        try ExportWriter(folder: folder, force: true).write(export)
        #expect(
            try String(contentsOf: folder.appendingPathComponent("faq.md"), encoding: .utf8).hasPrefix(
                "---\ntitle:"))
        #expect(
            FileManager.default.fileExists(atPath: folder.appendingPathComponent(".pylon-kb/state.json").path)
        )
    }

    // MARK: Downloading

    /// Answers from a table and remembers every request.
    final class RecordingTransport: HTTPTransport, @unchecked Sendable {
        let answers: [String: HTTPResponse]
        private let lock = NSLock()
        private var seen: [HTTPRequest] = []

        init(_ answers: [String: HTTPResponse]) { self.answers = answers }

        var requests: [HTTPRequest] {
            lock.lock()
            defer { lock.unlock() }
            return seen
        }

        func send(_ request: HTTPRequest) async throws -> HTTPResponse {
            lock.withLock { seen.append(request) }
            guard let answer = answers[request.url.absoluteString] else {
                throw HTTPTransportError(.notConnected, "no route to \(request.url.host ?? "?")")
            }
            return answer
        }
    }

    @Test func downloaderFetchesEachImageOnceWithoutTheToken() async throws {
        let transport = RecordingTransport([
            "https://cdn.example.com/a.png": HTTPResponse(status: 200, body: Data([1, 2])),
            "https://cdn.example.com/gone.png": HTTPResponse(status: 404),
        ])
        let result = await ImageDownloader(transport: transport, concurrency: 2).download([
            "https://cdn.example.com/a.png", "https://cdn.example.com/gone.png",
            "https://down.example.com/x.png",
            "images/relative.png", "data:image/png;base64,AAAA",
        ])
        #expect(result.images == ["https://cdn.example.com/a.png": Data([1, 2])])
        #expect(result.failures.count == 4)
        #expect(
            result.failures.contains { $0.contains("gone.png could not be downloaded (answered HTTP 404)") })
        #expect(result.failures.contains { $0.contains("images/relative.png is not an http(s) address") })
        #expect(transport.requests.count == 3)
        #expect(transport.requests.allSatisfy { $0.header("Authorization") == nil && $0.method == "GET" })
    }
}
