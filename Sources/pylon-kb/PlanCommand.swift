import ArgumentParser
import Foundation
import PylonKB

struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
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

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, markdown, json
    }

    @Argument(help: ArgumentHelp("The content folder (holds pylon-kb.yml).", valueName: "dir"))
    var directory: String?

    @Option(
        help:
            "text (terminal), markdown (a pull-request comment) or json (versioned, see docs/plan-format.md)."
    )
    var format: Format = .text

    @Option(help: ArgumentHelp("Also save the plan as JSON, for `pylon-kb apply FILE`.", valueName: "file"))
    var out: String?

    @Flag(help: "Exit 2 when there are changes, 0 when there are none.")
    var detailedExitcode = false

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var policies: PolicyOptions

    func run() async throws {
        let root = CommandPaths.contentRoot(directory)
        let run = try await PublishRun.prepare(root: root, connection: connection, policies: policies)
        await run.connection.close()
        let plan = run.prepared.plan
        switch format {
        case .text: print(PlanTextFormatter(color: Console.useColor).format(plan), terminator: "")
        case .markdown: print(PlanMarkdownFormatter().format(plan), terminator: "")
        case .json: FileHandle.standardOutput.write(try PlanJSON.encode(plan))
        }
        if let out {
            let url = URL(fileURLWithPath: out, relativeTo: CommandPaths.currentDirectory)
            try PlanJSON.encode(plan).write(to: url, options: .atomic)
            Console.error("Saved the plan to \(out). Apply exactly this plan with: pylon-kb apply \(out)")
        }
        if !plan.blockers.isEmpty { throw ExitCode.failure }
        if detailedExitcode && plan.hasChanges { throw ExitCode(2) }
    }
}

enum CommandPaths {
    static var currentDirectory: URL {
        URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
    }

    /// The folder given, or the default (`.` or `./content`, whichever holds pylon-kb.yml).
    static func contentRoot(_ directory: String?) -> URL {
        guard let directory else { return ContentRoot.defaultDirectory(currentDirectory: currentDirectory) }
        return URL(fileURLWithPath: directory, isDirectory: true, relativeTo: currentDirectory)
            .standardizedFileURL
    }
}
