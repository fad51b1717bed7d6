import AsyncHTTPClient
import Foundation
import NIOCore
import PylonKB
import Testing

@testable import PylonKBCommands

/// `pylon-kb preview` as a writer uses it, over real HTTP on a free loopback port: the page, the
/// event stream an open page listens to, and the terminal, while files of the folder change.
@Suite struct PreviewCommandTests {
    /// Lines the command prints, as they come.
    final class Lines: Sendable {
        let stream: AsyncStream<String>
        private let continuation: AsyncStream<String>.Continuation

        init() {
            (stream, continuation) = AsyncStream<String>.makeStream()
        }

        var console: Console {
            let continuation = self.continuation
            let write: @Sendable (Data) -> Void = { data in
                for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
                    continuation.yield(String(line))
                }
            }
            return Console(writeOutput: write, writeError: write)
        }
    }

    /// The server-sent events of `/_preview/events`, one status at a time.
    struct Events {
        var body: HTTPClientResponse.Body.AsyncIterator
        var pending = ""

        mutating func next() async throws -> LivePreview.Status {
            while true {
                if let end = pending.range(of: "\n\n") {
                    let event = String(pending[..<end.lowerBound])
                    pending.removeSubrange(..<end.upperBound)
                    let data = try #require(event.split(separator: "\n").first { $0.hasPrefix("data: ") })
                    return try JSONDecoder().decode(
                        LivePreview.Status.self, from: Data(data.dropFirst(6).utf8))
                }
                let chunk = try #require(try await body.next(), "the event stream ended")
                pending += String(buffer: chunk)
            }
        }
    }

    func get(_ url: String) async throws -> (status: UInt, text: String) {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(60))
        let body = try await response.body.collect(upTo: 10 << 20)
        return (response.status.code, String(buffer: body))
    }

    @Test(.timeLimit(.minutes(2)))
    func anEditReloadsTheOpenPageAndAnErrorReachesItWithItsLine() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "preview-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        func write(_ path: String, _ text: String) throws {
            try CommandFixture.write(text, to: folder.appendingPathComponent(path))
        }
        try write("pylon-kb.yml", "target: local\nauthor: docs@example.com\n")
        try write("guides/install.md", "---\ntitle: Install the app\n---\n\nDownload the installer.\n")
        try write("guides/faq.md", "---\ntitle: FAQ\n---\n\nSee [Install](install.md).\n")

        let lines = Lines()
        let context = CommandContext(environment: [:], currentDirectory: folder, console: lines.console)
        let command = Task { await PylonKBCommand.run(["preview", "--port", "0"], context: context) }
        var printed = lines.stream.makeAsyncIterator()
        func line(matching pattern: String) async throws -> String {
            while let line = await printed.next() {
                if line.contains(pattern) { return line }
            }
            throw CancellationError()
        }
        #expect(try await line(matching: "0 errors, 0 warnings in 2 articles").contains("built in"))
        let serving = try await line(matching: "Serving ")
        let base = try #require(serving.firstMatch(of: /at (http:\/\/127\.0\.0\.1:\d+\/)/)?.1).description

        let page = try await get(base + "guides/install.html")
        #expect(page.status == 200 && page.text.contains("Download the installer."), "\(page.text)")
        #expect(page.text.contains("/_preview/live.js"))
        #expect(try await get(base + "guides/missing.html").status == 404)
        // A second preview on the same port says so and what to do.
        let port = try #require(URL(string: base)?.port)
        let secondLines = Lines()
        let second = CommandContext(environment: [:], currentDirectory: folder, console: secondLines.console)
        #expect(await PylonKBCommand.run(["preview", "--port", "\(port)"], context: second) == 1)
        var secondPrinted = secondLines.stream.makeAsyncIterator()
        var inUse: String?
        while inUse == nil, let printed = await secondPrinted.next() {
            if printed.hasPrefix("error: ") { inUse = printed }
        }
        #expect(
            inUse?.contains("is already in use") == true && inUse?.contains("--port 0") == true,
            "\(inUse ?? "")")

        // A page of another site that rebound its name to 127.0.0.1 is refused.
        var rebound = HTTPClientRequest(url: base + "guides/install.html")
        rebound.headers.replaceOrAdd(name: "Host", value: "rebind.example:4781")
        let refused = try await HTTPClient.shared.execute(rebound, timeout: .seconds(60))
        #expect(refused.status.code == 403)
        #expect(
            !String(buffer: try await refused.body.collect(upTo: 1 << 20)).contains("Download the installer.")
        )

        let stream = try await HTTPClient.shared.execute(
            HTTPClientRequest(url: base + "_preview/events"), timeout: .minutes(2))
        #expect(stream.headers.first(name: "content-type") == "text/event-stream")
        var events = Events(body: stream.body.makeAsyncIterator())
        #expect(try await events.next().version == 1)

        try write("guides/install.md", "---\ntitle: Install the app\n---\n\nRun the new installer twice.\n")
        #expect(try await events.next().version == 2)
        #expect(try await line(matching: "Rebuilt in ").contains("after guides/install.md changed: 0 errors"))
        #expect(try await get(base + "guides/install.html").text.contains("Run the new installer twice."))

        try write("guides/faq.md", "---\ntitle: FAQ\n---\n\nSee [Install](instal.md).\n")
        let broken = try await events.next()
        #expect(broken.errors == 1, "\(broken)")
        #expect(broken.diagnostics.map { "\($0.file):\($0.line ?? 0)" } == ["guides/faq.md:5"])
        #expect(try await line(matching: "guides/faq.md:5: error: ").contains("instal.md"))

        try write("guides/faq.md", "---\ntitle: FAQ\n---\n\nSee [Install](install.md).\n")
        let fixed = try await events.next()
        #expect(fixed.errors == 0 && fixed.diagnostics.isEmpty, "\(fixed)")

        // Stopping ends the open event stream too, so the server stops at once.
        command.cancel()
        _ = await command.value
        // The stream ends (nil) or its connection closes (an error): either way, no more events.
        let tail = try? await events.body.next()
        #expect(tail == nil, "the event stream ended")
    }

    @Test func onlyAddressesAndLoopbackNamesAreAnswered() {
        for allowed in ["127.0.0.1:4781", "localhost:4781", "LOCALHOST", "[::1]:4781", "192.168.1.20:4781"] {
            #expect(PreviewResponder.isAllowed(host: allowed, boundHost: "127.0.0.1"), "\(allowed)")
        }
        #expect(PreviewResponder.isAllowed(host: "docs-box:4781", boundHost: "docs-box"))
        for refused in ["rebind.example:4781", "127.0.0.1.nip.io", "", "docs-box:4781"] {
            #expect(!PreviewResponder.isAllowed(host: refused, boundHost: "127.0.0.1"), "\(refused)")
        }
        #expect(!PreviewResponder.isAllowed(host: nil, boundHost: "127.0.0.1"))
    }

    @Test func aBadPortIsAUsageError() async throws {
        let lines = Lines()
        let context = CommandContext(
            environment: [:], currentDirectory: FileManager.default.temporaryDirectory, console: lines.console
        )
        #expect(await PylonKBCommand.run(["preview", ".", "--port", "70000"], context: context) == 64)
    }
}
