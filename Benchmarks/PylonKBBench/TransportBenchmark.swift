import Foundation
import PylonAPI
import PylonEmulator

#if canImport(Glibc)
    import Glibc
#endif

/// What the HTTP transport costs the client process in CPU: per 1,000 requests against an
/// emulator that answers after 200–500 ms, and while requests wait on a server that never
/// answers. The emulator runs in a child process (this binary, `transport-server`), so this
/// process's CPU time (getrusage, user + system) is the client's alone.
enum TransportBenchmark {
    struct Result {
        var requests: Int
        var concurrency: Int
        var wallSeconds: Double
        var cpuSeconds: Double
        var waiting: Int
        var waitWallSeconds: Double
        var waitCPUSeconds: Double

        var cpuPerThousand: Double { cpuSeconds / Double(requests) * 1000 }
        /// Of one core, for all waiting requests together.
        var waitCPUPercent: Double { waitCPUSeconds / waitWallSeconds * 100 }
    }

    /// The child: an emulator whose every answer is delayed 200–500 ms; prints its URL, then
    /// serves until killed.
    static func serve() async throws -> Never {
        let emulator = try await PylonEmulator.start(
            EmulatorConfiguration(
                token: BenchTarget.token,
                faults: [
                    FaultRule(
                        endpoint: nil, kind: .randomDelay(minimumMilliseconds: 200, maximumMilliseconds: 500),
                        trigger: .probability(1))
                ]))
        FileHandle.standardOutput.write(Data((emulator.baseURL.absoluteString + "\n").utf8))
        while true { try await Task.sleep(for: .seconds(3600)) }
    }

    static func run(_ arguments: [String]) async throws -> Result {
        func option(_ name: String, _ fallback: Int) -> Int {
            arguments.firstIndex(of: name).flatMap {
                arguments.indices.contains($0 + 1) ? Int(arguments[$0 + 1]) : nil
            }
                ?? fallback
        }
        let requests = option("--requests", 1000)
        let concurrency = option("--concurrency", 20)
        let waiting = option("--waiting", 4)
        let waitSeconds = option("--wait-seconds", 5)

        let server = Process()
        server.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        server.arguments = ["transport-server"]
        let output = Pipe()
        server.standardOutput = output
        try server.run()
        defer { server.terminate() }
        guard let line = readLine(output.fileHandleForReading), let baseURL = URL(string: line) else {
            throw BenchError("the transport-server child printed no URL")
        }

        // Requests against the delaying emulator; pacing and retries out of the way.
        let client = try PylonClient(
            configuration: PylonClientConfiguration(
                baseURL: baseURL, token: BenchTarget.token, rateLimitScale: 1_000_000, retryPolicy: .none,
                requestTimeout: .seconds(30)))
        let knowledgeBase = EmulatorSeed.standardKnowledgeBaseID
        _ = try await client.knowledgeBase(id: knowledgeBase)  // connect once before measuring
        let cpuBefore = processCPUSeconds()
        let started = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            var remaining = requests
            for _ in 0..<min(concurrency, requests) {
                remaining -= 1
                group.addTask { _ = try await client.knowledgeBase(id: knowledgeBase) }
            }
            while try await group.next() != nil, remaining > 0 {
                remaining -= 1
                group.addTask { _ = try await client.knowledgeBase(id: knowledgeBase) }
            }
        }
        let wall = seconds(ContinuousClock.now - started)
        let cpu = processCPUSeconds() - cpuBefore

        // Requests to a listening socket nobody reads from: the kernel accepts the connection
        // and the request, and no answer ever comes.
        let (silentFD, silentPort) = try silentListener()
        defer { close(silentFD) }
        // One client per waiting call: calls of one client to one endpoint would queue behind
        // its rate limiter's first (probe) request.
        let silentClients = try (0..<waiting).map { _ in
            try PylonClient(
                configuration: PylonClientConfiguration(
                    baseURL: URL(string: "http://127.0.0.1:\(silentPort)")!, token: BenchTarget.token,
                    rateLimitScale: 1_000_000, retryPolicy: .none,
                    requestTimeout: .seconds(Int64(waitSeconds))))
        }
        let waitCPUBefore = processCPUSeconds()
        let waitStarted = ContinuousClock.now
        await withTaskGroup(of: Void.self) { group in
            for silentClient in silentClients {
                group.addTask { _ = try? await silentClient.me() }
            }
        }
        let waitWall = seconds(ContinuousClock.now - waitStarted)
        let waitCPU = processCPUSeconds() - waitCPUBefore
        await client.close()
        for silentClient in silentClients { await silentClient.close() }
        return Result(
            requests: requests, concurrency: concurrency, wallSeconds: wall, cpuSeconds: cpu,
            waiting: waiting,
            waitWallSeconds: waitWall, waitCPUSeconds: waitCPU)
    }

    static func printTable(_ result: Result) {
        say("| measure | value |")
        say("| -- | --: |")
        say(
            "| \(result.requests) requests, \(result.concurrency) in flight, 200–500 ms server delay | \(format(result.wallSeconds)) s wall, \(format(result.cpuSeconds)) CPU-s |"
        )
        say("| CPU per 1,000 requests | \(format(result.cpuPerThousand)) CPU-s |")
        say(
            "| \(result.waiting) requests waiting together \(format(result.waitWallSeconds)) s on a silent server | \(format(result.waitCPUSeconds)) CPU-s (\(format(result.waitCPUPercent, 1)) % of one core) |"
        )
    }

    /// User + system CPU time of this process so far.
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func value(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return value(usage.ru_utime) + value(usage.ru_stime)
    }

    /// A line from `handle`, read byte by byte so nothing after it is consumed.
    private static func readLine(_ handle: FileHandle) -> String? {
        var bytes: [UInt8] = []
        while let byte = try? handle.read(upToCount: 1), let first = byte.first {
            if first == UInt8(ascii: "\n") { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(first)
        }
        return nil
    }

    /// A loopback socket that listens (port 0) and never accepts.
    private static func silentListener() throws -> (Int32, Int) {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw BenchError("socket() failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(socketFD, 64) == 0 else { throw BenchError("bind/listen failed") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketFD, $0, &length) }
        }
        return (socketFD, Int(UInt16(bigEndian: address.sin_port)))
    }
}
