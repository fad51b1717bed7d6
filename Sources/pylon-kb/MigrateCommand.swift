import ArgumentParser
import Foundation
import PylonAPI
import PylonKB

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
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

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, markdown, json
    }

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
    var format: Format = .text

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let root = CommandPaths.contentRoot(nil)
        let (configuration, _) = Configuration.load(root: root)
        guard let sourceID = connection.knowledgeBase ?? configuration.knowledgeBaseID else {
            throw ValidationError(
                "migrate needs the source knowledge base: pass --kb ID or set `knowledge_base` in pylon-kb.yml (see `pylon-kb knowledge-bases`)."
            )
        }
        var siteURL: URL?
        if let targetSiteURL {
            guard let url = URL(string: targetSiteURL), ["http", "https"].contains(url.scheme ?? ""),
                url.host != nil
            else {
                throw ValidationError("--target-site-url must be an http(s) address, not \(targetSiteURL).")
            }
            siteURL = url
        }
        let environment = ProcessInfo.processInfo.environment
        let sourceURL = environment["PYLON_API_URL"].flatMap { $0.isEmpty ? nil : $0 }
        let targetURL = environment["PYLON_TARGET_API_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? sourceURL
        if sourceID == targetKnowledgeBase && sourceURL == targetURL {
            throw ValidationError("The source and the target are the same knowledge base (\(sourceID)).")
        }
        let source = try PylonConnection.client(
            tokenVariables: ["PYLON_API_TOKEN"], urlVariables: ["PYLON_API_URL"], verbose: connection.verbose)
        let target = try PylonConnection.client(
            tokenVariables: ["PYLON_TARGET_API_TOKEN", "PYLON_API_TOKEN"],
            urlVariables: ["PYLON_TARGET_API_URL", "PYLON_API_URL"], verbose: connection.verbose)
        let stateURL =
            state.map { URL(fileURLWithPath: $0, relativeTo: CommandPaths.currentDirectory) }
            ?? MigrationSession.defaultStateURL(
                directory: CommandPaths.currentDirectory, source: sourceID, target: targetKnowledgeBase)
        // Two migrations with one state file would both create what is missing; the second
        // one stops instead. A dry run writes nothing and needs no lock.
        let lock: ApplyLock?
        do {
            lock = dryRun ? nil : try ApplyLock.acquire(migrationState: stateURL)
        } catch {
            Console.error("error: \(error)")
            throw ExitCode.failure
        }
        defer { lock?.release() }
        let session = MigrationSession(
            source: source, sourceKnowledgeBaseID: sourceID, target: target,
            targetKnowledgeBaseID: targetKnowledgeBase,
            options: MigrationSession.Options(
                author: author ?? configuration.author, targetSiteURL: siteURL,
                redirectOldPaths: redirectOldPaths,
                onDrift: onDrift),
            stateStore: StateStore(url: stateURL))

        let prepared: MigrationSession.Prepared
        do {
            prepared = try await session.prepare()
        } catch {
            Console.error("error: \(error)")
            throw ExitCode.failure
        }
        for notice in prepared.notices { Console.error("warning: \(notice)") }
        Console.error(
            "Migrating “\(prepared.sourceSnapshot.knowledgeBase.title)” (\(sourceID)): \(prepared.source.articles.count) articles, \(prepared.source.tree.collections.count) collections, \(prepared.source.rewrittenLinks) links between them."
        )
        let plan = prepared.plan
        switch format {
        case .text: print(PlanTextFormatter(color: Console.useColor).format(plan), terminator: "")
        case .markdown: print(PlanMarkdownFormatter().format(plan), terminator: "")
        case .json: FileHandle.standardOutput.write(try PlanJSON.encode(plan))
        }
        guard plan.blockers.isEmpty else {
            Console.error("error: migrate refuses this plan (see above). Nothing was changed.")
            throw ExitCode.failure
        }
        if dryRun {
            if detailedExitcode && plan.hasChanges { throw ExitCode(2) }
            return
        }
        guard plan.hasChanges else { return }
        try confirm(plan.knowledgeBase)
        let reporter = ProgressPrinter(total: Applier.taskCount(plan), estimate: plan.estimate.minimumSeconds)
        let report = await session.apply(prepared) { reporter.show($0) }
        reporter.finish()
        for warning in report.warnings { Console.error("warning: \(warning)") }
        print("")
        print(
            "Applied \(report.completed.count) change\(report.completed.count == 1 ? "" : "s") to knowledge base \(targetKnowledgeBase). State: \(stateURL.path)"
        )
        guard report.failures.isEmpty else {
            print("\(report.failures.count) change\(report.failures.count == 1 ? "" : "s") failed:")
            for failure in report.failures { print("  ✗ \(failure)") }
            print("Everything that succeeded is recorded; run the same `pylon-kb migrate` again to finish.")
            throw ExitCode.failure
        }
    }

    private func confirm(_ knowledgeBase: PlanTarget) throws {
        guard !autoApprove else { return }
        guard Console.inputIsTerminal else {
            throw ValidationError(
                "migrate needs confirmation but standard input is not a terminal. Review the plan (--dry-run) and pass --auto-approve."
            )
        }
        Console.error(
            "\nCopy into “\(knowledgeBase.title)”? Only 'yes' continues: ", terminator: "")
        guard readLine()?.trimmingCharacters(in: .whitespaces).lowercased() == "yes" else {
            throw CleanExit.message("Cancelled. Nothing was changed.")
        }
    }
}
