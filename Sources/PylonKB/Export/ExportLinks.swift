import Foundation
import PylonHTML

/// Recognises links to articles of the knowledge base being exported, in every form they take:
/// root-relative (`/articles/123-install#step-2`), absolute on the help center
/// (`https://help.example.com/articles/123-install`), or an article's own `url` as the API
/// reports it. The part before `/articles/` is the link's *prefix* ("" for root-relative).
struct ExportLinks: Sendable {
    /// `<identifier>-<slug>` → article id.
    private let articleIDsByKey: [String: String]

    init(articles: [RemoteArticle]) {
        var keys: [String: String] = [:]
        for article in articles {
            guard let identifier = article.identifier else { continue }
            keys["\(identifier)-\(article.slug)"] = article.id
        }
        articleIDsByKey = keys
    }

    /// A link to an article of this knowledge base.
    struct Match: Equatable {
        var articleID: String
        /// "" for a root-relative link, else scheme, host and any path before `/articles/`.
        var prefix: String
        /// With its `#`, or "".
        var fragment: String
    }

    func match(_ href: String) -> Match? {
        var rest = Substring(href)
        var fragment = ""
        if let hash = rest.firstIndex(of: "#") {
            fragment = String(rest[hash...])
            rest = rest[..<hash]
        }
        // A query string would be lost in a Markdown file link; such links stay as they are.
        guard !rest.contains("?"), let marker = rest.range(of: "/articles/", options: .backwards) else {
            return nil
        }
        var key = rest[marker.upperBound...]
        if key.hasSuffix("/") { key = key.dropLast() }
        guard !key.isEmpty, !key.contains("/"), let id = articleIDsByKey[String(key)] else { return nil }
        let prefix = String(rest[..<marker.lowerBound])
        if !prefix.isEmpty {
            // Only a link that is an absolute http(s) address with a host: a relative path such
            // as `docs/articles/…` is not a knowledge-base link.
            guard let url = URL(string: prefix), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
                url.host != nil
            else { return nil }
        }
        return Match(articleID: id, prefix: prefix, fragment: fragment)
    }

    /// Every href of `<a>` elements in `html`.
    static func hrefs(in html: String) -> [String] {
        var result: [String] = []
        func walk(_ nodes: [HTMLNode]) {
            for case .element(let element) in nodes {
                if element.name == "a", let href = element[attribute: "href"] { result.append(href) }
                walk(element.children)
            }
        }
        walk(HTMLParser.parseFragment(html))
        return result
    }

    /// The site URL the bodies were published with: the prefix most links to articles use
    /// (nil when that is root-relative or there are none), and the prefixes other links use.
    static func dominantPrefix(_ prefixes: [String]) -> (siteURL: String?, others: Set<String>) {
        guard !prefixes.isEmpty else { return (nil, []) }
        var counts: [String: Int] = [:]
        for prefix in prefixes { counts[prefix, default: 0] += 1 }
        // Most used; ties go to root-relative, then the alphabetically first, so it is stable.
        let best = counts.max { left, right in
            if left.value != right.value { return left.value < right.value }
            if left.key.isEmpty != right.key.isEmpty { return left.key.isEmpty }
            return left.key > right.key
        }!.key
        return (best.isEmpty ? nil : best, Set(counts.keys).subtracting([best]))
    }
}
