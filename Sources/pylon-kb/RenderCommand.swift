import ArgumentParser
import Foundation
import PylonKB

struct RenderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
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

    func run() async throws {
        let renderer = Renderer()
        let root = options.root
        let result: ContentCheck.Result
        do {
            result = try await ContentCheck.run(
                root: root, render: renderer.render,
                resolver: { tree in PreviewSiteWriter.resolvers(for: tree) })
        } catch {
            throw ValidationError(error.description)
        }
        options.print(result.report)
        let outURL = URL(fileURLWithPath: out, isDirectory: true, relativeTo: options.currentDirectory)
        let writer = PreviewSiteWriter(contentRoot: root, outputDirectory: outURL)
        do {
            let output = try writer.write(tree: result.tree, pages: result.report.pages)
            print(result.summary)
            print(
                "Wrote \(output.pagesWritten) pages and \(output.imagesCopied) images; open \(output.index.path)"
            )
        } catch {
            print(result.summary)
            print("error: \(error.description)")
            throw ExitCode.failure
        }
        if result.report.errorCount > 0 { throw ExitCode.failure }
    }
}
