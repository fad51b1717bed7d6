import Foundation
import Testing

@Suite struct InitEndToEndTests {
    @Test func initMakesAFolderThatChecksCleanAndPublishesLocally() async throws {
        let harness = try await EndToEndHarness(copyingSample: false)
        defer { Task { await harness.close() } }
        let created = try await harness.run(["init", "starter", "--author", "docs@example.com"])
        #expect(created.status == 0, "\(created.output)")
        #expect(created.stdout.contains("created starter/pylon-kb.yml"))

        let check = try await harness.run(["check", "starter"])
        #expect(check.status == 0, "\(check.output)")
        #expect(check.stdout.contains("0 errors, 0 warnings in 2 articles"))

        let environment = ["PYLON_KB_LOCAL_PORT": "0", "PYLON_API_URL": "", "PYLON_API_TOKEN": ""]
        let apply = try await harness.run(["apply", "starter", "--auto-approve"], environment: environment)
        #expect(apply.status == 0, "\(apply.output)")
        #expect(apply.stdout.contains("Plan: 2 articles to create, 1 collection."))
        let plan = try await harness.run(
            ["plan", "starter", "--detailed-exitcode"], environment: environment)
        #expect(plan.status == 0, "\(plan.output)")

        let again = try await harness.run(["init", "starter"])
        #expect(again.status == 64)
        #expect(again.stderr.contains("is not empty"))
    }
}
