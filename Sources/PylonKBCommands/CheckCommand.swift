import ArgumentParser
import PylonKB

public struct CheckCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the content offline and print every problem as path:line: message.",
        discussion: """
            Examples:
              pylon-kb check                     # ./content, or . if it has pylon-kb.yml
              pylon-kb check help-center
              pylon-kb check --format github     # annotations in GitHub Actions

            Reads nothing from Pylon. Exit code 1 when there are errors; warnings
            alone exit 0. Every message is explained in docs/troubleshooting.md.
            """
    )

    @OptionGroup var options: ContentOptions

    public init() {}

    public func run() async throws {
        let result = try await ContentCheck.run(root: options.root, render: Renderer().render)
        options.print(result.report)
        CommandContext.current.console.print(result.summary)
        if result.report.errorCount > 0 { throw CommandFailure.reported }
    }
}
