/// A collection: a folder of the content tree that holds articles (directly or in
/// sub-folders). Nested folders are sub-collections.
public struct ContentCollection: Sendable, Hashable {
    /// The folder, relative to the content root, e.g. `guides/integrations`.
    public var path: String
    /// The parent collection's folder, or nil for a top-level collection.
    public var parentPath: String?
    public var slug: String
    public var title: String
    public var description: String?
    /// `visibility` in `_collection.yml`; nil when not set (Pylon's default, public). Applied
    /// only where the server takes collection visibility (newer surface).
    public var visibility: ArticleVisibility?

    public init(
        path: String, parentPath: String?, slug: String, title: String, description: String?,
        visibility: ArticleVisibility? = nil
    ) {
        self.visibility = visibility
        self.path = path
        self.parentPath = parentPath
        self.slug = slug
        self.title = title
        self.description = description
    }

    public static let fileName = "_collection.yml"

    /// "getting-started" → "Getting started": the title a folder gets without `_collection.yml`.
    public static func humanisedTitle(folderName: String) -> String {
        let words = folderName.split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == " " })
        let sentence = words.joined(separator: " ")
        guard let first = sentence.first else { return folderName }
        return first.uppercased() + sentence.dropFirst()
    }
}
