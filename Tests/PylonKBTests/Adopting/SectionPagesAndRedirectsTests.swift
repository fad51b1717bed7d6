import Foundation
import PylonKB
import Testing

/// Section pages describe their collections; the redirects a site keeps lead to the same
/// pages in Pylon, and what cannot be carried over is said.
@Suite struct SectionPagesAndRedirectsTests {
    private func load(_ dialect: String, pages: String = "", site: String = "", _ files: [String: String])
        async throws -> (tree: ContentTree, diagnostics: [Diagnostic])
    {
        var all = files
        all["pylon-kb.yml"] = "target: local\ndialect: \(dialect)\npages: \"\(pages)\"\nsite: \"\(site)\"\n"
        let content = try TemporaryContent(all)
        let result = try await ContentLoader(root: content.root).load()
        return (result.tree, result.diagnostics)
    }

    @Test func aHugoSectionPageTitlesAndDescribesItsCollection() async throws {
        let (tree, _) = try await load(
            "hugo",
            [
                "guides/_index.md": "---\ntitle: Guides for admins\ndescription: How to run it.\n---\n",
                "guides/a.md": "---\ntitle: A\n---\nText.\n",
            ])
        let collection = try #require(tree.collections.first { $0.path == "guides" })
        #expect(collection.title == "Guides for admins")
        #expect(collection.description == "How to run it.")
        // No text of its own: it is not an article.
        #expect(tree.articles.map(\.path) == ["guides/a.md"])
    }

    @Test func aSectionPageWithTextIsAlsoTheCollectionsOverviewArticle() async throws {
        let (tree, diagnostics) = try await load(
            "docusaurus",
            [
                "billing/index.md": "---\ntitle: Billing\n---\nEverything about invoices.\n",
                "billing/refunds.md": "---\ntitle: Refunds\n---\nText.\n",
                "accounts/README.md": "---\ntitle: Accounts\n---\nAbout accounts.\n",
                "accounts/login.md": "---\ntitle: Login\n---\nText.\n",
            ])
        let billing = try #require(tree.articles.first { $0.path == "billing/index.md" })
        #expect(billing.slug == "billing")
        #expect(billing.collectionPath == "billing")
        #expect(tree.articles.first { $0.path == "accounts/README.md" }?.slug == "accounts")
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics)")
    }

    @Test func docusaurusCategoryFilesTitleAndDescribeTheirFolder() async throws {
        let (tree, _) = try await load(
            "docusaurus",
            [
                "admin/_category_.json":
                    #"{"label": "Administration", "position": 4, "link": {"type": "generated-index", "description": "Run it."}}"#,
                "admin/roles.md": "---\ntitle: Roles\n---\nText.\n",
            ])
        let collection = try #require(tree.collections.first)
        #expect(collection.title == "Administration")
        #expect(collection.description == "Run it.")
    }

    @Test func aHugoLeafBundleIsThePageNamedAfterItsFolder() async throws {
        let (tree, _) = try await load(
            "hugo",
            [
                "blog/_index.md": "---\ntitle: Blog\n---\n",
                "blog/launch-day/index.md": "---\ntitle: Launch day\n---\nWe launched.\n",
            ])
        let post = try #require(tree.articles.first)
        #expect(post.slug == "launch-day")
        #expect(post.collectionPath == "blog")
        #expect(tree.collections.map(\.path) == ["blog"])
    }

    @Test func withoutADialectIndexIsAnOrdinaryArticle() async throws {
        let content = try TemporaryContent([
            "pylon-kb.yml": "target: local\n", "guides/index.md": "---\ntitle: Index\n---\nText.\n",
        ])
        let result = try await ContentLoader(root: content.root).load()
        #expect(result.tree.articles.first?.slug == "index")
    }

    @Test func hugoAliasesBecomeRedirectsRelativeToTheSection() async throws {
        let (tree, _) = try await load(
            "hugo", pages: "content",
            [
                "content/blog/2023/release.md":
                    "---\ntitle: R\naliases: [docsy-0.7, /docs/old-release/]\n---\nText.\n"
            ])
        #expect(
            Set(tree.articles.first?.redirectFrom ?? []) == ["/blog/2023/docsy-0.7", "/docs/old-release/"])
    }

    @Test func aRedirectStubIsNoArticleButARedirectToItsTarget() async throws {
        let (tree, diagnostics) = try await load(
            "jekyll", pages: "_docs",
            [
                "_docs/old-name.md": "---\nlayout: redirect\nredirect_to: /guides/new-name/\n---\n",
                "_docs/guides/new-name.md": "---\ntitle: New\n---\nText.\n",
                "_docs/gone.md": "---\nredirect_to: https://example.org/elsewhere\n---\n",
            ])
        #expect(tree.articles.map(\.path) == ["_docs/guides/new-name.md"])
        #expect(tree.articles.first?.redirectFrom == ["/old-name/"])
        #expect(diagnostics.contains { $0.path == "_docs/gone.md" && $0.message.contains("another site") })
    }

    @Test func docfxRedirectionFileLeadsOldPathsToTheirArticles() async throws {
        let (tree, diagnostics) = try await load(
            "docfx", pages: "product", site: "product",
            [
                ".openpublishing.redirection.json": """
                {"redirections": [
                  {"source_path": "product/users/registries.md", "redirect_url": "/product/concepts/registries"},
                  {"source_path": "product/users/missing.md", "redirect_url": "/product/concepts/nothing"}
                ]}
                """,
                "product/docfx.json": "{}",
                "product/concepts/registries.md": "---\ntitle: Registries\n---\nText.\n",
            ])
        #expect(tree.articles.first?.redirectFrom == ["/product/users/registries"])
        #expect(
            diagnostics.contains {
                $0.path == ".openpublishing.redirection.json" && $0.message.contains("no page")
            })
    }

    @Test func mkdocsRedirectMapsLeadOldPagesToNewOnes() async throws {
        let (tree, _) = try await load(
            "mkdocs", pages: "docs",
            [
                "mkdocs.yml": """
                site_name: X
                plugins:
                  - search
                  - redirects:
                      redirect_maps:
                        "basic_usage.md": "getting_started.md"
                        "old.md": "https://example.org/x"
                """,
                "docs/getting_started.md": "# Getting started\n",
            ])
        #expect(tree.articles.first?.redirectFrom == ["/basic_usage/"])
    }

    @Test func aRedirectClaimedByTwoPagesIsKeptForTheFirstWithAWarning() async throws {
        let (tree, diagnostics) = try await load(
            "hugo",
            [
                "a.md": "---\ntitle: A\naliases: [/old/]\n---\nText.\n",
                "b.md": "---\ntitle: B\naliases: [/old/]\n---\nText.\n",
            ])
        #expect(tree.articles.flatMap(\.redirectFrom) == ["/old/"])
        #expect(diagnostics.contains { $0.message.contains("already kept for a.md") })
    }
}
