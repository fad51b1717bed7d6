/// An article body that arrives as Pylon HTML instead of Markdown: `migrate` copies another
/// knowledge base's HTML as it is, because rendering it back through Markdown would change it.
///
/// Links to articles of the same run are `PendingReference.article(path)` placeholders. The
/// planner resolves them exactly like links the renderer writes: to the real URL of an article
/// the knowledge base already holds, else left for apply. So a rerun compares equal.
public struct PrerenderedBody: Sendable, Hashable {
    /// The body to publish (for an unpublished article, its draft).
    public var html: String
    /// A newer, unpublished draft of a published article; nil when the draft is the published
    /// body. Apply publishes `html` first, then saves this as the draft without publishing it.
    public var draftHTML: String?

    public init(html: String, draftHTML: String? = nil) {
        self.html = html
        self.draftHTML = draftHTML
    }
}
