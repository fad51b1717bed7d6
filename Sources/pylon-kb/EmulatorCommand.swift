import ArgumentParser
import Foundation
import PylonEmulator
import PylonKB

struct EmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
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
    var port: Int = TargetConnection.defaultLocalPort

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

    func validate() throws {
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
    }

    func run() async throws {
        let environmentToken = ProcessInfo.processInfo.environment["PYLON_API_TOKEN"].flatMap {
            $0.isEmpty ? nil : $0
        }
        var configuration = EmulatorConfiguration(
            host: host, port: port, token: token ?? environmentToken ?? "local",
            rateLimitScale: rateLimitScale,
            sanitize: sanitize, honourSlugUpdates: honourSlugUpdates,
            wire: WireProfile(rawValue: wire) ?? .tidy,
            apiSurface: APISurface(rawValue: apiSurface) ?? .current,
            wireSeed: wireSeed)
        if let faults {
            do {
                let spec = try FaultRule.parseSpec(faults)
                configuration.faults = spec.rules
                if let seed = spec.seed { configuration.faultSeed = seed }
            } catch {
                throw ValidationError("--faults: \(error)")
            }
        }
        if let data {
            configuration.dataDirectory = URL(
                fileURLWithPath: data, isDirectory: true, relativeTo: CommandPaths.currentDirectory)
        } else {
            let root = CommandPaths.contentRoot(nil)
            let (contentConfiguration, _) = Configuration.load(root: root)
            if contentConfiguration.target == .local {
                let directory = root.appendingPathComponent(".pylon-kb/local", isDirectory: true)
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                configuration.dataDirectory = directory
                configuration.seed = TargetConnection.localSeed(
                    languages: PublishRun.translationLanguages(root: root),
                    authors: Set(contentConfiguration.author.map { [$0] } ?? []))
            }
        }
        if let seed {
            do {
                configuration.seed = try EmulatorSeed.load(contentsOf: URL(fileURLWithPath: seed))
            } catch {
                throw ValidationError("\(error)")
            }
        }
        let tokenSource =
            token != nil ? "--token" : environmentToken != nil ? "PYLON_API_TOKEN" : "the default, \"local\""
        let storage = configuration.dataDirectory?.path ?? "memory (gone when it stops)"
        try await PylonEmulator.run(configuration) { emulator in
            var lines = [
                "Pylon emulator on \(emulator.baseURL.absoluteString)  (data: \(storage))",
                "  API token: \(tokenSource)",
                "  Wire profile: \(wire); API surface: \(apiSurface)",
                "  Preview: \(emulator.baseURL.absoluteString)/",
            ]
            for base in emulator.seed.knowledgeBases {
                lines.append(
                    "  knowledge base \(base.id) “\(base.title)”: \(emulator.baseURL.absoluteString)/kb/\(base.slug)/"
                )
            }
            lines.append("Press Ctrl-C to stop.")
            // Written unbuffered: scripts wait for this line on a pipe.
            FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        }
    }
}
