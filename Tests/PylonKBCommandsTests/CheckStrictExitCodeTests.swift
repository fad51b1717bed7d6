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

    /// A check configured as `error` stops `plan` (and so `apply`) before anything is sent.
    @Test func aCheckConfiguredAsAnErrorStopsPlan() async throws {
        let fixture = try await CommandFixture.make()
        defer { Task { await fixture.close() } }
        let content = fixture.directory.appendingPathComponent("content")
        try "---\ntitle: Vague\n---\nSee [here](https://example.com/guide).\n".write(
            to: content.appendingPathComponent("vague.md"), atomically: true, encoding: .utf8)
        let planned = await fixture.run(["plan", "content"])
        #expect(planned.status == 0, "\(planned.output)")

        let configuration = content.appendingPathComponent("pylon-kb.yml")
        let text = try String(contentsOf: configuration, encoding: .utf8)
        try (text + "\nchecks:\n  accessibility: error\n").write(
            to: configuration, atomically: true, encoding: .utf8)
        let stopped = await fixture.run(["plan", "content"])
        #expect(stopped.isFailureWithoutUsage, "\(stopped.output)")
        #expect(
            stopped.output.contains("content/vague.md:4: error: The link text \"here\""), "\(stopped.output)")
    }
}
