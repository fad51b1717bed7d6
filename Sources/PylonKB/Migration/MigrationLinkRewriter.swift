import Foundation

/// Turns links between articles of the source knowledge base into placeholders for the
/// target's articles, leaving every other byte of the HTML as it was.
///
/// A link is to a source article when its path is `/articles/<identifier>` or
/// `/articles/<identifier>-<anything>` (root-relative, or absolute http(s) on any host: the
/// source's own `url`s, a custom domain), and the identifier is one of the source's articles.
/// Pylon routes by identifier, so a link written with an older slug still counts. The
/// `#fragment` is kept as written; a query string is dropped (Pylon's article pages take none).
/// Links to collections (`/collections/…`) cannot be rewritten — the API gives collections no
/// identifier — and are counted so the plan can warn about them.
public struct MigrationLinkRewriter: Sendable {
    /// Source article identifier → migration path of that article.
    public let pathsByIdentifier: [String: String]

    public init(pathsByIdentifier: [String: String]) {
        self.pathsByIdentifier = pathsByIdentifier
    }

    public struct Result: Sendable, Equatable {
        public var html: String
        /// Links now pointing at a placeholder.
        public var rewritten: Int
        /// Links to source collection pages, left as they are.
        public var collectionLinks: [String]
    }

    /// The placeholder (with fragment) for a link to a source article, nil for any other link.
    public func replacement(forHref href: String) -> String? {
        var rest = Substring(href.trimmingCharacters(in: .whitespaces))
        var fragment = ""
        if let hash = rest.firstIndex(of: "#") {
            fragment = String(rest[hash...])
            rest = rest[..<hash]
        }
        if let query = rest.firstIndex(of: "?") { rest = rest[..<query] }
        guard let identifier = Self.articleIdentifier(inPath: rest), let path = pathsByIdentifier[identifier]
        else { return nil }
        return PendingReference.article(path) + fragment
    }

    public func rewrite(_ html: String) -> Result {
        var rewritten = 0
        var collectionLinks: [String] = []
        // Only attributes inside start tags: text such as `<code>href="/articles/…"</code>` is
        // content. Quoted values may hold `>`, so the tag pattern reads them whole.
        let tag = /<[A-Za-z][^\s\/>]*(?:\s+[^\s=>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*\s*\/?>/
        let href = /(?i)(\bhref\s*=\s*)(?:"([^"]*)"|'([^']*)')/
        let output = html.replacing(tag) { tagMatch -> String in
            let text = String(tagMatch.output)
            guard text.range(of: "href", options: .caseInsensitive) != nil else { return text }
            // Attribute values are matched as written; a value with character references is
            // decoded only to be recognised. Replaced values are written in double quotes, as
            // Pylon stores them.
            return text.replacing(href) { match -> String in
                let raw = String(match.output.2 ?? match.output.3 ?? "")
                let value = raw.contains("&") ? Self.decodeEntities(raw) : raw
                if let replacement = replacement(forHref: value) {
                    rewritten += 1
                    return String(match.output.1) + "\"" + replacement + "\""
                }
                if Self.isCollectionLink(value) { collectionLinks.append(value) }
                return String(match.output.0)
            }
        }
        return Result(html: output, rewritten: rewritten, collectionLinks: collectionLinks)
    }

    /// `/articles/<digits>[-…][/]` at the end of a root-relative path or an absolute http(s) URL.
    static func articleIdentifier(inPath link: Substring) -> String? {
        guard let marker = link.range(of: "/articles/", options: .backwards) else { return nil }
        let prefix = link[..<marker.lowerBound]
        guard prefix.isEmpty ? link.hasPrefix("/") && !link.hasPrefix("//") : isAbsoluteHTTP(prefix) else {
            return nil
        }
        var key = link[marker.upperBound...]
        if key.hasSuffix("/") { key = key.dropLast() }
        guard !key.contains("/") else { return nil }
        let digits = key.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count == key.count || key[digits.endIndex] == "-" else { return nil }
        return String(digits)
    }

    static func isCollectionLink(_ href: String) -> Bool {
        guard let marker = href.range(of: "/collections/") else { return false }
        let prefix = href[..<marker.lowerBound]
        return prefix.isEmpty ? href.hasPrefix("/") : isAbsoluteHTTP(prefix)
    }

    private static func isAbsoluteHTTP(_ prefix: Substring) -> Bool {
        guard let url = URL(string: String(prefix)), url.host != nil else { return false }
        return ["http", "https"].contains(url.scheme?.lowercased() ?? "")
    }

    private static func decodeEntities(_ value: String) -> String {
        HTMLEntities.decode(Array(value.utf8)[...])
    }
}
