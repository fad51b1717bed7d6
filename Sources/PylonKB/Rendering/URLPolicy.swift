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
        var scheme = ""
        var sawColon = false
        for scalar in url.unicodeScalars {
            if scalar.value <= 0x20 { continue }
            if scalar == ":" {
                sawColon = true
                break
            }
            if scalar == "/" || scalar == "?" || scalar == "#" { break }
            scheme.unicodeScalars.append(scalar)
        }
        if sawColon {
            let lowered = scheme.lowercased()
            let isSchemeSyntax =
                lowered.first.map { $0.isASCII && $0.isLetter } ?? false
                && lowered.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
            if isSchemeSyntax, allowedSchemes.contains(lowered) { return .external }
            // Anything else that looks like a scheme, or might to a lenient browser, is refused.
            return .forbidden(scheme: lowered.isEmpty ? ":" : lowered)
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
        let path = String(rest).removingPercentEncoding ?? String(rest)
        return .local(path: path, query: query, fragment: fragment)
    }

    /// True for a content path that names a Markdown article.
    static func isArticle(_ path: String) -> Bool {
        let lowered = path.lowercased()
        return lowered.hasSuffix(".md") || lowered.hasSuffix(".markdown")
    }
}
