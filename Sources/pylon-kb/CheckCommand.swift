import ArgumentParser
import PylonKB

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the content offline and print every problem as path:line: message."
    )

    @OptionGroup var options: ContentOptions

    func run() async throws {
        let renderer = Renderer()
        let result: ContentCheck.Result
        do {
            result = try await ContentCheck.run(root: options.root, render: renderer.render)
        } catch {
            throw ValidationError(error.description)
        }
        options.print(result.report)
        print(result.summary)
        if result.report.errorCount > 0 { throw ExitCode.failure }
    }
}
