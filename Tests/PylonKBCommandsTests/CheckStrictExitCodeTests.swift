import Foundation
import Testing

/// `check --strict` holds to the README's exit codes: warnings alone exit 0, and 1 with
/// `--strict`, which prints them as errors.
@Suite struct CheckStrictExitCodeTests {
    @Test func strictTurnsWarningsIntoAFailure() async throws {
        let fixture = try await CommandFixture.make()
        defer { Task { await fixture.close() } }
        try "---\ntitle: Vague\n---\nSee [here](https://example.com/guide).\n".write(
            to: fixture.directory.appendingPathComponent("content/vague.md"), atomically: true,
            encoding: .utf8)

        let relaxed = await fixture.run(["check", "content"])
        #expect(relaxed.status == 0, "\(relaxed.output)")
        #expect(
            relaxed.stdout.contains("content/vague.md:4: warning: The link text \"here\""),
            "\(relaxed.output)")

        let strict = await fixture.run(["check", "content", "--strict"])
        #expect(strict.isFailureWithoutUsage, "\(strict.output)")
        #expect(
            strict.stdout.contains("content/vague.md:4: error: The link text \"here\""), "\(strict.output)")
    }
}
