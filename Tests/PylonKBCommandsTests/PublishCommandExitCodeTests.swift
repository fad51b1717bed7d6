import Foundation
import Testing

/// `plan` and `apply` hold to the README's exit codes: 0, 1 for every failure (no usage text),
/// 2 for changes with `plan --detailed-exitcode`, 64 for wrong usage only.
@Suite struct PublishCommandExitCodeTests {
    @Test func planExitCodes() async throws {
        let fixture = try await CommandFixture.make()
        defer { Task { await fixture.close() } }
        let changes = await fixture.run(["plan", "content", "--detailed-exitcode"])
        #expect(changes.status == 2, "\(changes.output)")
        #expect(changes.stdout.contains("Plan: 2 articles to create"), "\(changes.output)")
        #expect(await fixture.run(["plan", "content"]).status == 0)

        let noToken = await fixture.run(["plan", "content"], environment: ["PYLON_API_TOKEN": ""])
        #expect(noToken.isFailureWithoutUsage, "\(noToken.output)")
        #expect(noToken.stderr.contains("error: PYLON_API_TOKEN is not set."))

        try fixture.addBrokenArticle()
        let broken = await fixture.run(["plan", "content"])
        #expect(broken.isFailureWithoutUsage, "\(broken.output)")
        #expect(broken.stderr.contains("content/broken.md:3: error: "))
        #expect(broken.stderr.contains("error: The content has errors"))

        let badPolicy = await fixture.run(["plan", "content", "--on-drift", "ignore"])
        #expect(badPolicy.isUsageError, "\(badPolicy.output)")
    }

    @Test func aConfigurationThatNamesNoKnowledgeBaseFailsWithoutUsage() async throws {
        let fixture = try await CommandFixture.make(configuration: "author: docs@example.com\n")
        defer { Task { await fixture.close() } }
        for command in [["plan", "content"], ["apply", "content", "--auto-approve"]] {
            let result = await fixture.run(command)
            #expect(result.isFailureWithoutUsage, "\(result.output)")
            #expect(result.stderr.contains("error: "), "\(result.output)")
            #expect(result.stderr.contains("names no knowledge base"), "\(result.output)")
        }
    }

    @Test func applyExitCodes() async throws {
        let fixture = try await CommandFixture.make()
        defer { Task { await fixture.close() } }
        // Nobody to ask: a failure that says what to pass, not a usage text.
        let unattended = await fixture.run(["apply", "content"])
        #expect(unattended.isFailureWithoutUsage, "\(unattended.output)")
        #expect(unattended.stderr.contains("error: apply needs confirmation"))

        let declined = await fixture.run(["apply", "content"], input: ["no"])
        #expect(declined.status == 0, "\(declined.output)")
        #expect(declined.stdout.contains("Cancelled. Nothing was changed."))
        #expect(try await fixture.articles().isEmpty)

        let confirmed = await fixture.run(["apply", "content"], input: ["yes"])
        #expect(confirmed.status == 0, "\(confirmed.output)")
        #expect(
            confirmed.stdout.contains("Applied 3 changes to knowledge base \(CommandFixture.knowledgeBaseID)")
        )
        #expect(try await fixture.articles().count == 2)

        let reviewerAlone = await fixture.run(["apply", "content", "--reviewer", "ana@example.com"])
        #expect(reviewerAlone.isUsageError, "\(reviewerAlone.output)")

        let unknownReviewer = await fixture.run([
            "apply", "content", "--auto-approve", "--request-review", "--reviewer", "nobody@example.com",
        ])
        #expect(unknownReviewer.isFailureWithoutUsage, "\(unknownReviewer.output)")
        #expect(unknownReviewer.stderr.contains("error: reviewer "), "\(unknownReviewer.output)")
    }

    /// The case: a saved plan with blockers used to exit 64 with a usage text.
    @Test func aSavedPlanWithBlockersIsRefusedLikeALiveOne() async throws {
        let fixture = try await CommandFixture.make()
        defer { Task { await fixture.close() } }
        #expect(await fixture.run(["apply", "content", "--auto-approve"]).status == 0)
        try FileManager.default.removeItem(
            at: fixture.content.appendingPathComponent("getting-started/welcome.md"))
        let policy = ["--on-remove", "delete", "--max-removals", "0"]
        let planned = await fixture.run(["plan", "content", "--out", "plan.json"] + policy)
        #expect(planned.isFailureWithoutUsage, "\(planned.output)")

        let live = await fixture.run(["apply", "content", "--auto-approve"] + policy)
        let saved = await fixture.run(["apply", "plan.json", "--dir", "content", "--auto-approve"])
        for result in [live, saved] {
            #expect(result.isFailureWithoutUsage, "\(result.output)")
            #expect(
                result.stderr.contains("error: apply refuses this plan (see above). Nothing was changed."))
        }
        #expect(try await fixture.articles().count == 2)

        let unreadable = await fixture.run(["apply", "missing.json", "--dir", "content", "--auto-approve"])
        #expect(unreadable.isFailureWithoutUsage, "\(unreadable.output)")
        #expect(unreadable.stderr.contains("error: Cannot read missing.json"))
    }

    @Test func theLocalTargetPublishesInProcessAndStopsItsServer() async throws {
        let fixture = try await CommandFixture.make(
            configuration: "target: local\nauthor: docs@example.com\n")
        defer { Task { await fixture.close() } }
        let environment = ["PYLON_KB_LOCAL_PORT": "0", "PYLON_API_URL": "", "PYLON_API_TOKEN": ""]
        let apply = await fixture.run(["apply", "content", "--auto-approve"], environment: environment)
        #expect(apply.status == 0, "\(apply.output)")
        #expect(apply.stdout.contains("to the local knowledge base in"))
        // A second run starts the server again on the same data: nothing left to do.
        let plan = await fixture.run(["plan", "content", "--detailed-exitcode"], environment: environment)
        #expect(plan.status == 0, "\(plan.output)")
    }
}
