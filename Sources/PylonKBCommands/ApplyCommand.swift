import ArgumentParser
import Foundation
import PylonKB

public struct ApplyCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
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

    public func validate() throws {
        if !requestReview, !reviewer.isEmpty || aiReview {
            throw ValidationError("--reviewer and --ai-review need --request-review.")
        }
        if requestReview, reviewer.isEmpty, !aiReview {
            throw ValidationError(
                "--request-review needs someone to ask: one or more --reviewer EMAIL, and/or --ai-review.")
        }
    }

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var policies: PolicyOptions

    public init() {}

    public func run() async throws {
        let savedPlan = target.flatMap { $0.hasSuffix(".json") ? $0 : nil }
        let root = CommandPaths.contentRoot(savedPlan == nil ? target : dir)
        // One apply per content folder at a time, held from before the plan to the end.
        let lock = try Self.lock(root)
        defer { lock?.release() }
        let presenter = PlanPresenter()
        if let savedPlan {
            try await PublishRun.withSavedPlan(path: savedPlan, root: root, options: connection) { run in
                try await apply(run, presenter: presenter)
            }
        } else {
            try await PublishRun.withFreshPlan(root: root, options: connection, policies: policies) { run in
                try await apply(run, presenter: presenter)
            }
        }
    }

    private func apply(_ run: PublishRun, presenter: PlanPresenter) async throws {
        let reviews = try await reviewOptions(run.session)
        try presenter.show(run.plan)
        guard run.plan.hasChanges else {
            if let prepared = run.prepared, (try? run.session.saveRebuiltState(prepared)) == true {
                presenter.console.error("note: The state file was rebuilt from the knowledge base.")
            }
            return
        }
        guard run.plan.blockers.isEmpty else {
            throw CommandFailure("apply refuses this plan (see above). Nothing was changed.")
        }
        try presenter.confirm(
            "Apply these changes to “\(run.plan.knowledgeBase.title)”?", autoApprove: autoApprove,
            withoutTerminal:
                "apply needs confirmation but standard input is not a terminal. Review the plan and pass --auto-approve (as CI does)."
        )
        let report = try await presenter.withProgress(run.plan) {
            try await run.apply(reviews: reviews, progress: $0)
        }
        try presenter.summarize(
            report, appliedTo: "\(run.connection.description).", listsURLs: true, again: "`pylon-kb apply`")
    }

    /// The reviewers as Pylon user ids; unknown emails stop the run before anything is written.
    private func reviewOptions(_ session: PublishSession) async throws -> ReviewRequestOptions? {
        guard requestReview else { return nil }
        do {
            return ReviewRequestOptions(
                reviewerUserIDs: try await session.resolveReviewers(reviewer), aiReview: aiReview)
        } catch {
            throw CommandFailure("reviewer \(error)")
        }
    }

    /// nil when the folder does not exist: the run then fails with its own message.
    private static func lock(_ root: URL) throws -> ApplyLock? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory),
            isDirectory.boolValue
        else { return nil }
        return try ApplyLock.acquire(contentRoot: root)
    }
}
