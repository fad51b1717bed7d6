import PylonHTML

/// The title heading and the body's headings: levels shifted to start at `<h2>`, and an id on
/// each (an explicit `{#id}` kept, otherwise one made from the text).
extension ArticleShaper {
    /// The title is shown by Pylon above the body; a first `# heading` that is the title (or is
    /// used as it, when front matter has none) is not repeated.
    mutating func dropTitleHeading(_ root: CmarkNode) {
        guard let first = root.firstChild, first.kind == .heading, first.headingLevel == 1 else { return }
        if let title = input.title,
            Self.collapsed(Self.withoutExplicitID(Self.plainText(first))) != Self.collapsed(title)
        {
            return
        }
        first.remove()
    }

    /// Body headings start at `<h2>`: the shallowest level used in the body becomes h2 and the
    /// others keep their distance to it (capped at h6), so `##`/`###` bodies stay as written
    /// and `#`/`##` bodies move down one level.
    mutating func shapeHeadings(_ headings: [CmarkNode], document: CmarkDocument) {
        guard let shallowest = headings.map(\.headingLevel).min() else { return }
        let shift = 2 - shallowest
        for heading in headings {
            let level = min(max(heading.headingLevel + shift, 2), 6)
            let id: String
            if let explicit = Self.takeExplicitID(heading) {
                id = slugger.reserve(explicit)
            } else {
                // Trimmed: `## Title <a id="x"></a>` is #title, as Hugo, Docusaurus and MkDocs name it.
                id = slugger.slug(for: Self.plainText(heading).trimmingCharacters(in: .whitespaces))
            }
            anchors.append(id)
            facts.headings.append(
                .init(
                    level: level, text: Self.plainText(heading).trimmingSpaces,
                    line: line(of: heading)))
            // cmark renders headings without attributes, and a custom block would put its
            // content on lines of its own; so the heading is rendered here (one cmark call) and
            // replaced by that HTML with the id added.
            heading.setHeadingLevel(level)
            let rendered = document.renderHTML(heading, options: CmarkGFM.optionUnsafe)
            let openTag = "<h\(level)>"
            precondition(rendered.hasPrefix(openTag), "cmark rendered a heading as \(rendered)")
            let html =
                "<h\(level) id=\"\(HTMLSerializer.escapeAttribute(id))\">" + rendered.dropFirst(openTag.count)
            heading.replace(with: .htmlBlock(html))
        }
    }

    /// Headings written as raw HTML (`<h2>Title</h2>`) get an id from their text too, unless
    /// they have one, so links to them work on the published page as they do on docs sites.
    /// Done after the Markdown headings so those keep the ids GitHub gives them. Runs on the
    /// sanitized blocks, where every tag is in the sanitizer's canonical form.
    mutating func identifyRawHTMLHeadings(_ root: CmarkNode) {
        var blocks: [CmarkNode] = []
        root.forEachDescendant { node in
            if node.kind == .htmlBlock, node.literal?.contains("<h") == true { blocks.append(node) }
        }
        for block in blocks {
            guard let literal = block.literal else { continue }
            let (html, ids) = Self.addingHeadingIDs(to: literal, slugger: &slugger)
            guard !ids.isEmpty else { continue }
            anchors += ids
            block.setLiteral(html)
        }
    }

    /// `html` with an `id` on each `<h1>`…`<h6>` start tag that has none (its text, tags
    /// removed, through the slugger), and the ids added.
    static func addingHeadingIDs(to html: String, slugger: inout HeadingSlugger) -> (String, [String]) {
        var bytes = Array(html.utf8)
        var ids: [String] = []
        var index = 0
        while index + 3 < bytes.count {
            guard bytes[index] == UInt8(ascii: "<"), bytes[index + 1] | 0x20 == UInt8(ascii: "h"),
                (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(bytes[index + 2]),
                bytes[index + 3] == UInt8(ascii: ">") || bytes[index + 3] == UInt8(ascii: " ")
            else {
                index += 1
                continue
            }
            guard let tagEnd = bytes[index...].firstIndex(of: UInt8(ascii: ">")) else { break }
            let tag = String(decoding: bytes[index...tagEnd], as: UTF8.self)
            let close = Array("</h\(Character(Unicode.Scalar(bytes[index + 2])))>".utf8)
            guard !tag.contains(" id=\""),
                let closeStart = Self.firstIndex(of: close, in: bytes, from: tagEnd)
            else {
                index = tagEnd
                continue
            }
            let text = Self.textWithoutTags(bytes[(tagEnd + 1)..<closeStart])
            let id = slugger.slug(for: text)
            ids.append(id)
            let attribute = Array(" id=\"\(HTMLSerializer.escapeAttribute(id))\"".utf8)
            bytes.insert(contentsOf: attribute, at: index + 3)
            index = closeStart + attribute.count
        }
        return (String(decoding: bytes, as: UTF8.self), ids)
    }

    private static func firstIndex(of needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    private static func textWithoutTags(_ bytes: ArraySlice<UInt8>) -> String {
        var text: [UInt8] = []
        var inTag = false
        for byte in bytes {
            if byte == UInt8(ascii: "<") {
                inTag = true
            } else if byte == UInt8(ascii: ">") {
                inTag = false
            } else if !inTag {
                text.append(byte)
            }
        }
        return HTMLEntities.decode(text[...])
    }

    /// Reads and removes a trailing `{#id}` (kramdown, Pandoc, MkDocs attr_list; also
    /// `{: #id .class}`) from a heading, so links written for the old site keep their target.
    private static func takeExplicitID(_ heading: CmarkNode) -> String? {
        guard let last = heading.lastChild, last.kind == .text, let literal = last.literal else { return nil }
        var text = Substring(literal)
        while text.last == " " || text.last == "\t" { text = text.dropLast() }
        guard text.last == "}", let open = text.lastIndex(of: "{") else { return nil }
        var inner = text[text.index(after: open)..<text.index(before: text.endIndex)]
        if inner.first == ":" { inner = inner.dropFirst() }
        guard
            let token = inner.split(separator: " ").first(where: { $0.hasPrefix("#") }),
            token.count > 1,
            token.dropFirst().allSatisfy({ $0.isLetter || $0.isNumber || "-_:.".contains($0) })
        else { return nil }
        var rest = text[..<open]
        while rest.last == " " || rest.last == "\t" { rest = rest.dropLast() }
        last.setLiteral(String(rest))
        return String(token.dropFirst())
    }

    /// `text` without a trailing `{#id}`, so `# Install {#install}` is still the title.
    private static func withoutExplicitID(_ text: String) -> String {
        var trimmed = Substring(text)
        while trimmed.last?.isWhitespace == true { trimmed = trimmed.dropLast() }
        guard trimmed.last == "}", let open = trimmed.lastIndex(of: "{"),
            trimmed[open...].contains("#")
        else { return text }
        return String(trimmed[..<open])
    }

    private static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
