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
