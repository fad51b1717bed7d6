import ArgumentParser
import Foundation
import PylonEmulator
import PylonKB

public struct EmulatorCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "emulator",
        abstract:
            "Serve a local Pylon: the knowledge-base API and a browsable preview of its knowledge bases.",
        discussion: """
            Examples:
              pylon-kb emulator        # ./content's local knowledge base (target: local)
              PYLON_API_TOKEN=dev pylon-kb emulator --data /tmp/kb --seed seed.json
              pylon-kb emulator --rate-limit-scale 60 \\
                --faults '*:429:0.1,createArticle:500-applied:0.02'
              pylon-kb emulator --wire go --api-surface documented   # a stricter, older Pylon

            Point pylon-kb at it with PYLON_API_URL=http://127.0.0.1:4780 and
            PYLON_API_TOKEN. The fault format is ENDPOINT:KIND:TRIGGER,… (see
            docs/emulator.md). The admin view (/_emulator/requests,
            /_emulator/redirects) has no authentication: keep it on loopback.

            --wire: tidy (fields only when set), go (every schema field, unset ones as
            "", false, 0, [] or null, as a Go server writes them) or hostile (shuffled
            field order, unknown fields, identifier as a number, timestamp variants, and
            stored HTML normalised like a server-side sanitizer would).
            --api-surface: current (collection PATCH, tags on articles, unpublishing,
            review requests, /me with the user) or documented (exactly Pylon's OpenAPI;
            any other request field is a 400 naming it).
            """)

    @Option(help: "Port to listen on (0 picks a free one).")
    var port: Int = LocalKnowledgeBase.defaultPort

    @Option(help: "Address to bind. Keep it on loopback.")
    var host: String = "127.0.0.1"

    @Option(
        help: ArgumentHelp(
            "Folder for the emulator's data (kept across restarts). Default: the local knowledge base of the content folder, if it uses target: local; else in memory.",
            valueName: "dir"))
    var data: String?

    @Option(help: "The bearer token clients must send. Default: PYLON_API_TOKEN, else \"local\".")
    var token: String?

    @Option(
        help:
            "Enforce Pylon's per-minute rate limits, this many times faster (60: 10/min becomes 10/s). Default: off."
    )
    var rateLimitScale: Double?

    @Option(help: "Inject faults, e.g. '*:429:0.1,createArticle:500-applied:3x,seed=7'.")
    var faults: String?

    @Flag(
        help:
            "Re-serialize stored HTML the way an editor would, so clients cannot rely on byte-equal round trips."
    )
    var sanitize = false

    @Flag(help: "Let PATCH change an article's slug (Pylon's OpenAPI does not list it; off by default).")
    var honourSlugUpdates = false

    @Option(
        help: ArgumentHelp("A JSON file of knowledge bases and users to create at start.", valueName: "file"))
    var seed: String?

    @Option(help: ArgumentHelp("How answers are written: tidy, go or hostile.", valueName: "profile"))
    var wire: String = WireProfile.tidy.rawValue

    @Option(help: ArgumentHelp("Which API to serve: current or documented.", valueName: "surface"))
    var apiSurface: String = APISurface.current.rawValue

    @Option(
        help: ArgumentHelp("Seed of the hostile profile's choices (field order, extras).", valueName: "n"))
    var wireSeed: UInt64 = 0

    public init() {}

    public func validate() throws {
        guard WireProfile(rawValue: wire) != nil else {
            throw ValidationError(
                "--wire must be one of \(WireProfile.allCases.map(\.rawValue).joined(separator: ", ")); \"\(wire)\" is not."
            )
        }
        guard APISurface(rawValue: apiSurface) != nil else {
            throw ValidationError(
                "--api-surface must be one of \(APISurface.allCases.map(\.rawValue).joined(separator: ", ")); \"\(apiSurface)\" is not."
            )
        }
        if let faults {
            do {
                _ = try FaultRule.parseSpec(faults)
            } catch {
                throw ValidationError("--faults: \(error)")
            }
        }
    }

    public func run() async throws {
        let console = CommandContext.current.console
        let launch = try EmulatorLaunch(
            EmulatorLaunch.Options(
                host: host, port: port, data: data, token: token, rateLimitScale: rateLimitScale,
                faults: faults,
                sanitize: sanitize, honourSlugUpdates: honourSlugUpdates, seed: seed,
                wire: WireProfile(rawValue: wire) ?? .tidy,
                apiSurface: APISurface(rawValue: apiSurface) ?? .current,
                wireSeed: wireSeed))
        try await PylonEmulator.run(launch.configuration) { emulator in
            // Written unbuffered: scripts wait for this line on a pipe.
            console.print(launch.banner(baseURL: emulator.baseURL, seed: emulator.seed), terminator: "")
        }
    }
}
