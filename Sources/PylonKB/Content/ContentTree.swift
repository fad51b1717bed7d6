import Foundation

/// Everything loaded from a content folder.
public struct ContentTree: Sendable {
    /// The content folder everything is relative to (where images are read from).
    public var root: URL
    public var configuration: Configuration
    /// Sorted by path, parents before children.
    public var collections: [ContentCollection]
    /// Sorted by path.
    public var articles: [Article]
    /// Every regular file under the root (content-relative), including images and files in
    /// `_` folders, so references can be checked without touching the disk again.
    public var files: Set<String>
    /// Addresses the old site served a page at besides its file's path, normalised
    /// (`SiteRedirects.normalise`) → article path: its `permalink` and every redirect source
    /// that leads to it (`redirect_from`, Hugo `aliases`, redirect maps). A `/…` link to one
    /// worked on the old site, so it leads to that article (see `LinkTargets`).
    public var servedAddresses: [String: String]

    public init(
        configuration: Configuration, collections: [ContentCollection], articles: [Article],
        files: Set<String>, root: URL = URL(fileURLWithPath: ".", isDirectory: true)
    ) {
        self.root = root
        self.configuration = configuration
        self.collections = collections
        self.articles = articles
        self.files = files
        var addresses: [String: String] = [:]
        for article in articles {
            let permalink = article.frontMatter.permalink.map { [$0] } ?? []
            for address in permalink + article.redirectFrom {
                let key = SiteRedirects.normalise(address)
                if !key.isEmpty, addresses[key] == nil { addresses[key] = article.path }
            }
        }
        servedAddresses = addresses
    }

    /// Articles plus translations: the number of pages a render writes.
    public var pageCount: Int { articles.reduce(0) { $0 + 1 + $1.translations.count } }

    public func collection(atPath path: String) -> ContentCollection? {
        collections.first { $0.path == path }
    }
}
