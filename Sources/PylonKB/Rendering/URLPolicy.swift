import Foundation

/// How the renderer treats a URL from Markdown or raw HTML.
enum URLPolicy {
    enum Kind: Equatable {
        /// Empty, or only `#fragment` / `?query`: kept as written.
        case sameDocument
        /// A URL with an allowed scheme (or protocol-relative `//host`): kept as written.
        case external
        /// A scheme that can run code or smuggle content (`javascript:`, `data:`, `file:` …).
        case forbidden(scheme: String)
        /// A path relative to the article or (with a leading `/`) to the content root.
        case local(path: String, query: String?, fragment: String?)
    }

    static let allowedSchemes: Set<String> = ["http", "https", "mailto", "tel"]

    /// Classifies `url` as a browser would read it: browsers drop tabs and newlines anywhere
    /// and control characters and spaces at the ends before looking at the scheme, so the
    /// scheme is read with every character up to U+0020 removed (`jav&#x09;ascript:` is
    /// `javascript:`). Case does not matter. Entities are already decoded by the caller.
    static func classify(_ url: String) -> Kind {
        // Only the part before the first `:` `/` `?` `#` can be a scheme; find it on bytes.
        var colon: String.UTF8View.Index?
        for index in url.utf8.indices {
            let byte = url.utf8[index]
            if byte == UInt8(ascii: ":") {
                colon = index
                break
            }
            if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") { break }
        }
        if let colon {
            var schemeBytes: [UInt8] = []
            for byte in url.utf8[..<colon] where byte > 0x20 {
                schemeBytes.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
            }
            let scheme = String(decoding: schemeBytes, as: UTF8.self)
            let isSchemeSyntax =
                scheme.first.map { $0.isASCII && $0.isLetter } ?? false
                && scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
            if isSchemeSyntax, allowedSchemes.contains(scheme) { return .external }
            // Anything else that looks like a scheme, or might to a lenient browser, is refused.
            return .forbidden(scheme: scheme.isEmpty ? ":" : scheme)
        }
        let trimmed = url.trimmingSpaces
        if trimmed.hasPrefix("//") { return .external }
        if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix("?") { return .sameDocument }
        var rest = Substring(trimmed)
        var fragment: String?
        if let hash = rest.firstIndex(of: "#") {
            fragment = String(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        }
        var query: String?
        if let mark = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: mark)...])
            rest = rest[..<mark]
        }
        let path =
            rest.utf8.contains(UInt8(ascii: "%"))
            ? (String(rest).removingPercentEncoding ?? String(rest)) : String(rest)
        return .local(path: path, query: query, fragment: fragment)
    }

    /// True for a content path that names a Markdown article.
    static func isArticle(_ path: String) -> Bool {
        let lowered = path.lowercased()
        return lowered.hasSuffix(".md") || lowered.hasSuffix(".markdown")
    }

    /// True for a path whose last segment has no extension (`install`, `privacy/vpn/`): a
    /// permalink to an article or a folder, as static-site generators write links.
    static func isPermalink(_ path: String) -> Bool {
        let segment = path.split(separator: "/").last ?? ""
        return !segment.isEmpty && segment != "." && segment != ".." && !segment.contains(".")
    }
}
