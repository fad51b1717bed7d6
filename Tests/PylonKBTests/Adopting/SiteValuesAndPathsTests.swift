import Foundation
import PylonKB
import Testing

/// What a generator fills in from outside the page — site parameters and variables, images
/// served from a static folder, addresses the old site served pages at — reaches Pylon as the
/// old site showed it, instead of being dropped or reported as missing.
@Suite struct SiteValuesAndPathsTests {
    /// Checks a folder through the preview's resolver (page-relative URLs, as a reader sees).
    private func check(_ dialect: String, pages: String = "", site: String = "", _ files: [String: String])
        async throws -> ContentCheck.Result
    {
        var all = files
        all["pylon-kb.yml"] = "target: local\ndialect: \(dialect)\npages: \"\(pages)\"\nsite: \"\(site)\"\n"
        let content = try TemporaryContent(all)
        return try await ContentCheck.run(
            root: content.root, render: Renderer().render, resolver: { PreviewSiteWriter.resolvers(for: $0) })
    }

    private func html(_ result: ContentCheck.Result, _ path: String) throws -> String {
        try #require(result.report.pages.first { $0.path == path }).rendered.html
    }

    private func errors(_ result: ContentCheck.Result) -> [String] {
        result.report.diagnostics.filter { $0.severity == .error }.map(\.message)
    }

    /// MkDocs serves `reference/env.md` at `/reference/env/`: `../../deployment/auth/` on it
    /// works in a browser, one folder deeper than the file. It leads to the article; a link
    /// that works from the file is left alone, and one that works from neither is an error.
    @Test func linksWrittenAgainstThePagesAddressLeadToTheArticle() async throws {
        let result = try await check(
            "mkdocs", pages: "docs",
            [
                "mkdocs.yml": "site_name: X\n",
                "docs/deployment/auth.md": "# Auth\n\n## Storage\n",
                "docs/reference/other.md": "# Other\n",
                "docs/reference/env.md":
                    "# Env\n\n[a](../../deployment/auth/#storage) [b](../other/) [c](other.md) [d](../../nowhere/)\n\n<p>See <a href=\"../../deployment/auth/\">auth</a>.</p>\n",
            ])
        let page = try html(result, "docs/reference/env.md")
        #expect(!page.contains("href=\"../../deployment/auth/"), "\(page)")
        #expect(!page.contains("href=\"../other/\""), "\(page)")
        #expect(!page.contains("href=\"../../deployment/auth/\""), "\(page)")
        #expect(errors(result).count == 1, "\(errors(result))")
        #expect(errors(result).first?.contains("../../nowhere/") == true)
    }

    /// Docsy's `_param`: the configuration's own keys (`baseURL`, an alias to an anchored
    /// value) and `{1}`, `{2}` filled from the further arguments.
    @Test func docsyUnderscoreParamReadsSiteKeysAndFillsArguments() async throws {
        let result = try await check(
            "hugo", pages: "site/content", site: "site",
            [
                "site/hugo.yaml": """
                matrix: &sites
                  en: {weight: 1}
                params:
                  sites: *sites
                  productionURL: &productionURL https://www.docsy.dev
                  FAS_LG: <i class="fa-solid fa-{1} text-{2} fa-lg"></i>
                baseURL: *productionURL
                """,
                "site/content/news.md": """
                ---
                title: News
                ---
                - {{% _param FAS_LG palette success %}} Colors.

                See [releases](<{{% _param baseURL %}}/tags/release/>).
                """,
            ])
        let page = try html(result, "site/content/news.md")
        #expect(page.contains("fa-palette text-success"), "\(page)")
        #expect(page.contains("href=\"https://www.docsy.dev/tags/release/\""), "\(page)")
        #expect(errors(result).isEmpty, "\(errors(result))")
    }

    @Test func hugoParamsComeFromTheSiteConfigurationAndThePage() async throws {
        let result = try await check(
            "hugo", pages: "site/content", site: "site",
            [
                "site/hugo.yaml":
                    "title: X\nparams:\n  repo: &repo https://github.com/acme/widget\n  ui:\n    Version: 2.1\n",
                "site/config/_default/params.toml": "[links]\nchat = \"https://chat.example\"\n",
                "site/content/install.md": """
                ---
                title: Install
                product: Widget Pro
                ---
                Get {{< param product >}} {{% param ui.version %}} from <{{% param repo %}}/releases>, ask in {{< param "links.chat" >}}.

                ```sh
                git checkout v{{% param ui.version %}}
                echo '{{</* param repo */>}}'
                ```
                """,
            ])
        let page = try html(result, "site/content/install.md")
        #expect(page.contains("Get Widget Pro 2.1 from"))
        #expect(page.contains("href=\"https://github.com/acme/widget/releases\""))
        #expect(page.contains("https://chat.example"))
        // In code too, as Hugo expands it there; an escaped shortcode shows as written.
        #expect(page.contains("git checkout v2.1"))
        #expect(page.contains("echo '{{&lt; param repo &gt;}}'"))
        #expect(!page.contains("{{%") && !page.contains("param product"), "\(page)")
        #expect(errors(result).isEmpty)
    }

    @Test func anUnsetHugoParamIsReportedNotPublished() async throws {
        let result = try await check(
            "hugo",
            [
                "hugo.toml": "[params]\nrepo = \"https://github.com/acme/widget\"\n",
                "a.md": "---\ntitle: A\n---\nVersion {{< param missing >}} here.\n",
            ])
        #expect(try html(result, "a.md").contains("Version  here."))
        #expect(result.report.diagnostics.contains { $0.message.contains("here missing") })
    }

    @Test func jekyllSiteAndPageVariablesBecomeTheirValues() async throws {
        let result = try await check(
            "jekyll", pages: "_docs",
            [
                "_config.yml": "title: Docs\nlucene_version: '10_5_0'\nurl: https://docs.example\n",
                "_docs/a.md":
                    "---\ntitle: Search\nengine: Lucene\n---\n{{ page.engine }} {{ site.lucene_version }} and {{ site.other | upcase }}.\n",
            ])
        let page = try html(result, "_docs/a.md")
        #expect(page.contains("Lucene 10_5_0 and ."))
        #expect(result.report.diagnostics.contains { $0.message.contains("`{{ site.other }}` was removed") })
    }

    @Test func imagesFromTheSitesStaticFolderAreFoundAndUploaded() async throws {
        let png = "not really a png"
        let result = try await check(
            "docusaurus", pages: "website/docs", site: "website",
            [
                "website/docusaurus.config.js": "module.exports = {}\n",
                "website/static/img/flow.png": png,
                "website/docs/guides/a.md": """
                ---
                title: A
                ---
                ![Flow](/img/flow.png) <img src="/img/flow.png" alt="again"/> ![Gone](/img/gone.png)

                ![Ref][flow]

                [flow]: /img/flow.png
                """,
            ])
        let page = try html(result, "website/docs/guides/a.md")
        #expect(page.components(separatedBy: "../../static/img/flow.png").count - 1 == 3, "\(page)")
        #expect(
            result.report.pages.first?.rendered.images.compactMap(\.path).contains(
                "website/static/img/flow.png") == true)
        // One that is nowhere is still an error.
        #expect(errors(result).count == 1)
        #expect(errors(result).first?.contains("/img/gone.png") == true)
    }

    @Test func linksToAPermalinkOrARedirectSourceLeadToThePage() async throws {
        let result = try await check(
            "jekyll", pages: "_docs",
            [
                "_docs/query/dql.md":
                    "---\ntitle: DQL\nredirect_from:\n  - /docs/discover/dql/\n---\n## Syntax\n",
                "_docs/home.md": "---\ntitle: Home\npermalink: /start-here/\n---\nHi.\n",
                "_docs/b.md":
                    "---\ntitle: B\n---\nSee [DQL](/docs/discover/dql/#syntax), [home](/start-here/) and [gone](/nowhere/).\n",
            ])
        let page = try html(result, "_docs/b.md")
        #expect(page.contains("href=\"query/dql.html#syntax\""), "\(page)")
        #expect(page.contains("href=\"home.html\""), "\(page)")
        #expect(errors(result).count == 1)
        #expect(errors(result).first?.contains("/nowhere/") == true)
    }

    @Test func liquidInAFenceInsideAListItemIsKeptAsWritten() async throws {
        // Not a dialect folder: pylon-kb's own Markdown drops Liquid in prose, never in code.
        let content = try TemporaryContent([
            "a.md": "# A\n\n1. Paste:\n\n      ```yaml\n      name: ${{ github.ref }}\n      ```\n"
        ])
        let result = try await ContentCheck.run(root: content.root, render: Renderer().render)
        let page = try html(result, "a.md")
        #expect(page.contains("name: ${{ github.ref }}"), "\(page)")
        #expect(result.report.diagnostics.isEmpty)
    }
}
