import Foundation
import Testing

/// `mv` holds to the README's exit codes: 0 moved (or a dry run), 1 refused with `error:` and no
/// usage (nothing changed), 64 wrong usage with the usage text.
@Suite struct MoveCommandExitCodeTests {
    @Test func moveExitCodes() async throws {
        let fixture = try await CommandFixture.make()
        defer { Task { await fixture.close() } }
        let welcome = "content/getting-started/welcome.md"
        let dryRun = await fixture.run(["mv", "--dry-run", welcome, "content/guides/"])
        #expect(dryRun.status == 0, "\(dryRun.output)")
        #expect(dryRun.stdout.contains("content/getting-started/welcome.md → content/guides/welcome.md"))

        let taken = await fixture.run(["mv", welcome, "content/getting-started/write-an-article.md"])
        #expect(taken.isFailureWithoutUsage, "\(taken.output)")
        #expect(taken.stderr.contains("error: getting-started/write-an-article.md already exists"))

        let outside = await fixture.run(["mv", welcome, "elsewhere.md"])
        #expect(outside.isFailureWithoutUsage, "\(outside.output)")

        try fixture.addBrokenArticle()
        let broken = await fixture.run(["mv", welcome, "content/guides/"])
        #expect(broken.isFailureWithoutUsage, "\(broken.output)")
        #expect(broken.stderr.contains("content/broken.md:3: error: "), "\(broken.output)")
        try FileManager.default.removeItem(at: fixture.content.appendingPathComponent("broken.md"))

        let moved = await fixture.run(["mv", welcome, "content/guides/"])
        #expect(moved.status == 0, "\(moved.output)")
        #expect(
            FileManager.default.fileExists(
                atPath: fixture.content.appendingPathComponent("guides/welcome.md").path))

        #expect(await fixture.run(["mv", welcome]).isUsageError)
        #expect(await fixture.run(["mv", "a.md", "b.md", "--colour"]).isUsageError)
    }
}
