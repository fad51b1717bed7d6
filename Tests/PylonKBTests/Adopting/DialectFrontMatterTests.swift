import Foundation
import PylonKB
import Testing

/// What each docs-site generator's front matter becomes: nothing its author kept off the site
/// goes live, hidden pages stay unlisted, and keys that mean something else are not misread.
@Suite struct DialectFrontMatterTests {
    private func load(_ dialect: String, pages: String = "", _ files: [String: String]) async throws
        -> (tree: ContentTree, diagnostics: [Diagnostic])
    {
        var all = files
        all["pylon-kb.yml"] =
            "target: local\ndialect: \(dialect)\n" + (pages.isEmpty ? "" : "pages: \"\(pages)\"\n")
        let content = try TemporaryContent(all)
        let result = try await ContentLoader(root: content.root).load()
        return (result.tree, result.diagnostics)
    }

    private func article(_ tree: ContentTree, _ path: String) throws -> Article {
        try #require(tree.articles.first { $0.path == path }, "no article \(path)")
    }

    @Test(arguments: ["hugo", "docusaurus", "jekyll", "mkdocs", "docfx", "none"])
    func aDraftIsNeverPublishedLive(dialect: String) async throws {
        let (tree, _) = try await load(dialect, ["a.md": "---\ntitle: A\ndraft: true\n---\nText.\n"])
        #expect(try article(tree, "a.md").published == false)
    }

    @Test func hugoPagesHiddenFromTheBuildAreDraftsAndHiddenFromListsAreUnlisted() async throws {
        let (tree, _) = try await load(
            "hugo",
            [
                "a.md": "---\ntitle: A\n_build:\n  render: never\n---\nText.\n",
                "b.md": "---\ntitle: B\nheadless: true\n---\nText.\n",
                "c.md": "---\ntitle: C\nbuild:\n  list: never\n---\nText.\n",
                "d.md": "---\ntitle: D\ntoc_hide: true\n---\nText.\n",
            ])
        #expect(try article(tree, "a.md").published == false)
        #expect(try article(tree, "b.md").published == false)
        #expect(try article(tree, "c.md").published == true)
        #expect(try article(tree, "c.md").unlisted == true)
        #expect(try article(tree, "d.md").unlisted == true)
    }

    @Test func draftBesidePublishedTrueIsAnError() async throws {
        let (_, diagnostics) = try await load(
            "hugo", ["a.md": "---\ntitle: A\ndraft: true\npublished: true\n---\nText.\n"])
        #expect(diagnostics.contains { $0.severity == .error && $0.message.contains("both `draft: true`") })
    }

    @Test func hiddenPagesOfEachGeneratorAreUnlisted() async throws {
        let jekyll = try await load("jekyll", ["a.md": "---\ntitle: A\nnav_exclude: true\n---\nText.\n"])
        #expect(try article(jekyll.tree, "a.md").unlisted)
        let docfx = try await load(
            "docfx", ["a.md": "---\ntitle: A\nROBOTS: NOINDEX, NOFOLLOW\n---\nText.\n"])
        #expect(try article(docfx.tree, "a.md").unlisted)
        let docusaurus = try await load("docusaurus", ["a.md": "---\ntitle: A\nunlisted: true\n---\nText.\n"])
        #expect(try article(docusaurus.tree, "a.md").unlisted)
        let mkdocs = try await load(
            "mkdocs", ["a.md": "---\ntitle: A\nsearch:\n  exclude: true\n---\nText.\n"])
        #expect(try article(mkdocs.tree, "a.md").unlisted)
    }

    @Test func aGeneratorsAuthorIsABylineNotAPylonUser() async throws {
        let (tree, diagnostics) = try await load(
            "docfx", ["a.md": "---\ntitle: A\nauthor: octocat\nms.author: someone\n---\nText.\n"])
        #expect(try article(tree, "a.md").author == nil)
        #expect(!diagnostics.contains { $0.message.contains("author") })
        let pinned = try await load(
            "docfx", ["a.md": "---\ntitle: A\nauthor: octocat\npylon_author: docs@example.com\n---\nText.\n"])
        #expect(try article(pinned.tree, "a.md").author == "docs@example.com")
    }

    @Test func orderHintsAreKept() async throws {
        let hugo = try await load("hugo", ["a.md": "---\ntitle: A\nweight: 20\n---\nText.\n"])
        #expect(try article(hugo.tree, "a.md").orderHint == 20)
        let docusaurus = try await load(
            "docusaurus", ["a.md": "---\ntitle: A\nsidebar_position: 3\n---\nText.\n"])
        #expect(try article(docusaurus.tree, "a.md").orderHint == 3)
        let jekyll = try await load("jekyll", ["a.md": "---\ntitle: A\nnav_order: 7\n---\nText.\n"])
        #expect(try article(jekyll.tree, "a.md").orderHint == 7)
    }

    @Test func slugsWrittenAsPathsOrIdsBecomeOneSegment() async throws {
        let (tree, _) = try await load(
            "docusaurus",
            [
                "a.md": "---\ntitle: A\nslug: /guides/setting-up\n---\nText.\n",
                "b.md": "---\ntitle: B\nid: sdk-overview\n---\nText.\n",
            ])
        #expect(try article(tree, "a.md").slug == "setting-up")
        #expect(try article(tree, "b.md").slug == "sdk-overview")
        let hugo = try await load("hugo", ["c.md": "---\ntitle: C\nurl: /docs/install-now/\n---\nText.\n"])
        #expect(try article(hugo.tree, "c.md").slug == "install-now")
    }

    @Test func anUnknownKeyIsReportedOncePerKeyWithItsCountAndFirstFiles() async throws {
        var files: [String: String] = [:]
        for index in 1...5 { files["p\(index).md"] = "---\ntitle: P\(index)\nnav_colour: red\n---\nText.\n" }
        let (_, diagnostics) = try await load("hugo", files)
        let reports = diagnostics.filter { $0.message.contains("`nav_colour`") }
        #expect(reports.count == 1)
        let report = try #require(reports.first)
        #expect(report.path == "p1.md")
        #expect(report.message.contains("5 files: p1.md, p2.md, p3.md and 2 more"))
    }

    @Test func keysTheGeneratorDocumentsAreNotWarnedAbout() async throws {
        let (_, diagnostics) = try await load(
            "docusaurus",
            [
                "a.md":
                    "---\ntitle: A\nsidebar_label: Short\nhide_title: true\ncustom_edit_url: null\n---\nText.\n"
            ])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
    }

    @Test func pagesWithoutATitleAreTitledAfterTheirFileWithOneNote() async throws {
        let (tree, diagnostics) = try await load(
            "mkdocs", ["channel-logic.md": "Text only.\n", "other-page.md": "More text.\n"])
        #expect(try article(tree, "channel-logic.md").title == "Channel logic")
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics)")
        #expect(diagnostics.filter { $0.message.contains("titled after its file name") }.count == 1)
    }

    @Test func mkdocsNavigationTitlesNamePagesWithoutTitles() async throws {
        let (tree, _) = try await load(
            "mkdocs", pages: "docs",
            [
                "mkdocs.yml": "site_name: X\nnav:\n  - Guide:\n      - Basic Usage: guide/basics.md\n",
                "docs/guide/basics.md": "Text only.\n",
            ])
        #expect(try article(tree, "docs/guide/basics.md").title == "Basic Usage")
    }

    @Test func equalFileNamesInDifferentFoldersGetTheirFolderInTheSlug() async throws {
        let (tree, diagnostics) = try await load(
            "mkdocs",
            [
                "cli/add.md": "# pixi add\n", "cli/global/add.md": "# pixi global add\n",
                "cli/explicit/add.md": "---\ntitle: E\nslug: add-explicit\n---\nText.\n",
            ])
        #expect(try article(tree, "cli/add.md").slug == "add")
        #expect(try article(tree, "cli/global/add.md").slug == "global-add")
        #expect(try article(tree, "cli/explicit/add.md").slug == "add-explicit")
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics)")
    }

    @Test func thePagesFolderBoundsArticlesAndCollections() async throws {
        let (tree, _) = try await load(
            "hugo", pages: "site/content/en",
            [
                "site/content/en/docs/a.md": "---\ntitle: A\n---\nText.\n",
                "site/content/en/top.md": "---\ntitle: Top\n---\nText.\n",
                "site/content/fr/docs/a.md": "---\ntitle: A fr\n---\nTexte.\n",
                "README.md": "# The repository\n",
            ])
        #expect(Set(tree.articles.map(\.path)) == ["site/content/en/docs/a.md", "site/content/en/top.md"])
        #expect(tree.collections.map(\.path) == ["site/content/en/docs"])
        #expect(tree.collections.first?.parentPath == nil)
        #expect(try article(tree, "site/content/en/top.md").collectionPath == "")
    }
}
