import ArgumentParser
import Foundation
import PylonKB

public struct PlanCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show what apply would change in the knowledge base. Reads Pylon, writes nothing.",
        discussion: """
            Examples:
              pylon-kb plan
              pylon-kb plan content --format markdown > plan-comment.md
              pylon-kb plan --out plan.json && pylon-kb apply plan.json

            The plan goes to standard output; content warnings and notes go to
            standard error. Exit codes: 0 success, 1 error or a plan that apply would
            refuse (drift under on_drift: fail, too many removals), 2 changes present
            with --detailed-exitcode.
            """)

    @Argument(help: ArgumentHelp("The content folder (holds pylon-kb.yml).", valueName: "dir"))
    var directory: String?

    @Option(
        help:
            "text (terminal), markdown (a pull-request comment) or json (versioned, see docs/plan-format.md)."
    )
    var format: PlanPresenter.Format = .text

    @Option(help: ArgumentHelp("Also save the plan as JSON, for `pylon-kb apply FILE`.", valueName: "file"))
    var out: String?

    @Flag(help: "Exit 2 when there are changes, 0 when there are none.")
    var detailedExitcode = false

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var policies: PolicyOptions

    public init() {}

    public func run() async throws {
        let root = CommandPaths.contentRoot(directory)
        let plan = try await PublishRun.withFreshPlan(root: root, options: connection, policies: policies) {
            $0.plan
        }
        try PlanPresenter().show(plan, format: format)
        if let out {
            try PlanJSON.encode(plan).write(to: CommandContext.current.url(out), options: .atomic)
            CommandContext.current.console.error(
                "Saved the plan to \(out). Apply exactly this plan with: pylon-kb apply \(out)")
        }
        if !plan.blockers.isEmpty { throw CommandFailure.reported }
        if detailedExitcode && plan.hasChanges { throw ExitCode.changesPresent }
    }
}
