/// Everything loaded from a content folder.
public struct ContentTree: Sendable {
    public var configuration: Configuration
    /// Sorted by path, parents before children.
    public var collections: [ContentCollection]
    /// Sorted by path.
    public var articles: [Article]
    /// Every regular file under the root (content-relative), including images and files in
    /// `_` folders, so references can be checked without touching the disk again.
    public var files: Set<String>

    public init(
        configuration: Configuration, collections: [ContentCollection], articles: [Article],
        files: Set<String>
    ) {
        self.configuration = configuration
        self.collections = collections
        self.articles = articles
        self.files = files
    }

    /// Articles plus translations: the number of pages a render writes.
    public var pageCount: Int { articles.reduce(0) { $0 + 1 + $1.translations.count } }

    public func collection(atPath path: String) -> ContentCollection? {
        collections.first { $0.path == path }
    }
}
