import Foundation
import Testing

@testable import PylonKB

/// What counts as a change to a translation's source when there is no git history.
@Suite struct TranslationSourcesTests {
    func tree(source: String, translation: String = "# Guide\n\nVoir [install](install.md).\n") async throws
        -> ContentTree
    {
        let content = try TemporaryContent([
            "pylon-kb.yml": "target: local\n", "install.md": "# Install\n\nText.\n",
            "setup.md": "# Setup\n\nText.\n", "guide.md": source, "guide.fr.md": translation,
        ])
        return try await content.check().tree
    }

    @Test func onlyTitlesAndTextCountNotLinkAddresses() async throws {
        let original =
            "# Guide\n\nSee [install](install.md) and ![a diagram](diagram.png).\n\n[ref]: install.md\n"
        let recorded = TranslationSources().updated(for: try await tree(source: original))
        #expect(recorded.translations["guide.fr.md"] != nil)
        #expect(recorded.stale(in: try await tree(source: original)).isEmpty)

        // Addresses rewritten (as `pylon-kb mv` does): not a change to translate.
        let moved =
            "# Guide\n\nSee [install](guides/install.md) and ![a diagram](img/diagram.png).\n\n[ref]: guides/install.md\n"
        #expect(recorded.stale(in: try await tree(source: moved)).isEmpty)

        // Words and the title are.
        let reworded =
            "# Guide\n\nSee [the installer](install.md) and ![a diagram](diagram.png).\n\n[ref]: install.md\n"
        #expect(recorded.stale(in: try await tree(source: reworded)) == ["guide.fr.md"])
        let retitled = "---\ntitle: The guide\n---\n" + original
        #expect(recorded.stale(in: try await tree(source: retitled)) == ["guide.fr.md"])
    }
}
