import Foundation
import PylonAPI

/// Fetches the images an export saves (`--download-images`), each URL once, a few at a time,
/// through the same network seam as the API client. It never sends the API token: attachment
/// URLs are public CDN addresses, and a token must never reach another host.
public struct ImageDownloader: Sendable {
    public let transport: any HTTPTransport
    public let concurrency: Int
    /// Sent with every download, like the API client's.
    public let userAgent: String

    public init(
        transport: any HTTPTransport = AsyncHTTPClientTransport(), concurrency: Int = 4,
        userAgent: String = PylonKBVersion.userAgent
    ) {
        self.transport = transport
        self.concurrency = max(1, concurrency)
        self.userAgent = userAgent
    }

    public struct Result: Sendable {
        /// Bytes by the `src` they were fetched from.
        public var images: [String: Data] = [:]
        /// One sentence per image that could not be fetched (it keeps its URL in the export).
        public var failures: [String] = []
    }

    /// Downloads every absolute http(s) source; other sources (relative paths, `data:`) are
    /// reported and keep their address. `locate` may fetch a source from elsewhere (the local
    /// knowledge base serves its attachments on whatever port it runs on this time); the
    /// result is still keyed by the source as written.
    public func download(_ sources: [String], locate: @Sendable (URL) -> URL = { $0 }) async -> Result {
        var result = Result()
        var queue: [(String, URL)] = []
        for src in sources {
            guard let url = URL(string: src), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
                url.host != nil
            else {
                result.failures.append(
                    "Image \(Self.shortened(src)) is not an http(s) address, so it was not downloaded and keeps its address."
                )
                continue
            }
            queue.append((src, locate(url)))
        }
        let transport = self.transport
        let headers = ["User-Agent": userAgent]
        await withTaskGroup(of: (String, Data?, String?).self) { group in
            var next = 0
            func start() {
                guard next < queue.count else { return }
                let (src, url) = queue[next]
                next += 1
                group.addTask {
                    do {
                        let response = try await transport.send(
                            HTTPRequest(method: "GET", url: url, headers: headers, timeout: .seconds(60)))
                        guard (200..<300).contains(response.status) else {
                            return (src, nil, "answered HTTP \(response.status)")
                        }
                        return (src, response.body, nil)
                    } catch {
                        return (src, nil, "\(error)")
                    }
                }
            }
            for _ in 0..<concurrency { start() }
            for await (src, data, failure) in group {
                if let data {
                    result.images[src] = data
                } else {
                    result.failures.append(
                        "Image \(Self.shortened(src)) could not be downloaded (\(failure ?? "no answer")); it keeps its address."
                    )
                }
                start()
            }
        }
        result.failures.sort()
        return result
    }

    /// Long data: URLs would flood the output.
    static func shortened(_ src: String) -> String {
        src.count > 120 ? String(src.prefix(117)) + "…" : src
    }
}
