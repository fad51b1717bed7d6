import Foundation
import PylonAPI
import PylonKB
import Testing

/// Image downloads name pylon-kb and its version, like every API request.
@Suite struct ImageDownloaderUserAgentTests {
    final class Recorder: HTTPTransport, @unchecked Sendable {
        private let lock = NSLock()
        private var seen: [HTTPRequest] = []
        var requests: [HTTPRequest] { lock.withLock { seen } }

        func send(_ request: HTTPRequest) async throws -> HTTPResponse {
            lock.withLock { seen.append(request) }
            return HTTPResponse(status: 200, body: Data([1]))
        }
    }

    @Test func everyDownloadSendsThePylonKBUserAgent() async throws {
        let transport = Recorder()
        let result = await ImageDownloader(transport: transport).download([
            "https://cdn.example.com/a.png", "https://cdn.example.com/b.png",
        ])
        #expect(result.images.count == 2)
        #expect(PylonKBVersion.userAgent == "pylon-kb/\(PylonKBVersion.current)")
        #expect(transport.requests.count == 2)
        #expect(transport.requests.allSatisfy { $0.header("User-Agent") == PylonKBVersion.userAgent })
    }
}
