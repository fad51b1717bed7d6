import ArgumentParser
import Foundation
import PylonAPI
import PylonEmulator
import PylonKB

/// Options every command that talks to Pylon shares.
struct ConnectionOptions: ParsableArguments {
    @Option(
        name: .customLong("kb"), help: "The knowledge base id (overrides knowledge_base in pylon-kb.yml).")
    var knowledgeBase: String?

    @Flag(help: "Log every request (method, path, status; never the token) to standard error.")
    var verbose = false
}

/// A connection to the knowledge base a content folder publishes to: Pylon through
/// `PYLON_API_TOKEN` (and `PYLON_API_URL` for another server, such as the emulator), or the
/// embedded local knowledge base for `target: local`.
struct TargetConnection {
    let client: PylonClient
    let knowledgeBaseID: String
    /// Where the state file lives: committed next to pylon-kb.yml for Pylon; beside the local
    /// knowledge base's data (git-ignored) for `target: local`.
    let stateStore: StateStore
    /// The in-process emulator behind `target: local`.
    let localEmulator: RunningEmulator?
    let description: String

    /// The local knowledge base's id and the port it is served on by default, so that the
    /// URLs it stores (attachments, article links) keep working when `pylon-kb emulator`
    /// serves the same data later.
    static let localKnowledgeBaseID = "local"
    static let defaultLocalPort = 4780

    static func connect(
        configuration: Configuration, root: URL, overrideKnowledgeBase: String?, verbose: Bool,
        contentLanguages: Set<String> = [], authors: Set<String> = []
    ) async throws -> TargetConnection {
        let printLine: @Sendable (String) -> Void = { line in Console.error(line) }
        let log = verbose ? printLine : nil
        if let id = overrideKnowledgeBase ?? configuration.knowledgeBaseID {
            let client = try PylonConnection.client(verbose: verbose)
            let host =
                ProcessInfo.processInfo.environment["PYLON_API_URL"].flatMap { URL(string: $0)?.host }
                ?? "api.usepylon.com"
            return TargetConnection(
                client: client, knowledgeBaseID: id, stateStore: StateStore(contentRoot: root),
                localEmulator: nil,
                description: "knowledge base \(id) at \(host)")
        }
        guard configuration.target == .local else {
            throw ValidationError(
                "\(root.path)/pylon-kb.yml names no knowledge base. Add `knowledge_base: <id>` (see `pylon-kb knowledge-bases`) or `target: local`, or pass --kb ID."
            )
        }
        return try await startLocal(
            root: root, languages: contentLanguages,
            authors: authors.union(configuration.author.map { [$0] } ?? []), log: log)
    }

    /// Runs the emulator in this process on loopback, with its data under `.pylon-kb/local/`,
    /// and talks to it through the same HTTP client as production.
    static func startLocal(
        root: URL, languages: Set<String>, authors: Set<String>, log: (@Sendable (String) -> Void)?
    ) async throws -> TargetConnection {
        let data = root.appendingPathComponent(".pylon-kb/local", isDirectory: true)
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        let token = UUID().uuidString
        let seed = localSeed(languages: languages, authors: authors)
        let preferredPort =
            Int(ProcessInfo.processInfo.environment["PYLON_KB_LOCAL_PORT"] ?? "") ?? defaultLocalPort
        let emulator: RunningEmulator
        do {
            emulator = try await PylonEmulator.start(
                EmulatorConfiguration(port: preferredPort, dataDirectory: data, token: token, seed: seed))
        } catch {
            // The port is taken (perhaps by `pylon-kb emulator` serving the same data): any port
            // works for publishing; only stored URLs then name this run's port.
            emulator = try await PylonEmulator.start(
                EmulatorConfiguration(port: 0, dataDirectory: data, token: token, seed: seed))
        }
        let client = try PylonClient(
            configuration: PylonClientConfiguration(
                baseURL: emulator.baseURL, token: token, rateLimitScale: 1000, log: log,
                userAgent: PylonKBVersion.userAgent))
        return TargetConnection(
            client: client, knowledgeBaseID: localKnowledgeBaseID,
            stateStore: StateStore(url: data.appendingPathComponent("state.json")), localEmulator: emulator,
            description: "the local knowledge base in \(data.path)")
    }

    /// One knowledge base that speaks the content's languages, and its authors as users.
    static func localSeed(languages: Set<String>, authors: Set<String>) -> EmulatorSeed {
        let supported = ["en"] + languages.subtracting(["en"]).sorted()
        let users = authors.filter { $0.contains("@") }.sorted().map {
            EmulatorSeed.User(email: $0, name: String($0.split(separator: "@").first ?? "Author"))
        }
        return EmulatorSeed(
            organizationName: "Local Pylon",
            knowledgeBases: [
                .init(
                    id: localKnowledgeBaseID, title: "Local knowledge base", slug: "local",
                    supportedLanguages: supported,
                    defaultLanguage: "en")
            ],
            users: users.isEmpty
                ? [EmulatorSeed.User(email: "author@example.com", name: "Local Author")] : users)
    }

    func close() async {
        await localEmulator?.stop()
    }
}

extension Configuration {
    var knowledgeBaseID: String? {
        if case .knowledgeBase(let id) = target { return id }
        return nil
    }

    /// Reads `pylon-kb.yml` at `root` (defaults when there is none).
    static func load(root: URL) -> (Configuration, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        guard let text = try? String(contentsOf: root.appendingPathComponent(fileName), encoding: .utf8)
        else {
            return (Configuration(), [])
        }
        let configuration = parse(text, diagnostics: &diagnostics)
        return (configuration, diagnostics)
    }
}

/// Standard error, for everything that is not the command's result.
enum Console {
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    static var isTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
    static var inputIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }
    static var errorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Colours only on a terminal and only without NO_COLOR (https://no-color.org).
    static var useColor: Bool {
        isTerminal && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true
    }
}
