/// Rendering each page once for both the content check and the plan.
///
/// The check must render every page before the knowledge base has been read, so it cannot know
/// the URLs of the articles and images a page links to. It renders them as placeholders instead
/// (`resolver`), and the planner, once it knows the URLs, replaces the placeholders
/// (`substitute`) rather than rendering every page a second time. A plan used to spend a
/// tenth of its time on that second render, after the knowledge base was read, when nothing
/// else could run.
///
/// Replacing a placeholder gives the bytes a render with the real URL gives only when neither
/// the placeholder's path nor the URL is changed on its way into an attribute: cmark-gfm
/// percent-encodes some characters in `href`/`src` and writes `&` and `'` as entities, and the
/// raw-HTML sanitizer escapes quotes. `substitute` therefore answers nil, and the planner
/// renders that page again, unless every path and URL involved is made only of characters
/// both write as they are.
enum PlaceholderRendering {
    static let imagePrefix = "pylon-kb-image-file:"

    /// For the check: every article or translation in `pagePaths` and every image as a
    /// placeholder naming its content path.
    static func resolver(
        pagePaths: Set<String>, pagesFolder: String = "", servedAddresses: [String: String] = [:]
    ) -> LinkResolver {
        LinkResolver(
            articleURL: { pagePaths.contains($0) ? PendingReference.article($0) : nil },
            imageURL: { imagePrefix + $0 }, pagesFolder: pagesFolder, servedAddresses: servedAddresses)
    }

    /// The page as a render with `resolver` would write it, or nil when that must be rendered.
    /// One pass over the bytes: this runs for every page of every plan.
    static func substitute(_ page: RenderedArticle, resolver: LinkResolver) -> String? {
        var html = page.html
        return html.withUTF8 { bytes -> String? in
            let article = Array(PendingReference.articlePrefix.utf8)
            let image = Array(imagePrefix.utf8)
            // Both placeholders start alike: one search finds either.
            let common = Array(zip(article, image).prefix { $0 == $1 }.map(\.0))
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count + 1024)
            var copied = 0
            var index = 0
            while let found = bytes.firstOffset(of: common, from: index) {
                let isArticle = bytes.hasBytes(article, at: found)
                guard isArticle || bytes.hasBytes(image, at: found) else {
                    index = found + 1
                    continue
                }
                // A placeholder anywhere but at the start of an href or src (text that mentions
                // one, a srcset) would not be replaced the way a render resolves it.
                let attribute = Array((isArticle ? "href=\"" : "src=\"").utf8)
                guard found >= attribute.count, bytes.hasBytes(attribute, at: found - attribute.count) else {
                    return nil
                }
                let pathStart = found + (isArticle ? article.count : image.count)
                var pathEnd = pathStart
                while pathEnd < bytes.count, bytes[pathEnd] != UInt8(ascii: "\""),
                    !(isArticle && bytes[pathEnd] == UInt8(ascii: "#"))
                {
                    pathEnd += 1
                }
                let path = String(
                    decoding: UnsafeBufferPointer(rebasing: bytes[pathStart..<pathEnd]), as: UTF8.self)
                guard isWrittenAsIs(path),
                    let url = isArticle ? resolver.articleURL(path) : resolver.imageURL(path),
                    isWrittenAsIs(url)
                else { return nil }
                output += UnsafeBufferPointer(rebasing: bytes[copied..<found])
                output += url.utf8
                copied = pathEnd
                index = pathEnd
            }
            output += UnsafeBufferPointer(rebasing: bytes[copied...])
            return String(decoding: output, as: UTF8.self)
        }
    }

    /// Only characters that cmark-gfm's href escaping and pylon-kb's attribute serializer both
    /// write unchanged (`&`, `'`, `"`, `<`, `>`, `#`, spaces and non-ASCII are not).
    static func isWrittenAsIs(_ text: String) -> Bool {
        !text.isEmpty
            && text.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"):
                    true
                default:
                    "-._~/:?=;,+!*()@$%".utf8.contains(byte)
                }
            }
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Whether `pattern` starts at `offset`.
    func hasBytes(_ pattern: [UInt8], at offset: Int) -> Bool {
        guard offset >= 0, offset + pattern.count <= count else { return false }
        for (index, byte) in pattern.enumerated() where self[offset + index] != byte { return false }
        return true
    }

    /// The first offset at or after `start` where `pattern` (not empty) starts.
    func firstOffset(of pattern: [UInt8], from start: Int) -> Int? {
        guard let first = pattern.first else { return nil }
        var index = start
        while index + pattern.count <= count {
            if self[index] == first, hasBytes(pattern, at: index) { return index }
            index += 1
        }
        return nil
    }
}
