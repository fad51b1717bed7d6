import ArgumentParser
import PylonAPI
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
              pylon-kb check --strict            # warnings fail the run too
              pylon-kb check --external-links    # also request every http(s) link

            Reads nothing from Pylon; --external-links requests each http(s) link
            (never with credentials) and caches the results in .pylon-kb/cache/.
            Exit code 1 when there are errors; warnings alone exit 0 (1 with
            --strict). Every check, its level and the checks: section of
            pylon-kb.yml: docs/checks.md; every message is explained in
            docs/troubleshooting.md.
            """
    )

    @OptionGroup var options: ContentOptions

    @Flag(help: "Report every warning as an error (as `checks: strict: true` in pylon-kb.yml does).")
    var strict = false

    @Flag(
        help:
            "Also check every http(s) link over the network (HEAD, then GET), results cached in .pylon-kb/cache/external-links.json."
    )
    var externalLinks = false

    public init() {}

    public func run() async throws {
        var result = try await ContentCheck.run(root: options.root, render: Renderer().render, strict: strict)
        if externalLinks {
            // Its own transport: it follows redirects to any host, which the API client's never does.
            let transport = AsyncHTTPClientTransport(followingRedirects: false)
            result = await result.checkingExternalLinks(transport: transport)
            await transport.shutdown()
        }
        options.print(result.report)
        CommandContext.current.console.print(result.summary)
        if result.report.errorCount > 0 { throw CommandFailure.reported }
    }
}
