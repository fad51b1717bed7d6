import Foundation
import PylonAPI
import PylonEmulator
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A copy of a content folder, an emulator standing in for Pylon, and the built `pylon-kb`
/// binary pointed at it through PYLON_API_URL and PYLON_API_TOKEN.
final class EndToEndHarness: @unchecked Sendable {
    static let token = "e2e-secret-token-5f2c"
    static let knowledgeBaseID = "kb-e2e"

    let root: URL
    let emulator: RunningEmulator
    let client: PylonClient
    /// The kind of server the emulator plays.
    let profile: ServerProfile
    /// Whether the emulator re-serializes stored HTML like an editor.
    let sanitize: Bool

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The binary next to the test bundle (SwiftPM builds both into the same folder).
    static let binary: URL = {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0])
        var directory = testBinary.deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("pylon-kb")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/pylon-kb")
    }()

    /// Copies `content/` of this repository (or the given files) and points its pylon-kb.yml at
    /// the emulator's knowledge base.
    init(
        copyingSample: Bool = true, files: [String: String] = [:], sanitize: Bool = false,
        faults: [FaultRule] = [], configuration: String? = nil, honourSlugUpdates: Bool = false,
        extraKnowledgeBases: [EmulatorSeed.KnowledgeBase] = [], profile: ServerProfile = .tidy
    ) async throws {
        self.profile = profile
        self.sanitize = sanitize
        root = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-\(UUID().uuidString)")
        if copyingSample {
            try FileManager.default.copyItem(at: Self.packageRoot.appendingPathComponent("content"), to: root)
            try? FileManager.default.removeItem(at: root.appendingPathComponent(".pylon-kb"))
        } else {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        }
        for (path, text) in files { try Self.write(text, to: root.appendingPathComponent(path)) }
        try Self.write(
            configuration ?? "knowledge_base: \(Self.knowledgeBaseID)\nauthor: docs@example.com\n",
            to: root.appendingPathComponent("pylon-kb.yml"))
        let seed = EmulatorSeed(
            knowledgeBases: [
                .init(
                    id: Self.knowledgeBaseID, title: "Relay Help", slug: "help",
                    supportedLanguages: ["en", "fr"],
                    defaultLanguage: "en")
            ] + extraKnowledgeBases,
            users: [.init(email: "docs@example.com", name: "Docs Team")])
        emulator = try await PylonEmulator.start(
            EmulatorConfiguration(
                token: Self.token, faults: faults, sanitize: sanitize, honourSlugUpdates: honourSlugUpdates,
                seed: seed, wire: profile.wire, apiSurface: profile.surface))
        client = try PylonClient(
            configuration: PylonClientConfiguration(baseURL: emulator.baseURL, token: Self.token))
    }

    static func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    func write(_ path: String, _ text: String) throws {
        try Self.write(text, to: root.appendingPathComponent(path))
    }
    func remove(_ path: String) throws {
        try FileManager.default.removeItem(at: root.appendingPathComponent(path))
    }
    func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var output: String { stdout + stderr }
    }

    /// Runs `pylon-kb ARGS` in the content folder's parent, with the emulator's URL and token.
    @discardableResult
    func run(_ arguments: [String], environment extra: [String: String] = [:]) async throws -> Result {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = root
        var environment = ProcessInfo.processInfo.environment
        environment["PYLON_API_URL"] = emulator.baseURL.absoluteString
        environment["PYLON_API_TOKEN"] = Self.token
        environment["NO_COLOR"] = "1"
        // The emulator here enforces no limits; Pylon's real ones would make every run wait.
        environment["PYLON_RATE_LIMIT_SCALE"] = "1000"
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        // Blocking reads and waits run on their own threads: on the cooperative pool they would
        // starve the in-process emulator the binary is talking to.
        let finished = try await withCheckedThrowingContinuation {
            (continuation: CheckedContinuation<Result, any Error>) in
            let group = DispatchGroup()
            let collected = Collected()
            for (pipe, isError) in [(out, false), (err, true)] {
                group.enter()
                Thread.detachNewThread {
                    let data = pipe.fileHandleForReading.readDataToEndOfFile()
                    collected.set(data, isError: isError)
                    group.leave()
                }
            }
            process.terminationHandler = { process in
                group.notify(queue: .global()) {
                    let (stdout, stderr) = collected.values
                    continuation.resume(
                        returning: Result(
                            status: process.terminationStatus,
                            stdout: String(decoding: stdout, as: UTF8.self),
                            stderr: String(decoding: stderr, as: UTF8.self)))
                }
            }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        return finished
    }

    /// Output gathered from two reader threads.
    private final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var stdout = Data()
        private var stderr = Data()

        func set(_ data: Data, isError: Bool) {
            lock.lock()
            defer { lock.unlock() }
            if isError { stderr = data } else { stdout = data }
        }

        var values: (Data, Data) {
            lock.lock()
            defer { lock.unlock() }
            return (stdout, stderr)
        }
    }

    /// Runs `pylon-kb ARGS` and records its output as the failure when it exits non-zero.
    func succeeds(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws
        -> Bool
    {
        let result = try await run(arguments)
        if result.status != 0 {
            Issue.record(
                "pylon-kb \(arguments.joined(separator: " ")) exited \(result.status):\n\(result.output)",
                sourceLocation: sourceLocation)
        }
        return result.status == 0
    }

    /// Starts `pylon-kb ARGS` and kills it with SIGKILL once the emulator has answered
    /// `afterWrites` writes, or, with `midRequest`, as soon as the `afterWrites`-th write has
    /// arrived and before it is answered (or when the run ends by itself first). Counting the
    /// server's writes, not time, puts each kill at the same point of the run however loaded
    /// the machine is. The emulator's request log is reset first, so writes made while setting
    /// the test up do not count. Returns true when the run had finished before that point.
    @discardableResult
    func runAndKill(
        _ arguments: [String], afterWrites: Int, midRequest: Bool = false,
        environment extra: [String: String] = [:]
    ) async throws -> Bool {
        await emulator.resetRequestLog()
        let run = try BinaryRun(arguments, in: root, harness: self, environment: extra)
        let reached = await run.waitUntil {
            if midRequest {
                await self.emulator.waitForArrivals(count: afterWrites, where: Self.isWrite)
            } else {
                await self.emulator.waitForRequests(count: afterWrites, where: Self.isWrite)
            }
        }
        run.kill()
        _ = await run.wait()
        return !reached
    }

    /// Write requests the emulator received since the last reset.
    func writes() async -> [LoggedRequest] {
        await emulator.requestLog().filter(Self.isWrite)
    }

    /// A request that changes the knowledge base (user search is a POST that only reads).
    @Sendable static func isWrite(_ request: LoggedRequest) -> Bool {
        request.method != "GET" && request.path != "/users/search"
    }

    func articles() async throws -> [Article] {
        try await client.listArticles(knowledgeBaseID: Self.knowledgeBaseID)
    }

    func article(slug: String) async throws -> Article? {
        try await articles().first { $0.slug == slug }
    }

    func close() async {
        await emulator.stop()
        try? FileManager.default.removeItem(at: root)
    }
}
