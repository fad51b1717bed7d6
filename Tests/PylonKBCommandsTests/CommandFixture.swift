import Foundation
import PylonAPI
import PylonEmulator
import PylonKB
import PylonKBCommands

/// What one in-process `pylon-kb` run did.
struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String
    var output: String { stdout + stderr }

    /// Failures (exit 1) say `error: …` and show no usage: the flags were right.
    var isFailureWithoutUsage: Bool {
        status == 1 && !output.contains("Usage:")
    }

    /// Usage errors (exit 64) say what is wrong and show the usage.
    var isUsageError: Bool {
        status == 64 && stderr.contains("Error: ") && stderr.contains("Usage: pylon-kb")
    }
}

/// A temporary folder holding a starter content folder (`content/`, published to
/// `knowledgeBaseID`), and an emulator on a free loopback port with one knowledge base and its
/// author. Commands run in-process with an environment of their own, so tests never touch the
/// process's environment or current folder and run in parallel.
struct CommandFixture {
    static let knowledgeBaseID = "kb-commands"
    static let otherKnowledgeBaseID = "kb-other"
    static let author = "docs@example.com"

    let directory: URL
    let emulator: RunningEmulator
    let token: String

    var content: URL { directory.appendingPathComponent("content", isDirectory: true) }

    /// The emulator's URL and token, no colours, no client pacing.
    var environment: [String: String] {
        [
            "PYLON_API_URL": emulator.baseURL.absoluteString, "PYLON_API_TOKEN": token, "NO_COLOR": "1",
            "PYLON_RATE_LIMIT_SCALE": "1000",
        ]
    }

    static func make(configuration: String? = nil) async throws -> CommandFixture {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pylon-kb-commands-\(UUID().uuidString)", isDirectory: true)
        let content = directory.appendingPathComponent("content", isDirectory: true)
        _ = try ContentScaffold.write(
            to: content, author: author, knowledgeBase: knowledgeBaseID, force: false)
        if let configuration { try write(configuration, to: content.appendingPathComponent("pylon-kb.yml")) }
        let token = "token-\(UUID().uuidString)"
        let seed = EmulatorSeed(
            knowledgeBases: [
                .init(id: knowledgeBaseID, title: "Commands Help", slug: "help", defaultLanguage: "en"),
                .init(id: otherKnowledgeBaseID, title: "Other Help", slug: "other", defaultLanguage: "en"),
            ],
            users: [.init(email: author, name: "Docs Team")])
        let emulator = try await PylonEmulator.start(EmulatorConfiguration(token: token, seed: seed))
        return CommandFixture(directory: directory, emulator: emulator, token: token)
    }

    private init(directory: URL, emulator: RunningEmulator, token: String) {
        self.directory = directory
        self.emulator = emulator
        self.token = token
    }

    /// Runs `pylon-kb ARGUMENTS` in `directory` (or `folder`), with `environment` changed by `extra` (an
    /// empty value unsets a variable). `input` answers a confirmation on a pretend terminal.
    func run(
        _ arguments: [String], environment extra: [String: String] = [:], input: [String]? = nil,
        in folder: URL? = nil
    ) async -> CommandResult {
        var environment = self.environment
        for (name, value) in extra { environment[name] = value.isEmpty ? nil : value }
        let capture = ConsoleCapture(input: input ?? [])
        let context = CommandContext(
            environment: environment, currentDirectory: folder ?? directory,
            console: capture.console(inputIsTerminal: input != nil))
        let status = await PylonKBCommand.run(arguments, context: context)
        return CommandResult(status: status, stdout: capture.standardOutput, stderr: capture.standardError)
    }

    func close() async {
        await emulator.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    static func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    /// An article whose front matter does not parse: a content error on line 3.
    func addBrokenArticle() throws {
        try Self.write("---\ntitle: [x\n---\nText.\n", to: content.appendingPathComponent("broken.md"))
    }

    func articles() async throws -> [PylonAPI.Article] {
        let client = try PylonClient(
            configuration: PylonClientConfiguration(
                baseURL: emulator.baseURL, token: token, rateLimitScale: 1000))
        return try await client.listArticles(knowledgeBaseID: Self.knowledgeBaseID)
    }
}
