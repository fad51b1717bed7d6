import ArgumentParser
import Foundation
import PylonKB

/// The content folder argument and output format every content command shares.
struct ContentOptions: ParsableArguments {
    @Argument(
        help: ArgumentHelp(
            "The content folder (holds pylon-kb.yml).",
            discussion: "Default: . if it has pylon-kb.yml, else ./content if that has pylon-kb.yml, else .",
            valueName: "dir"))
    var directory: String?

    @Option(help: "How to print problems: text, or github for GitHub Actions annotations.")
    var format: DiagnosticFormatter.Style = .text

    var root: URL { CommandPaths.contentRoot(directory) }

    func validate() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory),
            isDirectory.boolValue
        else {
            throw ValidationError(
                "\(directory ?? root.path) is not a folder. Pass the folder that holds pylon-kb.yml and your articles."
            )
        }
    }

    /// Prints every diagnostic, paths relative to the current directory.
    func print(_ report: ContentChecker.Report) {
        let context = CommandContext.current
        let formatter = DiagnosticFormatter(
            style: format,
            pathPrefix: ContentRoot.displayPrefix(root: root, currentDirectory: context.currentDirectory))
        for diagnostic in report.diagnostics { context.console.print(formatter.line(for: diagnostic)) }
    }
}

extension DiagnosticFormatter.Style: ExpressibleByArgument {}
