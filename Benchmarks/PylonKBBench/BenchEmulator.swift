import Foundation
import PylonAPI
import PylonEmulator
import PylonKB
import PylonKBTestSupport

/// The pylon-kb binary under test and an emulator in this process for it to talk to. The
/// emulator keeps its knowledge base in memory and logs every request, which is how requests
/// are counted.
struct BenchTarget {
    static let token = "bench-token"
    static let author = "author@example.com"

    var binary: String
    var work: URL

    /// `pylon-kb.yml` for a corpus that publishes to the emulator's standard knowledge base.
    static let configuration = """
        knowledge_base: \(EmulatorSeed.standardKnowledgeBaseID)
        author: \(author)

        """

    func startEmulator(rateLimitScale: Double? = nil) async throws -> RunningEmulator {
        try await PylonEmulator.start(
            EmulatorConfiguration(token: Self.token, rateLimitScale: rateLimitScale, seed: .standard))
    }

    /// Runs `pylon-kb ARGUMENTS` against `emulator`, the client pacing itself at `scale` times
    /// Pylon's limits (a huge scale takes the limits out of the way).
    func run(_ arguments: [String], emulator: RunningEmulator?, scale: Double = 1_000_000) async throws
        -> ChildRun
    {
        var environment = ["NO_COLOR": "1"]
        if let emulator {
            environment["PYLON_API_URL"] = emulator.baseURL.absoluteString
            environment["PYLON_API_TOKEN"] = Self.token
            environment["PYLON_RATE_LIMIT_SCALE"] = String(scale)
        }
        return try await ChildProcess.run(binary, arguments, environment: environment, scratch: work)
    }

    /// Writes a generated corpus of `count` articles to `work/corpus-COUNT` (replacing it).
    func corpus(_ count: Int, seed: UInt64) throws -> (URL, CorpusGenerator) {
        let directory = work.appendingPathComponent("corpus-\(count)")
        try? FileManager.default.removeItem(at: directory)
        let generator = CorpusGenerator(articleCount: count, seed: seed)
        try generator.write(to: directory, configuration: Self.configuration)
        return (directory, generator)
    }
}

/// The requests one run sent, from the emulator's log.
struct RequestCount: CustomStringConvertible {
    var byEndpoint: [PylonEndpoint: Int] = [:]
    var other = 0
    var tooManyRequests = 0

    init(_ log: [LoggedRequest]) {
        for request in log {
            if let endpoint = request.endpoint {
                byEndpoint[endpoint, default: 0] += 1
            } else {
                other += 1
            }
            if request.status == 429 { tooManyRequests += 1 }
        }
    }

    init(_ counts: [PylonEndpoint: Int]) {
        byEndpoint = counts.filter { $0.value > 0 }
    }

    var total: Int { byEndpoint.values.reduce(other, +) }

    /// Requests that change something (searching users is a POST that only reads).
    var writes: Int {
        byEndpoint.filter { Self.isWrite($0.key) }.values.reduce(0, +)
    }

    static func isWrite(_ endpoint: PylonEndpoint?) -> Bool {
        guard let endpoint else { return false }
        return endpoint.method != "GET" && endpoint != .searchUsers
    }

    var description: String {
        let parts = byEndpoint.sorted { $0.key.rawValue < $1.key.rawValue }.map {
            "\($0.key.rawValue) \($0.value)"
        }
        return (parts + (other > 0 ? ["other \(other)"] : [])).joined(separator: ", ")
    }
}
