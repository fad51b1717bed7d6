import Foundation
import Testing

/// `export` and `migrate` hold to the README's exit codes.
@Suite struct ExportAndMigrateExitCodeTests {
    @Test func exportExitCodes() async throws {
        let fixture = try await CommandFixture.make()
        defer { Task { await fixture.close() } }
        #expect(await fixture.run(["apply", "content", "--auto-approve"]).status == 0)
        let exported = await fixture.run(["export", "content", "--out", "exported"])
        #expect(exported.status == 0, "\(exported.output)")
        #expect(exported.stdout.contains("Exported 2 articles"), "\(exported.output)")
        #expect(await fixture.run(["plan", "exported", "--detailed-exitcode"]).status == 0)

        let notEmpty = await fixture.run(["export", "content", "--out", "exported"])
        #expect(notEmpty.isFailureWithoutUsage, "\(notEmpty.output)")
        #expect(notEmpty.stderr.contains("is not empty") && notEmpty.stderr.contains("--force"))

        let unknown = await fixture.run(["export", "--kb", "no-such-kb", "--out", "unknown"])
        #expect(unknown.isFailureWithoutUsage, "\(unknown.output)")
        #expect(unknown.stderr.contains("error: Could not read knowledge base no-such-kb"))

        let noOut = await fixture.run(["export", "content"])
        #expect(noOut.isUsageError, "\(noOut.output)")
    }

    @Test func migrateExitCodes() async throws {
        let fixture = try await CommandFixture.make()
        defer { Task { await fixture.close() } }
        #expect(await fixture.run(["apply", "content", "--auto-approve"]).status == 0)
        let migrate = [
            "migrate", "--kb", CommandFixture.knowledgeBaseID, "--to-kb", CommandFixture.otherKnowledgeBaseID,
        ]
        let author = ["--author", CommandFixture.author]
        let dryRun = await fixture.run(migrate + author + ["--dry-run", "--detailed-exitcode"])
        #expect(dryRun.status == 2, "\(dryRun.output)")
        #expect(await fixture.run(migrate + author + ["--dry-run"]).status == 0)

        let unattended = await fixture.run(migrate + author)
        #expect(unattended.isFailureWithoutUsage, "\(unattended.output)")
        #expect(unattended.stderr.contains("error: migrate needs confirmation"))

        let copied = await fixture.run(migrate + author + ["--auto-approve"])
        #expect(copied.status == 0, "\(copied.output)")
        #expect(copied.stdout.contains("to knowledge base \(CommandFixture.otherKnowledgeBaseID). State: "))
        #expect(await fixture.run(migrate + author + ["--dry-run", "--detailed-exitcode"]).status == 0)

        let same = await fixture.run(["migrate", "--kb", "kb-a", "--to-kb", "kb-a"])
        #expect(same.isFailureWithoutUsage, "\(same.output)")
        #expect(same.stderr.contains("error: The source and the target are the same knowledge base (kb-a)."))

        // Where no pylon-kb.yml is found, the source must come from --kb.
        let elsewhere = fixture.directory.appendingPathComponent("elsewhere", isDirectory: true)
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        let noSource = await fixture.run(["migrate", "--to-kb", "kb-b"], in: elsewhere)
        #expect(noSource.isFailureWithoutUsage, "\(noSource.output)")
        #expect(noSource.stderr.contains("error: migrate needs the source knowledge base"))

        let badSite = await fixture.run(migrate + ["--target-site-url", "help.example.com"])
        #expect(badSite.isUsageError, "\(badSite.output)")
        #expect(badSite.stderr.contains("--target-site-url must be an http(s) address"))
    }
}
