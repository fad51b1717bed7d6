import Foundation
import PylonAPI
import Testing

@Suite struct URLSafetyTests {
    private func client(_ url: String) throws -> PylonClient {
        try PylonClient(
            configuration: PylonClientConfiguration(baseURL: URL(string: url)!, token: "secret-token-123"))
    }

    @Test(arguments: [
        "http://example.com", "http://127.example.com", "http://10.0.0.1:8080", "http://128.0.0.1",
    ])
    func plainHTTPToAnotherHostIsRefused(_ url: String) throws {
        let error = try #require(throws: PylonAPIError.self) { try client(url) }
        #expect(error.kind == .insecureURL)
        #expect(error.description.contains("https://"))
        #expect(!error.description.contains("secret-token-123"))
    }

    @Test(arguments: [
        "http://127.0.0.1:8080", "http://127.3.4.5", "http://localhost:9000", "http://[::1]:8080",
        "https://api.usepylon.com",
    ])
    func loopbackAndHTTPSAreAllowed(_ url: String) throws {
        _ = try client(url)
    }

    @Test func otherSchemesAreRefused() throws {
        let error = try #require(throws: PylonAPIError.self) { try client("ftp://api.usepylon.com") }
        #expect(error.kind == .invalidURL)
    }
}
