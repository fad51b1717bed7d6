import Foundation
import PylonKB
import Testing

@Suite struct FrontMatterTagsTests {
    static func parse(_ yaml: String) -> (FrontMatter, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let frontMatter = FrontMatter.parse(yaml, path: "a.md", lineOffset: 1, diagnostics: &diagnostics)
        return (frontMatter, diagnostics)
    }

    @Test func aListIsTrimmedAndKeepsTheFirstSpellingOfEachValue() {
        let (frontMatter, diagnostics) = Self.parse(
            "title: A\ntags: [billing, \"  getting started \", Billing, FAQ, faq]\n")
        #expect(frontMatter.tags == ["billing", "getting started", "FAQ"])
        #expect(diagnostics.isEmpty)
    }

    @Test func oneValueIsAListOfOne() {
        let (frontMatter, diagnostics) = Self.parse("title: A\ntags: billing\n")
        #expect(frontMatter.tags == ["billing"])
        #expect(diagnostics.isEmpty)
    }

    @Test func noTagsKeyMeansNoTagsAndIsNotAnUnknownKey() {
        let (none, _) = Self.parse("title: A\n")
        #expect(none.tags.isEmpty)
        let (tagged, diagnostics) = Self.parse("title: A\ntags:\n  - billing\n")
        #expect(tagged.tags == ["billing"])
        #expect(!diagnostics.contains { $0.message.contains("Unknown") })
    }

    @Test func anEmptyValueIsAnErrorAtItsLine() {
        let (frontMatter, diagnostics) = Self.parse("title: A\ntags:\n  - billing\n  - \"  \"\n")
        #expect(frontMatter.tags == ["billing"])
        let error = diagnostics.first { $0.severity == .error }
        #expect(error?.path == "a.md")
        #expect(error?.line == 5)
        #expect(error?.message.contains("`tags` entry is empty") == true)
    }

    @Test func aMappingIsAnError() {
        let (_, diagnostics) = Self.parse("title: A\ntags: {a: b}\n")
        #expect(diagnostics.contains { $0.severity == .error && $0.message.contains("`tags`") })
    }

    @Test func translationsHaveTheOriginalsTagsAndTheirOwnAreIgnored() async throws {
        let fixture = try PlannerFixture(files: [
            "pylon-kb.yml": "target: local\nauthor: docs@example.com\n",
            "install.md": "---\ntitle: Install\ntags: [billing]\n---\nText.\n",
            "install.fr.md": "---\ntitle: Installer\ntags: [facturation]\n---\nTexte.\n",
        ])
        let result = try await ContentLoader(root: fixture.root).load()
        #expect(result.tree.articles.map(\.tags) == [["billing"]])
        #expect(
            result.diagnostics.contains {
                $0.path == "install.fr.md" && $0.severity == .warning && $0.message.contains("`tags`")
            })
    }

    @Test func checkReportsAnEmptyTagWithFileAndLine() async throws {
        let fixture = try PlannerFixture(files: [
            "pylon-kb.yml": "target: local\nauthor: docs@example.com\n",
            "install.md": "---\ntitle: Install\ntags: [billing, \"\"]\n---\nText.\n",
        ])
        let result = try await ContentLoader(root: fixture.root).load()
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.path) == ["install.md"])
        #expect(errors.first?.line == 3)
    }
}
