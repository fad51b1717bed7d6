import Foundation
import PylonAPI
import PylonEmulator
import PylonKB
import Testing

/// `tags:` in front matter through the binary: published, changed, exported and planned as no
/// change on a server with article tags; probed once and skipped on one without.
@Suite(.serialized) struct TagsEndToEndTests {
    static let files = [
        "guides/install.md": "---\ntitle: Install\ntags: [billing, \"getting started\"]\n---\nInstall it.\n",
        "guides/faq.md": "---\ntitle: FAQ\ntags: Billing\n---\nQuestions.\n",
        "guides/plain.md": "---\ntitle: Plain\n---\nNo tags here.\n",
    ]

    /// Each article's tag values in the emulator, by slug.
    static func tagValues(_ harness: EndToEndHarness) async throws -> [String: [String]] {
        let tags = try await harness.client.listTags()
        let values = Dictionary(
            tags.compactMap { tag in tag.id.map { ($0, tag.value ?? "") } }, uniquingKeysWith: { a, _ in a })
        var result: [String: [String]] = [:]
        for article in try await harness.client.listArticles(knowledgeBaseID: EndToEndHarness.knowledgeBaseID)
        {
            // Lowercased: `billing` and `Billing` are one tag, spelled as whichever came first.
            result[article.slug ?? ""] = (article.tagIDs ?? []).compactMap { values[$0]?.lowercased() }
                .sorted()
        }
        return result
    }

    @Test(arguments: [ServerProfile.tidy, .hostile])
    func tagsArePublishedChangedAndExportedAsNoChange(server: ServerProfile) async throws {
        let harness = try await EndToEndHarness(copyingSample: false, files: Self.files, profile: server)
        defer { Task { await harness.close() } }
        #expect(try await harness.succeeds(["apply", "--auto-approve"]))
        #expect(
            try await Self.tagValues(harness) == [
                "install": ["billing", "getting started"], "faq": ["billing"], "plain": [],
            ])
        // "billing" and "Billing" are one tag, created once.
        let created = await harness.emulator.requestLog().filter { $0.endpoint == .createTag }
        #expect(created.count == 2)

        await harness.emulator.resetRequestLog()
        let unchanged = try await harness.run(["plan", "--detailed-exitcode"])
        #expect(unchanged.status == 0, "\(unchanged.output)")

        try harness.write("guides/install.md", "---\ntitle: Install\ntags: [billing]\n---\nInstall it.\n")
        let changed = try await harness.run(["plan", "--detailed-exitcode"])
        #expect(changed.status == 2)
        // Pylon's spelling of the shared tag is whichever file created it first.
        #expect(
            changed.stdout.lowercased().contains("tags: billing, getting started → billing"),
            "\(changed.output)")
        await harness.emulator.resetRequestLog()
        #expect(try await harness.succeeds(["apply", "--auto-approve"]))
        #expect(await harness.writes().map(\.endpoint) == [.updateArticle])
        #expect(try await Self.tagValues(harness)["install"] == ["billing"])

        let out = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString)")
        #expect(try await harness.succeeds(["export", "--out", out.path]))
        let exported = try String(
            contentsOf: out.appendingPathComponent("guides/faq.md"), encoding: .utf8)
        #expect(exported.lowercased().contains("\ntags: [billing]\n"), "\(exported)")
        let plan = try await harness.run(["plan", out.path, "--detailed-exitcode"])
        #expect(plan.status == 0, "\(plan.output)")
    }

    @Test(arguments: [ServerProfile.tidy, .goDocumented])
    func contentWithoutTagsSendsNoTagRequest(server: ServerProfile) async throws {
        let harness = try await EndToEndHarness(
            copyingSample: false, files: ["a.md": "---\ntitle: A\n---\nText.\n"], profile: server)
        defer { Task { await harness.close() } }
        #expect(try await harness.succeeds(["apply", "--auto-approve"]))
        #expect(try await harness.succeeds(["plan"]))
        let tagRequests = await harness.emulator.requestLog().filter { $0.path.hasPrefix("/tags") }
        #expect(tagRequests.isEmpty)
    }

    @Test(arguments: [ServerProfile.goDocumented, .hostileDocumented])
    func aServerWithoutArticleTagsIsProbedOnceAndRemembered(server: ServerProfile) async throws {
        let harness = try await EndToEndHarness(
            copyingSample: false, files: Self.files, profile: server)
        defer { Task { await harness.close() } }
        let first = try await harness.run(["apply", "--auto-approve"])
        #expect(first.status == 0, "\(first.output)")
        #expect(first.output.contains("2 files"), "\(first.output)")
        let probes = await harness.emulator.requestLog().filter { $0.endpoint == .updateArticle }
        #expect(probes.count <= 1)  // none when the server has no `/tags` either
        // The probe comes before any tag value is created: none is left behind in the organization.
        #expect(await harness.emulator.requestLog().filter { $0.endpoint == .createTag }.isEmpty)
        let state = try harness.read(".pylon-kb/state.json")
        #expect(state.contains("\"article_tags\" : false"))

        await harness.emulator.resetRequestLog()
        let plan = try await harness.run(["plan", "--detailed-exitcode"])
        #expect(plan.status == 0, "\(plan.output)")
        #expect(plan.output.contains("no article tags"))
        #expect(await harness.emulator.requestLog().allSatisfy { !$0.path.hasPrefix("/tags") })
    }
}
