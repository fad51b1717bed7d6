import Foundation
import PylonAPI
import PylonEmulator
import Testing

/// The newer API surface (collection PATCH) against both emulator surfaces. These need the
/// emulator's `current` and `documented` surfaces (collection PATCH served, or answered 405).
@Suite(.serialized) struct NewerSurfaceEndToEndTests {
    static let routing = "routing/_collection.yml"

    func retitleRouting(_ harness: EndToEndHarness) throws {
        let text = try harness.read(Self.routing)
        try harness.write(
            Self.routing,
            text.replacingOccurrences(of: "title: Routing and escalation", with: "title: Routing rules"))
    }

    @Test(arguments: [ServerProfile.tidy, .hostile])
    func aRetitledCollectionIsOnePatchAndNoOtherWrite(server: ServerProfile) async throws {
        let harness = try await EndToEndHarness(profile: server)
        defer { Task { await harness.close() } }
        #expect(try await harness.succeeds(["apply", "--auto-approve"]))
        try retitleRouting(harness)
        let plan = try await harness.run(["plan"])
        #expect(plan.stdout.contains("title: “Routing and escalation” → “Routing rules”"), "\(plan.output)")
        await harness.emulator.resetRequestLog()
        let result = try await harness.run(["apply", "--auto-approve"])
        #expect(result.status == 0, "\(result.output)")
        let writes = await harness.writes()
        #expect(writes.map(\.endpoint) == [.updateCollection], "\(writes.map { "\($0.method) \($0.path)" })")
        #expect(
            writes.first?.path.hasPrefix("/knowledge-bases/\(EndToEndHarness.knowledgeBaseID)/collections/")
                == true)
        let collections = try await harness.client.listCollections(
            knowledgeBaseID: EndToEndHarness.knowledgeBaseID)
        #expect(collections.contains { $0.title == "Routing rules" && $0.slug == "routing" })
        #expect(try await harness.run(["plan", "--detailed-exitcode"]).status == 0)
    }

    @Test(arguments: [ServerProfile.goDocumented, .hostileDocumented])
    func theDocumentedSurfaceIsAskedOnceAndNotAgain(server: ServerProfile) async throws {
        let harness = try await EndToEndHarness(profile: server)
        defer { Task { await harness.close() } }
        #expect(try await harness.succeeds(["apply", "--auto-approve"]))
        try retitleRouting(harness)
        await harness.emulator.resetRequestLog()
        let first = try await harness.run(["apply", "--auto-approve"])
        #expect(first.status == 0, "a missing capability is not a failure: \(first.output)")
        #expect(first.stderr.contains("cannot update collections in place"), "\(first.output)")
        let probe = await harness.writes()
        // The documented server does not serve the route: one PATCH, answered 405.
        #expect(
            probe.map { "\($0.method) \($0.status ?? 0)" } == ["PATCH 405"],
            "\(probe.map { "\($0.method) \($0.path) \($0.status ?? 0)" })")
        #expect(try harness.read(".pylon-kb/state.json").contains("\"collection_updates\" : false"))

        await harness.emulator.resetRequestLog()
        let second = try await harness.run(["apply", "--auto-approve"])
        #expect(second.status == 0, "\(second.output)")
        #expect(second.stdout.contains("cannot update collections"), "today's warning: \(second.output)")
        #expect(await harness.writes().isEmpty, "no second probe")
    }
}

/// `published: false` on a published article, and review requests for drafts, on a server with
/// the newer surface and on one with only the documented API.
@Suite(.serialized) struct UnpublishAndReviewEndToEndTests {
    func unpublishJira(_ harness: EndToEndHarness) throws {
        try harness.write(
            "integrations/jira.md",
            try harness.read("integrations/jira.md").replacingOccurrences(
                of: "title: Jira\n", with: "title: Jira\npublished: false\n"))
    }

    @Test(arguments: [ServerProfile.tidy, .hostile])
    func publishedFalseUnpublishesWhereTheServerCan(server: ServerProfile) async throws {
        let harness = try await EndToEndHarness(profile: server)
        defer { Task { await harness.close() } }
        #expect(try await harness.succeeds(["apply", "--auto-approve"]))
        #expect(try await harness.article(slug: "jira")?.isPublished == true)
        try unpublishJira(harness)
        let plan = try await harness.run(["plan"])
        #expect(plan.stdout.contains("unpublish"), "\(plan.output)")
        #expect(try await harness.succeeds(["apply", "--auto-approve"]))
        let jira = try #require(try await harness.article(slug: "jira"))
        #expect(jira.isPublished == false)
        #expect(jira.url == nil)
        #expect(try await harness.run(["plan", "--detailed-exitcode"]).status == 0)
    }

    @Test(arguments: [ServerProfile.goDocumented, .hostileDocumented])
    func publishedFalseOnAServerThatCannotUnpublishWarnsAndKeepsTheEdit(server: ServerProfile) async throws {
        let harness = try await EndToEndHarness(profile: server)
        defer { Task { await harness.close() } }
        #expect(try await harness.succeeds(["apply", "--auto-approve"]))
        try unpublishJira(harness)
        try harness.write(
            "integrations/jira.md", try harness.read("integrations/jira.md") + "\nA new line.\n")
        await harness.emulator.resetRequestLog()
        let first = try await harness.run(["apply", "--auto-approve"])
        #expect(first.status == 0, "\(first.output)")
        // One probe, refused; the body edit still reached the draft.
        #expect(await harness.requestsOutsideTheDocumentedAPI().count == 1)
        let jira = try #require(try await harness.article(slug: "jira"))
        #expect(jira.isPublished == true)
        #expect(jira.currentDraftContentHTML?.contains("A new line.") == true)
        #expect(try harness.read(".pylon-kb/state.json").contains("\"article_unpublish\" : false"))

        await harness.emulator.resetRequestLog()
        let plan = try await harness.run(["plan"])
        #expect(plan.stdout.contains("cannot unpublish"), "\(plan.output)")
        #expect(try await harness.succeeds(["apply", "--auto-approve"]))
        #expect(await harness.requestsOutsideTheDocumentedAPI().isEmpty, "asked once, not again")
    }

    @Test(arguments: [ServerProfile.tidy, .goDocumented])
    func reviewIsRequestedForTheDraftsAnApplyLeaves(server: ServerProfile) async throws {
        let harness = try await EndToEndHarness(profile: server)
        defer { Task { await harness.close() } }
        let result = try await harness.run([
            "apply", "--auto-approve", "--request-review", "--reviewer", "docs@example.com",
        ])
        #expect(result.status == 0, "\(result.output)")
        let reviews = try await harness.emulator.reviewRequests(
            knowledgeBaseID: EndToEndHarness.knowledgeBaseID)
        if server.surface == .current {
            // The sample's one draft (integrations/pagerduty-migration.md), and nothing published.
            let draft = try #require(try await harness.article(slug: "pagerduty-migration"))
            #expect(reviews.map(\.articleID) == [draft.id])
            #expect(reviews.first?.reviewerUserIDs.count == 1)
        } else {
            #expect(reviews.isEmpty)
            #expect(result.output.contains("review"), "one warning: \(result.output)")
            #expect(try harness.read(".pylon-kb/state.json").contains("\"review_requests\" : false"))
        }
    }
}
