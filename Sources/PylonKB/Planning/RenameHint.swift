/// A new article that looks like a removed one, but not enough to act on: the texts score
/// under `rename_similarity_threshold` (or the match is not clear). The plan shows it so a
/// reviewer can confirm it with `previous_slugs`; apply ignores it (docs/renames-and-redirects.md).
public struct RenameHint: Sendable, Codable, Equatable {
    /// The new file.
    public var source: String
    public var slug: String
    /// The removed article it looks like.
    public var existing: ExistingArticle
    /// Jaccard similarity of the texts, 0–1.
    public var similarity: Double

    public init(source: String, slug: String, existing: ExistingArticle, similarity: Double) {
        self.source = source
        self.slug = slug
        self.existing = existing
        self.similarity = similarity
    }
}
