import Foundation
import PylonKB
import Testing

/// Slugs of files and folders whose names are not valid slugs, as real docs folders have them.
@Suite("Slugs derived from file and folder names")
struct SlugDerivationTests {
    @Test(arguments: [
        ("über", "uber"), ("Getting_Started", "getting-started"), ("LTSC_2021", "ltsc-2021"),
        ("café-menü", "cafe-menu"), ("Straße", "strasse"), ("Ærø", "aero"), ("Łódź", "lodz"),
        ("Привет мир", "privet-mir"), ("duck-player.index", "duck-player-index"),
    ])
    func nameBecomesAValidSlug(name: String, slug: String) {
        #expect(Slug.derived(fromName: name) == slug)
        #expect(Slug.isValid(slug))
    }

    @Test func nameWithNothingToTransliterateHasNoSlug() {
        #expect(Slug.derived(fromName: "🙂🙂") == nil)
    }

    @Test func articleFileNameGivesASlugWithAWarningSayingHowToPinIt() async throws {
        let content = try TemporaryContent(["Getting_Started.md": "# Getting started\n\nText.\n"])
        let result = try await content.check()
        #expect(result.tree.articles.map(\.slug) == ["getting-started"])
        #expect(
            result.report.diagnostics.map(\.description) == [
                "Getting_Started.md:1: warning: The slug \"getting-started\" was derived from the file name \"Getting_Started\", which is not a valid slug (only a–z, 0–9 and single hyphens are). The slug is part of the address on Pylon; to keep it if the name changes, or to choose another, set `slug: getting-started` in the front matter."
            ])
    }

    @Test func folderNameGivesACollectionSlugWithAWarning() async throws {
        let content = try TemporaryContent(["Über_uns/a.md": "# A\n\nText.\n"])
        let result = try await content.check()
        #expect(result.tree.collections.map(\.slug) == ["uber-uns"])
        #expect(result.report.errorCount == 0)
        #expect(result.report.warningCount == 1)
        #expect(
            result.report.diagnostics.first?.message.contains(
                "set `slug: uber-uns` in Über_uns/_collection.yml")
                == true)
    }

    @Test func invalidExplicitSlugStaysAnError() async throws {
        let content = try TemporaryContent(["a.md": "---\ntitle: A\nslug: Über\n---\nText.\n"])
        #expect(
            try await content.diagnostics() == [
                "a.md:3: error: The slug \"Über\" is not valid: slugs may contain only lowercase letters a–z, digits and single hyphens between them. Use `uber` instead."
            ])
    }

    @Test func twoFilesDerivingTheSameSlugIsAnErrorNamingBoth() async throws {
        let content = try TemporaryContent([
            "Getting_Started.md": "# One\n\nText.\n",
            "getting-started.md": "# Two\n\nText.\n",
        ])
        let errors = try await content.check().report.diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 1)
        let message = try #require(errors.first).description
        #expect(message.contains("getting-started.md") && message.contains("Getting_Started.md"))
        #expect(message.contains("\"getting-started\""))
    }
}
