import Foundation
import PylonAPI
import Testing

/// Every request names pylon-kb, so a server's operators can tell its traffic apart.
@Suite struct UserAgentTests {
    private static let answer = RawHTTPServer.response(
        status: "200 OK", json: #"{"data": {"id": "org", "name": "Acme"}, "request_id": "r1"}"#)

    private func userAgents(_ server: RawHTTPServer) -> [String] {
        server.requests.compactMap { head in
            head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("user-agent:") }
                .map { String($0.dropFirst("user-agent:".count)).trimmingCharacters(in: .whitespaces) }
        }
    }

    @Test func theConfiguredUserAgentReachesTheServerOnEveryRequest() async throws {
        let server = try RawHTTPServer { _ in Self.answer }
        defer { server.stop() }
        let client = try PylonClient(
            configuration: PylonClientConfiguration(
                baseURL: URL(string: "http://127.0.0.1:\(server.port)")!, token: "t0ken",
                rateLimitScale: 1_000_000, userAgent: "pylon-kb/9.8.7"))
        _ = try await client.me()
        _ = try await client.user(id: "u1")
        #expect(userAgents(server) == ["pylon-kb/9.8.7", "pylon-kb/9.8.7"])
    }

    @Test func withoutAVersionTheClientStillNamesPylonKB() async throws {
        let server = try RawHTTPServer { _ in Self.answer }
        defer { server.stop() }
        let client = try PylonClient(
            configuration: PylonClientConfiguration(
                baseURL: URL(string: "http://127.0.0.1:\(server.port)")!, token: "t0ken",
                rateLimitScale: 1_000_000))
        _ = try await client.me()
        #expect(userAgents(server) == ["pylon-kb"])
    }

    @Test func retriesAndUploadsCarryTheUserAgentToo() async throws {
        let (client, transport) = try fakeClient { _, index in
            index == 0
                ? FakeTransport.json(503, #"{"errors": ["busy"]}"#)
                : FakeTransport.json(200, #"{"data": {"id": "x", "url": "https://cdn.example/x.png"}}"#)
        }
        _ = try await client.me()
        _ = try await client.uploadAttachment(
            data: Data([1, 2]), filename: "x.png", contentType: "image/png")
        #expect(transport.requests.count == 3)
        #expect(transport.requests.allSatisfy { $0.header("User-Agent") == "pylon-kb" })
    }
}
