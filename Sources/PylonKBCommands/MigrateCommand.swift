import ArgumentParser
import Foundation
import PylonAPI
import PylonKB

public struct MigrateCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Copy a knowledge base into another: collections, articles, drafts, translations, links.",
        discussion: """
            Examples:
              pylon-kb migrate --to-kb TARGET_ID --dry-run
              pylon-kb migrate --to-kb TARGET_ID --author docs@example.com
              pylon-kb migrate --kb SOURCE_ID --to-kb TARGET_ID --redirect-old-paths
              PYLON_TARGET_API_TOKEN=… pylon-kb migrate --to-kb TARGET_ID

            The source is --kb or knowledge_base in pylon-kb.yml, read with PYLON_API_TOKEN \
            (and PYLON_API_URL); it is never written. The target is written with \
            PYLON_TARGET_API_TOKEN and PYLON_TARGET_API_URL when set, else the same.

            Bodies are copied as HTML, equal to the source except links between its articles, \
            which lead to the copies. Images keep their URLs. A published article with a newer \
            draft gets both.

            migrate shows a plan and asks before writing (--auto-approve in scripts). It records \
            what it created in .pylon-kb/migrations/<source>-to-<target>.json (or --state), so \
            an interrupted migration resumes without duplicates, and a rerun copies only what \
            changed in the source. See docs/migrating-between-knowledge-bases.md.

            Exit codes: 0 success, 1 error or a refused plan, 2 changes present with \
            --dry-run --detailed-exitcode.
            """)

    @Option(name: .customLong("to-kb"), help: ArgumentHelp("The target knowledge base id.", valueName: "id"))
    var targetKnowledgeBase: String

    @Option(
        help: ArgumentHelp(
            "Author of the articles created on the target: an email or a Pylon user id (default: author in pylon-kb.yml).",
            valueName: "email-or-id"))
    var author: String?

    @Flag(help: "Redirect each published source article's path (/articles/<identifier>-<slug>) to its copy.")
    var redirectOldPaths = false

    @Option(
        help: ArgumentHelp(
            "The target help center's address, to write rewritten links absolute (default: root-relative /articles/…).",
            valueName: "url"))
    var targetSiteURL: String?

    @Option(help: ArgumentHelp("The migration state file.", valueName: "file"))
    var state: String?

    @Option(
        help: "What to do with copies edited on the target since migrate wrote them: fail, skip or overwrite."
    )
    var onDrift: Configuration.DriftPolicy = .fail

    @Flag(help: "Show the plan and stop.")
    var dryRun = false

    @Flag(help: "With --dry-run: exit 2 when there are changes, 0 when there are none.")
    var detailedExitcode = false

    @Flag(help: "Apply without asking.")
    var autoApprove = false

    @Option(help: "How to print the plan: text, markdown or json.")
    var format: PlanPresenter.Format = .text

    @OptionGroup var connection: ConnectionOptions

    public init() {}

    public func validate() throws {
        if let targetSiteURL, Self.siteURL(targetSiteURL) == nil {
            throw ValidationError("--target-site-url must be an http(s) address, not \(targetSiteURL).")
        }
    }

    public func run() async throws {
        let migration = try Migration(self)
        try await PylonConnection.closing([migration.session.source, migration.session.target]) {
            try await migrate(migration)
        }
    }

    private func migrate(_ migration: Migration) async throws {
        let lock = dryRun ? nil : try migration.lock()  // a dry run writes nothing
        defer { lock?.release() }
        let presenter = PlanPresenter()
        let prepared = try await migration.session.prepare()
        migration.announce(prepared, console: presenter.console)
        let plan = prepared.plan
        try presenter.show(plan, format: format)
        guard plan.blockers.isEmpty else {
            throw CommandFailure("migrate refuses this plan (see above). Nothing was changed.")
        }
        if dryRun, detailedExitcode, plan.hasChanges { throw ExitCode.changesPresent }
        guard !dryRun, plan.hasChanges else { return }
        try presenter.confirm(
            "Copy into “\(plan.knowledgeBase.title)”?", autoApprove: autoApprove,
            withoutTerminal:
                "migrate needs confirmation but standard input is not a terminal. Review the plan (--dry-run) and pass --auto-approve."
        )
        let report = try await presenter.withProgress(plan) {
            await migration.session.apply(prepared, progress: $0)
        }
        try presenter.summarize(
            report, appliedTo: "knowledge base \(targetKnowledgeBase). State: \(migration.stateURL.path)",
            listsURLs: false, again: "the same `pylon-kb migrate`")
    }
}
