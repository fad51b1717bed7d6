import Foundation
import Yams

/// The redirects a docs site keeps, turned into route redirects to the articles they lead
/// to: Hugo `aliases`, redirect stubs (`redirect_to`, docfx `redirect_url`), docfx's
/// `.openpublishing.redirection.json`, the MkDocs redirects plugin's `redirect_maps` and
/// Docusaurus sites' `vercel.json` redirects. Jekyll `redirect_from` is pylon-kb's own key.
///
/// Targets are found by the address the page had on the old site (its path in the pages
/// folder, its Jekyll `permalink`); a target that is no page of the folder (another site, the
/// home page) cannot be a route redirect and is reported once per kind.
struct SiteRedirects {
    struct Entry {
        var from: String
        var target: String
        var origin: String
        var line: Int?
        /// The target was written as a page path (`new.md`), not an address.
        var targetIsFile = false
    }

    let configuration: Configuration
    var entries: [Entry] = []
    /// Old-site address (normalised) → article path.
    private var addresses: [String: String] = [:]
    private var ambiguous: Set<String> = []
    let articlePaths: Set<String>

    init(articles: [Article], stubs: [ContentLoader.ParsedFile], configuration: Configuration) {
        self.configuration = configuration
        articlePaths = Set(articles.map(\.path))
        for article in articles {
            for address in Self.addresses(
                of: article.path, permalink: article.frontMatter.permalink, configuration)
            {
                if let other = addresses[address], other != article.path {
                    ambiguous.insert(address)
                } else {
                    addresses[address] = article.path
                }
            }
            let section = Self.sectionURL(of: article.path, configuration)
            for alias in article.frontMatter.aliases {
                let from = alias.value.hasPrefix("/") ? alias.value : section + alias.value
                entries.append(
                    Entry(
                        from: from, target: article.path, origin: article.path, line: alias.line,
                        targetIsFile: true))
            }
        }
        for stub in stubs {
            guard let target = stub.frontMatter.redirectTo else { continue }
            let from = stub.frontMatter.permalink ?? Self.oldURL(of: stub.path, configuration)
            entries.append(Entry(from: from, target: target.value, origin: stub.path, line: target.line))
        }
    }

    // MARK: - Addresses on the old site

    /// The page's path inside the pages folder, without extension and without a trailing
    /// `index`/`_index`/`README`: `guides/install`, or "" for the pages folder's own page.
    static func sitePath(of path: String, _ configuration: Configuration) -> String {
        let pages = configuration.pagesFolder
        var inside = pages.isEmpty ? path : String(path.dropFirst(pages.count + 1))
        inside = (inside as NSString).deletingPathExtension
        let last = (inside as NSString).lastPathComponent
        if ["index", "_index", "README", "readme"].contains(last) {
            inside = ContentPath.directory(of: inside)
        }
        return inside
    }

    /// The address the generator gave the page, in its usual URL style (Hugo, MkDocs and
    /// Jekyll end with `/`; Docusaurus and docfx do not).
    static func oldURL(of path: String, _ configuration: Configuration) -> String {
        let site = sitePath(of: path, configuration)
        if site.isEmpty { return "/" }
        switch configuration.dialect {
        case .docusaurus?, .docfx?, nil: return "/" + site
        default: return "/" + site + "/"
        }
    }

    /// The address of the page's section (for Hugo's relative aliases), ending in `/`.
    static func sectionURL(of path: String, _ configuration: Configuration) -> String {
        let pages = configuration.pagesFolder
        let inside = pages.isEmpty ? path : String(path.dropFirst(pages.count + 1))
        let folder = ContentPath.directory(of: inside)
        return folder.isEmpty ? "/" : "/" + folder + "/"
    }

    static func addresses(of path: String, permalink: String?, _ configuration: Configuration) -> [String] {
        var result = [normalise(sitePath(of: path, configuration))]
        if let permalink { result.append(normalise(permalink)) }
        return result
    }

    /// An address reduced to what identifies a page: no scheme and host, no query or
    /// fragment, no `.html`/`.md`, no trailing `/` or `/index`, no leading `/`.
    static func normalise(_ address: String) -> String {
        var text = Substring(address)
        if let scheme = text.range(of: "://") {
            text = text[scheme.upperBound...]
            text = text.firstIndex(of: "/").map { text[$0...] } ?? ""
        }
        if let cut = text.firstIndex(where: { $0 == "?" || $0 == "#" }) { text = text[..<cut] }
        var parts = text.split(separator: "/").map(String.init)
        if let last = parts.last {
            for suffix in [".html", ".htm", ".md", ".mdx"] where last.hasSuffix(suffix) {
                parts[parts.count - 1] = String(last.dropLast(suffix.count))
            }
        }
        if let last = parts.last, ["index", "_index", "README"].contains(last) { parts.removeLast() }
        return parts.joined(separator: "/")
    }

    /// The article an address leads to: exact, else by its last segments when exactly one
    /// page ends that way (docfx's `/vcpkg/consume/x` is the pages folder's `consume/x`).
    func article(at address: String, from origin: String) -> String? {
        var key = Self.normalise(address)
        if !address.hasPrefix("/"), !address.contains("://") {
            // A relative address is relative to the page that wrote it.
            key = Self.normalise(Self.sectionURL(of: origin, configuration) + address)
        }
        if key.isEmpty { return nil }
        if let exact = addresses[key], !ambiguous.contains(key) { return exact }
        var parts = key.split(separator: "/")
        while parts.count > 1 {
            parts.removeFirst()
            let suffix = parts.joined(separator: "/")
            if let found = addresses[suffix], !ambiguous.contains(suffix) { return found }
        }
        return nil
    }
}
