import Foundation
import PylonAPI
import Testing

/// A long apply sends tens of thousands of requests; each must give its socket back when it
/// is answered, or the process runs out of file descriptors (a 10,000-article publish once
/// crashed after about 6,600 requests). Counted in /proc/self/fd, so Linux only.
@Suite struct OpenFilesTests {
    /// Open descriptors of TCP sockets with `port` at either end: this test's client and its
    /// emulator's accepted connections, not the sockets of suites running beside it in this
    /// process (pooled connections of other clients stay open for a while, by design).
    private func openSockets(port: Int) throws -> Int {
        var inodes: Set<String> = []
        for table in ["/proc/self/net/tcp", "/proc/self/net/tcp6"] {
            guard let text = try? String(contentsOfFile: table, encoding: .utf8) else { continue }
            for line in text.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: " ")
                guard fields.count > 9 else { continue }
                let ports = [fields[1], fields[2]].compactMap { $0.split(separator: ":").last }
                    .compactMap { Int($0, radix: 16) }
                if ports.contains(port) { inodes.insert(String(fields[9])) }
            }
        }
        let descriptors = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")
        return descriptors.filter { descriptor in
            guard
                let target = try? FileManager.default.destinationOfSymbolicLink(
                    atPath: "/proc/self/fd/\(descriptor)"),
                target.hasPrefix("socket:[")
            else { return false }
            return inodes.contains(String(target.dropFirst(8).dropLast()))
        }.count
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self/fd")))
    func answeredRequestsDoNotKeepTheirSocketsOpen() async throws {
        let emulator = try await EmulatorHarness.start()
        defer { Task { await emulator.stop() } }
        let port = try #require(emulator.baseURL.port)
        let client = try EmulatorHarness.client(emulator)
        _ = try await client.knowledgeBase(id: EmulatorHarness.kb)
        let before = try openSockets(port: port)
        for _ in 0..<200 {
            _ = try await client.knowledgeBase(id: EmulatorHarness.kb)
        }
        // The emulator's own accepted connections are in this process too; they close as well.
        let after = try openSockets(port: port)
        #expect(after - before < 40, "\(after - before) more files open after 200 requests")
        await client.close()
    }
}
