import Foundation
import Testing

/// `knowledge-bases` and `whoami` hold to the README's exit codes: a missing or refused token
/// is a failure (1, `error:`), not wrong usage.
@Suite struct AccountCommandExitCodeTests {
    @Test(arguments: ["knowledge-bases", "whoami"])
    func exitCodes(command: String) async throws {
        let fixture = try await CommandFixture.make()
        defer { Task { await fixture.close() } }
        let works = await fixture.run([command])
        #expect(works.status == 0, "\(works.output)")
        #expect(
            works.stdout.contains(command == "whoami" ? "The token works." : CommandFixture.knowledgeBaseID))

        let noToken = await fixture.run([command], environment: ["PYLON_API_TOKEN": ""])
        #expect(noToken.isFailureWithoutUsage, "\(noToken.output)")
        #expect(noToken.stderr.contains("error: PYLON_API_TOKEN is not set."))

        let refused = await fixture.run([command], environment: ["PYLON_API_TOKEN": "wrong-token"])
        #expect(refused.isFailureWithoutUsage, "\(refused.output)")
        #expect(refused.stderr.contains("error: ") && refused.stderr.contains("401"), "\(refused.output)")
        #expect(!refused.output.contains("wrong-token"))

        let badURL = await fixture.run([command], environment: ["PYLON_API_URL": "not a url"])
        #expect(badURL.isFailureWithoutUsage, "\(badURL.output)")
        #expect(badURL.stderr.contains("error: PYLON_API_URL is not a URL: not a url"))

        let unexpected = await fixture.run([command, "extra"])
        #expect(unexpected.isUsageError, "\(unexpected.output)")
    }
}
