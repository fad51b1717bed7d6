import Foundation
import PylonKB
import Testing

@Suite("pylon-kb.yml")
struct ConfigurationTests {
    @Test func fullConfigurationIsRead() throws {
        var diagnostics: [Diagnostic] = []
        let configuration = Configuration.parse(
            """
            knowledge_base: 8f0d6c9e-1111-4a4a-9f9f-123456789abc
            author: docs@example.com
            site_url: https://help.example.com
            defaults: {published: false, visibility: internal_only}
            policies: {on_remove: delete, on_rename: delete, on_drift: overwrite}
            rename_similarity_threshold: 0.65
            """, diagnostics: &diagnostics)
        #expect(diagnostics.isEmpty)
        #expect(configuration.target == .knowledgeBase("8f0d6c9e-1111-4a4a-9f9f-123456789abc"))
        #expect(configuration.author == "docs@example.com")
        #expect(configuration.siteURL?.absoluteString == "https://help.example.com")
        #expect(!configuration.defaultPublished && configuration.defaultVisibility == .internalOnly)
        #expect(configuration.onRemove == .delete && configuration.onRename == .delete)
        #expect(configuration.onDrift == .overwrite && configuration.renameSimilarityThreshold == 0.65)
    }

    @Test func invalidValuesAreErrorsAtTheirLinesAndUnknownKeysWarn() {
        var diagnostics: [Diagnostic] = []
        let configuration = Configuration.parse(
            """
            target: staging
            site_url: help.example.com
            policies:
              on_remove: archive
            rename_similarity_threshold: 80
            theme: dark
            """, diagnostics: &diagnostics)
        #expect(
            diagnostics.sorted().map(\.description) == [
                "pylon-kb.yml:1: error: `target` is \"staging\", but the only target is `local`; to publish to Pylon, set `knowledge_base: <id>` instead.",
                "pylon-kb.yml:2: error: `site_url` is \"help.example.com\", which is not an http(s) address such as https://help.example.com.",
                "pylon-kb.yml:4: error: `on_remove` is \"archive\", which is not one of `report`, `unlist`, `delete`.",
                "pylon-kb.yml:5: error: `rename_similarity_threshold` is 80.0, but it must be between 0 and 1 (default 0.8).",
                "pylon-kb.yml:6: warning: Unknown key `theme` in pylon-kb.yml is ignored.",
            ])
        #expect(configuration.onRemove == .report && configuration.renameSimilarityThreshold == 0.8)
    }

    @Test func configurationErrorsAreReportedByCheck() async throws {
        let content = try TemporaryContent([
            "pylon-kb.yml": "target: local\ndefaults:\n  published: maybe\n",
            "a.md": "# A\n\nText.\n",
        ])
        #expect(
            try await content.diagnostics() == [
                "pylon-kb.yml:3: error: `published` must be true or false, not \"maybe\"."
            ])
    }

    @Test func defaultDirectoryPrefersDotThenContent() throws {
        let withContent = try TemporaryContent(["content/pylon-kb.yml": "target: local\n"])
        #expect(
            ContentRoot.defaultDirectory(currentDirectory: withContent.root).lastPathComponent == "content")
        let withBoth = try TemporaryContent([
            "pylon-kb.yml": "target: local\n", "content/pylon-kb.yml": "target: local\n",
        ])
        #expect(ContentRoot.defaultDirectory(currentDirectory: withBoth.root) == withBoth.root)
        let withNeither = try TemporaryContent(["a.md": "# A\n\nText.\n"])
        #expect(ContentRoot.defaultDirectory(currentDirectory: withNeither.root) == withNeither.root)
    }

    @Test func printedPathsAreRelativeToTheCurrentDirectory() {
        let current = URL(fileURLWithPath: "/repo", isDirectory: true)
        #expect(
            ContentRoot.displayPrefix(root: URL(fileURLWithPath: "/repo/content"), currentDirectory: current)
                == "content/")
        #expect(
            ContentRoot.displayPrefix(root: URL(fileURLWithPath: "/repo"), currentDirectory: current) == "")
        #expect(
            ContentRoot.displayPrefix(root: URL(fileURLWithPath: "/elsewhere/kb"), currentDirectory: current)
                == "/elsewhere/kb/")
    }

    @Test func githubAnnotationsEscapeTheirFields() {
        let formatter = DiagnosticFormatter(style: .github, pathPrefix: "content/")
        let diagnostic = Diagnostic.error("a,b.md", line: 3, "100% broken\nsecond line")
        #expect(
            formatter.line(for: diagnostic)
                == "::error file=content/a%2Cb.md,line=3::100%25 broken%0Asecond line")
        let text = DiagnosticFormatter(style: .text, pathPrefix: "content/")
        #expect(text.line(for: .warning("a.md", line: nil, "Hm.")) == "content/a.md: warning: Hm.")
        #expect(
            DiagnosticFormatter.summary(errors: 1, warnings: 0, articles: 14, translations: 1)
                == "1 error, 0 warnings in 14 articles and 1 translation")
    }
}
