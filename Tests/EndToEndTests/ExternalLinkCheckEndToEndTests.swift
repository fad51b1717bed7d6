import Foundation
import PylonAPI
import PylonKB
import Testing

/// `check --external-links` against a loopback web site: what is reported, at which line,
/// what is sent (no credentials), and that the cache spares a rerun every request.
@Suite("External link check")
struct ExternalLinkCheckEndToEndTests {
    private func content(_ body: String, configuration: String = "target: local\n") throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pylon-kb-links-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try configuration.write(
            to: root.appendingPathComponent("pylon-kb.yml"), atomically: true, encoding: .utf8)
        try ("# Links\n\n" + body).write(
            to: root.appendingPathComponent("a.md"), atomically: true, encoding: .utf8)
        return root
    }

    private func check(_ root: URL, now: Date = Date()) async throws -> [String] {
        let transport = AsyncHTTPClientTransport(followingRedirects: false)
        let result = try await ContentCheck.run(root: root, render: Renderer().render)
            .checkingExternalLinks(transport: transport, now: now)
        await transport.shutdown()
        return result.report.diagnostics.map(\.description)
    }

    @Test func reportsBrokenLinksAtTheirLineAndCachesEveryResult() async throws {
        let server = try LinkCheckServer()
        defer { server.release() }
        let base = server.url.absoluteString
        let root = try content(
            """
            See [ok](\(base)/ok), [moved](\(base)/moved) and [no HEAD](\(base)/no-head).

            The [missing page](\(base)/missing#part) and the [retired one](<\(base)/gone>).

            <a href="\(base)/missing">Again, in HTML</a> and [private](http://user:secret@127.0.0.1:\(server.url.port!)/ok).

            [loop](\(base)/loop)
            """)
        defer { try? FileManager.default.removeItem(at: root) }
        let expected = [
            "a.md:5: warning: The link `\(base)/missing#part` is broken: the server answers HTTP 404 (Not Found); fix the address or remove the link.",
            "a.md:5: warning: The link `\(base)/gone` is broken: the server answers HTTP 410 (Gone); fix the address or remove the link.",
            "a.md:7: warning: The link `\(base)/missing` is broken: the server answers HTTP 404 (Not Found); fix the address or remove the link.",
            "a.md:9: warning: The link `\(base)/loop` redirects more than 10 times; link to the address it should end up at.",
        ]
        let found = try await check(root)
        #expect(found == expected.sorted(), "\(found)")
        let requests = server.requests
        #expect(
            requests.contains { $0.hasPrefix("HEAD /no-head ") }
                && requests.contains { $0.hasPrefix("GET /no-head ") })
        #expect(requests.contains { $0.hasPrefix("HEAD /ok ") })
        // No credentials ever: not the API token's header, not a link's user:password.
        #expect(!requests.contains { $0.lowercased().contains("authorization") }, "\(requests)")

        // Within the time to live, a rerun sends nothing and reports the same.
        let sent = requests.count
        #expect(try await check(root) == expected.sorted())
        #expect(server.requests.count == sent)
        let cache = root.appendingPathComponent(".pylon-kb/cache/external-links.json")
        #expect(FileManager.default.fileExists(atPath: cache.path))

        // After it, every address is asked again.
        _ = try await check(root, now: Date().addingTimeInterval(25 * 3600))
        #expect(server.requests.count > sent)
    }

    @Test func slowAndHangingServersTimeOutAndUnknownHostsAreUnreachable() async throws {
        let server = try LinkCheckServer()
        defer { server.release() }
        let base = server.url.absoluteString
        let root = try content(
            "[slow](\(base)/slow) [hang](\(base)/hang)\n\n[nowhere](http://no-such-host.invalid/page)\n",
            configuration: "target: local\nchecks:\n  external_links:\n    level: error\n    timeout: 200ms\n"
        )
        defer { try? FileManager.default.removeItem(at: root) }
        let found = try await check(root)
        #expect(
            found.filter { $0.contains("did not answer") } == [
                "a.md:3: error: The link `\(base)/hang` did not answer within 0.2 s; check that the site is up, or raise `checks: external_links: timeout`.",
                "a.md:3: error: The link `\(base)/slow` did not answer within 0.2 s; check that the site is up, or raise `checks: external_links: timeout`.",
            ])
        #expect(
            found.contains {
                $0.hasPrefix(
                    "a.md:5: error: The link `http://no-such-host.invalid/page` could not be reached (")
            }, "\(found)")
        // No answer is not cached: a rerun asks again.
        let sent = server.requests.count
        _ = try await check(root)
        #expect(server.requests.count == sent + 2)
    }

    @Test func noHostReachableIsOneDiagnosticAndNothingIsCached() async throws {
        let root = try content(
            "[a](http://a.invalid/x) [b](https://b.invalid/y)\n\n[c](http://c.invalid/z)\n")
        defer { try? FileManager.default.removeItem(at: root) }
        let found = try await check(root)
        #expect(
            found == [
                "pylon-kb.yml: warning: None of the 3 external links could be reached (3 hosts, no answer from any): this machine looks offline or needs a proxy, so they were not reported one by one nor cached; run `check --external-links` again with network access."
            ])
        let cache = root.appendingPathComponent(".pylon-kb/cache/external-links.json")
        #expect(!FileManager.default.fileExists(atPath: cache.path))
    }

    @Test func offSendsNothing() async throws {
        let server = try LinkCheckServer()
        defer { server.release() }
        let root = try content(
            "[gone](\(server.url.absoluteString)/gone)\n",
            configuration: "target: local\nchecks:\n  external_links: off\n")
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try await check(root) == [])
        #expect(server.requests.isEmpty)
    }
}
