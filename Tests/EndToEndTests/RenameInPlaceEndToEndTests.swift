import Foundation
import PylonAPI
import Testing

/// Pylon's OpenAPI does not let PATCH change a slug; some servers do. pylon-kb asks once,
/// believes only the response, and remembers the answer.
@Suite(.serialized) struct RenameInPlaceEndToEndTests {
    func renameJira(_ harness: EndToEndHarness, from old: String, to new: String) throws {
        let text = try harness.read("integrations/\(old).md")
        try harness.remove("integrations/\(old).md")
        try harness.write(
            "integrations/\(new).md",
            text.replacing(/previous_slugs: \[[^\]]*\]\n/, with: "").replacingOccurrences(
                of: "title: Jira\n", with: "title: Jira\nprevious_slugs: [\(old)]\n"))
    }

    @Test(arguments: ServerProfile.all)
    func aServerThatHonoursSlugUpdatesRenamesInPlaceAndKeepsTheIdentifier(server: ServerProfile) async throws
    {
        let harness = try await EndToEndHarness(honourSlugUpdates: true, profile: server)
        defer { Task { await harness.close() } }
        #expect(try await harness.succeeds(["apply", "--auto-approve"]))
        let jira = try #require(try await harness.article(slug: "jira"))

        try renameJira(harness, from: "jira", to: "jira-cloud")
        await harness.emulator.resetRequestLog()
        let first = try await harness.run(["apply", "--auto-approve"])
        #expect(first.status == 0, "\(first.output)")
        #expect(first.stdout.contains("asks once whether this server can change a slug in place"))
        #expect(await harness.writes().map(\.endpoint) == [.updateArticle, .updateArticle])
        let renamed = try #require(try await harness.article(slug: "jira-cloud"))
        #expect(renamed.id == jira.id)
        #expect(renamed.identifier == jira.identifier)
        let redirects = try await harness.emulator.routeRedirects(
            knowledgeBaseID: EndToEndHarness.knowledgeBaseID)
        #expect(!redirects.contains { $0.objectID == jira.id })
        #expect(try await harness.run(["plan", "--detailed-exitcode"]).status == 0)

        // Now the state knows: the next rename is planned as an update of the slug.
        try renameJira(harness, from: "jira-cloud", to: "jira-software")
        let plan = try await harness.run(["plan"])
        #expect(plan.stdout.contains("(slug)"))
        await harness.emulator.resetRequestLog()
        #expect(try await harness.succeeds(["apply", "--auto-approve"]))
        #expect(await harness.writes().map(\.endpoint) == [.updateArticle])
        #expect(try await harness.article(slug: "jira-software")?.id == jira.id)
    }

    @Test(arguments: ServerProfile.all)
    func aServerThatIgnoresSlugUpdatesIsAskedOnceThenReplacesAsUsual(server: ServerProfile) async throws {
        let harness = try await EndToEndHarness(profile: server)
        defer { Task { await harness.close() } }
        #expect(try await harness.succeeds(["apply", "--auto-approve"]))
        let jira = try #require(try await harness.article(slug: "jira"))

        try renameJira(harness, from: "jira", to: "jira-cloud")
        await harness.emulator.resetRequestLog()
        #expect(try await harness.succeeds(["apply", "--auto-approve"]))
        var writes = await harness.writes().compactMap(\.endpoint)
        #expect(
            writes.sorted { $0.rawValue < $1.rawValue } == [
                .createArticle, .createRouteRedirect, .updateArticle, .updateArticle,
            ])
        #expect(try await harness.article(slug: "jira")?.id == jira.id)
        #expect(try await harness.article(slug: "jira-cloud")?.id != jira.id)

        try renameJira(harness, from: "jira-cloud", to: "jira-software")
        let plan = try await harness.run(["plan"])
        #expect(!plan.stdout.contains("asks once"))
        await harness.emulator.resetRequestLog()
        #expect(try await harness.succeeds(["apply", "--auto-approve"]))
        writes = await harness.writes().compactMap(\.endpoint)
        #expect(
            writes.sorted { $0.rawValue < $1.rawValue } == [
                .createArticle, .createRouteRedirect, .updateArticle,
            ])
    }
}
