import Foundation
import PylonAPI

/// `.pylon-kb/cache/external-links.json`: what each external link answered and when, so a
/// rerun within the time to live (`checks: external_links: cache_ttl`, 24 h) sends no request
/// for it. Answers are kept, a 404 too (a link fixed in the Markdown is a new address, checked
/// afresh); no answer (unreachable, timed out) is not, because an offline run or a passing
/// outage must not stick for a day. Delete the file to check everything again.
struct ExternalLinkCache: Sendable {
    static let relativePath = ".pylon-kb/cache/external-links.json"

    struct Entry: Sendable, Codable, Equatable {
        var result: ExternalLinkResult
        var checkedAt: Date

        enum CodingKeys: String, CodingKey {
            case result
            case checkedAt = "checked_at"
        }
    }

    private struct File: Codable {
        var version = 1
        var links: [String: Entry]
    }

    var entries: [String: Entry] = [:]

    /// The cache in `root`; empty when missing or unreadable (it is only a cache).
    static func load(root: URL) -> ExternalLinkCache {
        let url = root.appendingPathComponent(relativePath)
        guard let data = try? Data(contentsOf: url),
            let file = try? decoder.decode(File.self, from: data), file.version == 1
        else { return ExternalLinkCache() }
        return ExternalLinkCache(entries: file.links)
    }

    /// The result for `link` checked less than `ttl` before `now`.
    func fresh(_ link: String, now: Date, ttl: Duration) -> ExternalLinkResult? {
        guard let entry = entries[link] else { return nil }
        let age = now.timeIntervalSince(entry.checkedAt)
        let limit = ttl.inSeconds
        return age >= 0 && age < limit ? entry.result : nil
    }

    /// Writes the cache atomically; a failure to write only costs the next run its speed.
    func save(root: URL) {
        let url = root.appendingPathComponent(Self.relativePath)
        try? FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        guard let data = try? Self.encoder.encode(File(links: entries)) else { return }
        try? AtomicFile.write(data, to: url)
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}

/// What checking one external link found.
public struct ExternalLinkResult: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable {
        /// Answered with anything but 404/410 (a 403 to robots, a 429, a 500 are not the
        /// link's fault often enough to report).
        case reachable
        /// 404 or 410: the page is gone.
        case gone
        /// No connection: the name does not resolve, or the host refuses.
        case unreachable
        /// No answer within the timeout.
        case timedOut = "timed_out"
        /// More redirects than `max_redirects`.
        case tooManyRedirects = "too_many_redirects"
    }

    public var kind: Kind

    /// Whether the cache keeps it: answers yes, their absence no (see `ExternalLinkCache`).
    var isCacheable: Bool { kind != .unreachable && kind != .timedOut }

    /// The last HTTP status, when there was one.
    public var status: Int?
    /// Why it is unreachable, in the transport's words.
    public var detail: String?

    public init(kind: Kind, status: Int? = nil, detail: String? = nil) {
        self.kind = kind
        self.status = status
        self.detail = detail
    }
}
