import ArgumentParser
import PylonAPI

public struct WhoamiCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "whoami",
        abstract: "Check PYLON_API_TOKEN: print the Pylon organization it belongs to.",
        discussion: """
            Examples:
              pylon-kb whoami
              pylon-kb whoami --verbose    # every request, with its request_id

            Needs PYLON_API_TOKEN. Exit code 1 when Pylon refuses the token; the
            message says why and gives Pylon's request_id.
            """)

    @Flag(help: "Log every request to standard error (never the token).")
    var verbose = false

    public init() {}

    public func run() async throws {
        let me = try await PylonConnection.withClient(verbose: verbose) { try await $0.me() }
        CommandContext.current.console.print(
            "The token works. Organization: \(me.name ?? "(no name)") (\(me.id ?? "no id")).")
    }
}
