/// A translation of an article: `name.<lang>.md` beside `name.md`. It shares the article's
/// slug, collection and settings; only the title and body are its own.
public struct Translation: Sendable, Hashable {
    /// A two-letter code (`fr`) or language and region (`pt-BR`).
    public var language: String
    /// Path relative to the content root, e.g. `getting-started/install.fr.md`.
    public var path: String
    public var title: String
    public var markdown: String
    public var bodyLineOffset: Int
    public var frontMatter: FrontMatter
    /// Set when the body is not the file's lines one for one (see `RenderInput.sourceLines`).
    public var sourceLines: [Int]? = nil

    public init(
        language: String, path: String, title: String, markdown: String, bodyLineOffset: Int,
        frontMatter: FrontMatter
    ) {
        self.language = language
        self.path = path
        self.title = title
        self.markdown = markdown
        self.bodyLineOffset = bodyLineOffset
        self.frontMatter = frontMatter
    }

    public var renderInput: RenderInput {
        RenderInput(
            markdown: markdown, path: path, lineOffset: bodyLineOffset, title: title, sourceLines: sourceLines
        )
    }

    /// The language code in a file name `name.<lang>.md`, or nil when the name has none.
    /// Accepts `fr` and `pt-BR` (also `pt-br`), which is what Pylon's language codes look like.
    public static func languageCode(inFileName name: String) -> (base: String, language: String)? {
        guard name.hasSuffix(".md") else { return nil }
        let stem = name.dropLast(3)
        guard let dot = stem.lastIndex(of: "."), dot > stem.startIndex else { return nil }
        let code = stem[stem.index(after: dot)...]
        let parts = code.split(separator: "-", omittingEmptySubsequences: false)
        let isLetters = { (part: Substring, count: Int) in
            part.count == count
                && part.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) }
        }
        guard isLetters(parts[0], 2), parts[0] == parts[0].lowercased() else { return nil }
        if parts.count == 2 {
            guard isLetters(parts[1], 2) else { return nil }
            return (String(stem[..<dot]) + ".md", "\(parts[0])-\(parts[1].uppercased())")
        }
        guard parts.count == 1 else { return nil }
        return (String(stem[..<dot]) + ".md", String(parts[0]))
    }
}
