import Foundation
import PylonAPI
import PylonEmulator
import PylonKB
import Testing

/// Issue #7, item 2: a torn or hand-damaged state file is detected, said so, and rebuilt from
/// the knowledge base by the next apply, without a write to Pylon and without duplicates; drift
/// detection works again afterwards.
@Suite(.serialized) struct ReliabilitySoakStateFileTests {
    enum Damage: String, CaseIterable, CustomTestStringConvertible {
        case torn, mergeConflict, wrongShape, empty, newerVersion

        var testDescription: String { rawValue }

        func apply(to text: String) -> String {
            switch self {
            case .torn:
                return String(text.prefix(text.count / 2))
            case .mergeConflict:
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                let middle = lines.count / 2
                return (lines[..<middle] + ["<<<<<<< HEAD"] + lines[middle...] + [">>>>>>> main"])
                    .joined(separator: "\n")
            case .wrongShape:
                return text.replacing(#""articles" : {"#, with: #""articles" : 5, "unused" : {"#)
            case .empty:
                return ""
            case .newerVersion:
                return text.replacing(/"version" : \d+/, with: #""version" : 99"#)
            }
        }

        var reason: String {
            switch self {
            case .newerVersion: "it was written by a newer pylon-kb"
            default: "it is not valid state JSON"
            }
        }
    }

    @Test(arguments: Damage.allCases)
    func aDamagedStateFileIsReportedAndRebuiltFromTheKnowledgeBase(damage: Damage) async throws {
        let harness = try await EndToEndHarness()
        defer { Task { await harness.close() } }
        #expect(try await harness.succeeds(["apply", "--auto-approve"]))
        let store = StateStore(contentRoot: harness.root)
        guard case .loaded(let original) = store.load() else {
            Issue.record("the first apply left no readable state file")
            return
        }
        let text = try harness.read(".pylon-kb/state.json")
        let damaged = damage.apply(to: text)
        #expect(damaged != text)
        try harness.write(".pylon-kb/state.json", damaged)
        await harness.emulator.resetRequestLog()

        // Without the state file, the images' uploaded URLs and the redirects already created
        // are unknown (the API lists neither), so the plan uploads the images once more, patches
        // the bodies that show them and asks for the redirects again. Nothing is created twice.
        let plan = try await harness.run(["plan", "--detailed-exitcode"])
        #expect(plan.status == 0 || plan.status == 2, "\(plan.output)")
        #expect(plan.stderr.contains("was ignored because \(damage.reason)"), "\(plan.stderr)")
        #expect(plan.stderr.contains("rebuilt from the knowledge base on the next apply"))
        #expect(!plan.stdout.contains("+ article") && !plan.stdout.contains("+ collection"), "\(plan.stdout)")

        let apply = try await harness.run(["apply", "--auto-approve"])
        #expect(apply.status == 0, "\(apply.output)")
        let allowed: Set<PylonEndpoint> = [.createAttachment, .createRouteRedirect, .updateArticle]
        let writes = await harness.writes()
        #expect(writes.allSatisfy { $0.endpoint.map(allowed.contains) == true }, "\(writes.map(\.path))")
        #expect(try await harness.run(["apply", "--auto-approve"]).stdout.contains("No changes."))
        guard case .loaded(let rebuilt) = store.load() else {
            Issue.record("the state file is still unusable after apply")
            return
        }
        #expect(Set(rebuilt.articles.keys) == Set(original.articles.keys))
        #expect(rebuilt.articles.mapValues(\.id) == original.articles.mapValues(\.id))
        #expect(Set(rebuilt.collections.keys) == Set(original.collections.keys))
        let after = try await harness.run(["plan", "--detailed-exitcode"])
        #expect(after.status == 0 && !after.stderr.contains("was ignored"), "\(after.output)")

        // Drift detection works again: an edit made in Pylon is noticed, not overwritten.
        let target = try #require(try await harness.article(slug: "single-sign-on"))
        _ = try await harness.client.updateArticle(
            knowledgeBaseID: EndToEndHarness.knowledgeBaseID, id: try #require(target.id),
            UpdateArticleRequest(bodyHTML: "<p>Edited in Pylon.</p>", publishUpdatedBodyHTML: true))
        let drift = try await harness.run(["plan"])
        #expect(drift.stdout.contains("[edited in Pylon]"), "\(drift.output)")
        let contents = try await KnowledgeBaseContents.read(harness)
        #expect(contents.duplicateArticles == 0 && contents.duplicateCollections == 0)
    }
}
