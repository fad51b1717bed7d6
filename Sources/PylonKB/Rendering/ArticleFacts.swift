/// What the renderer noticed about a page that `check` judges afterwards: its headings, every
/// link and image (external ones too) with the text a reader gets, and raw HTML left open.
/// Collected from cmark's tree while it is shaped, so every entry has its file line.
public struct ArticleFacts: Sendable, Hashable {
    public struct Heading: Sendable, Hashable {
        /// The published level (2–6: the body's headings start at `<h2>` under Pylon's title).
        public var level: Int
        public var text: String
        public var line: Int
    }

    public struct Link: Sendable, Hashable {
        /// As written.
        public var destination: String
        /// The text a reader sees (an image's alt text included); nil for a raw HTML `<a>`,
        /// whose text the tag scanner does not read.
        public var text: String?
        public var line: Int
    }

    public struct Image: Sendable, Hashable {
        public var source: String
        /// Nil for a raw HTML `<img>`.
        public var alt: String?
        public var line: Int
    }

    /// A raw HTML construct that is still open where the article ends, so everything after it
    /// is inside it (or, for a comment, gone).
    public struct OpenHTML: Sendable, Hashable {
        /// `<!--`, `<details>`, `<pre>` … as the message names it.
        public var construct: String
        /// The element's name (`details`), or `comment`.
        public var name: String
        public var line: Int
    }

    public var headings: [Heading] = []
    public var links: [Link] = []
    public var images: [Image] = []
    public var openHTML: [OpenHTML] = []

    public init() {}
}
