import ArgumentParser
import Foundation
import PylonKB

struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract:
            "Publish the content: make a fresh plan and carry it out, or carry out a saved plan exactly.",
        discussion: """
            Examples:
              pylon-kb apply                   # plan, show, ask, apply
              pylon-kb apply --auto-approve    # in CI
              pylon-kb apply plan.json         # exactly the saved plan
              pylon-kb apply --on-drift overwrite
              pylon-kb apply --request-review --reviewer ana@example.com --ai-review

            Without --auto-approve, apply asks for confirmation, and refuses to run
            when there is no terminal to ask on. A saved plan is refused if Pylon
            changed since it was made. Exit code 1 when anything failed (independent
            changes are still made and recorded; run apply again to finish).

            --request-review: after the changes, ask for review of each article this
            apply left as a draft (created with `published: false`, or updated while
            `published: false`), by the --reviewer users and/or Pylon's AI
            (--ai-review). Servers without review requests get one try and a warning;
            the answer is remembered. A failed review request is listed with its
            request_id and sets exit code 1; the article changes stand.
            """)

    @Argument(
        help: ArgumentHelp("The content folder, or a plan saved with `plan --out`.", valueName: "dir-or-plan")
    )
    var target: String?

    @Option(
        help: ArgumentHelp(
            "With a saved plan: the content folder its images are read from.", valueName: "dir"))
    var dir: String?

    @Flag(help: "Apply without asking.")
    var autoApprove = false

    @Flag(help: "After applying, ask for review of the articles this apply left as drafts.")
    var requestReview = false

    @Option(
        help: ArgumentHelp(
            "With --request-review: a reviewer's email or Pylon user id (repeatable).", valueName: "email"))
    var reviewer: [String] = []

    @Flag(help: "With --request-review: also ask Pylon's AI to review (must be enabled in Pylon).")
    var aiReview = false

    func validate() throws {
        if !requestReview, !reviewer.isEmpty || aiReview {
            throw ValidationError("--reviewer and --ai-review need --request-review.")
        }
        if requestReview, reviewer.isEmpty, !aiReview {
            throw ValidationError(
                "--request-review needs someone to ask: one or more --reviewer EMAIL, and/or --ai-review.")
        }
    }

    /// The reviewers as Pylon user ids; unknown emails stop the run before anything is written.
    private func reviewOptions(_ session: PublishSession) async throws -> ReviewRequestOptions? {
        guard requestReview else { return nil }
        do {
            return ReviewRequestOptions(
                reviewerUserIDs: try await session.resolveReviewers(reviewer), aiReview: aiReview)
        } catch {
            Console.error("error: reviewer \(error)")
            throw ExitCode.failure
        }
    }

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var policies: PolicyOptions

    func run() async throws {
        // One apply per content folder at a time, held from before the plan to the end.
        let isSavedPlan = target?.hasSuffix(".json") == true
        let lock = try Self.lock(CommandPaths.contentRoot(isSavedPlan ? dir : target))
        defer { lock?.release() }
        if let target, target.hasSuffix(".json") {
            try await applySaved(path: target)
            return
        }
        let root = CommandPaths.contentRoot(target)
        let run = try await PublishRun.prepare(root: root, connection: connection, policies: policies)
        defer { Task { await run.connection.close() } }
        let reviews = try await reviewOptions(run.session)
        let plan = run.prepared.plan
        print(PlanTextFormatter(color: Console.useColor).format(plan), terminator: "")
        guard plan.hasChanges else {
            await run.connection.close()
            if (try? run.session.saveRebuiltState(run.prepared)) == true {
                Console.error("note: The state file was rebuilt from the knowledge base.")
            }
            return
        }
        guard plan.blockers.isEmpty else {
            Console.error("error: apply refuses this plan (see above). Nothing was changed.")
            await run.connection.close()
            throw ExitCode.failure
        }
        try confirm(knowledgeBase: plan.knowledgeBase)
        let reporter = ProgressPrinter(total: Applier.taskCount(plan), estimate: plan.estimate.minimumSeconds)
        let report = await run.session.apply(run.prepared, reviews: reviews) { reporter.show($0) }
        reporter.finish()
        await run.connection.close()
        try summarize(report, connection: run.connection)
    }

    private func applySaved(path: String) async throws {
        let url = URL(fileURLWithPath: path, relativeTo: CommandPaths.currentDirectory)
        let plan: Plan
        do {
            plan = try PlanJSON.decode(try Data(contentsOf: url), source: path)
        } catch let error as PlanJSON.ReadError {
            throw ValidationError(error.description)
        } catch {
            throw ValidationError("Cannot read \(path): \(error.localizedDescription)")
        }
        let root = CommandPaths.contentRoot(dir)
        let (configuration, _) = Configuration.load(root: root)
        let languages = Set(plan.languages)
        let connection = try await TargetConnection.connect(
            configuration: configuration, root: root, overrideKnowledgeBase: self.connection.knowledgeBase,
            verbose: self.connection.verbose, contentLanguages: languages)
        print(PlanTextFormatter(color: Console.useColor).format(plan), terminator: "")
        guard plan.hasChanges else {
            await connection.close()
            return
        }
        guard plan.blockers.isEmpty else {
            await connection.close()
            throw ValidationError(
                "This plan has blockers (see above); apply refuses it. Nothing was changed.")
        }
        do {
            try confirm(knowledgeBase: plan.knowledgeBase)
        } catch {
            await connection.close()
            throw error
        }
        let session = PublishSession(
            root: root, client: connection.client, knowledgeBaseID: connection.knowledgeBaseID,
            stateStore: connection.stateStore)
        let reviews: ReviewRequestOptions?
        do {
            reviews = try await reviewOptions(session)
        } catch {
            await connection.close()
            throw error
        }
        let reporter = ProgressPrinter(total: Applier.taskCount(plan), estimate: plan.estimate.minimumSeconds)
        let report: ApplyReport
        do {
            report = try await session.apply(
                saved: plan, siteURL: configuration.siteURL?.absoluteString, reviews: reviews
            ) { reporter.show($0) }
        } catch {
            await connection.close()
            Console.error("error: \(error)")
            throw ExitCode.failure
        }
        reporter.finish()
        await connection.close()
        try summarize(report, connection: connection)
    }

    /// nil when the folder does not exist: the run then fails with its own message.
    private static func lock(_ root: URL) throws -> ApplyLock? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory),
            isDirectory.boolValue
        else { return nil }
        do {
            return try ApplyLock.acquire(contentRoot: root)
        } catch {
            Console.error("error: \(error)")
            throw ExitCode.failure
        }
    }

    private func confirm(knowledgeBase: PlanTarget) throws {
        guard !autoApprove else { return }
        guard Console.inputIsTerminal else {
            throw ValidationError(
                "apply needs confirmation but standard input is not a terminal. Review the plan and pass --auto-approve (as CI does)."
            )
        }
        Console.error(
            "\nApply these changes to “\(knowledgeBase.title)”? Only 'yes' continues: ", terminator: "")
        guard readLine()?.trimmingCharacters(in: .whitespaces).lowercased() == "yes" else {
            throw CleanExit.message("Cancelled. Nothing was changed.")
        }
    }

    private func summarize(_ report: ApplyReport, connection: TargetConnection) throws {
        for warning in report.warnings { Console.error("warning: \(warning)") }
        print("")
        print(
            "Applied \(report.completed.count) change\(report.completed.count == 1 ? "" : "s") to \(connection.description)."
        )
        if !report.urls.isEmpty {
            print("Live URLs:")
            for (source, url) in report.urls.sorted(by: { $0.key < $1.key }) { print("  \(source)  \(url)") }
        }
        guard report.failures.isEmpty else {
            print("\(report.failures.count) change\(report.failures.count == 1 ? "" : "s") failed:")
            for failure in report.failures { print("  ✗ \(failure)") }
            print("Everything that succeeded is recorded; run `pylon-kb apply` again to finish.")
            throw ExitCode.failure
        }
    }
}
