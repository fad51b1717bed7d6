import Foundation
import Testing

/// `import` holds to the README's exit codes: usage errors 64, missing address or credentials
/// and a server that cannot be reached 1, each with a message that says what to do.
@Suite struct ImportExitCodeTests {
    @Test func importExitCodes() async throws {
        let fixture = try await CommandFixture.make()
        defer { Task { await fixture.close() } }
        let credentials = ["ZENDESK_EMAIL": "a@acme.test", "ZENDESK_API_TOKEN": "tok-import-1"]

        let unknown = await fixture.run(["import", "wordpress", "--out", "help"])
        #expect(await fixture.run(["import", "zendesk", "--out", "help", "--site", "1"]).isUsageError)
        #expect(unknown.isUsageError, "\(unknown.output)")
        #expect(await fixture.run(["import", "zendesk"]).isUsageError)
        let plainHTTP = await fixture.run([
            "import", "zendesk", "--out", "help", "--url", "http://acme.zendesk.com",
        ])
        #expect(plainHTTP.isUsageError, "\(plainHTTP.output)")
        #expect(plainHTTP.stderr.contains("https://"))
        #expect(
            await fixture.run(["import", "zendesk", "--out", "help", "--max-attempts", "0"]).isUsageError)

        let noURL = await fixture.run(["import", "zendesk", "--out", "help"], environment: credentials)
        #expect(noURL.isFailureWithoutUsage, "\(noURL.output)")
        #expect(noURL.stderr.contains("ZENDESK_URL"))

        let url = ["--url", "https://acme.zendesk.com"]
        let noCredentials = await fixture.run(["import", "zendesk", "--out", "help"] + url)
        #expect(noCredentials.isFailureWithoutUsage, "\(noCredentials.output)")
        #expect(noCredentials.stderr.contains("ZENDESK_API_TOKEN"))

        // Nothing listens on port 9 of this machine: one attempt, a clear message, no token.
        let unreachable = await fixture.run(
            ["import", "zendesk", "--out", "help", "--url", "http://127.0.0.1:9", "--max-attempts", "1"],
            environment: credentials)
        #expect(unreachable.isFailureWithoutUsage, "\(unreachable.output)")
        #expect(unreachable.stderr.contains("did not answer"), "\(unreachable.stderr)")
        #expect(!unreachable.output.contains("tok-import-1"))
    }
}
