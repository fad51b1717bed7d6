import Foundation
import PylonKB
import Testing

/// `checks: stale_translations`, by git history.
@Suite("Stale translation check")
struct StaleTranslationCheckTests {
    private func git(_ arguments: [String], in root: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            [
                "git", "-C", root.path, "-c", "user.name=Docs", "-c", "user.email=docs@example.com", "-c",
                "commit.gpgsign=false",
            ]
            + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "git \(arguments)")
    }

    private func commit(_ files: [String: String], in content: TemporaryContent, _ message: String) throws {
        for (path, text) in files {
            try text.write(to: content.root.appendingPathComponent(path), atomically: true, encoding: .utf8)
        }
        try git(["add", "-A", "."], in: content.root)
        try git(["commit", "-q", "-m", message], in: content.root)
    }

    private func stale(_ content: TemporaryContent) async throws -> [String] {
        try await content.diagnostics().filter { $0.contains("predates") }
    }

    @Test func countsTheSourceCommitsAfterTheTranslationsLast() async throws {
        let content = try TemporaryContent([
            "pylon-kb.yml": "target: local\n", "quick-start.md": "# Quick start\n\nOne.\n",
            "quick-start.fr.md": "# Démarrage\n\nUn.\n", "other.md": "# Other\n\nText.\n",
            "other.de.md": "# Andere\n\nText.\n",
        ])
        try git(["init", "-q"], in: content.root)
        try commit([:], in: content, "first")
        try commit(["quick-start.md": "# Quick start\n\nOne. Two.\n"], in: content, "edit 1")
        try commit(["quick-start.md": "# Quick start\n\nOne. Two. Three.\n"], in: content, "edit 2")
        try commit(
            ["other.md": "# Other\n\nMore.\n", "other.de.md": "# Andere\n\nMehr.\n"], in: content, "both")
        try commit(["quick-start.md": "# Quick start\n\nOne. Two. Three. Four.\n"], in: content, "edit 3")
        #expect(
            try await stale(content) == [
                "quick-start.fr.md:1: warning: `quick-start.fr.md` predates 3 changes to its source quick-start.md (by git history); bring the translation up to date and commit it."
            ])

        // Being updated (uncommitted changes): not reported.
        try "# Démarrage\n\nUn. Deux.\n".write(
            to: content.root.appendingPathComponent("quick-start.fr.md"), atomically: true, encoding: .utf8)
        #expect(try await stale(content) == [])
        try git(["commit", "-q", "-am", "translated"], in: content.root)
        #expect(try await stale(content) == [])
    }

    @Test func withoutGitOrWhenOffNothingIsReported() async throws {
        let content = try TemporaryContent([
            "pylon-kb.yml": "target: local\n", "a.md": "# A\n\nText.\n", "a.fr.md": "# A\n\nTexte.\n",
        ])
        #expect(try await content.diagnostics() == [])

        try git(["init", "-q"], in: content.root)
        try commit([:], in: content, "first")
        try commit(["a.md": "# A\n\nNew text.\n"], in: content, "edit")
        #expect(try await stale(content).count == 1)
        try commit(
            ["pylon-kb.yml": "target: local\nchecks:\n  stale_translations: off\n"], in: content, "off")
        #expect(try await stale(content) == [])
    }
}
