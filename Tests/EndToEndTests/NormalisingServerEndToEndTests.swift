import Foundation
import PylonAPI
import PylonEmulator
import PylonKB
import Testing

/// A server that rewrites HTML on write (the emulator's editor re-serialisation, plus a proxy
/// collapsing the whitespace between tags, which no canonical form undoes): what it returned
/// after each write is the baseline, so reruns settle, and a person's edit is still drift.
/// It runs against every kind of server (`ServerProfile`).
@Suite(.serialized) struct NormalisingServerEndToEndTests {
    /// Inline tags separated by spaces, a titled link and a hard line break: what a normalising
    /// server rewrites.
    static let shortcuts = """
        ---
        title: Keyboard shortcuts
        ---
        Press **Ctrl** _K_ to search and [open the docs](https://example.com/docs "Docs").\\
        Then `Esc` **closes** _it_ again.
        """

    @Test(arguments: ServerProfile.all)
    func normalisedBodiesSettleAndAPersonsEditIsDrift(server profile: ServerProfile) async throws {
        let harness = try await EndToEndHarness(
            files: ["getting-started/keyboard-shortcuts.md": Self.shortcuts], sanitize: true, profile: profile
        )
        let proxy = try NormalisingProxy(upstream: harness.emulator.baseURL)
        defer {
            proxy.stop()
            Task { await harness.close() }
        }
        let server = ["PYLON_API_URL": proxy.url.absoluteString]

        let first = try await harness.run(["apply", "--auto-approve"], environment: server)
        #expect(first.status == 0, "\(first.output)")

        // The proxy really normalised: without the state file, the canonical comparison alone
        // sees a change.
        let store = StateStore(contentRoot: harness.root)
        let saved = try Data(contentsOf: store.url)
        try FileManager.default.removeItem(at: store.url)
        let stateless = try await harness.run(["plan"], environment: server)
        #expect(stateless.output.contains("getting-started/keyboard-shortcuts.md"), "\(stateless.output)")
        try saved.write(to: store.url)

        let plan = try await harness.run(["plan"], environment: server)
        #expect(plan.status == 0, "\(plan.output)")
        #expect(plan.stdout.contains("No changes"), "\(plan.output)")

        await harness.emulator.resetRequestLog()
        let second = try await harness.run(["apply", "--auto-approve"], environment: server)
        #expect(second.status == 0, "\(second.output)")
        #expect(await harness.writes().isEmpty)

        // A person edits one word in Pylon's editor.
        let article = try #require(try await harness.article(slug: "keyboard-shortcuts"))
        let id = try #require(article.id)
        let body = try #require(article.currentPublishedContentHTML)
        #expect(body.contains("search"))
        _ = try await harness.client.updateArticle(
            knowledgeBaseID: EndToEndHarness.knowledgeBaseID, id: id,
            UpdateArticleRequest(
                bodyHTML: body.replacingOccurrences(of: "search", with: "find"), publishUpdatedBodyHTML: true)
        )

        let drifted = try await harness.run(["plan"], environment: server)
        #expect(drifted.status == 1, "\(drifted.output)")
        let driftLines = drifted.output.split(separator: "\n").filter { $0.contains("edited in Pylon") }
        #expect(!driftLines.isEmpty, "\(drifted.output)")
        #expect(
            driftLines.allSatisfy { $0.contains("keyboard-shortcuts") || $0.contains("Keyboard shortcuts") },
            "\(drifted.output)")
    }
}
