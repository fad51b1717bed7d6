import Foundation
import Testing

/// `stale_translations` in a folder without git: by the hashes `apply` records. A team that
/// publishes from a plain folder (a shared drive, an export) still learns which translations
/// fell behind, and keeps learning it after the source's change is published.
@Suite struct StaleTranslationEndToEndTests {
    static let source = "getting-started/quick-start.md"
    static let translation = "getting-started/quick-start.fr.md"

    func staleLines(_ harness: EndToEndHarness) async throws -> [String] {
        let check = try await harness.run(["check"])
        #expect(check.status == 0, "\(check.output)")
        return check.stdout.split(separator: "\n").map(String.init).filter { $0.contains("predates") }
    }

    @Test func aTranslationBehindItsSourceIsReportedWithoutGitUntilItIsUpdated() async throws {
        let harness = try await EndToEndHarness()
        defer { Task { await harness.close() } }
        try #require(
            !FileManager.default.fileExists(atPath: harness.root.appendingPathComponent(".git").path))
        // Before any apply there is nothing to compare with, and nothing is said.
        #expect(try await staleLines(harness).isEmpty)
        #expect(try await harness.run(["apply", "--auto-approve"]).status == 0)
        #expect(try await staleLines(harness).isEmpty, "published together, nothing is behind")

        // The source changes; the translation does not.
        let text = try harness.read(Self.source)
        try harness.write(Self.source, text + "\nA new paragraph the translation does not have.\n")
        var stale = try await staleLines(harness)
        #expect(stale.count == 1 && stale[0].hasPrefix("\(Self.translation):1: warning: "), "\(stale)")
        #expect(stale.first?.contains("predates changes to its source \(Self.source)") == true)

        // Publishing the source's change does not make the translation current.
        #expect(try await harness.run(["apply", "--auto-approve"]).status == 0)
        stale = try await staleLines(harness)
        #expect(stale.count == 1, "still behind after the source was published: \(stale)")

        // Being translated: not reported; published, it is current.
        let french = try harness.read(Self.translation)
        try harness.write(Self.translation, french + "\nUn nouveau paragraphe.\n")
        #expect(try await staleLines(harness).isEmpty)
        #expect(try await harness.run(["apply", "--auto-approve"]).status == 0)
        #expect(try await staleLines(harness).isEmpty)

        // Turned off, it says nothing even when a translation is behind.
        try harness.write(Self.source, text + "\nYet another paragraph.\n")
        #expect(try await staleLines(harness).count == 1)
        let configuration = try harness.read("pylon-kb.yml")
        try harness.write("pylon-kb.yml", configuration + "checks:\n  stale_translations: off\n")
        #expect(try await staleLines(harness).isEmpty)
    }

    @Test func inAGitWorkTreeApplyLeavesNoFileToCommit() async throws {
        let harness = try await EndToEndHarness()
        defer { Task { await harness.close() } }
        let git = try GitWorkTree(harness.root)
        #expect(try await harness.run(["apply", "--auto-approve"]).status == 0)
        let recorded = harness.root.appendingPathComponent(".pylon-kb/translation-sources.json")
        #expect(!FileManager.default.fileExists(atPath: recorded.path), "history is read instead")
        #expect(try !git.git("status", "--porcelain").contains("translation-sources"))
    }
}
