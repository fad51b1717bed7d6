import Foundation
import PylonKB
import Testing

/// `init --from` recognises each generator from the files it requires, wherever in the
/// repository the site lives, and finds its pages.
@Suite struct SiteDetectionTests {
    private func detect(_ files: [String: String]) throws -> SiteDetection {
        let content = try TemporaryContent(files)
        return SiteDetection.detect(in: content.root)
    }

    @Test func eachGeneratorIsRecognisedWithItsPagesFolder() throws {
        let hugo = try detect(["site/hugo.toml": "", "site/content/docs/a.md": "# A\n"])
        #expect(hugo.dialect == .hugo)
        #expect(hugo.siteFolder == "site")
        #expect(hugo.pagesFolder == "site/content")

        let docusaurus = try detect(["website/docusaurus.config.js": "", "website/docs/a.md": "# A\n"])
        #expect(docusaurus.dialect == .docusaurus)
        #expect(docusaurus.pagesFolder == "website/docs")

        let mkdocs = try detect([
            "mkdocs.yml": "site_name: X\ndocs_dir: documentation\n", "documentation/a.md": "# A\n",
        ])
        #expect(mkdocs.dialect == .mkdocs)
        #expect(mkdocs.pagesFolder == "documentation")

        let docfx = try detect(["articles/docfx.json": "{}", "articles/a.md": "# A\n"])
        #expect(docfx.dialect == .docfx)
        #expect(docfx.pagesFolder == "articles")

        let jekyll = try detect([
            "_config.yml": "title: X\n", "_guides/a.md": "# A\n", "_faq/b.md": "# B\n", "_faq/c.md": "# C\n",
        ])
        #expect(jekyll.dialect == .jekyll)
        #expect(jekyll.pagesFolder == "_faq")
        #expect(jekyll.notes.contains { $0.contains("_guides") })
    }

    @Test func aMultilingualHugoSiteReadsOneLanguageAndSaysSo() throws {
        let hugo = try detect([
            "config/_default/hugo.yaml": "", "content/en/a.md": "# A\n", "content/fr/a.md": "# A\n",
        ])
        #expect(hugo.pagesFolder == "content/en")
        #expect(hugo.notes.contains { $0.contains("content/fr") })
    }

    @Test func aPlainFolderHasNoDialect() throws {
        let plain = try detect(["guides/a.md": "# A\n"])
        #expect(plain.dialect == nil)
        #expect(plain.pagesFolder == "")
    }
}
