import ArgumentParser
import Foundation
import PylonKB

public struct PreviewCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract:
            "Serve the content folder as the help center will look, rebuilt and reloaded on every save.",
        discussion: """
            Examples:
              pylon-kb preview                 # ./content at http://127.0.0.1:4781/
              pylon-kb preview docs --port 0   # any free port; the address is printed

            Checks the folder like `check` and serves the pages `render` would write.
            When a file changes (an article, an image, _collection.yml, pylon-kb.yml),
            only what changed is rendered again, and every open page reloads itself;
            errors and warnings are printed here and shown over the page, with
            file:line. Nothing is sent to Pylon. The pages show drafts and internal
            articles: keep --host on loopback. Stop with Ctrl-C.
            """)

    @OptionGroup var options: ContentOptions

    @Option(help: "Port to listen on (0 picks a free one).")
    var port: Int = 4781

    @Option(help: "Address to bind. Keep it on loopback: the preview shows drafts and internal articles.")
    var host: String = "127.0.0.1"

    public init() {}

    public func validate() throws {
        guard (0...65535).contains(port) else {
            throw ValidationError("--port must be 0…65535, not \(port).")
        }
    }

    public func run() async throws {
        let context = CommandContext.current
        let console = context.console
        let formatter = DiagnosticFormatter(
            style: options.format,
            pathPrefix: ContentRoot.displayPrefix(
                root: options.root, currentDirectory: context.currentDirectory))
        let preview = LivePreview(root: options.root)
        let first = await preview.build()
        Self.report(first, formatter: formatter, console: console, heading: nil)
        let server = PreviewServer(preview: preview)
        let (host, port) = (self.host, self.port)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                try await server.run(host: host, port: port) { url in
                    console.print(
                        "Serving \(formatter.pathPrefix.isEmpty ? "." : formatter.pathPrefix) at \(url)")
                    console.print("Watching for changes; Ctrl-C to stop.")
                }
            }
            tasks.addTask {
                // A stat of every file, every 50 ms (see `FolderStamps` for why not inotify),
                // or ten times as long as a look takes, so a very large folder costs at most a
                // tenth of a core while nothing changes.
                var interval = Duration.milliseconds(50)
                while !Task.isCancelled {
                    try await Task.sleep(for: interval)
                    if let status = await preview.refreshIfChanged() {
                        Self.report(
                            status, formatter: formatter, console: console, heading: status.changedFiles)
                    }
                    interval = min(.seconds(1), max(.milliseconds(50), await preview.lastLook * 10))
                }
            }
            try await tasks.next()
            tasks.cancelAll()
        }
    }

    /// What a build found, as `check` prints it, then one line saying what was rebuilt.
    static func report(
        _ status: LivePreview.Status, formatter: DiagnosticFormatter, console: Console,
        heading changed: [String]?
    ) {
        for entry in status.diagnostics { console.print(formatter.line(for: entry.diagnostic)) }
        guard let changed else {
            console.print("\(status.summary) (built in \(status.milliseconds) ms)")
            return
        }
        let files = changed.prefix(3).map { formatter.pathPrefix + $0 }.joined(separator: ", ")
        let more = changed.count > 3 ? " and \(changed.count - 3) more" : ""
        console.print("Rebuilt in \(status.milliseconds) ms after \(files)\(more) changed: \(status.summary)")
    }
}
