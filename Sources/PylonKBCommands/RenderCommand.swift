import ArgumentParser
import Foundation
import PylonKB

public struct RenderCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Write the Pylon HTML of every article and a local preview site.",
        discussion: """
            Examples:
              pylon-kb render --out out/preview
              pylon-kb render help-center --out /tmp/preview   # then open its index.html

            Checks the content like `check`, then writes one .html page per article
            and translation, an index.html, and the images. Never writes outside --out.
            """
    )

    @OptionGroup var options: ContentOptions

    @Option(
        name: .long,
        help: ArgumentHelp("The folder to write the preview into (created if needed).", valueName: "dir"))
    var out: String

    public init() {}

    public func run() async throws {
        let console = CommandContext.current.console
        let result = try await ContentCheck.run(
            root: options.root, render: Renderer().render,
            resolver: { tree in PreviewSiteWriter.resolvers(for: tree) })
        options.print(result.report)
        let writer = PreviewSiteWriter(
            contentRoot: options.root, outputDirectory: CommandContext.current.url(out, isDirectory: true))
        let output: PreviewSiteWriter.Output
        do {
            output = try writer.write(tree: result.tree, pages: result.report.pages)
        } catch {
            console.print(result.summary)
            throw CommandFailure(error.description)
        }
        console.print(result.summary)
        console.print(
            "Wrote \(output.pagesWritten) pages and \(output.imagesCopied) images; open \(output.index.path)")
        if result.report.errorCount > 0 { throw CommandFailure.reported }
    }
}
