import Foundation
import PylonAPI

/// Downloads every image the articles show, once per address, and stores each distinct
/// content once (`images/<hash>.<ext>`). Credentials go only with requests to the vendor API's
/// own origin (`VendorClient.get`); an image on a CDN or any other host is fetched without
/// them. An image that cannot be fetched, or that is not an image (a sign-in page answered
/// with 200), is recorded with its reason and the import goes on.
struct ImportImages: Sendable {
    let client: VendorClient
    var concurrency = 4

    struct Result: Sendable {
        /// Resolved address → content path (`images/3f2a….png`).
        var paths: [String: String] = [:]
        /// Content path → bytes.
        var files: [String: Data] = [:]
        /// Resolved address → why it was not imported.
        var failures: [String: String] = [:]
    }

    /// Addresses of the images in every body, resolved against each body's public address.
    static func addresses(in center: ImportedHelpCenter) -> [String] {
        var seen: Set<String> = []
        var result: [String] = []
        for article in center.articles {
            for body in [article.original] + article.translations {
                let html = ImportHTML.normalise(body.html, vendor: center.vendor).html
                let base = body.publicURL.flatMap(URL.init(string:))
                for src in ImportRun.attributeValues(in: html, element: "img", attribute: "src") {
                    guard let resolved = ImportRun.resolve(src, against: base), seen.insert(resolved).inserted
                    else {
                        continue
                    }
                    result.append(resolved)
                }
            }
        }
        return result
    }

    func download(_ addresses: [String]) async -> Result {
        var result = Result()
        let client = self.client
        await withTaskGroup(of: (String, Data?, String?).self) { group in
            var next = 0
            func start() {
                guard next < addresses.count else { return }
                let address = addresses[next]
                next += 1
                group.addTask { await Self.fetch(address, client: client) }
            }
            for _ in 0..<concurrency { start() }
            for await (address, data, failure) in group {
                if let data, let ext = Self.imageExtension(data) {
                    let path = "images/" + String(ContentHash.sha256(data).prefix(16)) + "." + ext
                    result.paths[address] = path
                    result.files[path] = data
                } else {
                    result.failures[address] = failure ?? "the answer is not an image"
                }
                start()
            }
        }
        return result
    }

    private static func fetch(_ address: String, client: VendorClient) async -> (String, Data?, String?) {
        guard let url = URL(string: address), ["http", "https"].contains(url.scheme?.lowercased() ?? "")
        else {
            return (address, nil, "not an http(s) address")
        }
        do {
            var response = try await client.get(url, accept: "image/*", redirects: true)
            var current = url
            var hops = 0
            // Each hop is asked afresh: credentials go only where `current` is the API's origin.
            while (300..<400).contains(response.status) {
                guard hops < 5, let location = response.header("Location"),
                    let next = URL(string: location, relativeTo: current)?.absoluteURL,
                    ["http", "https"].contains(next.scheme?.lowercased() ?? "")
                else {
                    return (address, nil, "HTTP \(response.status), a redirect pylon-kb does not follow")
                }
                hops += 1
                current = next
                response = try await client.get(next, accept: "image/*", redirects: true)
            }
            if let type = response.header("Content-Type")?.lowercased(), type.hasPrefix("text/html") {
                return (address, nil, "the server answered with a web page, not an image (a sign-in page?)")
            }
            return (address, response.body, nil)
        } catch let failure as ImportFailure {
            switch failure {
            case .unauthorized(_, let status, _), .server(_, _, let status, _), .refused(_, _, let status):
                return (address, nil, "HTTP \(status)")
            case .rateLimited: return (address, nil, "HTTP 429, rate limited")
            case .unreachable(_, _, let reason, _): return (address, nil, "no answer: \(reason)")
            default: return (address, nil, "\(failure)")
            }
        } catch {
            return (address, nil, "\(error)")
        }
    }

    /// The extension the bytes call for; nil when they are no image format Pylon shows.
    static func imageExtension(_ data: Data) -> String? {
        let bytes = [UInt8](data.prefix(16))
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return "png" }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return "jpg" }
        if bytes.starts(with: [0x47, 0x49, 0x46, 0x38]) { return "gif" }
        if bytes.count >= 12, bytes.starts(with: [0x52, 0x49, 0x46, 0x46]),
            Array(bytes[8..<12]) == [0x57, 0x45, 0x42, 0x50]
        {
            return "webp"
        }
        let head = String(decoding: data.prefix(512), as: UTF8.self).lowercased()
        if head.contains("<svg") { return "svg" }
        return nil
    }
}
