import Foundation
import Testing

/// `init`, `check` and `render` hold to the README's exit codes: 0 success, 1 content errors
/// (or a failure) with `error:`/diagnostics and no usage, 64 wrong usage with the usage text.
@Suite struct ContentCommandExitCodeTests {
    @Test func initExitCodes() async throws {
        let fixture = try await CommandFixture.make()
        defer { Task { await fixture.close() } }
        let created = await fixture.run(["init", "starter", "--author", CommandFixture.author])
        #expect(created.status == 0, "\(created.output)")
        #expect(created.stdout.contains("created starter/pylon-kb.yml"))

        // A folder that is not empty, without --force, is wrong usage: nothing is written.
        let again = await fixture.run(["init", "starter"])
        #expect(again.isUsageError, "\(again.output)")
        #expect(again.stderr.contains("is not empty"))

        let forced = await fixture.run(["init", "starter", "--force"])
        #expect(forced.status == 0, "\(forced.output)")

        let unknownOption = await fixture.run(["init", "x", "--colour", "blue"])
        #expect(unknownOption.isUsageError, "\(unknownOption.output)")
    }

    @Test func checkExitCodes() async throws {
        let fixture = try await CommandFixture.make()
        defer { Task { await fixture.close() } }
        let clean = await fixture.run(["check", "content"])
        #expect(clean.status == 0, "\(clean.output)")
        #expect(clean.stdout.contains("0 errors, 0 warnings in 2 articles"))

        try fixture.addBrokenArticle()
        let broken = await fixture.run(["check", "content"])
        #expect(broken.isFailureWithoutUsage, "\(broken.output)")
        #expect(broken.stdout.contains("content/broken.md:3: error: "), "\(broken.output)")

        let missing = await fixture.run(["check", "no-such-folder"])
        #expect(missing.isUsageError, "\(missing.output)")
        #expect(missing.stderr.contains("no-such-folder is not a folder"))

        let badFormat = await fixture.run(["check", "content", "--format", "xml"])
        #expect(badFormat.isUsageError, "\(badFormat.output)")
    }

    @Test func renderExitCodes() async throws {
        let fixture = try await CommandFixture.make()
        defer { Task { await fixture.close() } }
        let rendered = await fixture.run(["render", "content", "--out", "preview"])
        #expect(rendered.status == 0, "\(rendered.output)")
        #expect(
            FileManager.default.fileExists(
                atPath: fixture.directory.appendingPathComponent("preview/index.html").path))

        try fixture.addBrokenArticle()
        let broken = await fixture.run(["render", "content", "--out", "preview"])
        #expect(broken.isFailureWithoutUsage, "\(broken.output)")
        #expect(broken.stdout.contains("content/broken.md:3: error: "))

        // The preview cannot be written where a file is: a failure, not wrong usage.
        try CommandFixture.write("x", to: fixture.directory.appendingPathComponent("taken"))
        let blocked = await fixture.run(["render", "content", "--out", "taken"])
        #expect(blocked.isFailureWithoutUsage, "\(blocked.output)")
        #expect(blocked.stderr.contains("error: "), "\(blocked.output)")

        let noOut = await fixture.run(["render", "content"])
        #expect(noOut.isUsageError, "\(noOut.output)")
        #expect(noOut.stderr.contains("--out"))
    }
}
