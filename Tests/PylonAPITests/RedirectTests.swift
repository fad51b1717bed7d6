import Foundation
import PylonAPI
import Testing

/// The real transport, real sockets: a redirect to another origin must not carry the token there.
@Suite struct RedirectTests {
    private func client(port: Int) throws -> PylonClient {
        try PylonClient(
            configuration: PylonClientConfiguration(
                baseURL: URL(string: "http://127.0.0.1:\(port)")!, token: "secret-token-123",
                retryPolicy: .none, requestTimeout: .seconds(10)))
    }

    @Test func aRedirectToAnotherHostIsNotFollowed() async throws {
        let elsewhere = try RawHTTPServer { _ in
            RawHTTPServer.response(status: "200 OK", json: #"{"data": {"id": "stolen"}, "request_id": "r2"}"#)
        }
        defer { elsewhere.stop() }
        let redirecting = try RawHTTPServer { _ in
            RawHTTPServer.response(
                status: "301 Moved Permanently",
                headers: ["Location": "http://localhost:\(elsewhere.port)/me"])
        }
        defer { redirecting.stop() }

        let error = try await #require(throws: PylonAPIError.self) {
            try await client(port: redirecting.port).me()
        }
        #expect(error.kind == .redirectRefused)
        #expect(redirecting.requests.count == 1)
        #expect(redirecting.requests.first?.contains("secret-token-123") == true)
        #expect(elsewhere.requests.isEmpty)
        #expect(!error.description.contains("secret-token-123"))
    }

    @Test func aRedirectWithinTheSameOriginIsFollowed() async throws {
        let server = try RawHTTPServer { request in
            request.hasPrefix("GET /me ")
                ? RawHTTPServer.response(status: "301 Moved Permanently", headers: ["Location": "/me-moved"])
                : RawHTTPServer.response(
                    status: "200 OK", json: #"{"data": {"id": "org1"}, "request_id": "r1"}"#)
        }
        defer { server.stop() }
        let me = try await client(port: server.port).me()
        #expect(me.id == "org1")
        #expect(server.requests.count == 2)
    }
}
