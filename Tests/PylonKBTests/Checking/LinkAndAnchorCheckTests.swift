import Foundation
import PylonKB
import Testing

/// Links and `#anchors` written the way real docs folders write them.
@Suite("Links and anchors in real docs folders")
struct LinkAndAnchorCheckTests {
    private func errors(_ files: [String: String]) async throws -> [String] {
        try await TemporaryContent(files).check().report.diagnostics.filter { $0.severity == .error }
            .map(\.description)
    }

    @Test func idsFromRawHTMLAreAnchorTargets() async throws {
        let errors = try await errors([
            "a.md":
                "# A\n\n[1](b.md#install-root) [2](b.md#Classic-Mode) [3](b.md#note) [4](b.md#box) [5](b.md#fn-1)\n",
            "b.md":
                "# B\n\n### <a name=\"install-root\"></a> `--x-install-root`\n\n## <a id=\"Classic-Mode\"></a>Classic Mode\n\n<span id=\"note\">Note</span>\n\n<div id=\"box\">\n\nText.[^1]\n\n</div>\n\n[^1]: A note.\n",
        ])
        #expect(errors == [])
    }

    /// Docsy writes `## Doc-rooted sites <a id="old-name"></a>`: the heading is reached by its
    /// own text's id (no trailing hyphen from the space before the tag) and by the old name.
    @Test func headingEndingInAnAnchorTagKeepsBothTargets() async throws {
        let errors = try await errors([
            "a.md": "# A\n\n[1](b.md#doc-rooted-sites) [2](b.md#old-name)\n",
            "b.md": "# B\n\n## Doc-rooted sites <a id=\"old-name\"></a>\n\nText.\n",
        ])
        #expect(errors == [])
    }

    @Test func idInACalloutTitleStaysALinkTarget() async throws {
        let content = try TemporaryContent([
            "a.md": "# A\n\n> [!TIP] In-page targets <a id=\"tip\"></a>\n> See [here](#tip).\n"
        ])
        let result = try await content.check()
        #expect(result.report.errorCount == 0, "\(result.report.diagnostics)")
        let html = try #require(result.report.pages.first).rendered.html
        #expect(html.contains("<strong>💡 In-page targets<a id=\"tip\"></a></strong>"))
    }

    @Test func headingsInsideDetailsAreAnchorTargets() async throws {
        let errors = try await errors([
            "a.md": "# A\n\n[q](b.md#question)\n",
            "b.md": "# B\n\n<details>\n<summary>FAQ</summary>\n\n## Question\n\nAnswer.\n\n</details>\n",
        ])
        #expect(errors == [])
    }

    @Test func explicitHeadingIDBecomesTheIDAndIsNotPublishedAsText() async throws {
        let content = try TemporaryContent([
            "a.md": "# A\n\n[x](b.md#custom-id) [y](b.md#install-it)\n",
            "b.md": "# B\n\n## Install it {#custom-id}\n\nText.\n",
        ])
        let result = try await content.check()
        let html = try #require(result.report.pages.first { $0.path == "b.md" }).rendered.html
        #expect(html.contains("<h2 id=\"custom-id\">Install it</h2>"))
        #expect(!html.contains("{#"))
        #expect(
            result.report.diagnostics.map(\.description) == [
                "a.md:3: error: The link `b.md#install-it` points to #install-it, which is not a heading or id in b.md; its headings and ids are #custom-id."
            ])
    }

    @Test func titleHeadingWithAnExplicitIDIsNotRepeated() {
        let html = Renderer().render(
            RenderInput(markdown: "# Install {#install}\n\nText.\n", path: "a.md", title: "Install"),
            resolver: .unresolved
        ).html
        #expect(html == "<p>Text.</p>\n")
    }

    @Test func samePageAnchorsAreChecked() async throws {
        let errors = try await errors([
            "a.md": "# A\n\n[ok](#usage) [gone](#setup)\n\n## Usage\n"
        ])
        #expect(
            errors == [
                "a.md:3: error: The link `#setup` points to #setup, which is not a heading or id on this page; its headings and ids are #usage."
            ])
    }

    @Test func caseOnlyMismatchSuggestsTheExactID() async throws {
        let errors = try await errors([
            "a.md": "# A\n\n[x](#Usage-Notes)\n\n## Usage notes\n"
        ])
        #expect(
            errors == [
                "a.md:3: error: The link `#Usage-Notes` points to #Usage-Notes, which is not a heading or id on this page: ids are case-sensitive; did you mean `#usage-notes`?"
            ])
    }

    @Test func percentEncodedAnchorsMatchTheirHeading() async throws {
        let errors = try await errors([
            "a.md": "# A\n\n[x](#caf%C3%A9)\n\n## Café\n"
        ])
        #expect(errors == [])
    }

    @Test func siteGeneratorLinkFormsResolveToTheArticleFile() async throws {
        let content = try TemporaryContent([
            "guides/a.md":
                "# A\n\n[1](../install/) [2](./setup) [3](/guides/setup) [4](../reference) [6](../repo/) [7](setup.html) [8](../mdx-page)\n",
            "guides/setup.md": "# Setup\n\nText.\n",
            "install.md": "# Install\n\nText.\n",
            "reference/index.md": "# Reference\n\nText.\n",
            "repo/README.md": "# Repo\n\nText.\n",
        ])
        let result = try await content.check()
        #expect(result.report.errorCount == 1)
        // `.mdx` and Hugo's `_index.md` are articles only in those dialects' folders; the
        // loader decides that, the link resolution accepts them.
        #expect(
            result.report.diagnostics.map(\.description).contains(
                "guides/a.md:3: error: The link `../mdx-page` points to mdx-page, which does not exist; fix the path or add the article."
            ))
        #expect(
            ContentChecker.linkTarget(
                "mdx-page", pagePaths: ["mdx-page.mdx"], collectionPaths: [], files: ["mdx-page.mdx"])
                == .page("mdx-page.mdx"))
        #expect(
            ContentChecker.linkTarget(
                "hugo", pagePaths: ["hugo/_index.md"], collectionPaths: ["hugo"], files: ["hugo/_index.md"])
                == .page("hugo/_index.md"))
    }

    @Test func rootLinksResolveInThePagesFolderFirst() {
        let pages: Set<String> = ["docs/privacy/vpn.md", "docs/install.md", "install.md"]
        #expect(
            LinkTargets.target(
                "privacy/vpn", rootRelative: true, pagesFolder: "docs", pagePaths: pages, collectionPaths: [],
                files: []) == .page("docs/privacy/vpn.md"))
        #expect(
            LinkTargets.target(
                "install", rootRelative: true, pagesFolder: "docs", pagePaths: pages, collectionPaths: [],
                files: []) == .page("docs/install.md"))
        // A Jekyll collection `_dashboards` is served at `/dashboards/`.
        #expect(
            LinkTargets.target(
                "dashboards/install/tls", rootRelative: true, pagesFolder: "_dashboards",
                pagePaths: ["_dashboards/install/tls.md"], collectionPaths: [], files: [])
                == .page("_dashboards/install/tls.md"))
        // Relative links are relative to the page, never to the pages folder.
        #expect(
            LinkTargets.target(
                "install", rootRelative: false, pagesFolder: "docs", pagePaths: pages, collectionPaths: [],
                files: []) == .page("install.md"))
        #expect(
            LinkTargets.target(
                "docs/install", rootRelative: true, pagesFolder: "docs", pagePaths: pages,
                collectionPaths: [],
                files: []) == .page("docs/install.md"))
    }

    @Test func renderedHrefPointsAtTheArticleTheCheckAccepted() {
        let pages: Set<String> = ["docs/privacy/vpn.md", "docs/guides/install/index.md"]
        let resolver = LinkResolver(
            articleURL: { pages.contains($0) ? "https://kb.example/\($0)" : nil }, imageURL: { _ in nil },
            pagesFolder: "docs")
        let html = Renderer().render(
            RenderInput(
                markdown: "[a](/privacy/vpn/#setup) [b](../guides/install/)\n", path: "docs/faq/x.md"),
            resolver: resolver
        ).html
        #expect(html.contains("href=\"https://kb.example/docs/privacy/vpn.md#setup\""))
        #expect(html.contains("href=\"https://kb.example/docs/guides/install/index.md\""))
    }

    @Test func linkThatResolvesToNothingStaysAnErrorWithItsLine() async throws {
        let errors = try await errors([
            "a.md": "# A\n\nText.\n\n[gone](../gone/) [also](/nowhere)\n"
        ])
        #expect(errors.count == 2)
        #expect(errors.allSatisfy { $0.hasPrefix("a.md:5: error: The link `") })
    }
}

@Suite("Raw HTML headings")
struct RawHTMLHeadingTests {
    @Test func rawHTMLHeadingsGetAnIDFromTheirTextAndLinksToThemWork() async throws {
        let content = try TemporaryContent([
            "a.md":
                "# A\n\n[x](#raw--title) [y](#kept) [z](#usage-1)\n\n## Usage\n\n<h2>Raw &amp; <code>Title</code></h2>\n\n<h3 id=\"kept\">Kept</h3>\n\n<div>\n<h4 class=\"x\">Usage</h4>\n</div>\n"
        ])
        let result = try await content.check()
        #expect(result.report.errorCount == 0, "\(result.report.diagnostics)")
        let html = try #require(result.report.pages.first).rendered.html
        #expect(html.contains("<h2 id=\"raw--title\">Raw &amp; <code>Title</code></h2>"))
        #expect(html.contains("<h3 id=\"kept\">Kept</h3>"))
        #expect(html.contains("<h4 id=\"usage-1\" class=\"x\">Usage</h4>"))
    }
}
