import Foundation
import Testing

/// `pylon-kb mv` on published content: after the move the folder checks as clean as before,
/// the plan holds exactly what the move implies (the moved articles replaced, a redirect from
/// each old address, the pages linking to them updated to the new address, a new collection
/// for a moved folder) and nothing else, and after apply there is nothing left to do.
@Suite(.serialized) struct MoveEndToEndTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var arguments: [String]
        /// Sources of the articles the plan replaces.
        var replaced: Set<String>
        /// Sources of the pages updated because a link of theirs now leads to a new address.
        var updated: Set<String>
        var newCollections: [String] = []
        /// A file that must exist after the move, and a line it must contain.
        var expectedLine: (path: String, line: String)
        var inGit = false

        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "an article renamed (its slug changes)",
            arguments: ["mv", "routing/routing-rules.md", "routing/rules.md"], replaced: ["routing/rules.md"],
            updated: [
                "faq.md", "getting-started/invite-your-team.md", "getting-started/quick-start.md",
                "integrations/slack.md", "routing/escalation-policies.md",
            ],
            expectedLine: ("routing/rules.md", "previous_slugs: [routing-rules]")),
        Case(
            name: "a translation pair moved to another folder, in a git work tree",
            arguments: ["mv", "getting-started/quick-start.md", "routing/"],
            replaced: ["routing/quick-start.md"],
            updated: [],
            expectedLine: ("routing/quick-start.fr.md", "(../getting-started/images/inbox-overview.png)"),
            inGit: true),
        Case(
            name: "a folder moved under another",
            arguments: ["mv", "integrations", "account/integrations"],
            replaced: [
                "account/integrations/jira.md", "account/integrations/pagerduty-migration.md",
                "account/integrations/slack.md",
            ],
            updated: ["getting-started/connect-your-inbox.md", "getting-started/quick-start.md"],
            newCollections: ["account/integrations"],
            expectedLine: ("account/integrations/slack.md", "(../../routing/routing-rules.md#conditions)")),
    ]

    @Test(arguments: cases) func aMoveChecksCleanAndPlansExactlyTheReplacesAndRedirects(_ move: Case)
        async throws
    {
        let harness = try await EndToEndHarness()
        defer { Task { await harness.close() } }
        #expect(try await harness.succeeds(["apply", "--auto-approve"]))
        let git = move.inGit ? try GitWorkTree(harness.root) : nil
        let checkBefore = try await harness.run(["check"])

        let moved = try await harness.run(move.arguments)
        #expect(moved.status == 0, "\(moved.output)")
        #expect(moved.stdout.contains("Run `pylon-kb plan`"))
        #expect(try harness.read(move.expectedLine.path).contains(move.expectedLine.line))
        let checkAfter = try await harness.run(["check"])
        #expect(checkAfter.status == 0, "\(checkAfter.output)")
        #expect(checkAfter.stdout == checkBefore.stdout, "check output changed:\n\(checkAfter.output)")
        if let git {
            let status = try git.git("status", "--porcelain")
            let renames = status.split(separator: "\n").filter { $0.hasPrefix("R") }
            #expect(renames.count == 2, "\(status)")
            #expect(
                status.contains("getting-started/quick-start.fr.md -> routing/quick-start.fr.md"), "\(status)"
            )
        }

        let planRun = try await harness.run(["plan", "--format", "json"])
        #expect(planRun.status == 0, "\(planRun.output)")
        let plan = try #require(
            try JSONSerialization.jsonObject(with: Data(planRun.stdout.utf8)) as? [String: Any])
        let steps = plan["articles"] as? [[String: Any]] ?? []
        let sources = { (action: String) in
            Set(steps.filter { $0["action"] as? String == action }.compactMap { $0["source"] as? String })
        }
        #expect(sources("replace") == move.replaced)
        #expect(sources("update") == move.updated)
        #expect(steps.count == move.replaced.count + move.updated.count, "\(steps)")
        for step in steps where step["action"] as? String == "update" {
            #expect(step["changes"] as? [String] == ["body"], "\(step)")
        }
        // One redirect per replaced article, from exactly its old public path.
        let redirects = plan["redirects"] as? [[String: Any]] ?? []
        let expectedRedirects = Set(
            steps.filter { $0["action"] as? String == "replace" }.compactMap { step -> String? in
                guard let existing = step["existing"] as? [String: Any],
                    let identifier = existing["identifier"],
                    let slug = existing["slug"] as? String
                else { return nil }
                return "/articles/\(identifier)-\(slug) → \(step["source"] as? String ?? "")"
            })
        let actualRedirects = Set(
            redirects.map { "\($0["from_path"] as? String ?? "") → \($0["target_source"] as? String ?? "")" })
        #expect(actualRedirects == expectedRedirects)
        #expect(redirects.count == move.replaced.count)
        #expect(
            (plan["collections"] as? [[String: Any]] ?? []).compactMap { $0["slug_path"] as? String }
                == move.newCollections)
        for key in ["images", "warnings", "blockers", "rename_hints", "collection_updates"] {
            #expect((plan[key] as? [Any] ?? []).isEmpty, "\(key): \(plan[key] ?? "")")
        }

        #expect(try await harness.succeeds(["apply", "--auto-approve"]))
        let again = try await harness.run(["plan"])
        #expect(again.status == 0 && again.stdout.contains("no changes"), "\(again.output)")
    }

    @Test func aTakenDestinationIsRefusedAndAMissingArgumentIsAUsageError() async throws {
        let harness = try await EndToEndHarness()
        defer { Task { await harness.close() } }
        let before = try harness.read("faq.md")
        let taken = try await harness.run(["mv", "faq.md", "account/data-retention.md"])
        #expect(taken.status == 1)
        #expect(taken.stderr.hasPrefix("error: account/data-retention.md already exists"), "\(taken.output)")
        #expect(!taken.stderr.contains("Usage"))
        #expect(try harness.read("faq.md") == before)
        let outside = try await harness.run(["mv", "faq.md", "../faq.md"])
        #expect(
            outside.status == 1 && outside.stderr.contains("not inside the content folder"),
            "\(outside.output)")
        let usage = try await harness.run(["mv", "faq.md"])
        #expect(usage.status == 64 && usage.stderr.contains("Usage"), "\(usage.output)")
        let dryRun = try await harness.run(["mv", "--dry-run", "faq.md", "help/faq.md"])
        #expect(dryRun.status == 0 && dryRun.stdout.contains("faq.md → help/faq.md"), "\(dryRun.output)")
        #expect(try harness.read("faq.md") == before)
    }
}
