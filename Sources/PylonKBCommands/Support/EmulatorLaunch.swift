import Foundation
import PylonEmulator
import PylonKB

/// What `pylon-kb emulator` serves, decided from its options and its surroundings: the token
/// (--token, else PYLON_API_TOKEN, else "local"), the data (--data, else the content folder's
/// local knowledge base when it uses `target: local`, else memory) and the seed (--seed, else
/// the local knowledge base's). A value, so it is tested without starting a server
/// (`EmulatorLaunchTests`); the command only starts it and prints `banner`.
struct EmulatorLaunch: Sendable {
    var configuration: EmulatorConfiguration
    /// Where the token came from, for the banner (never the token itself).
    var tokenSource: String

    /// The options as the command parsed them; `faults` and the profile names were checked in
    /// `validate()`.
    struct Options: Sendable {
        var host: String
        var port: Int
        var data: String?
        var token: String?
        var rateLimitScale: Double?
        var faults: String?
        var sanitize: Bool
        var honourSlugUpdates: Bool
        var seed: String?
        var wire: WireProfile
        var apiSurface: APISurface
        var wireSeed: UInt64
    }

    init(_ options: Options, context: CommandContext = .current) throws {
        let environmentToken = context.value("PYLON_API_TOKEN")
        configuration = EmulatorConfiguration(
            host: options.host, port: options.port, token: options.token ?? environmentToken ?? "local",
            rateLimitScale: options.rateLimitScale, sanitize: options.sanitize,
            honourSlugUpdates: options.honourSlugUpdates, wire: options.wire, apiSurface: options.apiSurface,
            wireSeed: options.wireSeed)
        tokenSource =
            options.token != nil
            ? "--token" : environmentToken != nil ? "PYLON_API_TOKEN" : "the default, \"local\""
        if let faults = options.faults {
            let spec = try FaultRule.parseSpec(faults)
            configuration.faults = spec.rules
            if let seed = spec.seed { configuration.faultSeed = seed }
        }
        if let data = options.data {
            configuration.dataDirectory = context.url(data, isDirectory: true)
        } else if let local = LocalKnowledgeBase(contentRoot: CommandPaths.contentRoot(nil, context: context))
        {
            try local.createDataDirectory()
            configuration.dataDirectory = local.dataDirectory
            configuration.seed = local.seed
        }
        if let seed = options.seed {
            let url = context.url(seed)
            guard let json = try? Data(contentsOf: url) else {
                throw CommandFailure(
                    "Cannot read the seed file \(url.path). Pass a JSON file of knowledge bases and users (see docs/emulator.md)."
                )
            }
            do {
                configuration.seed = try EmulatorSeed.decode(json: json, source: url.path)
            } catch {
                throw CommandFailure("\(error)")
            }
        }
    }

    /// What the emulator prints once it listens: where, with which data, token source,
    /// profile, and each knowledge base's preview.
    func banner(baseURL: URL, seed: EmulatorSeed) -> String {
        let base = baseURL.absoluteString
        let storage = configuration.dataDirectory?.path ?? "memory (gone when it stops)"
        var lines = [
            "Pylon emulator on \(base)  (data: \(storage))",
            "  API token: \(tokenSource)",
            "  Wire profile: \(configuration.wire.rawValue); API surface: \(configuration.apiSurface.rawValue)",
            "  Preview: \(base)/",
        ]
        for knowledgeBase in seed.knowledgeBases {
            lines.append(
                "  knowledge base \(knowledgeBase.id) “\(knowledgeBase.title)”: \(base)/kb/\(knowledgeBase.slug)/"
            )
        }
        lines.append("Press Ctrl-C to stop.")
        return lines.joined(separator: "\n") + "\n"
    }
}
